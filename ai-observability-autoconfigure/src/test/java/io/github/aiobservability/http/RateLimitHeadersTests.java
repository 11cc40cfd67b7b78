package io.github.aiobservability.http;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitHeadersTests {

	private static final long NOW = Instant.parse("2026-11-28T10:00:00Z").toEpochMilli();

	@Test
	void readsOpenAiHeadersWithGoDurations() {
		List<RateLimitHeaders.Reading> readings = RateLimitHeaders
			.read(Map.of("x-ratelimit-limit-requests", "500", "x-ratelimit-remaining-requests", "499",
					"x-ratelimit-reset-requests", "120ms", "x-ratelimit-limit-tokens", "30000",
					"x-ratelimit-remaining-tokens", "29000", "x-ratelimit-reset-tokens", "6m0s")::get, NOW);

		assertThat(readings).containsExactly(new RateLimitHeaders.Reading("requests", 500, 499, NOW + 120),
				new RateLimitHeaders.Reading("tokens", 30000, 29000, NOW + 360_000));
	}

	@Test
	void readsAnthropicHeadersWithRfc3339Resets() {
		List<RateLimitHeaders.Reading> readings = RateLimitHeaders.read(Map.of("anthropic-ratelimit-requests-limit",
				"50", "anthropic-ratelimit-requests-remaining", "49", "anthropic-ratelimit-requests-reset",
				"2026-11-28T10:00:01Z", "anthropic-ratelimit-input-tokens-limit", "40000",
				"anthropic-ratelimit-input-tokens-remaining", "1000", "anthropic-ratelimit-input-tokens-reset",
				"2026-11-28T11:00:30+01:00", "anthropic-ratelimit-output-tokens-limit", "8000",
				"anthropic-ratelimit-output-tokens-remaining", "7990")::get, NOW);

		assertThat(readings).containsExactly(new RateLimitHeaders.Reading("requests", 50, 49, NOW + 1000),
				new RateLimitHeaders.Reading("input_tokens", 40000, 1000, NOW + 30_000),
				new RateLimitHeaders.Reading("output_tokens", 8000, 7990, -1));
	}

	@Test
	void skipsAResourceWithoutBothCountsOrWithCountsThatAreNotNumbers() {
		assertThat(RateLimitHeaders.read(Map.of("x-ratelimit-limit-requests", "500")::get, NOW)).isEmpty();
		assertThat(RateLimitHeaders
			.read(Map.of("x-ratelimit-limit-requests", "many", "x-ratelimit-remaining-requests", "1")::get, NOW))
			.isEmpty();
		assertThat(RateLimitHeaders
			.read(Map.of("x-ratelimit-limit-requests", "-5", "x-ratelimit-remaining-requests", "1")::get, NOW))
			.isEmpty();
		assertThat(RateLimitHeaders.read(Map.of("x-ratelimit-limit-tokens", "10", "x-ratelimit-remaining-tokens", "1",
				"x-ratelimit-reset-tokens", "soon")::get, NOW))
			.containsExactly(new RateLimitHeaders.Reading("tokens", 10, 1, -1));
	}

	@Test
	void parsesOpenAiDurations() {
		assertThat(RateLimitHeaders.durationMillis("1s")).isEqualTo(1000);
		assertThat(RateLimitHeaders.durationMillis("6m0s")).isEqualTo(360_000);
		assertThat(RateLimitHeaders.durationMillis("20ms")).isEqualTo(20);
		assertThat(RateLimitHeaders.durationMillis("1h2m3.5s")).isEqualTo(3_723_500);
		assertThat(RateLimitHeaders.durationMillis("0.5s")).isEqualTo(500);
		assertThat(RateLimitHeaders.durationMillis("1500us")).isEqualTo(2);
		assertThat(RateLimitHeaders.durationMillis("")).isNegative();
		assertThat(RateLimitHeaders.durationMillis("5")).isNegative();
		assertThat(RateLimitHeaders.durationMillis("5d")).isNegative();
		assertThat(RateLimitHeaders.durationMillis("m5")).isNegative();
	}

}

package io.github.aiobservability.sample.mock;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RateLimiterTests {

	private final AtomicLong now = new AtomicLong(1_000_000_000L);

	private final MockProviderProperties properties = new MockProviderProperties();

	private final RateLimiter limiter = new RateLimiter(this.properties, this.now::get);

	private final MockProviderProperties.RateLimit limit = limit(3, 1000);

	@Test
	void countsRequestsAndTokensDownWithinTheWindow() {
		RateLimiter.Decision first = this.limiter.admit("m", this.limit, 100);
		advance(Duration.ofSeconds(20));
		RateLimiter.Decision second = this.limiter.admit("m", this.limit, 250);

		assertThat(first.admitted()).isTrue();
		assertThat(first.headers()).containsEntry("x-ratelimit-limit-requests", "3")
			.containsEntry("x-ratelimit-remaining-requests", "2")
			.containsEntry("x-ratelimit-reset-requests", "1m0s")
			.containsEntry("x-ratelimit-limit-tokens", "1000")
			.containsEntry("x-ratelimit-remaining-tokens", "900")
			.containsEntry("x-ratelimit-reset-tokens", "1m0s");
		assertThat(second.admitted()).isTrue();
		assertThat(second.headers()).containsEntry("x-ratelimit-remaining-requests", "1")
			.containsEntry("x-ratelimit-remaining-tokens", "650")
			.containsEntry("x-ratelimit-reset-requests", "40s");
	}

	@Test
	void refusesARequestOnceTheRequestsAreSpentUntilTheWindowCloses() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.limiter.admit("m", this.limit, 10).admitted()).isTrue();
		}
		advance(Duration.ofMillis(45_500));

		RateLimiter.Decision refused = this.limiter.admit("m", this.limit, 10);

		assertThat(refused.admitted()).isFalse();
		assertThat(refused.spent()).isEqualTo("requests");
		assertThat(refused.requestsRemaining()).isZero();
		assertThat(refused.tokensRemaining()).isEqualTo(970);
		assertThat(refused.headers()).containsEntry("x-ratelimit-reset-requests", "14.5s");
		assertThat(refused.retryAfterSeconds()).isEqualTo(15);
		advance(Duration.ofMillis(14_500));
		RateLimiter.Decision refilled = this.limiter.admit("m", this.limit, 10);
		assertThat(refilled.admitted()).isTrue();
		assertThat(refilled.requestsRemaining()).isEqualTo(2);
		assertThat(refilled.tokensRemaining()).isEqualTo(990);
	}

	@Test
	void refusesARequestWhoseTokensExceedThoseLeftAndCountsNothingForIt() {
		assertThat(this.limiter.admit("m", this.limit, 900).admitted()).isTrue();

		RateLimiter.Decision refused = this.limiter.admit("m", this.limit, 101);

		assertThat(refused.admitted()).isFalse();
		assertThat(refused.spent()).isEqualTo("tokens");
		assertThat(refused.requestsRemaining()).isEqualTo(2);
		assertThat(refused.tokensRemaining()).isEqualTo(100);
		assertThat(this.limiter.admit("m", this.limit, 100).admitted()).isTrue();
	}

	@Test
	void aRequestThatTakesNoTokensLeavesTheTokensBudgetFull() {
		RateLimiter.Decision decision = this.limiter.admit("m", this.limit, 0);

		assertThat(decision.headers()).containsEntry("x-ratelimit-remaining-requests", "2")
			.containsEntry("x-ratelimit-remaining-tokens", "1000")
			.containsEntry("x-ratelimit-reset-tokens", "0s");
	}

	@Test
	void eachModelHasItsOwnWindow() {
		for (int i = 0; i < 3; i++) {
			this.limiter.admit("m", this.limit, 10);
		}

		assertThat(this.limiter.admit("m", this.limit, 10).admitted()).isFalse();
		assertThat(this.limiter.admit("other", this.limit, 10).admitted()).isTrue();
	}

	@Test
	void refusesABudgetBelowOne() {
		this.properties.getModels().put("m", new MockProviderProperties.ModelProfile());
		this.properties.getModels().get("m").getRateLimit().setTokens(0);

		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> new RateLimiter(this.properties))
			.withMessageContaining("sample.mock.models.m.rate-limit.tokens");
	}

	private void advance(Duration duration) {
		this.now.addAndGet(duration.toNanos());
	}

	private static MockProviderProperties.RateLimit limit(long requests, long tokens) {
		MockProviderProperties.RateLimit limit = new MockProviderProperties.RateLimit();
		limit.setRequests(requests);
		limit.setTokens(tokens);
		return limit;
	}

}

package io.github.aiobservability.sample.mock;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAiDurationsTests {

	@Test
	void writesDurationsAsOpenAiResetHeadersDo() {
		assertThat(OpenAiDurations.format(Duration.ZERO)).isEqualTo("0s");
		assertThat(OpenAiDurations.format(Duration.ofMillis(20))).isEqualTo("20ms");
		assertThat(OpenAiDurations.format(Duration.ofMillis(999))).isEqualTo("999ms");
		assertThat(OpenAiDurations.format(Duration.ofSeconds(1))).isEqualTo("1s");
		assertThat(OpenAiDurations.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
		assertThat(OpenAiDurations.format(Duration.ofMillis(8640))).isEqualTo("8.64s");
		assertThat(OpenAiDurations.format(Duration.ofMinutes(6))).isEqualTo("6m0s");
		assertThat(OpenAiDurations.format(Duration.ofMillis(179_560))).isEqualTo("2m59.56s");
		assertThat(OpenAiDurations.format(Duration.ofHours(1))).isEqualTo("1h0m0s");
	}

	@Test
	void dropsWhatIsBelowAMillisecondAndCountsANegativeDurationAsZero() {
		assertThat(OpenAiDurations.format(Duration.ofNanos(1_999_999))).isEqualTo("1ms");
		assertThat(OpenAiDurations.format(Duration.ofNanos(999_999))).isEqualTo("0s");
		assertThat(OpenAiDurations.format(Duration.ofSeconds(-3))).isEqualTo("0s");
	}

}

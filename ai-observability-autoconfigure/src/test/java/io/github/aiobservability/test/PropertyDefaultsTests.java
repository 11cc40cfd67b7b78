package io.github.aiobservability.test;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The fixtures' defaults are the properties' own: read from a new instance of the class the
 * generated metadata names, they agree with the defaults the processor could compute.
 */
class PropertyDefaultsTests {

	@Test
	void readsTheDefaultsTheMetadataAlsoShows() {
		assertThat(PropertyDefaults.of("ai.observability.max-label-sets")).isEqualTo(1000);
		assertThat(PropertyDefaults.of("ai.observability.enabled")).isEqualTo(true);
		assertThat(PropertyDefaults.of("ai.observability.thresholds.error-rate")).isEqualTo(0.05);
		assertThat(PropertyDefaults.of("ai.observability.thresholds.latency-p99")).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void readsTheDefaultsTheMetadataCannotShow() {
		assertThat(PropertyDefaults.durations("ai.observability.latency-buckets")).hasSizeGreaterThan(1)
			.isSorted()
			.contains(Duration.ofSeconds(10));
		assertThat(PropertyDefaults.durations("ai.observability.time-to-first-token-buckets")).hasSizeGreaterThan(1)
			.isSorted();
	}

	@Test
	void failsForAPropertyTheStarterDoesNotHave() {
		assertThatIllegalStateException().isThrownBy(() -> PropertyDefaults.of("ai.observability.no-such-property"))
			.withMessageContaining("ai.observability.no-such-property");
	}

}

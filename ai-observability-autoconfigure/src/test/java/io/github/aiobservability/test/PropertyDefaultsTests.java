package io.github.aiobservability.test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import org.springframework.boot.convert.DurationStyle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The fixtures' defaults are the properties' own: read from a new instance of the class
 * the generated metadata names, they agree with every default the processor could
 * compute.
 */
class PropertyDefaultsTests {

	@Test
	void readsTheDefaultOfEveryPropertyTheMetadataAlsoShows() {
		Map<String, String> shown = new TreeMap<>();
		PropertyDefaults.metadata().forEach((name, entry) -> {
			if (entry.has("defaultValue")) {
				shown.put(name, entry.path("defaultValue").asString());
			}
		});

		assertThat(shown).containsKeys("ai.observability.max-label-sets", "ai.observability.thresholds.latency-p99");
		shown.forEach(
				(name, value) -> assertThat(same(PropertyDefaults.of(name), value)).as(name + " = " + value).isTrue());
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

	/**
	 * Whether a default is the one the metadata shows, as a property value would be
	 * written.
	 */
	private static boolean same(Object value, String shown) {
		if (value instanceof Duration duration) {
			return duration.equals(DurationStyle.detectAndParse(shown));
		}
		if (value instanceof Number number) {
			return new BigDecimal(number.toString()).compareTo(new BigDecimal(shown)) == 0;
		}
		if (value instanceof Enum<?> constant) {
			return constant.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(shown);
		}
		return String.valueOf(value).equals(shown);
	}

}

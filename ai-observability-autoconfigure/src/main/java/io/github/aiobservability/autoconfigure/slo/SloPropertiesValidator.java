package io.github.aiobservability.autoconfigure.slo;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.aiobservability.autoconfigure.AiObservabilityProperties;
import io.github.aiobservability.support.GlobPattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Checks the entries of {@code ai.observability.slos} once bound, as the root validator
 * checks every other group: each failure is Boot's
 * {@link InvalidConfigurationPropertyValueException} naming the property, its value and
 * what is allowed. An unknown {@code sli} never gets here: binding it fails first, naming
 * the property and the allowed values.
 */
public final class SloPropertiesValidator {

	/** The shortest period: the slowest alert looks 3 days back. */
	static final Duration MIN_PERIOD = Duration.ofDays(7);

	/**
	 * The longest period: the rules count a period's budget over at most 35 days (and
	 * Prometheus must keep that long).
	 */
	static final Duration MAX_PERIOD = Duration.ofDays(35);

	private static final String PREFIX = AiObservabilityProperties.CONFIG_PREFIX + ".";

	/** The names an objective may take: its label, and part of alert URLs. */
	private static final String NAME = "[A-Za-z0-9_.-]+";

	private SloPropertiesValidator() {
	}

	/**
	 * Checks every objective.
	 * @param slos the entries of {@code ai.observability.slos}
	 * @param latencyBuckets the boundaries of the latency histogram, already checked
	 * @param timeToFirstTokenBuckets the boundaries of the time-to-first-token histogram,
	 * already checked
	 * @throws InvalidConfigurationPropertyValueException on the first bad value
	 */
	public static void validate(List<SloProperties> slos, List<Duration> latencyBuckets,
			List<Duration> timeToFirstTokenBuckets) {
		Set<String> names = new HashSet<>();
		for (int i = 0; i < slos.size(); i++) {
			String property = PREFIX + "slos[" + i + "]";
			SloProperties slo = slos.get(i);
			String name = slo.getName();
			if (name == null || !name.matches(NAME) || !names.add(name)) {
				throw invalid(property + ".name", name, "a unique name of letters, digits, '_', '.' or '-'");
			}
			SloProperties.Sli sli = slo.getSli();
			if (sli == null) {
				throw invalid(property + ".sli", "(unset)", "availability, latency or time-to-first-token");
			}
			Double objective = slo.getObjective();
			if (objective == null || !(objective > 0 && objective < 1)) {
				throw invalid(property + ".objective", (objective != null) ? objective : "(unset)",
						"a share of good calls above 0 and below 1, such as 0.995");
			}
			validateThreshold(property + ".threshold", slo.getThreshold(), sli,
					(sli == SloProperties.Sli.LATENCY) ? latencyBuckets : timeToFirstTokenBuckets);
			validateModels(property + ".models", slo.getModels());
			Duration period = slo.getPeriod();
			if (period == null || period.compareTo(MIN_PERIOD) < 0 || period.compareTo(MAX_PERIOD) > 0) {
				throw invalid(property + ".period", period, "a period from 7d to 35d, such as 30d or 28d");
			}
		}
	}

	private static void validateThreshold(String property, @Nullable Duration threshold, SloProperties.Sli sli,
			List<Duration> buckets) {
		String bucketsProperty = sli.buckets();
		if (bucketsProperty == null) {
			if (threshold != null) {
				throw invalid(property, threshold, "unset, as the sli is " + sli.label() + ", which has no threshold");
			}
			return;
		}
		if (threshold == null || !buckets.contains(threshold)) {
			String boundaries = buckets.stream().map(SloPropertiesValidator::format).collect(Collectors.joining(", "));
			throw invalid(property, (threshold != null) ? threshold : "(unset)",
					"one of the bucket boundaries of " + PREFIX + bucketsProperty + " (" + boundaries
							+ "): the rules count the good calls in that bucket");
		}
	}

	private static void validateModels(String property, @Nullable List<String> models) {
		if (models == null || models.isEmpty()) {
			throw invalid(property, "[]", "at least one model name or pattern, such as * for every model");
		}
		for (int i = 0; i < models.size(); i++) {
			try {
				GlobPattern.compile(models.get(i));
			}
			catch (IllegalArgumentException ex) {
				throw invalid(property + "[" + i + "]", models.get(i), "a model name or pattern: " + ex.getMessage());
			}
		}
	}

	/** A duration as a property would set it: 10s, 500ms, 2m. */
	private static String format(Duration duration) {
		if (duration.toMillisPart() != 0 || duration.isZero()) {
			return duration.toMillis() + "ms";
		}
		return (duration.getSeconds() % 60 != 0) ? duration.getSeconds() + "s" : duration.toMinutes() + "m";
	}

	private static InvalidConfigurationPropertyValueException invalid(String name, @Nullable Object value,
			String allowed) {
		return new InvalidConfigurationPropertyValueException(name, value, "Allowed is " + allowed + ".");
	}

}

package io.github.aiobservability.autoconfigure.thresholds;

import java.util.List;

import io.github.aiobservability.autoconfigure.AiObservabilityProperties;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import static io.github.aiobservability.autoconfigure.PropertyChecks.invalid;
import static io.github.aiobservability.autoconfigure.PropertyChecks.positive;
import static io.github.aiobservability.autoconfigure.PropertyChecks.requirePattern;

/**
 * Checks {@code ai.observability.thresholds} once bound: a threshold the alert rules
 * cannot use would silence an alert or make it fire always.
 */
public final class ThresholdsPropertiesValidator {

	private static final String PREFIX = AiObservabilityProperties.CONFIG_PREFIX + ".thresholds.";

	private static final String SHARE_RULE = "a share from 0 (exclusive) to 1";

	private ThresholdsPropertiesValidator() {
	}

	/**
	 * Checks the thresholds.
	 * @param thresholds the bound thresholds
	 * @throws InvalidConfigurationPropertyValueException naming the first bad value
	 */
	public static void validate(ThresholdsProperties thresholds) {
		share(PREFIX + "error-rate", thresholds.getErrorRate());
		positive(PREFIX + "latency-p99", thresholds.getLatencyP99(), "10s");
		positive(PREFIX + "time-to-first-token-p95", thresholds.getTimeToFirstTokenP95(), "3s");
		positiveNumber(PREFIX + "daily-cost-warning", thresholds.getDailyCostWarning(), "a positive amount");
		double critical = thresholds.getDailyCostCritical();
		if (!(critical >= thresholds.getDailyCostWarning() && critical <= Double.MAX_VALUE)) {
			throw invalid(PREFIX + "daily-cost-critical", critical,
					"an amount at least daily-cost-warning (" + thresholds.getDailyCostWarning() + ")");
		}
		positiveNumber(PREFIX + "monthly-cost", thresholds.getMonthlyCost(), "a positive amount");
		positiveNumber(PREFIX + "input-tokens-per-minute", thresholds.getInputTokensPerMinute(),
				"a positive number of tokens");
		positiveNumber(PREFIX + "rate-limited-per-minute", thresholds.getRateLimitedPerMinute(),
				"a positive number of responses");
		positiveNumber(PREFIX + "requests-per-second", thresholds.getRequestsPerSecond(), "a positive rate");
		share(PREFIX + "rate-limit-headroom", thresholds.getRateLimitHeadroom());
		positiveNumber(PREFIX + "retries-per-request", thresholds.getRetriesPerRequest(),
				"a positive number of retries per call");
		List<ModelThresholdsProperties> models = thresholds.getModels();
		for (int i = 0; i < models.size(); i++) {
			validateModelThresholds(PREFIX + "models[" + i + "]", models.get(i));
		}
	}

	private static void validateModelThresholds(String property, ModelThresholdsProperties entry) {
		requirePattern(property + ".model", entry.getModel(), "a model name or pattern: ");
		if (entry.getLatencyP99() == null && entry.getTimeToFirstTokenP95() == null && entry.getErrorRate() == null
				&& entry.getRateLimitHeadroom() == null) {
			throw invalid(property, entry.getModel(), "an entry that sets at least one of latency-p99, "
					+ "time-to-first-token-p95, error-rate and rate-limit-headroom");
		}
		if (entry.getErrorRate() != null) {
			share(property + ".error-rate", entry.getErrorRate());
		}
		positive(property + ".latency-p99", entry.getLatencyP99(), "60s");
		positive(property + ".time-to-first-token-p95", entry.getTimeToFirstTokenP95(), "20s");
		if (entry.getRateLimitHeadroom() != null) {
			share(property + ".rate-limit-headroom", entry.getRateLimitHeadroom());
		}
	}

	private static void share(String property, double value) {
		if (!(value > 0 && value <= 1)) {
			throw invalid(property, value, SHARE_RULE);
		}
	}

	private static void positiveNumber(String property, double value, String allowed) {
		if (!(value > 0 && value <= Double.MAX_VALUE)) {
			throw invalid(property, value, allowed);
		}
	}

}

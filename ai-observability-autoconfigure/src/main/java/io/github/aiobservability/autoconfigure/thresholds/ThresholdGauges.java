package io.github.aiobservability.autoconfigure.thresholds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.aiobservability.autoconfigure.InvalidPropertyException;
import io.github.aiobservability.metrics.AiMetricLabels;
import io.github.aiobservability.metrics.AiMetricNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Exports the configured thresholds as {@code ai_api_threshold{name="..."}} gauges. With
 * several applications scraped, each series carries its own {@code job} and
 * {@code instance}, so the rules hold each application to its own thresholds.
 */
public class ThresholdGauges implements MeterBinder {

	private static final Log logger = LogFactory.getLog(ThresholdGauges.class);

	/** The threshold names, as the {@code name} label and the alert rules know them. */
	public static final String ERROR_RATE = "error_rate";

	public static final String LATENCY_P99_SECONDS = "latency_p99_seconds";

	public static final String TIME_TO_FIRST_TOKEN_P95_SECONDS = "time_to_first_token_p95_seconds";

	public static final String DAILY_COST_WARNING = "daily_cost_warning";

	public static final String DAILY_COST_CRITICAL = "daily_cost_critical";

	public static final String MONTHLY_COST = "monthly_cost";

	public static final String INPUT_TOKENS_PER_MINUTE = "input_tokens_per_minute";

	public static final String RATE_LIMITED_PER_MINUTE = "rate_limited_per_minute";

	public static final String REQUESTS_PER_SECOND = "requests_per_second";

	public static final String RATE_LIMIT_HEADROOM = "rate_limit_headroom";

	public static final String RETRIES_PER_REQUEST = "retries_per_request";

	private final Map<String, Double> thresholds;

	private final Tags staticTags;

	/**
	 * Creates the gauges, checking each threshold is in range.
	 * @param properties the thresholds
	 * @param staticTags the tags of every ai_* meter
	 * @throws InvalidPropertyException for a threshold out of range
	 */
	public ThresholdGauges(AiThresholdsProperties properties, Tags staticTags) {
		this.staticTags = staticTags;
		Map<String, Double> values = new LinkedHashMap<>();
		values.put(ERROR_RATE, check("error-rate", properties.getErrorRate(), 0, 1, "a share from 0 (exclusive) to 1"));
		values.put(LATENCY_P99_SECONDS, check("latency-p99", properties.getLatencyP99().toNanos() / 1e9, 0,
				Double.MAX_VALUE, "a positive duration such as 10s"));
		values.put(TIME_TO_FIRST_TOKEN_P95_SECONDS, check("time-to-first-token-p95",
				properties.getTimeToFirstTokenP95().toNanos() / 1e9, 0, Double.MAX_VALUE,
				"a positive duration such as 3s"));
		values.put(DAILY_COST_WARNING, check("daily-cost-warning", properties.getDailyCostWarning(), 0,
				Double.MAX_VALUE, "a positive amount"));
		values.put(DAILY_COST_CRITICAL, check("daily-cost-critical", properties.getDailyCostCritical(),
				properties.getDailyCostWarning() - Math.ulp(properties.getDailyCostWarning()), Double.MAX_VALUE,
				"an amount at least daily-cost-warning (" + properties.getDailyCostWarning() + ")"));
		values.put(MONTHLY_COST, check("monthly-cost", properties.getMonthlyCost(), 0, Double.MAX_VALUE,
				"a positive amount"));
		values.put(INPUT_TOKENS_PER_MINUTE, check("input-tokens-per-minute", properties.getInputTokensPerMinute(), 0,
				Double.MAX_VALUE, "a positive number of tokens"));
		values.put(RATE_LIMITED_PER_MINUTE, check("rate-limited-per-minute", properties.getRateLimitedPerMinute(), 0,
				Double.MAX_VALUE, "a positive number of responses"));
		values.put(REQUESTS_PER_SECOND, check("requests-per-second", properties.getRequestsPerSecond(), 0,
				Double.MAX_VALUE, "a positive rate"));
		values.put(RATE_LIMIT_HEADROOM, check("rate-limit-headroom", properties.getRateLimitHeadroom(), 0, 1,
				"a share from 0 (exclusive) to 1"));
		values.put(RETRIES_PER_REQUEST, check("retries-per-request", properties.getRetriesPerRequest(), 0,
				Double.MAX_VALUE, "a positive number of retries per call"));
		this.thresholds = Map.copyOf(values);
	}

	/**
	 * The thresholds by name.
	 * @return the values the gauges report
	 */
	public Map<String, Double> thresholds() {
		return this.thresholds;
	}

	/**
	 * Registers the gauges. A registry that refuses one costs the alert rules that
	 * threshold (they fall back to the bundle's default), not the application its
	 * startup: the failure is logged instead of thrown.
	 */
	@Override
	public void bindTo(MeterRegistry registry) {
		List<String> refused = new ArrayList<>();
		RuntimeException firstFailure = null;
		for (Map.Entry<String, Double> threshold : this.thresholds.entrySet()) {
			double value = threshold.getValue();
			try {
				Gauge.builder(AiMetricNames.THRESHOLD.value(), () -> value)
					.description("Alert threshold configured in the application (costs in the configured currency)")
					.tag(AiMetricLabels.NAME, threshold.getKey())
					.tags(this.staticTags)
					.strongReference(true)
					.register(registry);
			}
			catch (RuntimeException ex) {
				refused.add(threshold.getKey());
				firstFailure = (firstFailure != null) ? firstFailure : ex;
			}
		}
		if (firstFailure != null) {
			logger.warn("Could not register the ai_api_threshold gauges " + refused
					+ "; alert rules use their defaults for them", firstFailure);
		}
	}

	/**
	 * Checks {@code lowerExclusive < value <= upperInclusive}.
	 */
	private static double check(String property, double value, double lowerExclusive, double upperInclusive,
			String allowed) {
		if (!(value > lowerExclusive && value <= upperInclusive)) {
			throw new InvalidPropertyException(AiThresholdsProperties.CONFIG_PREFIX + "." + property, value, allowed);
		}
		return value;
	}

}

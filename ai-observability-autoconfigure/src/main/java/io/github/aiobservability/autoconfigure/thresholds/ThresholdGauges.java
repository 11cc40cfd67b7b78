package io.github.aiobservability.autoconfigure.thresholds;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.aiobservability.metrics.AiMetricLabels;
import io.github.aiobservability.metrics.AiMetricNames;
import io.github.aiobservability.metrics.ModelLabelListener;
import io.github.aiobservability.support.GlobPattern;
import io.github.aiobservability.support.OneTimeLogger;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Exports the configured thresholds as {@code ai_api_threshold{name="...", model="..."}}
 * gauges. With several applications scraped, each series carries its own {@code job} and
 * {@code instance}, so the rules hold each application to its own thresholds.
 * <p>
 * The application's thresholds carry an empty {@code model}, which Prometheus stores as
 * no label at all ({@link #APPLICATION_MODEL}). A model that matches an entry of
 * {@code ai.observability.thresholds.models} gets its own series of each threshold the
 * entry sets, with its model label, once that label appears on the call meters: the alert
 * rules join series on concrete model names, never on patterns. Those series are as
 * bounded as the model label ({@code ai.observability.max-models}).
 */
public class ThresholdGauges implements MeterBinder, ModelLabelListener {

	private static final Log logger = LogFactory.getLog(ThresholdGauges.class);

	/**
	 * The {@code model} label of the application's thresholds: empty, which Prometheus
	 * stores as no label, so that a rule selects them with {@code model=""}. Every series
	 * of a meter needs the same label keys, hence a value rather than no label.
	 */
	public static final String APPLICATION_MODEL = "";

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

	// Per instance: each application context warns once, whatever ran before in the JVM.
	private final OneTimeLogger modelLogger = new OneTimeLogger(ThresholdGauges.class);

	private final Map<String, Double> thresholds;

	private final List<ModelEntry> models;

	private final Tags staticTags;

	/** The registries bound so far; also guards {@link #modelThresholds}. */
	private final List<MeterRegistry> registries = new ArrayList<>();

	/** The thresholds of each model label seen that has some of its own. */
	private final Map<String, Map<String, Double>> modelThresholds = new LinkedHashMap<>();

	/**
	 * Creates the gauges of thresholds checked when they were bound.
	 * @param properties the thresholds
	 * @param staticTags the tags of every ai_* meter
	 */
	public ThresholdGauges(ThresholdsProperties properties, Tags staticTags) {
		this.staticTags = staticTags;
		Map<String, Double> values = new LinkedHashMap<>();
		values.put(ERROR_RATE, properties.getErrorRate());
		values.put(LATENCY_P99_SECONDS, seconds(properties.getLatencyP99()));
		values.put(TIME_TO_FIRST_TOKEN_P95_SECONDS, seconds(properties.getTimeToFirstTokenP95()));
		values.put(DAILY_COST_WARNING, properties.getDailyCostWarning());
		values.put(DAILY_COST_CRITICAL, properties.getDailyCostCritical());
		values.put(MONTHLY_COST, properties.getMonthlyCost());
		values.put(INPUT_TOKENS_PER_MINUTE, (double) properties.getInputTokensPerMinute());
		values.put(RATE_LIMITED_PER_MINUTE, properties.getRateLimitedPerMinute());
		values.put(REQUESTS_PER_SECOND, properties.getRequestsPerSecond());
		values.put(RATE_LIMIT_HEADROOM, properties.getRateLimitHeadroom());
		values.put(RETRIES_PER_REQUEST, properties.getRetriesPerRequest());
		this.thresholds = Map.copyOf(values);
		this.models = models(properties.getModels());
	}

	private static List<ModelEntry> models(List<ModelThresholdsProperties> entries) {
		List<ModelEntry> models = new ArrayList<>();
		for (ModelThresholdsProperties entry : entries) {
			Map<String, Double> values = new LinkedHashMap<>();
			if (entry.getErrorRate() != null) {
				values.put(ERROR_RATE, entry.getErrorRate());
			}
			if (entry.getLatencyP99() != null) {
				values.put(LATENCY_P99_SECONDS, seconds(entry.getLatencyP99()));
			}
			if (entry.getTimeToFirstTokenP95() != null) {
				values.put(TIME_TO_FIRST_TOKEN_P95_SECONDS, seconds(entry.getTimeToFirstTokenP95()));
			}
			if (entry.getRateLimitHeadroom() != null) {
				values.put(RATE_LIMIT_HEADROOM, entry.getRateLimitHeadroom());
			}
			models.add(new ModelEntry(GlobPattern.compile(entry.getModel()), Collections.unmodifiableMap(values)));
		}
		return List.copyOf(models);
	}

	/**
	 * Registers the gauges of the application's thresholds, and those of the models seen
	 * so far that have their own. A registry that refuses one costs the alert rules that
	 * threshold (they fall back to the bundle's default), not the application its
	 * startup: the failure is logged instead of thrown.
	 */
	@Override
	public void bindTo(MeterRegistry registry) {
		synchronized (this.registries) {
			this.registries.add(registry);
			List<String> refused = new ArrayList<>();
			RuntimeException failure = register(registry, APPLICATION_MODEL, this.thresholds, refused);
			if (failure != null) {
				logger.warn("Could not register the ai_api_threshold gauges " + refused
						+ "; alert rules use their defaults for them", failure);
			}
			this.modelThresholds.forEach((model, values) -> registerModel(registry, model, values));
		}
	}

	/**
	 * Registers the gauges of a model's own thresholds, when the first entry of
	 * {@code ai.observability.thresholds.models} it matches sets any. A registry that
	 * refuses one costs the alert rules that threshold (they hold the model to the
	 * application's), not the call: the failure is logged instead of thrown.
	 */
	@Override
	public void modelLabelAdded(String model) {
		Map<String, Double> values = ownThresholds(model);
		if (values == null) {
			return;
		}
		synchronized (this.registries) {
			if (this.modelThresholds.putIfAbsent(model, values) == null) {
				this.registries.forEach((registry) -> registerModel(registry, model, values));
			}
		}
	}

	/**
	 * The thresholds of the first entry matching a model.
	 */
	private @Nullable Map<String, Double> ownThresholds(String model) {
		if (this.models.isEmpty() || AiMetricLabels.PLACEHOLDERS.contains(model)) {
			return null;
		}
		for (ModelEntry entry : this.models) {
			if (entry.pattern().matches(model)) {
				return entry.thresholds();
			}
		}
		return null;
	}

	private void registerModel(MeterRegistry registry, String model, Map<String, Double> values) {
		List<String> refused = new ArrayList<>();
		RuntimeException failure = register(registry, model, values, refused);
		if (failure != null) {
			this.modelLogger.warn(model, "Could not register the per-model ai_api_threshold gauges " + refused
					+ " of model '" + model + "'; alert rules use the application's thresholds for it", failure);
		}
	}

	/**
	 * Registers one gauge per threshold.
	 * @return the first failure, {@code null} when every gauge registered
	 */
	private @Nullable RuntimeException register(MeterRegistry registry, String model, Map<String, Double> thresholds,
			List<String> refused) {
		RuntimeException firstFailure = null;
		for (Map.Entry<String, Double> threshold : thresholds.entrySet()) {
			double value = threshold.getValue();
			try {
				Gauge.builder(AiMetricNames.THRESHOLD.value(), () -> value)
					.description("Alert threshold configured in the application (costs in the configured currency)")
					.tag(AiMetricLabels.NAME, threshold.getKey())
					.tag(AiMetricLabels.MODEL, model)
					.tags(this.staticTags)
					.strongReference(true)
					.register(registry);
			}
			catch (RuntimeException ex) {
				refused.add(threshold.getKey());
				firstFailure = (firstFailure != null) ? firstFailure : ex;
			}
		}
		return firstFailure;
	}

	private static double seconds(Duration duration) {
		return duration.toNanos() / 1e9;
	}

	/**
	 * An entry of {@code ai.observability.thresholds.models}.
	 *
	 * @param pattern the models it applies to
	 * @param thresholds the thresholds it sets, by name
	 */
	private record ModelEntry(GlobPattern pattern, Map<String, Double> thresholds) {
	}

}

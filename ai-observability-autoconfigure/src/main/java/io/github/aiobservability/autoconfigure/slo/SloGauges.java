package io.github.aiobservability.autoconfigure.slo;

import java.time.Duration;
import java.util.ArrayList;
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
import org.jspecify.annotations.Nullable;

/**
 * Exports the service level objectives of {@code ai.observability.slos} for the shipped
 * burn-rate rules, per model: once a model label appears on the call meters, each
 * objective whose {@code models} match it gets
 * <ul>
 * <li>{@code ai_api_slo_objective{slo, sli, model}}: the share of good calls asked;</li>
 * <li>{@code ai_api_slo_period_seconds{slo, sli, model}}: the rolling period;</li>
 * <li>{@code ai_api_slo_threshold_seconds{slo, sli, model, le}} for latency and
 * time-to-first-token objectives: the threshold, with the {@code le} label of the
 * histogram bucket that counts the good calls, spelt exactly as Micrometer's Prometheus
 * registry spells that bucket's bound ({@link #le(Duration)}), so that the rules join the
 * bucket on it.</li>
 * </ul>
 * The rules join these on concrete model names, never on patterns, so nothing is computed
 * per call: the series appear with the model label, and are as bounded as it is
 * ({@code ai.observability.max-models}), times the number of objectives. The placeholders
 * {@code other} and {@code unknown} are models like any other: their calls are calls the
 * users made.
 */
public class SloGauges implements MeterBinder, ModelLabelListener {

	// Per instance: each application context warns once per model.
	private final OneTimeLogger logger = new OneTimeLogger(SloGauges.class);

	private final List<Objective> objectives;

	private final Tags staticTags;

	/** The registries bound so far; also guards {@link #models}. */
	private final List<MeterRegistry> registries = new ArrayList<>();

	/** The objectives of each model label seen that has some. */
	private final Map<String, List<Objective>> models = new LinkedHashMap<>();

	/**
	 * Creates the gauges of objectives checked when they were bound.
	 * @param slos the entries of {@code ai.observability.slos}
	 * @param staticTags the tags of every ai_* meter
	 */
	public SloGauges(List<SloProperties> slos, Tags staticTags) {
		this.staticTags = staticTags;
		List<Objective> objectives = new ArrayList<>();
		for (SloProperties slo : slos) {
			SloProperties.Sli sli = slo.getSli();
			Double objective = slo.getObjective();
			if (sli == null || objective == null) {
				throw new IllegalArgumentException("Unchecked objective " + slo.getName());
			}
			objectives.add(new Objective(slo.getName(), sli, objective, seconds(slo.getPeriod()), slo.getThreshold(),
					slo.getModels().stream().map(GlobPattern::compile).toList()));
		}
		this.objectives = List.copyOf(objectives);
	}

	/**
	 * The {@code le} label Micrometer's Prometheus registry gives the histogram bucket
	 * bounded by a duration: the bound in seconds as {@link Double#toString(double)}
	 * prints it, {@code 10.0} for 10 s, {@code 0.25} for 250 ms.
	 * @param bound the bucket's upper bound
	 * @return the label value
	 */
	public static String le(Duration bound) {
		return Double.toString(seconds(bound));
	}

	/**
	 * Registers the gauges of the models seen so far. A registry that refuses one costs
	 * the rules that objective for that model, not the application its startup: the
	 * failure is logged instead of thrown.
	 */
	@Override
	public void bindTo(MeterRegistry registry) {
		synchronized (this.registries) {
			this.registries.add(registry);
			this.models.forEach((model, objectives) -> register(registry, model, objectives));
		}
	}

	/**
	 * Registers the gauges of the objectives a new model label falls under. A registry
	 * that refuses one costs the rules that objective for that model, not the call: the
	 * failure is logged instead of thrown.
	 */
	@Override
	public void modelLabelAdded(String model) {
		List<Objective> matching = this.objectives.stream().filter((objective) -> objective.covers(model)).toList();
		if (matching.isEmpty()) {
			return;
		}
		synchronized (this.registries) {
			if (this.models.putIfAbsent(model, matching) == null) {
				this.registries.forEach((registry) -> register(registry, model, matching));
			}
		}
	}

	private void register(MeterRegistry registry, String model, List<Objective> objectives) {
		for (Objective objective : objectives) {
			try {
				objective.register(registry, this.staticTags.and(AiMetricLabels.SLO, objective.name(),
						AiMetricLabels.SLI, objective.sli().label(), AiMetricLabels.MODEL, model));
			}
			catch (RuntimeException ex) {
				this.logger.warn(model + "/" + objective.name(),
						"Could not register the ai_api_slo_* gauges of objective '" + objective.name() + "' for model '"
								+ model + "'; the SLO alerts do not judge that model by it",
						ex);
			}
		}
	}

	private static double seconds(Duration duration) {
		return duration.toNanos() / 1e9;
	}

	/**
	 * An entry of {@code ai.observability.slos}, compiled.
	 *
	 * @param name its name, the {@code slo} label
	 * @param sli what it counts
	 * @param objective the share of good calls
	 * @param periodSeconds its period in seconds
	 * @param threshold its threshold, {@code null} for availability
	 * @param models the models it covers
	 */
	private record Objective(String name, SloProperties.Sli sli, double objective, double periodSeconds,
			@Nullable Duration threshold, List<GlobPattern> models) {

		boolean covers(String model) {
			return this.models.stream().anyMatch((pattern) -> pattern.matches(model));
		}

		void register(MeterRegistry registry, Tags tags) {
			double objective = this.objective;
			Gauge.builder(AiMetricNames.SLO_OBJECTIVE.value(), () -> objective)
				.description("Share of good calls a service level objective asks of the model (ai.observability.slos)")
				.tags(tags)
				.strongReference(true)
				.register(registry);
			double period = this.periodSeconds;
			Gauge.builder(AiMetricNames.SLO_PERIOD.value(), () -> period)
				.description("Rolling period of a service level objective")
				.tags(tags)
				.baseUnit("seconds")
				.strongReference(true)
				.register(registry);
			Duration bound = this.threshold;
			if (bound != null) {
				double threshold = seconds(bound);
				Gauge.builder(AiMetricNames.SLO_THRESHOLD.value(), () -> threshold)
					.description("Time within which a call is good, for a latency objective; le names the "
							+ "histogram bucket that counts the good calls")
					.tags(tags)
					.tag(AiMetricLabels.LE, le(bound))
					.baseUnit("seconds")
					.strongReference(true)
					.register(registry);
			}
		}

	}

}

package io.github.aiobservability.monitoring;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import io.github.aiobservability.metrics.AiMetricNames;
import io.github.aiobservability.metrics.ErrorClassifier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The metrics of the starter as Prometheus scrapes them, derived from the starter's own
 * names ({@link AiMetricNames}) and exported by Micrometer's Prometheus registry, never
 * copied by hand: the only metrics the rules, their tests and the dashboard may read.
 */
final class StarterMetrics {

	/**
	 * How the starter registers each meter of {@link AiMetricNames}, by its Micrometer
	 * name: the one fact of its exported name the enum does not hold. A meter added to
	 * the enum without an entry here fails {@code ContractTests}.
	 */
	static final Map<String, Kind> KINDS = Map.ofEntries(Map.entry("ai.api.requests", Kind.COUNTER),
			Map.entry("ai.api.request.duration", Kind.TIMER), Map.entry("ai.api.time.to.first.token", Kind.TIMER),
			Map.entry("ai.api.time.per.output.token", Kind.TIMER), Map.entry("ai.token.usage.input", Kind.COUNTER),
			Map.entry("ai.token.usage.output", Kind.COUNTER), Map.entry("ai.token.usage.estimated", Kind.COUNTER),
			Map.entry("ai.token.usage.cache.read", Kind.COUNTER), Map.entry("ai.token.usage.cache.write", Kind.COUNTER),
			Map.entry("ai.token.usage.reasoning", Kind.COUNTER), Map.entry("ai.api.cost", Kind.COUNTER),
			Map.entry("ai.api.unpriced.requests", Kind.COUNTER), Map.entry("ai.api.threshold", Kind.GAUGE),
			Map.entry("ai.api.slo.objective", Kind.GAUGE), Map.entry("ai.api.slo.period", Kind.GAUGE_IN_SECONDS),
			Map.entry("ai.api.slo.threshold", Kind.GAUGE_IN_SECONDS),
			Map.entry("ai.api.requests.in.flight", Kind.GAUGE), Map.entry("ai.api.attempts", Kind.COUNTER),
			Map.entry("ai.api.rate.limit.limit", Kind.GAUGE), Map.entry("ai.api.rate.limit.remaining", Kind.GAUGE),
			Map.entry("ai.api.model.load.duration", Kind.TIMER), Map.entry("ai.api.price.catalogue.models", Kind.GAUGE),
			Map.entry("ai.api.price.catalogue.loaded.timestamp", Kind.GAUGE_IN_SECONDS),
			Map.entry("ai.api.price.catalogue.refresh.failures", Kind.COUNTER),
			Map.entry("ai.api.price.catalogue.last.refresh.successful", Kind.GAUGE),
			Map.entry("ai.budget.spent", Kind.GAUGE), Map.entry("ai.budget.limit", Kind.GAUGE),
			Map.entry("ai.budget.period.end.timestamp", Kind.GAUGE_IN_SECONDS),
			Map.entry("ai.budget.actions", Kind.COUNTER), Map.entry("ai.budget.store.failures", Kind.COUNTER),
			Map.entry("ai.budget.spend.dropped", Kind.COUNTER));

	/**
	 * The exported name of every meter of {@link AiMetricNames} that has a kind,
	 * histograms by their buckets.
	 */
	static final Set<String> EXPORTED = exported();

	private StarterMetrics() {
	}

	/**
	 * The Micrometer names of the starter's meters.
	 * @return the values of {@link AiMetricNames}
	 */
	static Set<String> names() {
		Set<String> names = new TreeSet<>();
		Arrays.stream(AiMetricNames.values()).forEach((name) -> names.add(name.value()));
		return names;
	}

	/**
	 * The name Prometheus scrapes a meter under, histograms by their buckets.
	 * @param name the meter's Micrometer name
	 * @param kind how the starter registers it
	 * @return the exported name
	 */
	static String exported(String name, Kind kind) {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		kind.register(registry, name);
		String histogram = null;
		Set<String> samples = new TreeSet<>();
		for (String line : registry.scrape().split("\n")) {
			if (line.startsWith("# TYPE ") && line.endsWith(" histogram")) {
				histogram = line.split(" ")[2];
			}
			else if (!line.isBlank() && !line.startsWith("#")) {
				samples.add(line.split("[{ ]")[0]);
			}
		}
		if (histogram != null) {
			return histogram + "_bucket";
		}
		if (samples.size() != 1) {
			throw new IllegalStateException("A " + kind + " " + name + " exports " + samples + ", not one metric");
		}
		return samples.iterator().next();
	}

	/**
	 * The {@code error_type} values of {@code ai_api_requests_total}: the {@code value()}
	 * of each constant of the outcome enum, whatever its name, found as the type
	 * {@link ErrorClassifier#classify} returns.
	 * @return the outcome values
	 */
	static Set<String> outcomes() {
		try {
			Class<?> outcome = ErrorClassifier.class.getMethod("classify", Throwable.class).getReturnType();
			Method value = outcome.getMethod("value");
			Set<String> values = new TreeSet<>();
			for (Object constant : outcome.getEnumConstants()) {
				values.add((String) value.invoke(constant));
			}
			return values;
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot read the outcomes ErrorClassifier.classify returns", ex);
		}
	}

	private static Set<String> exported() {
		Set<String> exported = new TreeSet<>();
		names().stream().filter(KINDS::containsKey).forEach((name) -> exported.add(exported(name, KINDS.get(name))));
		return Set.copyOf(exported);
	}

	/**
	 * How a meter is registered, as far as its exported name depends on it.
	 */
	enum Kind {

		/** A counter, exported with {@code _total}. */
		COUNTER("counter", (registry, name) -> Counter.builder(name).register(registry)),

		/** A timer with buckets, exported as a histogram in seconds. */
		TIMER("histogram",
				(registry,
						name) -> Timer.builder(name).serviceLevelObjectives(Duration.ofSeconds(1)).register(registry)),

		/** A gauge. */
		GAUGE("gauge", (registry, name) -> Gauge.builder(name, () -> 1).register(registry)),

		/** A gauge with the base unit seconds, exported with {@code _seconds}. */
		GAUGE_IN_SECONDS("gauge",
				(registry, name) -> Gauge.builder(name, () -> 1).baseUnit("seconds").register(registry));

		private final String type;

		private final BiConsumer<MeterRegistry, String> registration;

		Kind(String type, BiConsumer<MeterRegistry, String> registration) {
			this.type = type;
			this.registration = registration;
		}

		/**
		 * The Prometheus type, as the README's Metrics table names it.
		 * @return counter, histogram or gauge
		 */
		String type() {
			return this.type;
		}

		void register(MeterRegistry registry, String name) {
			this.registration.accept(registry, name);
		}

	}

}

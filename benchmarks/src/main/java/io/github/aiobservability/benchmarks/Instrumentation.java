package io.github.aiobservability.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.aiobservability.chat.ChatModelMetricsObservationHandler;
import io.github.aiobservability.chat.ProviderResolver;
import io.github.aiobservability.chat.RequestTagContributor;
import io.github.aiobservability.chat.RequestTagResolver;
import io.github.aiobservability.chat.TokenUsageResolver;
import io.github.aiobservability.cost.CostCalculator;
import io.github.aiobservability.cost.ExchangeRates;
import io.github.aiobservability.cost.PriceCatalog;
import io.github.aiobservability.cost.PriceResolver;
import io.github.aiobservability.metrics.ChatMetrics;
import io.github.aiobservability.metrics.ErrorClassifier;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.springframework.ai.chat.observation.ChatModelMeterObservationHandler;

/**
 * The four set-ups compared: no observation at all; Spring AI's own observation as a Boot
 * application with Actuator has it (its meter handler, then Micrometer's default one);
 * this starter alone; both.
 */
public enum Instrumentation {

	BARE, SPRING_AI, STARTER, BOTH;

	/**
	 * The observation registry of this set-up, recording into the given meter registry.
	 * @param meters where meters go
	 * @param tagKeys the declared request tag keys
	 * @param contributor supplies the request tag values
	 * @return the registry
	 */
	ObservationRegistry registry(MeterRegistry meters, List<String> tagKeys, RequestTagContributor contributor) {
		if (this == BARE) {
			return ObservationRegistry.NOOP;
		}
		ObservationRegistry registry = ObservationRegistry.create();
		if (this == SPRING_AI || this == BOTH) {
			registry.observationConfig()
				.observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
						new ChatModelMeterObservationHandler(meters), new DefaultMeterObservationHandler(meters)));
		}
		if (this == STARTER || this == BOTH) {
			registry.observationConfig().observationHandler(starter(meters, tagKeys, contributor));
		}
		return registry;
	}

	static PrometheusMeterRegistry prometheus() {
		return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
	}

	private static ChatModelMetricsObservationHandler starter(MeterRegistry meters, List<String> tagKeys,
			RequestTagContributor contributor) {
		PriceCatalog catalogue = PriceCatalog.load();
		ExchangeRates rates = new ExchangeRates(java.util.Currency.getInstance("CNY"), Map.of(),
				catalogue.referenceRatesPerUsd());
		CostCalculator costs = new CostCalculator(new PriceResolver(List.of(), catalogue.prices()), rates);
		List<Duration> latency = new ArrayList<>();
		for (int millis : new int[] { 100, 250, 500, 1000, 2000, 5000, 10000, 20000, 30000, 60000, 120000 }) {
			latency.add(Duration.ofMillis(millis));
		}
		ChatMetrics metrics = new ChatMetrics(meters, Tags.of("application", "bench"), tagKeys, latency, latency,
				costs.currency());
		return new ChatModelMetricsObservationHandler(metrics, new ProviderResolver(List.of()),
				new RequestTagResolver(tagKeys, 100, List.of(contributor)), new TokenUsageResolver(),
				new ErrorClassifier(), 100, meters.config().clock(), costs);
	}

}

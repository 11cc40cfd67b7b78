package io.github.aiobservability.benchmarks;

import java.util.List;

import io.github.aiobservability.chat.ChatModelMetricsObservationHandler;
import io.github.aiobservability.model.RequestTagContributor;
import io.github.aiobservability.test.StarterFixture;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.springframework.ai.chat.observation.ChatModelMeterObservationHandler;

/**
 * The set-ups compared: no observation at all; an observation with a handler that does
 * nothing (what any handler costs before it does anything); Spring AI's own observation
 * as a Boot application with Actuator has it (its meter handler and Micrometer's default
 * one); this starter alone; both.
 */
public enum Instrumentation {

	BARE, EMPTY_HANDLER, SPRING_AI, STARTER, BOTH;

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
		if (this == EMPTY_HANDLER) {
			registry.observationConfig().observationHandler((context) -> true);
		}
		if (this == SPRING_AI || this == BOTH) {
			registry.observationConfig().observationHandler(springAiHandlers(meters));
		}
		if (this == STARTER || this == BOTH) {
			registry.observationConfig().observationHandler(starter(meters, tagKeys, contributor));
		}
		return registry;
	}

	/**
	 * Spring AI's meter handler and Micrometer's default one, both running as Boot
	 * registers them: Spring AI's is a plain ObservationHandler, so Boot adds it on its
	 * own, beside the group of meter handlers where the default one is.
	 * @param meters where meters go
	 * @return the handlers
	 */
	static ObservationHandler.AllMatchingCompositeObservationHandler springAiHandlers(MeterRegistry meters) {
		return new ObservationHandler.AllMatchingCompositeObservationHandler(
				new ChatModelMeterObservationHandler(meters), new DefaultMeterObservationHandler(meters));
	}

	static PrometheusMeterRegistry prometheus() {
		return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
	}

	private static ChatModelMetricsObservationHandler starter(MeterRegistry meters, List<String> tagKeys,
			RequestTagContributor contributor) {
		return StarterFixture.handler(meters, tagKeys, contributor, 100);
	}

}

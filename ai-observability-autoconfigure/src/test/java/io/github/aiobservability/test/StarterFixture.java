package io.github.aiobservability.test;

import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import io.github.aiobservability.autoconfigure.AiObservabilityProperties;
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

/**
 * The starter's observation handler wired by hand as the auto-configuration wires it, with
 * the default buckets, the built-in catalogue and CNY, for tests and benchmarks that run
 * without a Spring context.
 */
public final class StarterFixture {

	private static final List<Duration> BUCKETS = List.of(Duration.ofMillis(100), Duration.ofMillis(250),
			Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
			Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(60),
			Duration.ofSeconds(120));

	/** The default of ai.observability.max-label-sets. */
	public static final int MAX_LABEL_SETS = new AiObservabilityProperties().getMaxLabelSets();

	private StarterFixture() {
	}

	/**
	 * Creates the handler.
	 * @param meters where meters go
	 * @param tagKeys declared request tag keys
	 * @param contributor supplies request tag values
	 * @param cap the cap of distinct values of each request tag and of the model label
	 * @return the handler
	 */
	public static ChatModelMetricsObservationHandler handler(MeterRegistry meters, List<String> tagKeys,
			RequestTagContributor contributor, int cap) {
		PriceCatalog catalogue = PriceCatalog.load();
		ExchangeRates rates = new ExchangeRates(Currency.getInstance("CNY"), Map.of(), catalogue.referenceRatesPerUsd());
		CostCalculator costs = new CostCalculator(new PriceResolver(List.of(), catalogue.prices()), rates);
		ChatMetrics metrics = new ChatMetrics(meters, Tags.of("application", "fixture"), tagKeys, BUCKETS, BUCKETS,
				costs.currency(), MAX_LABEL_SETS);
		return new ChatModelMetricsObservationHandler(metrics, new ProviderResolver(List.of()),
				new RequestTagResolver(tagKeys, cap, List.of(contributor)), new TokenUsageResolver(),
				new ErrorClassifier(), cap, meters.config().clock(), costs);
	}

}

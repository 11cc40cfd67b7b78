package io.github.aiobservability.cost;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

import io.github.aiobservability.metrics.AiMetricLabels;
import io.github.aiobservability.metrics.AiMetricNames;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Shows where prices come from: how many models the bundled catalogue and the loaded
 * price list price, when the list was last read, whether its last load worked and how
 * many failed, each tagged with its {@code source}.
 */
public class PriceCatalogueMeters implements MeterBinder {

	private static final Log logger = LogFactory.getLog(PriceCatalogueMeters.class);

	/** The {@code source} of the catalogue in the jar. */
	public static final String BUNDLED = "bundled";

	private final int bundledModels;

	private final @Nullable PriceListRefresher refresher;

	private final Tags staticTags;

	/**
	 * Creates the meters.
	 * @param bundledModels how many models the bundled catalogue prices, 0 when it is off
	 * @param refresher the loaded list, {@code null} when none is configured
	 * @param staticTags the tags of every ai_* meter
	 */
	public PriceCatalogueMeters(int bundledModels, @Nullable PriceListRefresher refresher, Tags staticTags) {
		this.bundledModels = bundledModels;
		this.refresher = refresher;
		this.staticTags = staticTags;
	}

	/**
	 * Registers the meters. A registry that refuses one costs that meter, not the
	 * application its startup: the refusal is logged instead of thrown.
	 */
	@Override
	public void bindTo(MeterRegistry registry) {
		Map<String, Runnable> meters = new LinkedHashMap<>();
		int bundled = this.bundledModels;
		meters.put(BUNDLED + " models", () -> models(registry, BUNDLED, () -> bundled));
		PriceListRefresher refresher = this.refresher;
		if (refresher != null) {
			Tags tags = this.staticTags.and(AiMetricLabels.SOURCE, refresher.source());
			meters.put("price list models", () -> models(registry, refresher.source(), refresher::models));
			meters.put("price list load time",
					() -> Gauge
						.builder(AiMetricNames.PRICE_CATALOGUE_LOADED.value(), refresher,
								PriceListRefresher::loadedEpochSeconds)
						.description("When the price list was last read whole, an unchanged one included")
						.baseUnit("seconds")
						.tags(tags)
						.register(registry));
			meters.put("price list last load",
					() -> Gauge
						.builder(AiMetricNames.PRICE_CATALOGUE_LAST_REFRESH_SUCCESSFUL.value(), refresher,
								PriceListRefresher::lastRefreshSuccessful)
						.description("Whether the last load of the price list worked (1) or failed or was rejected (0)")
						.tags(tags)
						.register(registry));
			meters.put("price list failures",
					() -> FunctionCounter
						.builder(AiMetricNames.PRICE_CATALOGUE_REFRESH_FAILURES.value(), refresher,
								PriceListRefresher::failures)
						.description("Loads of the price list that failed or were rejected; prices stayed as they were")
						.tags(tags)
						.register(registry));
		}
		List<String> refused = new ArrayList<>();
		RuntimeException firstFailure = null;
		for (Map.Entry<String, Runnable> meter : meters.entrySet()) {
			try {
				meter.getValue().run();
			}
			catch (RuntimeException ex) {
				refused.add(meter.getKey());
				firstFailure = (firstFailure != null) ? firstFailure : ex;
			}
		}
		if (firstFailure != null) {
			logger.warn("Could not register the ai_api_price_catalogue meters " + refused, firstFailure);
		}
	}

	private void models(MeterRegistry registry, String source, IntSupplier count) {
		Gauge.builder(AiMetricNames.PRICE_CATALOGUE_MODELS.value(), count::getAsInt)
			.description("Models priced by each price source")
			.tags(this.staticTags.and(AiMetricLabels.SOURCE, source))
			.strongReference(true)
			.register(registry);
	}

}

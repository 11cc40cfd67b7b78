package io.github.aiobservability.cost;

import java.util.function.IntSupplier;

import io.github.aiobservability.metrics.AiMetricLabels;
import io.github.aiobservability.metrics.AiMetricNames;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Shows where prices come from: how many models the bundled catalogue and the loaded
 * price list price, when the list was last read, whether its last load worked and how
 * many failed, each tagged with its {@code source}.
 */
public class PriceCatalogueMeters implements MeterBinder {

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

	@Override
	public void bindTo(MeterRegistry registry) {
		int bundled = this.bundledModels;
		models(registry, BUNDLED, () -> bundled);
		PriceListRefresher refresher = this.refresher;
		if (refresher == null) {
			return;
		}
		Tags tags = this.staticTags.and(AiMetricLabels.SOURCE, refresher.source());
		models(registry, refresher.source(), refresher::models);
		Gauge.builder(AiMetricNames.PRICE_CATALOGUE_LOADED.value(), refresher, PriceListRefresher::loadedEpochSeconds)
			.description("When the price list was last read whole, an unchanged one included")
			.baseUnit("seconds")
			.tags(tags)
			.register(registry);
		Gauge
			.builder(AiMetricNames.PRICE_CATALOGUE_LAST_REFRESH_SUCCESSFUL.value(), refresher,
					PriceListRefresher::lastRefreshSuccessful)
			.description("Whether the last load of the price list worked (1) or failed or was rejected (0)")
			.tags(tags)
			.register(registry);
		FunctionCounter
			.builder(AiMetricNames.PRICE_CATALOGUE_REFRESH_FAILURES.value(), refresher, PriceListRefresher::failures)
			.description("Loads of the price list that failed or were rejected; prices stayed as they were")
			.tags(tags)
			.register(registry);
	}

	private void models(MeterRegistry registry, String source, IntSupplier count) {
		Gauge.builder(AiMetricNames.PRICE_CATALOGUE_MODELS.value(), count::getAsInt)
			.description("Models priced by each price source")
			.tags(this.staticTags.and(AiMetricLabels.SOURCE, source))
			.strongReference(true)
			.register(registry);
	}

}

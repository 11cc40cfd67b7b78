package io.github.aiobservability.autoconfigure.cost;

import java.time.Clock;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.github.aiobservability.autoconfigure.AiObservabilityProperties;
import io.github.aiobservability.autoconfigure.EnableAiObservabilityProperties;
import io.github.aiobservability.autoconfigure.StaticTags;
import io.github.aiobservability.cost.CostCalculator;
import io.github.aiobservability.cost.ExchangeRates;
import io.github.aiobservability.cost.LocalProviders;
import io.github.aiobservability.cost.ModelPrice;
import io.github.aiobservability.cost.PriceCatalogue;
import io.github.aiobservability.cost.PriceCatalogueMeters;
import io.github.aiobservability.cost.PriceListLocation;
import io.github.aiobservability.cost.PriceListRefresher;
import io.github.aiobservability.cost.PriceResolver;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

/**
 * Prices every model round-trip: the cost goes to {@code ai_api_cost_total} in the
 * configured currency. Prices come from {@code ai.observability.prices}, then a price
 * list read at runtime from {@code ai.observability.price-catalogue.location}, then the
 * bundled catalogue.
 */
// afterName: CompositeMeterRegistryAutoConfiguration declares the MeterRegistry bean this
// configuration is conditional on.
@AutoConfiguration(
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({ ChatModel.class, MeterRegistry.class })
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = AiObservabilityProperties.CONFIG_PREFIX + ".enabled", matchIfMissing = true)
@EnableAiObservabilityProperties
public final class AiCostAutoConfiguration {

	/**
	 * The providers whose models cost nothing per token, named when pricing them at 0.
	 */
	static final String LOCAL_PROVIDERS = AiObservabilityProperties.CONFIG_PREFIX + ".local-providers";

	private static final Log logger = LogFactory.getLog(AiCostAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = AiObservabilityProperties.CONFIG_PREFIX + ".price-catalogue.enabled",
			matchIfMissing = true)
	PriceCatalogue aiPriceCatalogue() {
		return PriceCatalogue.load();
	}

	@Bean
	@ConditionalOnMissingBean
	ExchangeRates aiExchangeRates(AiObservabilityProperties properties, ObjectProvider<PriceCatalogue> catalogue) {
		return new CostSettings(properties, catalogue.getIfAvailable()).exchangeRates();
	}

	@Bean
	@ConditionalOnMissingBean
	PriceResolver aiPriceResolver(AiObservabilityProperties properties, ExchangeRates rates,
			ObjectProvider<PriceCatalogue> catalogue) {
		PriceCatalogue builtIn = catalogue.getIfAvailable();
		List<ModelPrice> configured = new CostSettings(properties, builtIn).configuredPrices(rates);
		List<ModelPrice> catalogued = (builtIn != null) ? builtIn.prices() : List.of();
		logReferenceRates(configured, catalogued, rates, builtIn);
		return new PriceResolver(configured, catalogued,
				new LocalProviders(Set.copyOf(properties.getLocalProviders()), rates.target(), LOCAL_PROVIDERS));
	}

	@Bean
	@ConditionalOnMissingBean
	CostCalculator aiCostCalculator(PriceResolver prices, ExchangeRates rates) {
		return new CostCalculator(prices, rates);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = AiObservabilityProperties.CONFIG_PREFIX + ".price-catalogue.enabled",
			matchIfMissing = true)
	@ConditionalOnProperty(AiObservabilityProperties.CONFIG_PREFIX + ".price-catalogue.location")
	PriceListRefresher aiPriceListRefresher(AiObservabilityProperties properties, PriceResolver prices,
			ExchangeRates rates, ObjectProvider<PriceCatalogue> catalogue, ResourceLoader resourceLoader) {
		PriceCatalogue builtIn = catalogue.getIfAvailable();
		PriceListLocation location = new CostSettings(properties, builtIn).priceListLocation();
		PriceCatalogueProperties settings = properties.getPriceCatalogue();
		return new PriceListRefresher(location, location.refreshInterval(settings.getRefreshInterval()),
				settings.getTimeout(), prices, (builtIn != null) ? builtIn.prices() : List.of(), rates, resourceLoader,
				Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	PriceCatalogueMeters aiPriceCatalogueMeters(ObjectProvider<PriceCatalogue> catalogue,
			ObjectProvider<PriceListRefresher> refresher, AiObservabilityProperties properties) {
		PriceCatalogue builtIn = catalogue.getIfAvailable();
		return new PriceCatalogueMeters((builtIn != null) ? builtIn.entries().size() : 0, refresher.getIfAvailable(),
				StaticTags.of(properties));
	}

	private static void logReferenceRates(List<ModelPrice> configured, List<ModelPrice> catalogued, ExchangeRates rates,
			@Nullable PriceCatalogue catalogue) {
		Set<Currency> converted = new TreeSet<>(Comparator.comparing(Currency::getCurrencyCode));
		configured.forEach((price) -> converted.add(price.currency()));
		catalogued.forEach((price) -> converted.add(price.currency()));
		for (Currency currency : converted) {
			if (rates.usesReferenceRate(currency) && rates.rate(currency) != null && catalogue != null) {
				logger
					.info("Converting " + currency.getCurrencyCode() + " prices to " + rates.target().getCurrencyCode()
							+ " at " + rates.rate(currency) + ", the price catalogue's reference rate of "
							+ catalogue.referenceRatesDate() + "; set " + AiObservabilityProperties.CONFIG_PREFIX
							+ ".exchange-rates." + currency.getCurrencyCode() + " to use your own");
			}
		}
	}

}

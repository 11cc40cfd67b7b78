package io.github.aiobservability.autoconfigure.cost;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.aiobservability.autoconfigure.AiObservabilityProperties;
import io.github.aiobservability.cost.ExchangeRates;
import io.github.aiobservability.cost.ModelPrice;
import io.github.aiobservability.cost.PriceCatalogue;
import io.github.aiobservability.cost.PriceListLocation;
import io.github.aiobservability.cost.PriceTier;
import org.jspecify.annotations.Nullable;

/**
 * Turns the cost properties of {@link AiObservabilityProperties}, checked once bound,
 * into prices and exchange rates. A price in a currency without an exchange rate stops
 * startup with the property's name ({@link CostPropertiesValidator#requireExchangeRate}).
 */
final class CostSettings {

	private static final String PREFIX = AiObservabilityProperties.CONFIG_PREFIX + ".";

	private final AiObservabilityProperties properties;

	private final @Nullable PriceCatalogue catalogue;

	CostSettings(AiObservabilityProperties properties, @Nullable PriceCatalogue catalogue) {
		this.properties = properties;
		this.catalogue = catalogue;
	}

	ExchangeRates exchangeRates() {
		Currency target = Currency.getInstance(this.properties.getCurrency());
		Map<Currency, BigDecimal> configured = new LinkedHashMap<>();
		this.properties.getExchangeRates().forEach((code, rate) -> configured.put(Currency.getInstance(code), rate));
		Map<Currency, BigDecimal> reference = (this.catalogue != null) ? this.catalogue.referenceRatesPerUsd()
				: Map.of();
		return new ExchangeRates(target, configured, reference);
	}

	List<ModelPrice> configuredPrices(ExchangeRates rates) {
		List<ModelPrice> prices = new ArrayList<>();
		List<PriceProperties> entries = this.properties.getPrices();
		for (int i = 0; i < entries.size(); i++) {
			prices.add(price(PREFIX + "prices[" + i + "]", entries.get(i), rates));
		}
		return prices;
	}

	private ModelPrice price(String property, PriceProperties entry, ExchangeRates rates) {
		Currency currency = (entry.getCurrency() != null) ? Currency.getInstance(entry.getCurrency()) : rates.target();
		CostPropertiesValidator.requireExchangeRate(property, currency, rates);
		return new ModelPrice(entry.getModel(), currency, List.of(new PriceTier(null, entry.getInput(),
				entry.getOutput(), entry.getCacheRead(), entry.getCacheWrite(), entry.getReasoning())), property);
	}

	/**
	 * The price list to load.
	 * @return its location
	 */
	PriceListLocation priceListLocation() {
		String location = this.properties.getPriceCatalogue().getLocation();
		return PriceListLocation.of((location != null) ? location.strip() : "");
	}

}

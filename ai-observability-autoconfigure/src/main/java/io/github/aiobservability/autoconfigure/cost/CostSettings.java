package io.github.aiobservability.autoconfigure.cost;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.aiobservability.autoconfigure.AiObservabilityProperties;
import io.github.aiobservability.autoconfigure.InvalidPropertyException;
import io.github.aiobservability.cost.ExchangeRates;
import io.github.aiobservability.cost.ModelPrice;
import io.github.aiobservability.cost.PriceCatalogue;
import io.github.aiobservability.cost.PriceListLocation;
import io.github.aiobservability.cost.PriceTier;
import io.github.aiobservability.support.GlobPattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns the cost properties of {@link AiObservabilityProperties} into prices and exchange rates, and stops startup with
 * the property's name when a value cannot be used: nobody should trust a cost computed
 * from a typo.
 */
final class CostSettings {

	private static final String PREFIX = "ai.observability.";

	private static final String CURRENCY_RULE = "an ISO 4217 currency code such as CNY, USD or EUR";

	private final AiObservabilityProperties properties;

	private final @Nullable PriceCatalogue catalogue;

	CostSettings(AiObservabilityProperties properties, @Nullable PriceCatalogue catalogue) {
		this.properties = properties;
		this.catalogue = catalogue;
	}

	ExchangeRates exchangeRates() {
		Currency target = currency(PREFIX + "currency", this.properties.getCurrency());
		Map<Currency, BigDecimal> configured = new LinkedHashMap<>();
		for (Map.Entry<String, BigDecimal> rate : this.properties.getExchangeRates().entrySet()) {
			String property = PREFIX + "exchange-rates." + rate.getKey();
			Currency currency = currency(property, rate.getKey());
			if (rate.getValue() == null || rate.getValue().signum() <= 0) {
				throw new InvalidPropertyException(property, rate.getValue(),
						"a positive number: the value of one " + currency.getCurrencyCode() + " in "
								+ target.getCurrencyCode());
			}
			configured.put(currency, rate.getValue());
		}
		Map<Currency, BigDecimal> reference = (this.catalogue != null) ? this.catalogue.referenceRatesPerUsd()
				: Map.of();
		return new ExchangeRates(target, configured, reference);
	}

	List<ModelPrice> configuredPrices(ExchangeRates rates) {
		List<ModelPrice> prices = new ArrayList<>();
		List<AiObservabilityProperties.Price> entries = this.properties.getPrices();
		for (int i = 0; i < entries.size(); i++) {
			prices.add(price(PREFIX + "prices[" + i + "]", entries.get(i), rates));
		}
		return prices;
	}

	private ModelPrice price(String property, AiObservabilityProperties.Price entry, ExchangeRates rates) {
		try {
			GlobPattern.compile(entry.getModel());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidPropertyException(property + ".model", entry.getModel(),
					"a model name or pattern: " + ex.getMessage());
		}
		BigDecimal input = required(property + ".input", entry.getInput());
		BigDecimal output = required(property + ".output", entry.getOutput());
		BigDecimal cacheRead = optional(property + ".cache-read", entry.getCacheRead());
		BigDecimal cacheWrite = optional(property + ".cache-write", entry.getCacheWrite());
		BigDecimal reasoning = optional(property + ".reasoning", entry.getReasoning());
		Currency currency = (entry.getCurrency() != null) ? currency(property + ".currency", entry.getCurrency())
				: rates.target();
		if (rates.rate(currency) == null) {
			throw new InvalidPropertyException(property + ".currency", currency.getCurrencyCode(),
					"a currency with an exchange rate: set " + PREFIX + "exchange-rates."
							+ currency.getCurrencyCode() + " to the value of one " + currency.getCurrencyCode()
							+ " in " + rates.target().getCurrencyCode());
		}
		return new ModelPrice(entry.getModel(), currency,
				List.of(new PriceTier(null, input, output, cacheRead, cacheWrite, reasoning)), property);
	}

	/**
	 * The price list to load, with its refresh interval and timeout checked.
	 * @return its location
	 */
	PriceListLocation priceListLocation() {
		AiObservabilityProperties.PriceCatalogue catalogue = this.properties.getPriceCatalogue();
		String location = (catalogue.getLocation() != null) ? catalogue.getLocation().strip() : "";
		PriceListLocation checked;
		try {
			checked = PriceListLocation.of(location);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidPropertyException(PREFIX + "price-catalogue.location", location, ex.getMessage());
		}
		positive("refresh-interval", catalogue.getRefreshInterval());
		positive("timeout", catalogue.getTimeout());
		return checked;
	}

	private static void positive(String name, @Nullable Duration duration) {
		if (duration != null && (duration.isNegative() || duration.isZero())) {
			throw new InvalidPropertyException(PREFIX + "price-catalogue." + name, duration,
					"a positive duration such as 6h or 30s");
		}
	}

	private static BigDecimal required(String property, @Nullable BigDecimal price) {
		if (price == null) {
			throw new InvalidPropertyException(property, "(unset)", "a price per million tokens, 0 or more");
		}
		return optional(property, price);
	}

	private static @Nullable BigDecimal optional(String property, @Nullable BigDecimal price) {
		if (price != null && price.signum() < 0) {
			throw new InvalidPropertyException(property, price, "a price per million tokens, 0 or more");
		}
		return price;
	}

	private static Currency currency(String property, @Nullable String code) {
		try {
			if (code == null || !code.matches("[A-Z]{3}")) {
				throw new IllegalArgumentException(code);
			}
			return Currency.getInstance(code);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidPropertyException(property, code, CURRENCY_RULE);
		}
	}

}

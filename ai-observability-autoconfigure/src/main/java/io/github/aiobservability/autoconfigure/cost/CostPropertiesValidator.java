package io.github.aiobservability.autoconfigure.cost;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import io.github.aiobservability.autoconfigure.AiObservabilityProperties;
import io.github.aiobservability.autoconfigure.PropertyChecks;
import io.github.aiobservability.cost.ExchangeRates;
import io.github.aiobservability.cost.PriceListLocation;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import static io.github.aiobservability.autoconfigure.PropertyChecks.UNSET;
import static io.github.aiobservability.autoconfigure.PropertyChecks.invalid;
import static io.github.aiobservability.autoconfigure.PropertyChecks.positive;
import static io.github.aiobservability.autoconfigure.PropertyChecks.requirePattern;

/**
 * Every check of the properties that price a call: {@code ai.observability.currency},
 * {@code exchange-rates}, {@code prices} and {@code price-catalogue}. Nobody should trust
 * a cost computed from a typo.
 * <p>
 * All but one run once the properties are bound ({@link #validate}). The exception is a
 * price in a currency with no exchange rate ({@link #requireExchangeRate}): whether a
 * currency has a rate depends on the price catalogue's reference rates, which exist only
 * once the {@code PriceCatalogue} bean does (it may be switched off, or the application's
 * own), so {@link AiCostAutoConfiguration} checks it as it builds the prices. It is kept
 * here so that every price check is in one place.
 */
public final class CostPropertiesValidator {

	private static final String PREFIX = AiObservabilityProperties.CONFIG_PREFIX + ".";

	private static final String CURRENCY_RULE = "an ISO 4217 currency code such as CNY, USD or EUR";

	private static final String PRICE_RULE = "a price per million tokens, 0 or more";

	private CostPropertiesValidator() {
	}

	/**
	 * Checks the cost properties once bound.
	 * @param properties the bound properties
	 * @throws InvalidConfigurationPropertyValueException naming the first bad value
	 */
	public static void validate(AiObservabilityProperties properties) {
		Currency currency = currency(PREFIX + "currency", properties.getCurrency());
		validateExchangeRates(properties.getExchangeRates(), currency);
		validatePrices(properties.getPrices());
		List<String> localProviders = properties.getLocalProviders();
		for (int i = 0; i < localProviders.size(); i++) {
			PropertyChecks.requireProviderName(PREFIX + "local-providers[" + i + "]", localProviders.get(i));
		}
		validatePriceCatalogue(properties.getPriceCatalogue());
	}

	/**
	 * Checks that the currency of a configured price has an exchange rate, configured or
	 * a reference rate of the price catalogue.
	 * @param property the price's full name, such as {@code ai.observability.prices[0]}
	 * @param currency the currency of its prices
	 * @param rates the exchange rates in effect
	 * @throws InvalidConfigurationPropertyValueException when it has none
	 */
	static void requireExchangeRate(String property, Currency currency, ExchangeRates rates) {
		if (rates.rate(currency) == null) {
			throw new InvalidConfigurationPropertyValueException(property + ".currency", currency.getCurrencyCode(),
					"Allowed is a currency with an exchange rate: set " + PREFIX + "exchange-rates."
							+ currency.getCurrencyCode() + " to the value of one " + currency.getCurrencyCode() + " in "
							+ rates.target().getCurrencyCode() + ".");
		}
	}

	private static void validateExchangeRates(Map<String, BigDecimal> rates, Currency target) {
		for (Map.Entry<String, BigDecimal> rate : rates.entrySet()) {
			String property = PREFIX + "exchange-rates." + rate.getKey();
			Currency currency = currency(property, rate.getKey());
			if (rate.getValue() == null || rate.getValue().signum() <= 0) {
				throw invalid(property, rate.getValue(), "a positive number: the value of one "
						+ currency.getCurrencyCode() + " in " + target.getCurrencyCode());
			}
		}
	}

	private static void validatePrices(List<PriceProperties> prices) {
		for (int i = 0; i < prices.size(); i++) {
			String property = PREFIX + "prices[" + i + "]";
			PriceProperties price = prices.get(i);
			requirePattern(property + ".model", price.getModel(), "a model name or pattern: ");
			requirePrice(property + ".input", price.getInput());
			requirePrice(property + ".output", price.getOutput());
			optionalPrice(property + ".cache-read", price.getCacheRead());
			optionalPrice(property + ".cache-write", price.getCacheWrite());
			optionalPrice(property + ".reasoning", price.getReasoning());
			if (price.getCurrency() != null) {
				currency(property + ".currency", price.getCurrency());
			}
		}
	}

	private static void requirePrice(String property, @Nullable BigDecimal price) {
		if (price == null) {
			throw invalid(property, UNSET, PRICE_RULE);
		}
		optionalPrice(property, price);
	}

	private static void optionalPrice(String property, @Nullable BigDecimal price) {
		if (price != null && price.signum() < 0) {
			throw invalid(property, price, PRICE_RULE);
		}
	}

	private static Currency currency(String property, @Nullable String code) {
		try {
			if (code == null || !code.matches("[A-Z]{3}")) {
				throw new IllegalArgumentException(code);
			}
			return Currency.getInstance(code);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(property, code, CURRENCY_RULE);
		}
	}

	private static void validatePriceCatalogue(PriceCatalogueProperties catalogue) {
		String property = PREFIX + "price-catalogue.";
		if (catalogue.getLocation() != null) {
			String location = catalogue.getLocation().strip();
			try {
				PriceListLocation.of(location);
			}
			catch (IllegalArgumentException ex) {
				throw invalid(property + "location", location, ex.getMessage());
			}
		}
		positive(property + "refresh-interval", catalogue.getRefreshInterval(), "6h or 30s");
		positive(property + "timeout", catalogue.getTimeout(), "6h or 30s");
	}

}

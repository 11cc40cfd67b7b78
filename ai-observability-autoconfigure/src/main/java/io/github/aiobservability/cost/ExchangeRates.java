package io.github.aiobservability.cost;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Currency;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Converts prices into the configured currency. The user's rates come first; a currency
 * they give no rate for is converted at the catalogue's dated reference rate.
 */
public final class ExchangeRates {

	private final Currency target;

	private final Map<Currency, BigDecimal> configured;

	private final Map<Currency, BigDecimal> referencePerUsd;

	/**
	 * Creates the rates.
	 * @param target the currency costs are recorded in
	 * @param configured value of one unit of each currency in the target currency
	 * @param referencePerUsd the catalogue's reference rates: units of each currency per
	 * US dollar
	 */
	public ExchangeRates(Currency target, Map<Currency, BigDecimal> configured,
			Map<Currency, BigDecimal> referencePerUsd) {
		this.target = target;
		this.configured = Map.copyOf(configured);
		this.referencePerUsd = Map.copyOf(referencePerUsd);
	}

	public Currency target() {
		return this.target;
	}

	/**
	 * The value of one unit of a currency in the target currency.
	 * @param currency the currency of a price
	 * @return the rate, or {@code null} when none is known
	 */
	public @Nullable BigDecimal rate(Currency currency) {
		if (currency.equals(this.target)) {
			return BigDecimal.ONE;
		}
		BigDecimal rate = this.configured.get(currency);
		if (rate != null) {
			return rate;
		}
		BigDecimal targetPerUsd = this.referencePerUsd.get(this.target);
		BigDecimal currencyPerUsd = this.referencePerUsd.get(currency);
		if (targetPerUsd == null || currencyPerUsd == null) {
			return null;
		}
		return targetPerUsd.divide(currencyPerUsd, MathContext.DECIMAL64);
	}

	/**
	 * Whether a currency is converted at a reference rate rather than a configured one.
	 * @param currency the currency of a price
	 * @return whether its rate comes from the catalogue
	 */
	public boolean usesReferenceRate(Currency currency) {
		return !currency.equals(this.target) && !this.configured.containsKey(currency);
	}

}

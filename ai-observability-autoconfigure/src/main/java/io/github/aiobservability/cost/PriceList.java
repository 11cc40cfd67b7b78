package io.github.aiobservability.cost;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prices read from a source outside the jar, in LiteLLM's format or the bundled
 * catalogue's, and checked whole before any of them is used.
 * <p>
 * A list is rejected, never applied in part, when it is not valid JSON (a truncated
 * download), when a price is not a number or is negative, when it prices no model, or
 * when a price is absurd: above {@value #CEILING_PER_MILLION} per million tokens, about a
 * thousand times the dearest model sold, which is what a price entered per thousand
 * tokens or per million in a per-token field looks like, or more than {@value #MAX_RATIO}
 * times above or below the bundled catalogue's price of the same model and provider (see
 * {@link #checkAgainst}).
 *
 * @param prices the prices, in the list's order
 */
public record PriceList(List<ModelPrice> prices) {

	/** The highest believable price per million tokens, in any currency. */
	static final long CEILING_PER_MILLION = 1_000_000;

	/**
	 * How far a price may stray from the bundled catalogue's before it is not believed.
	 */
	static final int MAX_RATIO = 100;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Reads and checks a price list.
	 * @param json the document
	 * @param origin where it was read from, for messages
	 * @return the list
	 * @throws IllegalStateException with the reason when the list is rejected
	 */
	public static PriceList parse(byte[] json, String origin) {
		JsonNode root;
		try {
			root = JSON.readTree(json);
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("not valid JSON: " + ex.getOriginalMessage());
		}
		if (root == null || !root.isObject()) {
			throw new IllegalStateException("not a JSON object of prices");
		}
		List<ModelPrice> prices = LiteLlmPriceList.isLiteLlm(root) ? LiteLlmPriceList.parse(root, origin)
				: PriceCatalogue.parse(root).prices();
		if (prices.isEmpty()) {
			throw new IllegalStateException("it prices no model");
		}
		prices.forEach(PriceList::check);
		return new PriceList(prices);
	}

	/**
	 * Rejects the list when a model's input or output price is more than
	 * {@value #MAX_RATIO} times above or below the bundled catalogue's price of the same
	 * model and provider, compared in one currency. Prices change, but not a hundredfold:
	 * a list that says so has its units wrong.
	 * @param reference the bundled catalogue's prices
	 * @param rates the rates to compare prices in different currencies with
	 * @throws IllegalStateException with the reason when the list is rejected
	 */
	public void checkAgainst(List<ModelPrice> reference, ExchangeRates rates) {
		Map<String, ModelPrice> known = new HashMap<>();
		reference.forEach((price) -> known.put(key(price), price));
		for (ModelPrice price : this.prices) {
			ModelPrice bundled = known.get(key(price));
			if (bundled != null) {
				compare(price, bundled, "input", PriceTier::input, rates);
				compare(price, bundled, "output", PriceTier::output, rates);
			}
		}
	}

	private static String key(ModelPrice price) {
		return price.provider() + "/" + price.model().toLowerCase(Locale.ROOT);
	}

	private static void compare(ModelPrice price, ModelPrice bundled, String kind,
			Function<PriceTier, BigDecimal> field, ExchangeRates rates) {
		BigDecimal rate = rates.rate(price.currency());
		BigDecimal bundledRate = rates.rate(bundled.currency());
		BigDecimal listed = field.apply(price.tiers().get(0));
		BigDecimal expected = field.apply(bundled.tiers().get(0));
		if (rate == null || bundledRate == null || listed.signum() == 0 || expected.signum() == 0) {
			return;
		}
		double ratio = listed.multiply(rate).doubleValue() / expected.multiply(bundledRate).doubleValue();
		if (ratio > MAX_RATIO || ratio < 1.0 / MAX_RATIO) {
			throw new IllegalStateException(
					price.origin() + " has an absurd " + kind + " price of " + listed.toPlainString() + " "
							+ price.currency() + " per million tokens, " + String.format(Locale.ROOT, "%.4g", ratio)
							+ " times the bundled catalogue's " + expected.toPlainString() + " " + bundled.currency());
		}
	}

	private static void check(ModelPrice price) {
		for (PriceTier tier : price.tiers()) {
			check(price, "input", tier.input());
			check(price, "output", tier.output());
			check(price, "cache read", tier.cacheRead());
			check(price, "cache write", tier.cacheWrite());
			check(price, "reasoning", tier.reasoning());
		}
	}

	private static void check(ModelPrice price, String kind, @Nullable BigDecimal perMillion) {
		if (perMillion == null) {
			return;
		}
		if (perMillion.signum() < 0) {
			throw new IllegalStateException(
					price.origin() + " has a negative " + kind + " price " + perMillion.toPlainString());
		}
		if (perMillion.compareTo(BigDecimal.valueOf(CEILING_PER_MILLION)) > 0) {
			throw new IllegalStateException(price.origin() + " has an absurd " + kind + " price of "
					+ perMillion.toPlainString() + " per million tokens (above " + CEILING_PER_MILLION + ")");
		}
	}

}

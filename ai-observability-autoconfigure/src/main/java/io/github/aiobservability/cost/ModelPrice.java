package io.github.aiobservability.cost;

import java.util.Currency;
import java.util.List;

import io.github.aiobservability.support.GlobPattern;
import org.jspecify.annotations.Nullable;

/**
 * What one model costs: its tiers, ordered by size, the last without a limit.
 *
 * @param model the model name, or a pattern with {@code *} and {@code ?}
 * @param provider who sells the model at this price, as the {@code provider} label names
 * it, {@code null} for any provider
 * @param currency the currency the prices are in
 * @param tiers the price tiers
 * @param origin where the price comes from, such as {@code ai.observability.prices[0]} or
 * {@code catalogue (openai, 2025-10-01, https://...)}, for messages
 */
public record ModelPrice(String model, @Nullable String provider, Currency currency, List<PriceTier> tiers,
		String origin) {

	/**
	 * A price that applies whoever sells the model.
	 * @param model the model name or pattern
	 * @param currency the currency the prices are in
	 * @param tiers the price tiers
	 * @param origin where the price comes from
	 */
	public ModelPrice(String model, Currency currency, List<PriceTier> tiers, String origin) {
		this(model, null, currency, tiers, origin);
	}

	boolean isPattern() {
		return this.model.indexOf('*') >= 0 || this.model.indexOf('?') >= 0;
	}

	@Nullable GlobPattern pattern() {
		return isPattern() ? GlobPattern.compile(this.model) : null;
	}

}

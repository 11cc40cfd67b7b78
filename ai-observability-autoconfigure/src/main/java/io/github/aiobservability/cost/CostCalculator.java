package io.github.aiobservability.cost;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * The prices of models in the configured currency, as {@link TokenPrices} that price a
 * round-trip's tokens.
 * <p>
 * Prices are matched and converted once per provider and model name, then kept as
 * per-token amounts, so pricing a call is two lookups and a few multiplications. The kept
 * prices are dropped when a refreshed price list replaces the loaded one.
 */
public class CostCalculator {

	/** Converted prices are cached, up to this many distinct model names. */
	private static final int CACHE_LIMIT = 1024;

	private final PriceResolver prices;

	private final ExchangeRates rates;

	/** Converted prices by provider, then model; replaced when the loaded prices are. */
	private volatile Cache cache;

	public CostCalculator(PriceResolver prices, ExchangeRates rates) {
		this.prices = prices;
		this.rates = rates;
		this.cache = new Cache(prices.version());
	}

	/**
	 * The currency costs are recorded in.
	 * @return its ISO 4217 code
	 */
	public String currency() {
		return this.rates.target().getCurrencyCode();
	}

	/**
	 * The prices of a model, in the configured currency per token.
	 * @param model the model name the call used
	 * @param provider the call's {@code provider} label, which picks among several
	 * sellers of one model name
	 * @return its prices, or {@code null} when the model has no price
	 */
	public @Nullable TokenPrices prices(String model, String provider) {
		Cache cache = this.cache;
		if (cache.version != this.prices.version()) {
			cache = new Cache(this.prices.version());
			this.cache = cache;
		}
		Map<String, Optional<TokenPrices>> models = cache.byProvider.get(provider);
		if (models == null) {
			models = cache.byProvider.computeIfAbsent(provider, (key) -> new ConcurrentHashMap<>());
		}
		Optional<TokenPrices> converted = models.get(model);
		if (converted == null) {
			converted = this.prices.find(model, provider.isEmpty() ? null : provider).map(this::convert);
			if (cache.size.get() < CACHE_LIMIT && models.putIfAbsent(model, converted) == null) {
				cache.size.incrementAndGet();
			}
		}
		return converted.orElse(null);
	}

	private @Nullable TokenPrices convert(ModelPrice price) {
		BigDecimal rate = this.rates.rate(price.currency());
		if (rate == null) {
			// Validated at startup for configured prices; a catalogue price in a currency
			// with no known rate is left unpriced rather than guessed.
			return null;
		}
		return new TokenPrices(price.tiers().stream().map((tier) -> TokenPrices.Tier.of(tier, rate)).toList());
	}

	private static final class Cache {

		private final int version;

		private final Map<String, Map<String, Optional<TokenPrices>>> byProvider = new ConcurrentHashMap<>();

		private final AtomicInteger size = new AtomicInteger();

		Cache(int version) {
			this.version = version;
		}

	}

}

package io.github.aiobservability.cost;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.aiobservability.metrics.TokenUsage;
import org.jspecify.annotations.Nullable;

/**
 * The cost of one round-trip in the configured currency: uncached input, cache reads,
 * cache writes, output and reasoning, each at its price, from the tier the request's
 * input size falls in. Reasoning tokens are part of the output and billed as output
 * unless the price has a reasoning price of its own.
 * <p>
 * Prices are matched and converted once per provider and model name, then kept as
 * per-token amounts, so pricing a call is two lookups and a few multiplications. The kept
 * prices are dropped when a refreshed price list replaces the loaded one.
 */
public class CostCalculator {

	private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

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
	 * Prices a round-trip, whoever sold it.
	 * @param model the model name the call used
	 * @param usage its tokens
	 * @return the cost, or {@code -1} when the model has no price
	 */
	public double cost(String model, TokenUsage usage) {
		return cost(model, "", usage);
	}

	/**
	 * Prices a round-trip.
	 * @param model the model name the call used
	 * @param provider the call's {@code provider} label, which picks among several
	 * sellers of one model name
	 * @param usage its tokens
	 * @return the cost, or {@code -1} when the model has no price
	 */
	public double cost(String model, String provider, TokenUsage usage) {
		Cache cache = this.cache;
		if (cache.version != this.prices.version()) {
			cache = new Cache(this.prices.version());
			this.cache = cache;
		}
		Map<String, Optional<Converted>> models = cache.byProvider.get(provider);
		if (models == null) {
			models = cache.byProvider.computeIfAbsent(provider, (key) -> new ConcurrentHashMap<>());
		}
		Optional<Converted> converted = models.get(model);
		if (converted == null) {
			converted = this.prices.find(model, provider.isEmpty() ? null : provider).map(this::convert);
			if (cache.size.get() < CACHE_LIMIT && models.putIfAbsent(model, converted) == null) {
				cache.size.incrementAndGet();
			}
		}
		// No Optional.map here: it would box the result on every call.
		return converted.isPresent() ? converted.get().tierFor(usage.input()).cost(usage) : -1;
	}

	private @Nullable Converted convert(ModelPrice price) {
		BigDecimal rate = this.rates.rate(price.currency());
		if (rate == null) {
			// Validated at startup for configured prices; a catalogue price in a currency
			// with no known rate is left unpriced rather than guessed.
			return null;
		}
		return new Converted(price.tiers().stream().map((tier) -> ConvertedTier.of(tier, rate)).toList());
	}

	private static final class Cache {

		private final int version;

		private final Map<String, Map<String, Optional<Converted>>> byProvider = new ConcurrentHashMap<>();

		private final AtomicInteger size = new AtomicInteger();

		Cache(int version) {
			this.version = version;
		}

	}

	private record Converted(List<ConvertedTier> tiers) {

		ConvertedTier tierFor(long inputTokens) {
			for (ConvertedTier tier : this.tiers) {
				if (inputTokens <= tier.maxInputTokens()) {
					return tier;
				}
			}
			return this.tiers.get(this.tiers.size() - 1);
		}

	}

	/**
	 * A tier's prices per token in the target currency.
	 */
	private record ConvertedTier(long maxInputTokens, double input, double cacheRead, double cacheWrite, double output,
			double reasoning) {

		static ConvertedTier of(PriceTier tier, BigDecimal rate) {
			return new ConvertedTier((tier.maxInputTokens() != null) ? tier.maxInputTokens() : Long.MAX_VALUE,
					perToken(tier.input(), rate), perToken(tier.cacheReadOrInput(), rate),
					perToken(tier.cacheWriteOrInput(), rate), perToken(tier.output(), rate),
					perToken(tier.reasoningOrOutput(), rate));
		}

		private static double perToken(BigDecimal perMillion, BigDecimal rate) {
			return perMillion.multiply(rate).divide(MILLION, MathContext.DECIMAL64).doubleValue();
		}

		double cost(TokenUsage usage) {
			long reasoning = Math.min(usage.reasoning(), usage.output());
			return usage.uncachedInput() * this.input + usage.cacheRead() * this.cacheRead
					+ usage.cacheWrite() * this.cacheWrite + (usage.output() - reasoning) * this.output
					+ reasoning * this.reasoning;
		}

	}

}

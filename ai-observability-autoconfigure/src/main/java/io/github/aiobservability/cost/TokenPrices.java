package io.github.aiobservability.cost;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

import io.github.aiobservability.metrics.TokenUsage;

/**
 * A model's prices per token in the configured currency, by tier of input size: what a
 * round-trip's tokens are priced at.
 */
public final class TokenPrices {

	private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

	private final List<Tier> tiers;

	TokenPrices(List<Tier> tiers) {
		this.tiers = tiers;
	}

	/**
	 * The cost of a round-trip: uncached input, cache reads, cache writes, output and
	 * reasoning, each at its price, from the tier the request's input size falls in.
	 * Reasoning tokens are part of the output and billed as output unless the price has a
	 * reasoning price of its own.
	 * @param usage its tokens
	 * @return the cost, 0 or more
	 */
	public double cost(TokenUsage usage) {
		return tierFor(usage.input()).cost(usage);
	}

	private Tier tierFor(long inputTokens) {
		for (Tier tier : this.tiers) {
			if (inputTokens <= tier.maxInputTokens()) {
				return tier;
			}
		}
		return this.tiers.get(this.tiers.size() - 1);
	}

	/**
	 * A tier's prices per token in the target currency.
	 */
	record Tier(long maxInputTokens, double input, double cacheRead, double cacheWrite, double output,
			double reasoning) {

		static Tier of(PriceTier tier, BigDecimal rate) {
			return new Tier((tier.maxInputTokens() != null) ? tier.maxInputTokens() : Long.MAX_VALUE,
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

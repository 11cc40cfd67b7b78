package io.github.aiobservability.cost;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * Prices per million tokens that apply up to a request size.
 *
 * @param maxInputTokens the largest input (prompt) a request may have for this tier to
 * apply, {@code null} for no limit
 * @param input price of uncached input tokens
 * @param output price of output tokens, reasoning tokens included
 * @param cacheRead price of input tokens read from the prompt cache, {@code null} to
 * charge them as input
 * @param cacheWrite price of input tokens written to the prompt cache where billed
 * separately, {@code null} to charge them as input
 */
public record PriceTier(@Nullable Long maxInputTokens, BigDecimal input, BigDecimal output,
		@Nullable BigDecimal cacheRead, @Nullable BigDecimal cacheWrite) {

	BigDecimal cacheReadOrInput() {
		return (this.cacheRead != null) ? this.cacheRead : this.input;
	}

	BigDecimal cacheWriteOrInput() {
		return (this.cacheWrite != null) ? this.cacheWrite : this.input;
	}

}

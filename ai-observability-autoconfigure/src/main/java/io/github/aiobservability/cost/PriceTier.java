package io.github.aiobservability.cost;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * Prices per million tokens that apply up to a request size.
 *
 * @param maxInputTokens the largest input (prompt) a request may have for this tier to
 * apply, {@code null} for no limit
 * @param input price of uncached input tokens
 * @param output price of output tokens, reasoning tokens included unless
 * {@code reasoning} prices them
 * @param cacheRead price of input tokens read from the prompt cache, {@code null} to
 * charge them as input
 * @param cacheWrite price of input tokens written to the prompt cache where billed
 * separately, {@code null} to charge them as input
 * @param reasoning price of reasoning tokens where billed apart from the rest of the
 * output, {@code null} to charge them as output
 */
public record PriceTier(@Nullable Long maxInputTokens, BigDecimal input, BigDecimal output,
		@Nullable BigDecimal cacheRead, @Nullable BigDecimal cacheWrite, @Nullable BigDecimal reasoning) {

	/**
	 * A tier whose reasoning tokens are charged as output.
	 * @param maxInputTokens the largest input for this tier, {@code null} for no limit
	 * @param input price of uncached input tokens
	 * @param output price of output tokens
	 * @param cacheRead price of cache reads, {@code null} to charge them as input
	 * @param cacheWrite price of cache writes, {@code null} to charge them as input
	 */
	public PriceTier(@Nullable Long maxInputTokens, BigDecimal input, BigDecimal output, @Nullable BigDecimal cacheRead,
			@Nullable BigDecimal cacheWrite) {
		this(maxInputTokens, input, output, cacheRead, cacheWrite, null);
	}

	BigDecimal cacheReadOrInput() {
		return (this.cacheRead != null) ? this.cacheRead : this.input;
	}

	BigDecimal cacheWriteOrInput() {
		return (this.cacheWrite != null) ? this.cacheWrite : this.input;
	}

	BigDecimal reasoningOrOutput() {
		return (this.reasoning != null) ? this.reasoning : this.output;
	}

}

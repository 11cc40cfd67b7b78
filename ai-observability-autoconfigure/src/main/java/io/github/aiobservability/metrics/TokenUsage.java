package io.github.aiobservability.metrics;

/**
 * The tokens of one round-trip, normalised across providers: {@code input} counts every
 * input token the model processed, cached ones included, and {@code output} every output
 * token, reasoning included. OpenAI reports usage this way; Anthropic reports cache reads
 * and writes on top of its input tokens, and is added up into this shape.
 *
 * @param input input (prompt) tokens, cached ones included
 * @param output output (completion) tokens, reasoning included
 * @param inputEstimated whether {@code input} was estimated locally
 * @param outputEstimated whether {@code output} was estimated locally
 * @param cacheRead the part of {@code input} read from the provider's prompt cache
 * @param cacheWrite the part of {@code input} written to the prompt cache, where billed
 * separately
 * @param reasoning the part of {@code output} spent on reasoning
 */
public record TokenUsage(long input, long output, boolean inputEstimated, boolean outputEstimated, long cacheRead,
		long cacheWrite, long reasoning) {

	/** No tokens: a failed call. */
	public static final TokenUsage NONE = new TokenUsage(0, 0, false, false, 0, 0, 0);

	/**
	 * Plain counts, without cache or reasoning details.
	 * @param input input tokens
	 * @param output output tokens
	 * @param inputEstimated whether {@code input} was estimated
	 * @param outputEstimated whether {@code output} was estimated
	 * @return the usage
	 */
	public static TokenUsage of(long input, long output, boolean inputEstimated, boolean outputEstimated) {
		return new TokenUsage(input, output, inputEstimated, outputEstimated, 0, 0, 0);
	}

	/**
	 * Input tokens charged at the plain input price.
	 * @return input tokens that were neither read from nor written to the cache
	 */
	public long uncachedInput() {
		return Math.max(0, this.input - this.cacheRead - this.cacheWrite);
	}

}

package io.github.aiobservability.metrics;

/**
 * The tokens of one round-trip and whether each count is the provider's or an estimate.
 *
 * @param input input (prompt) tokens
 * @param output output (completion) tokens
 * @param inputEstimated whether {@code input} was estimated locally
 * @param outputEstimated whether {@code output} was estimated locally
 */
public record TokenUsage(long input, long output, boolean inputEstimated, boolean outputEstimated) {

	/** No tokens: a failed call. */
	public static final TokenUsage NONE = new TokenUsage(0, 0, false, false);

}

package io.github.aiobservability.usage;

import io.github.aiobservability.metrics.TokenUsage;
import org.jspecify.annotations.Nullable;

/**
 * The token counts of one round-trip as its provider reported them, in the provider's own
 * terms, gathered from every source before they are {@link #normalise() normalised}.
 * <p>
 * Providers disagree on what their counts include: OpenAI counts cached tokens inside its
 * prompt tokens and reasoning inside its completion tokens; Anthropic reports cache reads
 * and writes on top of its input tokens; Gemini reports thinking tokens on top of its
 * candidates and tool-use prompt tokens on top of its prompt. The {@link UsageAdapter} of
 * each provider says which, so the arithmetic is done once, here.
 * <p>
 * Each count keeps the last positive value reported: a stream reports its counts in
 * several chunks (OpenAI everything in its last; Anthropic its input in the first and its
 * output in the last). Written by one thread at a time and read once the writer is done:
 * a stream's reader writes before the client publishes the chunk it read, and the
 * round-trip reads after the stream completed, so the stream's own hand-over between
 * threads orders the writes before the read, and the fields need not be volatile (a
 * volatile write costs a fence per count).
 */
public final class ReportedUsage {

	private long prompt;

	private long completion;

	private long cacheRead;

	private long cacheWrite;

	private long reasoning;

	private long additionalInput;

	private boolean cacheOnTopOfPrompt;

	private boolean reasoningOnTopOfCompletion;

	/**
	 * The input tokens the provider reported as its prompt count.
	 * @param tokens the count, ignored unless positive
	 */
	public void prompt(@Nullable Number tokens) {
		if (positive(tokens)) {
			this.prompt = tokens.longValue();
		}
	}

	/**
	 * The output tokens the provider reported as its completion count.
	 * @param tokens the count, ignored unless positive
	 */
	public void completion(@Nullable Number tokens) {
		if (positive(tokens)) {
			this.completion = tokens.longValue();
		}
	}

	/**
	 * The input tokens read from the provider's prompt cache.
	 * @param tokens the count, ignored unless positive
	 */
	public void cacheRead(@Nullable Number tokens) {
		if (positive(tokens)) {
			this.cacheRead = tokens.longValue();
		}
	}

	/**
	 * The input tokens written to the provider's prompt cache.
	 * @param tokens the count, ignored unless positive
	 */
	public void cacheWrite(@Nullable Number tokens) {
		if (positive(tokens)) {
			this.cacheWrite = tokens.longValue();
		}
	}

	/**
	 * The output tokens spent on reasoning (thinking).
	 * @param tokens the count, ignored unless positive
	 */
	public void reasoning(@Nullable Number tokens) {
		if (positive(tokens)) {
			this.reasoning = tokens.longValue();
		}
	}

	/**
	 * Input tokens billed on top of the prompt count, such as Gemini's tool-use prompt
	 * tokens.
	 * @param tokens the count, ignored unless positive
	 */
	public void additionalInput(@Nullable Number tokens) {
		if (positive(tokens)) {
			this.additionalInput = tokens.longValue();
		}
	}

	/**
	 * The provider counts cache reads and writes on top of its prompt count (Anthropic),
	 * not inside it.
	 */
	public void cacheOnTopOfPrompt() {
		this.cacheOnTopOfPrompt = true;
	}

	/**
	 * The provider counts reasoning tokens on top of its completion count (Gemini), not
	 * inside it.
	 */
	public void reasoningOnTopOfCompletion() {
		this.reasoningOnTopOfCompletion = true;
	}

	/**
	 * Whether the provider reported any prompt or completion tokens.
	 * @return {@code false} when nothing was reported, and the tokens must be estimated
	 */
	public boolean hasCounts() {
		return this.prompt > 0 || this.completion > 0;
	}

	/**
	 * Whether cache reads or writes were reported.
	 * @return whether either count is positive
	 */
	public boolean hasCacheCounts() {
		return this.cacheRead > 0 || this.cacheWrite > 0;
	}

	/**
	 * The counts in the starter's terms: input counts every input token, cached ones and
	 * those billed on top included; output every output token, reasoning included.
	 * @return the token usage
	 */
	public TokenUsage normalise() {
		long prompt = this.prompt;
		long cacheRead = this.cacheRead;
		long cacheWrite = this.cacheWrite;
		// Without an adapter's word, counts that cannot fit inside the prompt are on top.
		boolean cacheOnTop = this.cacheOnTopOfPrompt || cacheRead + cacheWrite > prompt;
		long input = prompt + this.additionalInput + (cacheOnTop ? cacheRead + cacheWrite : 0);
		long output = this.completion + (this.reasoningOnTopOfCompletion ? this.reasoning : 0);
		return new TokenUsage(input, output, false, false, cacheRead, cacheWrite, Math.min(this.reasoning, output));
	}

	private static boolean positive(@Nullable Number tokens) {
		return tokens != null && tokens.longValue() > 0;
	}

}

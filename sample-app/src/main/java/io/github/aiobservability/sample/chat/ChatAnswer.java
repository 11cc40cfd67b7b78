package io.github.aiobservability.sample.chat;

/**
 * The body answering {@code POST /api/chat}.
 *
 * @param answer the model's answer
 * @param model the model that answered
 * @param usage the tokens it took
 */
public record ChatAnswer(String answer, String model, Usage usage) {

	/**
	 * Tokens of one answer, as the provider reported them.
	 *
	 * @param inputTokens prompt tokens
	 * @param outputTokens completion tokens
	 */
	public record Usage(long inputTokens, long outputTokens) {
	}

}

package io.github.aiobservability.sample.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The body answering {@code POST /api/chat}.
 *
 * @param answer the model's answer
 * @param model the model that answered
 * @param usage the tokens it took
 * @param source the id of the document put in the prompt, when the request asked for
 * retrieval; absent otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatAnswer(String answer, String model, Usage usage, @Nullable String source) {

	/**
	 * Tokens of one answer, as the provider reported them.
	 *
	 * @param inputTokens prompt tokens
	 * @param outputTokens completion tokens
	 */
	public record Usage(long inputTokens, long outputTokens) {
	}

}

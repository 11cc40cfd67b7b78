package io.github.aiobservability.sample.chat;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/chat} and {@code POST /api/chat/stream}.
 *
 * @param message what the user asks
 * @param model the model to ask, else the configured default
 * @param tenant who asks, recorded as the {@code tenant} tag of the metrics
 * @param rag whether to put the built-in document nearest to the message, found with an
 * embedding of the message, in the prompt
 */
public record ChatRequest(@Nullable String message, @Nullable String model, @Nullable String tenant,
		@Nullable Boolean rag) {

	/**
	 * Whether the request asks for retrieval.
	 * @return true when {@code rag} is true
	 */
	public boolean retrieves() {
		return Boolean.TRUE.equals(this.rag);
	}

}

package io.github.aiobservability.chat;

import io.github.aiobservability.metrics.TokenUsage;
import io.github.aiobservability.model.RoundTrip;

import org.springframework.ai.chat.model.ChatResponse;

/**
 * Completes the usage of a stream from what the provider sent but Spring AI's stream
 * handling dropped before any chunk reached the caller.
 */
@FunctionalInterface
public interface StreamUsageSource {

	/**
	 * The usage of a completed stream.
	 * @param roundTrip the stream's round-trip
	 * @param response the stream's aggregated response
	 * @param usage the usage read from its chunks
	 * @return the usage, completed where this source knows more
	 */
	TokenUsage complete(RoundTrip roundTrip, ChatResponse response, TokenUsage usage);

}

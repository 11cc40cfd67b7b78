package io.github.aiobservability.usage;

import org.springframework.ai.chat.model.ChatResponse;

/**
 * Counts of a stream that Spring AI's stream handling dropped before any chunk reached
 * the caller, read where they still exist: off the wire.
 */
@FunctionalInterface
public interface StreamUsageSource {

	/**
	 * Adds what this source read of a completed stream.
	 * @param response the stream's aggregated response, whose id names the stream
	 * @param report the counts gathered so far, where this source's go
	 */
	void contribute(ChatResponse response, ReportedUsage report);

}

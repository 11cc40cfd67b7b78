package io.github.aiobservability.anthropic;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.aiobservability.usage.ReportedUsage;
import io.github.aiobservability.usage.StreamUsageSource;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.model.ChatResponse;

/**
 * The cache counts of Anthropic streams. Anthropic reports a stream's cache reads and
 * writes in its first event, {@code message_start}; its last, {@code message_delta}, may
 * carry only the output tokens. Spring AI keeps the input tokens of {@code message_start}
 * and drops its cache counts, so a stream's cached input would be priced as uncached.
 * {@link MessageStartTee} reads them off the wire by message id; the stream's round-trip
 * takes them back by the id of its response.
 */
public class MessageStartUsage implements StreamUsageSource {

	/**
	 * Messages remembered until their stream completes; a bound for those that never do.
	 */
	private static final int MAX_MESSAGES = 1024;

	private final Map<String, CacheCounts> byMessageId = new LinkedHashMap<>(64, 0.75f, false) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, CacheCounts> eldest) {
			return size() > MAX_MESSAGES;
		}

	};

	@Override
	public void contribute(ChatResponse response, ReportedUsage report) {
		String messageId = (response.getMetadata() != null) ? response.getMetadata().getId() : null;
		CacheCounts counts = (messageId != null) ? take(messageId) : null;
		if (counts == null || !report.hasCounts() || report.hasCacheCounts()) {
			// Nothing read, or the stream's own usage already holds its cache counts.
			return;
		}
		report.cacheRead(counts.read());
		report.cacheWrite(counts.write());
		report.cacheOnTopOfPrompt();
	}

	/**
	 * Remembers what a {@code message_start} event reported.
	 * @param messageId the message's id
	 * @param cacheRead its cache-read input tokens
	 * @param cacheWrite its cache-creation input tokens
	 */
	void remember(String messageId, long cacheRead, long cacheWrite) {
		if (cacheRead <= 0 && cacheWrite <= 0) {
			return;
		}
		synchronized (this.byMessageId) {
			this.byMessageId.put(messageId, new CacheCounts(cacheRead, cacheWrite));
		}
	}

	private @Nullable CacheCounts take(String messageId) {
		synchronized (this.byMessageId) {
			return this.byMessageId.remove(messageId);
		}
	}

	private record CacheCounts(long read, long write) {
	}

}

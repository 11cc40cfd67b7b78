package io.github.aiobservability.chat;

import io.micrometer.core.instrument.Clock;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

/**
 * Notes when the first chunk with content of one streamed model round-trip passed, and
 * the usage its last chunk reported. The
 * {@link TimeToFirstTokenAdvisor} feeds it; the observation handler reads it when the
 * round-trip's observation stops.
 */
final class StreamProbe {

	private final Clock clock;

	private volatile long firstContentNanos;

	private volatile @Nullable Usage lastUsage;

	StreamProbe(Clock clock) {
		this.clock = clock;
	}

	void onChunk(ChatClientResponse chunk) {
		try {
			ChatResponse response = chunk.chatResponse();
			if (this.firstContentNanos == 0 && hasContent(response)) {
				this.firstContentNanos = this.clock.monotonicTime();
			}
			Usage usage = (response != null && response.getMetadata() != null) ? response.getMetadata().getUsage()
					: null;
			if (usage != null && (positive(usage.getPromptTokens()) || positive(usage.getCompletionTokens()))) {
				this.lastUsage = usage;
			}
		}
		catch (RuntimeException ex) {
			// A chunk the probe cannot read is the caller's business, not a failure of
			// the stream: leave the stream as it is and record no time to first token.
		}
	}

	/**
	 * The monotonic time of the first chunk with content, 0 if none came.
	 * @return nanoseconds on the meter registry's clock
	 */
	long firstContentNanos() {
		return this.firstContentNanos;
	}

	/**
	 * The usage the last chunk reporting one carried: unlike Spring AI's aggregated
	 * response, it keeps cache counts and the provider's native usage.
	 * @return the usage, or {@code null}
	 */
	@Nullable Usage lastUsage() {
		return this.lastUsage;
	}

	private static boolean positive(@Nullable Integer tokens) {
		return tokens != null && tokens > 0;
	}

	private static boolean hasContent(@Nullable ChatResponse response) {
		if (response == null) {
			return false;
		}
		for (Generation generation : response.getResults()) {
			String text = (generation.getOutput() != null) ? generation.getOutput().getText() : null;
			if (text != null && !text.isEmpty()) {
				return true;
			}
		}
		return false;
	}

}

package io.github.aiobservability.chat;

import io.micrometer.core.instrument.Clock;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

/**
 * Notes when the first chunk with content of one streamed model round-trip passed. The
 * {@link TimeToFirstTokenAdvisor} feeds it; the observation handler reads it when the
 * round-trip's observation stops.
 */
final class StreamProbe {

	private final Clock clock;

	private volatile long firstContentNanos;

	StreamProbe(Clock clock) {
		this.clock = clock;
	}

	void onChunk(ChatClientResponse chunk) {
		try {
			if (this.firstContentNanos == 0 && hasContent(chunk.chatResponse())) {
				this.firstContentNanos = this.clock.monotonicTime();
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

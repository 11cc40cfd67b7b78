package io.github.aiobservability.chat;

import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Clock;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationView;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.observation.ChatClientObservationContext;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

/**
 * What the ChatClient side of one streamed model round-trip saw: when its first chunk
 * with content passed, and the usage its chunks reported. The
 * {@link TimeToFirstTokenAdvisor} feeds it; the observation handler reads it.
 * <p>
 * Spring AI hands a stream's chunks to the ChatClient on another thread, so the model's
 * observation can stop before the advisor has seen the last chunk (which carries the
 * usage) or after. The probe is where the two meet: the round-trip is recorded by
 * whichever of {@link #afterStreamEnds} and {@link #onStreamEnd} comes second.
 */
final class StreamProbe {

	/** Enough for any advisor chain; stops a runaway walk. */
	private static final int MAX_DEPTH = 64;

	/** Set once the advisor saw the stream end; from then on, finishing runs at once. */
	private static final Runnable ENDED = () -> {
	};

	private final Clock clock;

	private final AtomicReference<@Nullable Runnable> pendingFinish = new AtomicReference<>();

	private volatile long firstContentNanos;

	// Each field keeps the last value reported: OpenAI reports everything in its last
	// chunk, Anthropic its input in the first and its output in the last.
	private volatile @Nullable Integer promptTokens;

	private volatile @Nullable Integer completionTokens;

	private volatile @Nullable Long cacheReadTokens;

	private volatile @Nullable Long cacheWriteTokens;

	private volatile @Nullable Object nativeUsage;

	StreamProbe(Clock clock) {
		this.clock = clock;
	}

	/**
	 * The probe left by the nearest {@link TimeToFirstTokenAdvisor} above a model call.
	 * @param context the model call's observation context
	 * @return the probe, or {@code null}
	 */
	static @Nullable StreamProbe nearest(Observation.Context context) {
		ObservationView parent = context.getParentObservation();
		for (int depth = 0; parent != null && depth < MAX_DEPTH; depth++) {
			Observation.ContextView view = parent.getContextView();
			StreamProbe probe = view.get(StreamProbe.class);
			if (probe != null || view instanceof ChatClientObservationContext) {
				// A probe belongs to the advisors of the nearest ChatClient only.
				return probe;
			}
			parent = view.getParentObservation();
		}
		return null;
	}

	void onChunk(ChatClientResponse chunk) {
		try {
			ChatResponse response = chunk.chatResponse();
			if (this.firstContentNanos == 0 && hasContent(response)) {
				this.firstContentNanos = this.clock.monotonicTime();
			}
			Usage usage = (response != null && response.getMetadata() != null) ? response.getMetadata().getUsage()
					: null;
			if (usage != null) {
				merge(usage);
			}
		}
		catch (RuntimeException ex) {
			// A chunk the probe cannot read is the caller's business, not a failure of
			// the stream: leave the stream as it is and record what is known.
		}
	}

	/**
	 * The advisor saw the stream end: completed, failed or cancelled. Every chunk has
	 * passed the probe.
	 */
	void onStreamEnd() {
		Runnable finish = this.pendingFinish.getAndSet(ENDED);
		if (finish != null && finish != ENDED) {
			finish.run();
		}
	}

	/**
	 * Runs the recording of the round-trip once the advisor has seen the stream end: now
	 * if it has, else when it does.
	 * @param finish records the round-trip
	 */
	void afterStreamEnds(Runnable finish) {
		if (!this.pendingFinish.compareAndSet(null, finish)) {
			finish.run();
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
	 * The usage the chunks reported, field by field the last value seen: unlike Spring
	 * AI's aggregated response, it keeps cache counts and the provider's native usage.
	 * @return the usage, or {@code null} when no chunk reported one
	 */
	@Nullable Usage usage() {
		Integer prompt = this.promptTokens;
		Integer completion = this.completionTokens;
		if (prompt == null && completion == null) {
			return null;
		}
		int total = ((prompt != null) ? prompt : 0) + ((completion != null) ? completion : 0);
		return new DefaultUsage(prompt, completion, total, this.nativeUsage, this.cacheReadTokens,
				this.cacheWriteTokens);
	}

	private void merge(Usage usage) {
		if (positive(usage.getPromptTokens())) {
			this.promptTokens = usage.getPromptTokens();
		}
		if (positive(usage.getCompletionTokens())) {
			this.completionTokens = usage.getCompletionTokens();
		}
		if (positive(usage.getCacheReadInputTokens())) {
			this.cacheReadTokens = usage.getCacheReadInputTokens();
		}
		if (positive(usage.getCacheWriteInputTokens())) {
			this.cacheWriteTokens = usage.getCacheWriteInputTokens();
		}
		if (usage.getNativeUsage() != null) {
			this.nativeUsage = usage.getNativeUsage();
		}
	}

	private static boolean positive(@Nullable Number tokens) {
		return tokens != null && tokens.longValue() > 0;
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

package io.github.aiobservability.chat;

import java.util.concurrent.atomic.AtomicReference;

import io.github.aiobservability.model.ObservationLineage;
import io.github.aiobservability.model.StreamTiming;
import io.github.aiobservability.usage.ReportedUsage;
import io.github.aiobservability.usage.UsageReader;
import io.micrometer.core.instrument.Clock;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.observation.ChatClientObservationContext;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

/**
 * What the ChatClient side of one streamed model round-trip saw: when its first chunk
 * with content passed, and the usage its chunks reported. The {@link StreamChunksAdvisor}
 * feeds it; the observation handler reads it.
 * <p>
 * Spring AI hands a stream's chunks to the ChatClient on another thread, so the model's
 * observation can stop before the advisor has seen the last chunk (which carries the
 * usage) or after. The probe is where the two meet: the round-trip is recorded by
 * whichever of {@link #afterStreamEnds} and {@link #onStreamEnd} comes second.
 */
final class StreamProbe {

	/** Set once the advisor saw the stream end; from then on, finishing runs at once. */
	private static final Runnable ENDED = () -> {
	};

	private final Clock clock;

	private final AtomicReference<@Nullable Runnable> pendingFinish = new AtomicReference<>();

	private volatile long firstContentNanos;

	private volatile long lastContentNanos;

	private volatile boolean reasoningStreamed;

	private final UsageReader usageReader;

	private final ReportedUsage usage = new ReportedUsage();

	StreamProbe(Clock clock, UsageReader usageReader) {
		this.clock = clock;
		this.usageReader = usageReader;
	}

	/**
	 * The probe left by the nearest {@link StreamChunksAdvisor} above a model call.
	 * @param context the model call's observation context
	 * @return the probe, or {@code null}
	 */
	static @Nullable StreamProbe nearest(Observation.Context context) {
		// A probe belongs to the advisors of the nearest ChatClient only.
		return ObservationLineage.nearest(context, (view) -> view.get(StreamProbe.class),
				(view) -> view instanceof ChatClientObservationContext);
	}

	void onChunk(ChatClientResponse chunk) {
		try {
			ChatResponse response = chunk.chatResponse();
			Content content = content(response);
			if (content != Content.NONE) {
				long now = this.clock.monotonicTime();
				if (this.firstContentNanos == 0) {
					this.firstContentNanos = now;
				}
				this.lastContentNanos = now;
				this.reasoningStreamed |= (content == Content.THOUGHT);
			}
			if (response != null && response.getMetadata() != null) {
				this.usageReader.collect(response.getMetadata().getUsage(), this.usage);
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
	 * When the chunks with content passed.
	 * @return the timing, {@link StreamTiming#NONE} when none came
	 */
	StreamTiming timing() {
		return (this.firstContentNanos != 0)
				? new StreamTiming(this.firstContentNanos, this.lastContentNanos, this.reasoningStreamed)
				: StreamTiming.NONE;
	}

	/**
	 * What the chunks reported, each count the last value seen: unlike Spring AI's
	 * aggregated response, it keeps cache counts and what the provider's own usage holds.
	 * @return the counts, empty when no chunk reported any
	 */
	ReportedUsage usage() {
		return this.usage;
	}

	/**
	 * What a chunk carries: text or a tool call, a thought (Spring AI marks Gemini's
	 * thought parts {@code isThought}), or nothing (a role-only or empty chunk).
	 */
	private static Content content(@Nullable ChatResponse response) {
		if (response == null) {
			return Content.NONE;
		}
		for (Generation generation : response.getResults()) {
			AssistantMessage output = generation.getOutput();
			if (output == null) {
				continue;
			}
			String text = output.getText();
			if ((text != null && !text.isEmpty()) || output.hasToolCalls()) {
				return Boolean.parseBoolean(String.valueOf(output.getMetadata().get("isThought"))) ? Content.THOUGHT
						: Content.ANSWER;
			}
		}
		return Content.NONE;
	}

	private enum Content {

		NONE, ANSWER, THOUGHT

	}

}

package io.github.aiobservability.chat;

import io.github.aiobservability.metrics.CallOutcome;
import io.github.aiobservability.metrics.Endpoint;
import io.github.aiobservability.metrics.ErrorClassifier;
import io.github.aiobservability.metrics.TokenUsage;
import io.github.aiobservability.model.ModelCallObservationHandler;
import io.github.aiobservability.model.ModelCallRecorder;
import io.github.aiobservability.model.RoundTrip;
import io.github.aiobservability.model.StreamTiming;
import io.github.aiobservability.usage.UsageReader;
import io.github.aiobservability.wire.WireStream;
import io.github.aiobservability.wire.WireStreams;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Records the {@code ai_*} metrics of every chat model round-trip. Spring AI wraps each
 * call of a ChatModel, made directly, through any ChatClient or by the tool-calling loop,
 * in one observation with a {@link ChatModelObservationContext}; handling that
 * observation counts each round-trip exactly once without touching the call itself.
 * <p>
 * A ChatClient stream is recorded once both its model observation has stopped and the
 * {@link StreamChunksAdvisor} has seen its last chunk: when the second of the two
 * happens.
 * <p>
 * Never throws: whatever goes wrong while recording is logged once and the call goes on
 * unchanged.
 */
public class ChatModelMetricsObservationHandler extends ModelCallObservationHandler<ChatModelObservationContext> {

	private final UsageReader usage;

	private final ErrorClassifier errors;

	private final WireStreams wire;

	/**
	 * Creates the handler.
	 * @param recorder records round-trips
	 * @param usage reads or estimates tokens
	 * @param errors classifies failures
	 * @param wire the streams read off the wire, by the id of their message
	 */
	public ChatModelMetricsObservationHandler(ModelCallRecorder recorder, UsageReader usage, ErrorClassifier errors,
			WireStreams wire) {
		super("chat", recorder);
		this.usage = usage;
		this.errors = errors;
		this.wire = wire;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ChatModelObservationContext;
	}

	@Override
	protected RoundTrip start(ChatModelObservationContext context) {
		ChatOptions options = context.getRequest().getOptions();
		Endpoint endpoint = context.isStreaming() ? Endpoint.CHAT_STREAM : Endpoint.CHAT;
		RoundTrip roundTrip = this.recorder.start(context, endpoint, (options != null) ? options.getModel() : null,
				options);
		StreamProbe probe = context.isStreaming() ? StreamProbe.nearest(context) : null;
		if (probe != null) {
			context.put(StreamProbe.class, probe);
		}
		return roundTrip;
	}

	@Override
	protected void stopped(ChatModelObservationContext context, RoundTrip roundTrip) {
		ChatResponse response = context.getResponse();
		CallOutcome outcome = outcome(context, response);
		Prompt prompt = context.getRequest();
		StreamProbe probe = context.get(StreamProbe.class);
		if (probe == null) {
			finish(roundTrip, outcome, prompt, response, null);
		}
		else {
			probe.afterStreamEnds(() -> finish(roundTrip, outcome, prompt, response, probe));
		}
	}

	/**
	 * A stream its consumer cancelled is {@code cancelled}, even when it stopped with an
	 * I/O error: Spring AI 2.0.1's Anthropic stream closes itself on the cancel, and the
	 * read that then fails can reach the observation before the cancel does. Its stop is
	 * reported on the thread that read the stream or on the one that closed it; the wire
	 * knows both. Asked for every stream, so that no thread keeps a stale answer.
	 */
	private CallOutcome outcome(ChatModelObservationContext context, @Nullable ChatResponse response) {
		Throwable error = context.getError();
		if (!context.isStreaming()) {
			return (error != null) ? this.errors.classify(error) : CallOutcome.NONE;
		}
		boolean abandoned = this.wire.abandonedOnThisThread();
		if (error == null) {
			return (response == null) ? CallOutcome.CANCELLED : CallOutcome.NONE;
		}
		CallOutcome outcome = this.errors.classify(error);
		return (abandoned && outcome == CallOutcome.NETWORK) ? CallOutcome.CANCELLED : outcome;
	}

	private void finish(RoundTrip roundTrip, CallOutcome outcome, Prompt prompt, @Nullable ChatResponse response,
			@Nullable StreamProbe probe) {
		try {
			boolean streaming = roundTrip.endpoint().isStreaming();
			WireStream wire = streaming ? this.wire.take(roundTrip, responseId(response)) : null;
			TokenUsage tokens = TokenUsage.NONE;
			if (outcome == CallOutcome.NONE && response != null) {
				tokens = streaming ? this.usage.stream(prompt, response, (probe != null) ? probe.usage() : null,
						(wire != null) ? wire.usage() : null) : this.usage.call(prompt, response);
			}
			else if (outcome == CallOutcome.CANCELLED) {
				tokens = this.usage.cancelled(prompt);
			}
			this.recorder.record(roundTrip, outcome, tokens, respondedModel(response), timing(wire, probe));
		}
		catch (RuntimeException | LinkageError ex) {
			// Run by the stream's end when that came last, outside onStop's guard.
			logFailure("stop", "Could not record an AI chat call", ex);
		}
	}

	/**
	 * When a stream's content arrived: as read off the wire where it was, since that is
	 * when the provider's tokens reached the application (the chunks reach the advisor
	 * later: after the SDK parsed them, and for Gemini two events late); else as the
	 * advisor saw the chunks.
	 */
	private static StreamTiming timing(@Nullable WireStream wire, @Nullable StreamProbe probe) {
		if (wire != null && wire.firstContentNanos() != 0) {
			return new StreamTiming(wire.firstContentNanos(), wire.lastContentNanos(), wire.reasoningStreamed());
		}
		return (probe != null) ? probe.timing() : StreamTiming.NONE;
	}

	private static @Nullable String responseId(@Nullable ChatResponse response) {
		return (response != null && response.getMetadata() != null) ? response.getMetadata().getId() : null;
	}

	private static @Nullable String respondedModel(@Nullable ChatResponse response) {
		return (response != null && response.getMetadata() != null) ? response.getMetadata().getModel() : null;
	}

}

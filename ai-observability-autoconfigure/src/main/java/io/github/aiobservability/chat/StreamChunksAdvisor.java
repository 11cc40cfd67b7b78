package io.github.aiobservability.chat;

import io.github.aiobservability.usage.UsageReader;
import io.micrometer.core.instrument.Clock;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.core.Ordered;

/**
 * Reads the chunks of ChatClient streams: when the first and last chunks with content
 * passed, and the usage they reported. It times the streams of providers whose bytes the
 * starter does not read off the wire; for those it does (OpenAI and the OpenAI-compatible
 * ones, Anthropic), the wire's figures win, being when the tokens really arrived, and the
 * advisor changes nothing. A ChatModel's observation does not see the chunks of its
 * stream, and Spring AI's aggregation of them keeps only input and output token counts,
 * so this advisor, ordered right before the model, watches them and leaves a
 * {@link StreamProbe} on its own advisor observation, the parent of the model's
 * observation, where {@link ChatModelMetricsObservationHandler} finds it.
 * <p>
 * It reads chunks and never changes them. In a tool-calling loop the chain passes through
 * it once per model round-trip, so each round-trip is timed on its own.
 */
public class StreamChunksAdvisor implements StreamAdvisor {

	/** Just before Spring AI's ChatModelStreamAdvisor, after the tool-calling advisor. */
	public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 1;

	private final Clock clock;

	private final UsageReader usageReader;

	/**
	 * Creates the advisor.
	 * @param clock the meter registry's clock
	 * @param usageReader reads the usage the chunks report
	 */
	public StreamChunksAdvisor(Clock clock, UsageReader usageReader) {
		this.clock = clock;
		this.usageReader = usageReader;
	}

	@Override
	public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
		return Flux.deferContextual((contextView) -> {
			Observation own = contextView.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
			if (own == null || own.isNoop()) {
				return chain.nextStream(request);
			}
			StreamProbe probe = new StreamProbe(this.clock, this.usageReader);
			own.getContext().put(StreamProbe.class, probe);
			// Completed, failed or cancelled: every chunk has passed the probe by then.
			// doOnTerminate and doOnCancel run before the signal travels on (doFinally
			// would run after), so the round-trip is mostly recorded by the time the
			// caller sees the stream end.
			return chain.nextStream(request)
				.doOnNext(probe::onChunk)
				.doOnTerminate(probe::onStreamEnd)
				.doOnCancel(probe::onStreamEnd);
		});
	}

	@Override
	public String getName() {
		return "AiObservabilityStreamChunksAdvisor";
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}

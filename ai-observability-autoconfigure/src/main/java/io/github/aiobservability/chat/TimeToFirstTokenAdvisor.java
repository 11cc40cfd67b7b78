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
 * Measures time to first token of ChatClient streams, and keeps the usage details of
 * their chunks. A ChatModel's observation does not see the chunks of its stream, and
 * Spring AI's aggregation of them keeps only input and output token counts, so this
 * advisor, ordered right before the model, watches them and leaves a {@link StreamProbe}
 * on its own advisor observation, the parent of the model's observation, where
 * {@link ChatModelMetricsObservationHandler} finds it. Without it, a stream records no
 * time to first token and no cache or reasoning tokens.
 * <p>
 * It reads chunks and never changes them. In a tool-calling loop the chain passes through
 * it once per model round-trip, so each round-trip is timed on its own.
 */
public class TimeToFirstTokenAdvisor implements StreamAdvisor {

	/** Just before Spring AI's ChatModelStreamAdvisor, after the tool-calling advisor. */
	public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 1;

	private final Clock clock;

	private final UsageReader usageReader;

	/**
	 * Creates the advisor.
	 * @param clock the meter registry's clock
	 * @param usageReader reads the usage the chunks report
	 */
	public TimeToFirstTokenAdvisor(Clock clock, UsageReader usageReader) {
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
		return "AiObservabilityTimeToFirstTokenAdvisor";
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}

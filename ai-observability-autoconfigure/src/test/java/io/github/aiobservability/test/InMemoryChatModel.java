package io.github.aiobservability.test;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.model.MessageAggregator;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * A ChatModel that answers from memory but observes its calls exactly as Spring AI's
 * OpenAiChatModel does (one observation per call; a stream observed from subscription to
 * its end, with its parent taken from the Reactor context, aggregated by
 * MessageAggregator), for tests and benchmarks that must exercise the instrumentation
 * without a network.
 */
public final class InMemoryChatModel implements ChatModel {

	private static final DefaultChatModelObservationConvention CONVENTION = new DefaultChatModelObservationConvention();

	private final ObservationRegistry observationRegistry;

	private final ChatResponse response;

	private final List<ChatResponse> chunks;

	/**
	 * Creates the model.
	 * @param observationRegistry where its calls are observed
	 * @param streamChunks how many chunks a stream has; the last reports usage
	 */
	public InMemoryChatModel(ObservationRegistry observationRegistry, int streamChunks) {
		this.observationRegistry = observationRegistry;
		this.response = response("A fixed answer of a few words.", new DefaultUsage(120, 40, 160));
		this.chunks = new ArrayList<>();
		for (int i = 0; i < streamChunks; i++) {
			DefaultUsage usage = (i == streamChunks - 1) ? new DefaultUsage(120, streamChunks, 120 + streamChunks)
					: new DefaultUsage(0, 0, 0);
			this.chunks.add(response("word ", usage));
		}
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		ChatModelObservationContext context = ChatModelObservationContext.builder()
			.prompt(prompt)
			.provider("openai")
			.build();
		return ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
			.observation(null, CONVENTION, () -> context, this.observationRegistry)
			.observe(() -> {
				context.setResponse(this.response);
				return this.response;
			});
	}

	@Override
	public Flux<ChatResponse> stream(Prompt prompt) {
		return Flux.deferContextual((contextView) -> {
			ChatModelObservationContext context = ChatModelObservationContext.builder()
				.prompt(prompt)
				.provider("openai")
				.streaming(true)
				.build();
			Observation observation = ChatModelObservationDocumentation.CHAT_MODEL_OPERATION.observation(null,
					CONVENTION, () -> context, this.observationRegistry);
			// As OpenAiChatModel does: the parent comes from the subscriber's Reactor
			// context (a ChatClient's advisor observation), not from a thread local.
			Observation parent = contextView.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
			observation.parentObservation(parent);
			try (Observation.Scope ignored = (parent != null) ? parent.openScope() : Observation.Scope.NOOP) {
				observation.start();
			}
			Flux<ChatResponse> observed = Flux.fromIterable(this.chunks)
				.doOnError(observation::error)
				.doFinally((signal) -> observation.stop())
				.contextWrite((ctx) -> ctx.put(ObservationThreadLocalAccessor.KEY, observation));
			return new MessageAggregator().aggregate(observed, context::setResponse);
		});
	}

	private static ChatResponse response(String text, DefaultUsage usage) {
		return new ChatResponse(List.of(new Generation(new AssistantMessage(text))),
				ChatResponseMetadata.builder().model("gpt-4o-mini").usage(usage).build());
	}

}

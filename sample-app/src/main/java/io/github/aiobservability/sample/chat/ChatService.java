package io.github.aiobservability.sample.chat;

import java.util.Objects;

import io.github.aiobservability.sample.retrieval.Retriever;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.stereotype.Service;

/**
 * Asks the model through the ChatClient of its provider (OpenAI's protocol, Gemini or
 * Ollama: {@link ProviderChatClients}), exactly as an application would; the starter
 * records every call without any code here. The tenant travels as an advisor param, which
 * the starter reads as the {@code tenant} request tag. A request that asks for retrieval
 * first finds the nearest built-in document with the {@link Retriever} (an embedding
 * call, tagged with the tenant through {@link TenantContext}) and puts it in the prompt
 * as a system message.
 */
@Service
public class ChatService {

	private final ProviderChatClients clients;

	private final SampleChatProperties properties;

	private final Retriever retriever;

	private final String defaultModel;

	public ChatService(ProviderChatClients clients, SampleChatProperties properties, ChatModel chatModel,
			Retriever retriever) {
		this.clients = clients;
		this.properties = properties;
		this.retriever = retriever;
		this.defaultModel = chatModel.getOptions().getModel();
	}

	/**
	 * Validates a request against the API's limits.
	 * @param request the request
	 * @return the request with its model filled in
	 * @throws InvalidChatRequestException when it is refused
	 */
	public ChatRequest validate(ChatRequest request) {
		String message = request.message();
		if (message == null || message.isBlank()) {
			throw new InvalidChatRequestException("message", "must not be empty");
		}
		if (message.length() > this.properties.getMaxMessageLength()) {
			throw new InvalidChatRequestException("message",
					"must be at most " + this.properties.getMaxMessageLength() + " characters");
		}
		String model = (request.model() == null || request.model().isBlank()) ? this.defaultModel : request.model();
		if (!this.properties.getModels().isEmpty() && !this.properties.getModels().contains(model)) {
			throw new InvalidChatRequestException("model", "must be one of " + this.properties.getModels());
		}
		String tenant = (request.tenant() == null || request.tenant().isBlank()) ? null : request.tenant();
		return new ChatRequest(message, model, tenant, request.retrieves());
	}

	/**
	 * Asks and waits for the whole answer.
	 * @param request a validated request
	 * @return the answer and its usage
	 */
	public ChatAnswer chat(ChatRequest request) {
		Retriever.Match context = retrieve(request);
		ChatResponse response = prompt(request, context).call().chatResponse();
		Objects.requireNonNull(response, "The model returned no response");
		Usage usage = response.getMetadata().getUsage();
		String model = (response.getMetadata().getModel() != null) ? response.getMetadata().getModel()
				: request.model();
		return new ChatAnswer(response.getResult().getOutput().getText(), model,
				new ChatAnswer.Usage(nonNull(usage.getPromptTokens()), nonNull(usage.getCompletionTokens())),
				(context != null) ? context.id() : null);
	}

	/**
	 * Asks and relays the answer as it is written. Retrieval, when asked for, happens on
	 * subscription, so that its failure ends the stream as the model's would.
	 * @param request a validated request
	 * @return the answer's text chunks
	 */
	public Flux<String> stream(ChatRequest request) {
		return Flux.defer(() -> prompt(request, retrieve(request)).stream().content());
	}

	private Retriever.@Nullable Match retrieve(ChatRequest request) {
		if (!request.retrieves()) {
			return null;
		}
		return TenantContext.callAs(request.tenant(),
				() -> this.retriever.nearest(Objects.requireNonNull(request.message())));
	}

	private ChatClient.ChatClientRequestSpec prompt(ChatRequest request, Retriever.@Nullable Match context) {
		String model = Objects.requireNonNull(request.model());
		ChatClient.ChatClientRequestSpec spec = this.clients.client(model)
			.prompt()
			.user(Objects.requireNonNull(request.message()))
			.options(this.clients.options(model, this.properties.getTimeout()));
		if (context != null) {
			spec = spec.system("Answer with the help of this document:\n\n" + context.text());
		}
		if (request.tenant() != null) {
			spec = spec.advisors((advisors) -> advisors.param("tenant", request.tenant()));
		}
		return spec;
	}

	private static long nonNull(Integer tokens) {
		return (tokens != null) ? tokens : 0;
	}

}

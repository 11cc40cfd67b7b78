package io.github.aiobservability.sample.chat;

import java.util.Objects;

import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.stereotype.Service;

/**
 * Asks the model through a ChatClient built from the auto-configured builder, exactly as
 * an application would; the starter records every call without any code here. The tenant
 * travels as an advisor param, which the starter reads as the {@code tenant} request tag.
 */
@Service
public class ChatService {

	private final ChatClient chatClient;

	private final SampleChatProperties properties;

	private final String defaultModel;

	public ChatService(ChatClient.Builder chatClientBuilder, SampleChatProperties properties, ChatModel chatModel) {
		this.chatClient = chatClientBuilder.build();
		this.properties = properties;
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
		return new ChatRequest(message, model, tenant);
	}

	/**
	 * Asks and waits for the whole answer.
	 * @param request a validated request
	 * @return the answer and its usage
	 */
	public ChatAnswer chat(ChatRequest request) {
		ChatResponse response = prompt(request).call().chatResponse();
		Objects.requireNonNull(response, "The model returned no response");
		Usage usage = response.getMetadata().getUsage();
		String model = (response.getMetadata().getModel() != null) ? response.getMetadata().getModel()
				: request.model();
		return new ChatAnswer(response.getResult().getOutput().getText(), model, new ChatAnswer.Usage(
				nonNull(usage.getPromptTokens()), nonNull(usage.getCompletionTokens())));
	}

	/**
	 * Asks and relays the answer as it is written.
	 * @param request a validated request
	 * @return the answer's text chunks
	 */
	public Flux<String> stream(ChatRequest request) {
		return prompt(request).stream().content();
	}

	private ChatClient.ChatClientRequestSpec prompt(ChatRequest request) {
		ChatClient.ChatClientRequestSpec spec = this.chatClient.prompt()
			.user(Objects.requireNonNull(request.message()))
			.options(OpenAiChatOptions.builder().model(request.model()).timeout(this.properties.getTimeout()));
		if (request.tenant() != null) {
			spec = spec.advisors((advisors) -> advisors.param("tenant", request.tenant()));
		}
		return spec;
	}

	private static long nonNull(Integer tokens) {
		return (tokens != null) ? tokens : 0;
	}

}

package io.github.aiobservability.sample.chat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.genai.Client;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import io.github.aiobservability.gemini.GeminiHttpClient;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientBuilderCustomizer;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.google.genai.GoogleGenAiChatModel;
import org.springframework.ai.google.genai.GoogleGenAiChatOptions;
import org.springframework.ai.ollama.OllamaChatModel;
import org.springframework.ai.ollama.api.OllamaApi;
import org.springframework.ai.ollama.api.OllamaChatOptions;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * One ChatClient per provider the sample calls. Spring AI's auto-configured
 * {@code ChatClient.Builder} takes the application's one {@code ChatModel}, OpenAI's here
 * ({@code spring.ai.model.chat=openai}); the Gemini and Ollama models are built by hand,
 * as an application with several providers does, and their ChatClients get the same
 * customizers (the starter's time-to-first-token advisor, the budget advisor), so every
 * call is recorded alike:
 * <ul>
 * <li>Gemini's {@code Client} runs on the starter's {@link GeminiHttpClient}, its one
 * line: {@code .clientOptions(geminiHttpClient.clientOptions())};</li>
 * <li>Ollama's model runs on Spring AI's auto-configured {@code OllamaApi}, whose
 * RestClient and WebClient come from Boot's builders, which observe every attempt.</li>
 * </ul>
 */
@Component
public class ProviderChatClients {

	/** The provider that serves every model no other claims: OpenAI's protocol. */
	public static final String OPENAI = "openai";

	public static final String GEMINI = "gemini";

	public static final String OLLAMA = "ollama";

	private final Map<String, ChatClient> clients = new LinkedHashMap<>();

	private final Map<String, String> providerOfModel = new LinkedHashMap<>();

	public ProviderChatClients(ChatClient.Builder openAi, SampleProvidersProperties properties,
			ObjectProvider<ChatClientBuilderCustomizer> customizers, ObjectProvider<ObservationRegistry> observations,
			ObjectProvider<GeminiHttpClient> geminiHttpClient, ObjectProvider<OllamaApi> ollamaApi,
			ObjectProvider<RetryTemplate> retryTemplate) {
		this.clients.put(OPENAI, openAi.build());
		ObservationRegistry registry = observations.getIfUnique(() -> ObservationRegistry.NOOP);
		SampleProvidersProperties.Gemini gemini = properties.getGemini();
		if (gemini.isEnabled() && !gemini.getModels().isEmpty()) {
			GoogleGenAiChatModel model = GoogleGenAiChatModel.builder()
				.genAiClient(geminiClient(gemini, geminiHttpClient.getIfAvailable()))
				.options(GoogleGenAiChatOptions.builder().model(gemini.getModels().get(0)).build())
				.observationRegistry(registry)
				.build();
			add(GEMINI, model, gemini.getModels(), registry, customizers);
		}
		SampleProvidersProperties.Ollama ollama = properties.getOllama();
		if (ollama.isEnabled() && !ollama.getModels().isEmpty()) {
			OllamaChatModel.Builder model = OllamaChatModel.builder()
				.ollamaApi(ollamaApi.getObject())
				.options(OllamaChatOptions.builder().model(ollama.getModels().get(0)).build())
				.observationRegistry(registry);
			retryTemplate.ifUnique(model::retryTemplate);
			add(OLLAMA, model.build(), ollama.getModels(), registry, customizers);
		}
	}

	/**
	 * The Gemini API's client: the embedded provider's or Google's, with the SDK's
	 * retries kept short for a demo (3 attempts from half a second), on the starter's
	 * HTTP client so that each attempt is counted.
	 */
	private static Client geminiClient(SampleProvidersProperties.Gemini gemini, @Nullable GeminiHttpClient httpClient) {
		HttpOptions.Builder http = HttpOptions.builder()
			.retryOptions(HttpRetryOptions.builder().attempts(3).initialDelay(0.5).maxDelay(2.0).build());
		if (StringUtils.hasText(gemini.getBaseUrl())) {
			http.baseUrl(gemini.getBaseUrl());
		}
		Client.Builder client = Client.builder().apiKey(gemini.getApiKey()).httpOptions(http.build());
		if (httpClient != null) {
			client.clientOptions(httpClient.clientOptions());
		}
		return client.build();
	}

	private void add(String provider, ChatModel model, List<String> models, ObservationRegistry registry,
			ObjectProvider<ChatClientBuilderCustomizer> customizers) {
		ChatClient.Builder builder = ChatClient.builder(model, registry, null, null);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		this.clients.put(provider, builder.build());
		models.forEach((name) -> this.providerOfModel.put(name, provider));
	}

	/**
	 * The provider that serves a model: Gemini's and Ollama's configured models when
	 * those providers are on, OpenAI's protocol for any other.
	 * @param model the model name
	 * @return {@link #OPENAI}, {@link #GEMINI} or {@link #OLLAMA}
	 */
	public String providerOf(String model) {
		return this.providerOfModel.getOrDefault(model, OPENAI);
	}

	/**
	 * Whether a provider is on.
	 * @param provider {@link #OPENAI}, {@link #GEMINI} or {@link #OLLAMA}
	 * @return true when its client exists
	 */
	public boolean isEnabled(String provider) {
		return this.clients.containsKey(provider);
	}

	/**
	 * The ChatClient of a model's provider.
	 * @param model the model name
	 * @return the client
	 */
	public ChatClient client(String model) {
		return this.clients.get(providerOf(model));
	}

	/**
	 * The options of a call in its provider's type: the model, and for OpenAI's protocol
	 * the timeout of each attempt (Gemini's and Ollama's clients have none per call).
	 * @param model the model name
	 * @param timeout the timeout of each attempt
	 * @return the options
	 */
	public ChatOptions.Builder<?> options(String model, Duration timeout) {
		return switch (providerOf(model)) {
			case GEMINI -> GoogleGenAiChatOptions.builder().model(model);
			case OLLAMA -> OllamaChatOptions.builder().model(model);
			default -> OpenAiChatOptions.builder().model(model).timeout(timeout);
		};
	}

}

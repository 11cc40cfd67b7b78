package io.github.aiobservability.model;

import java.util.List;
import java.util.Map;

import io.github.aiobservability.metrics.Endpoint;
import io.github.aiobservability.support.GlobPattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.OpenAiEmbeddingOptions;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderResolverTests {

	private static final String PROVIDERS = "ai.observability.providers";

	@Test
	void keepsTheProviderTheModelReports() {
		ProviderResolver resolver = new ProviderResolver(List.of(), PROVIDERS, null, null);

		assertThat(chat(resolver, "openai", OpenAiChatOptions.builder().model("gpt-4o").build())).isEqualTo("openai");
		assertThat(chat(resolver, "anthropic", null)).isEqualTo("anthropic");
	}

	@Test
	void labelsGoogleGenAiCallsGeminiUnlessTheirClientsRunOnVertexAi() {
		ProviderResolver resolver = new ProviderResolver(List.of(), PROVIDERS, null, null);

		assertThat(chat(resolver, "google_genai", null)).isEqualTo("gemini");
		assertThat(chat(resolver, "ollama", null)).isEqualTo("ollama");

		resolver.labelReportedProvider("google_genai", "vertex_ai");

		assertThat(chat(resolver, "google_genai", null)).isEqualTo("vertex_ai");
	}

	@Test
	void aRuleBeatsTheLabelOfAReportedProvider() {
		ProviderResolver resolver = new ProviderResolver(
				List.of(new ProviderRule("vertex_ai", List.of(GlobPattern.compile("*-vertex")), List.of())), PROVIDERS,
				null, null);

		assertThat(chat(resolver, "google_genai", ChatOptions.builder().model("gemini-2.5-flash-vertex").build()))
			.isEqualTo("vertex_ai");
		assertThat(chat(resolver, "google_genai", ChatOptions.builder().model("gemini-2.5-flash").build()))
			.isEqualTo("gemini");
	}

	@Test
	void recognisesWellKnownOpenAiCompatibleHosts() {
		ProviderResolver resolver = new ProviderResolver(List.of(), PROVIDERS, null, null);

		assertThat(chat(resolver, "openai", options("deepseek-chat", "https://api.deepseek.com")))
			.isEqualTo("deepseek");
		assertThat(chat(resolver, "openai", options("qwen-plus", "https://dashscope.aliyuncs.com/compatible-mode/v1")))
			.isEqualTo("qwen");
		assertThat(chat(resolver, "openai", options("llama3.2", "http://localhost:11434/v1"))).isEqualTo("ollama");
		assertThat(chat(resolver, "openai", options("gpt-4o", "https://api.openai.com/v1"))).isEqualTo("openai");
		assertThat(chat(resolver, "openai",
				options("gemini-2.5-flash", "https://generativelanguage.googleapis.com/v1beta/openai")))
			.isEqualTo("gemini");
	}

	@Test
	void appliesTheFirstMatchingRuleByModelOrBaseUrl() {
		ProviderResolver resolver = new ProviderResolver(
				List.of(new ProviderRule("internal-gateway", List.of(),
						List.of(GlobPattern.compile("*gateway.internal*"))),
						new ProviderRule("qwen", List.of(GlobPattern.compile("qwen-*")), List.of())),
				PROVIDERS, null, null);

		assertThat(chat(resolver, "openai", options("qwen-max", "https://api.openai.com/v1"))).isEqualTo("qwen");
		assertThat(chat(resolver, "openai", options("qwen-max", "https://gateway.internal/v1")))
			.isEqualTo("internal-gateway");
		assertThat(chat(resolver, "openai", options("gpt-4o", "https://api.deepseek.com"))).isEqualTo("deepseek");
	}

	@Test
	void usesTheConfiguredOpenAiBaseUrlForCallsWhoseOptionsCarryNone() {
		ProviderResolver resolver = new ProviderResolver(List.of(), PROVIDERS, "https://api.deepseek.com", null);

		assertThat(chat(resolver, "openai", OpenAiChatOptions.builder().model("deepseek-chat").build()))
			.isEqualTo("deepseek");
		assertThat(chat(resolver, "anthropic", null)).isEqualTo("anthropic");
	}

	@Test
	void recognisesTheCallsOfAChatModelBeanARuleNames() {
		ProviderResolver resolver = new ProviderResolver(
				List.of(new ProviderRule("acme-gateway", List.of(), List.of(), List.of("gatewayChatModel"))), PROVIDERS,
				null, null);
		OpenAiChatModel gateway = OpenAiChatModel.builder()
			.options(OpenAiChatOptions.builder().baseUrl("http://gateway.acme.test/v1").apiKey("k").model("m").build())
			.build();

		resolver.bindChatModels(Map.of("gatewayChatModel", gateway));

		assertThat(chat(resolver, "openai", options("gpt-4o", "http://gateway.acme.test/v1")))
			.isEqualTo("acme-gateway");
		assertThat(chat(resolver, "openai", options("gpt-4o", "https://api.openai.com/v1"))).isEqualTo("openai");
	}

	@Test
	void usesTheConfiguredEmbeddingBaseUrlForEmbeddingCalls() {
		ProviderResolver resolver = new ProviderResolver(List.of(), PROVIDERS, "https://api.openai.com/v1",
				"https://dashscope.aliyuncs.com/compatible-mode/v1");

		assertThat(resolver.resolve("openai", "text-embedding-v3",
				OpenAiEmbeddingOptions.builder().model("text-embedding-v3").build(), Endpoint.EMBEDDING))
			.isEqualTo("qwen");
		assertThat(chat(resolver, "openai", OpenAiChatOptions.builder().model("gpt-4o").build())).isEqualTo("openai");
	}

	private static String chat(ProviderResolver resolver, String reportedProvider, @Nullable ChatOptions options) {
		return resolver.resolve(reportedProvider, (options != null) ? options.getModel() : null, options,
				Endpoint.CHAT);
	}

	private static ChatOptions options(String model, String baseUrl) {
		return OpenAiChatOptions.builder().model(model).baseUrl(baseUrl).build();
	}

}

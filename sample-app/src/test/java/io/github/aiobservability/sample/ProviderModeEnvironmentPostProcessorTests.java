package io.github.aiobservability.sample;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderModeEnvironmentPostProcessorTests {

	private final ProviderModeEnvironmentPostProcessor postProcessor = new ProviderModeEnvironmentPostProcessor();

	@Test
	void pointsTheClientAtTheEmbeddedProviderWithoutAnApiKey() {
		MockEnvironment environment = new MockEnvironment().withProperty("server.port", "8080");

		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("sample.embedded-provider", Boolean.class)).isTrue();
		assertThat(environment.getProperty("spring.ai.openai.base-url")).isEqualTo("http://localhost:8080/mock/v1");
		assertThat(environment.getProperty("spring.ai.openai.api-key"))
			.isEqualTo(ProviderModeEnvironmentPostProcessor.PLACEHOLDER_API_KEY);
	}

	@Test
	void neverSendsARealKeyToTheEmbeddedProvider() {
		MockEnvironment environment = new MockEnvironment().withProperty("OPENAI_API_KEY", "sk-real");

		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("sample.embedded-provider", Boolean.class)).isFalse();
		assertThat(environment.getProperty("spring.ai.openai.api-key")).isEqualTo("sk-real");
		assertThat(environment.getProperty("spring.ai.openai.base-url")).isNull();
	}

	@Test
	void usesTheGivenBaseUrlOfARealProvider() {
		MockEnvironment environment = new MockEnvironment().withProperty("OPENAI_API_KEY", "sk-real")
			.withProperty("OPENAI_BASE_URL", "https://api.deepseek.com");

		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("spring.ai.openai.base-url")).isEqualTo("https://api.deepseek.com");
	}

	@Test
	void pointsGeminiAndOllamaAtTheEmbeddedProviderToo() {
		MockEnvironment environment = new MockEnvironment().withProperty("server.port", "8080");

		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("sample.providers.gemini.enabled", Boolean.class)).isTrue();
		assertThat(environment.getProperty("sample.providers.gemini.base-url"))
			.isEqualTo("http://localhost:8080/mock/gemini");
		assertThat(environment.getProperty("sample.providers.ollama.enabled", Boolean.class)).isTrue();
		assertThat(environment.getProperty("spring.ai.ollama.base-url")).isEqualTo("http://localhost:8080/mock/ollama");
	}

	@Test
	void callsARealGeminiOrOllamaOnlyWhenItsKeyOrUrlIsGiven() {
		MockEnvironment openAiOnly = new MockEnvironment().withProperty("OPENAI_API_KEY", "sk-real");
		MockEnvironment all = new MockEnvironment().withProperty("OPENAI_API_KEY", "sk-real")
			.withProperty("GEMINI_API_KEY", "gemini-real")
			.withProperty("OLLAMA_BASE_URL", "http://gpu-box:11434");

		this.postProcessor.postProcessEnvironment(openAiOnly, new SpringApplication());
		this.postProcessor.postProcessEnvironment(all, new SpringApplication());

		assertThat(openAiOnly.getProperty("sample.providers.gemini.enabled", Boolean.class)).isFalse();
		assertThat(openAiOnly.getProperty("sample.providers.ollama.enabled", Boolean.class)).isFalse();
		assertThat(all.getProperty("sample.providers.gemini.enabled", Boolean.class)).isTrue();
		assertThat(all.getProperty("sample.providers.gemini.api-key")).isEqualTo("gemini-real");
		assertThat(all.getProperty("sample.providers.gemini.base-url")).isNull();
		assertThat(all.getProperty("spring.ai.ollama.base-url")).isEqualTo("http://gpu-box:11434");
	}

	@Test
	void leavesExplicitSpringAiPropertiesAlone() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.ai.openai.api-key", "sk-configured")
			.withProperty("spring.ai.openai.base-url", "https://dashscope.aliyuncs.com/compatible-mode/v1");

		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("sample.embedded-provider", Boolean.class)).isFalse();
		assertThat(environment.getProperty("spring.ai.openai.api-key")).isEqualTo("sk-configured");
		assertThat(environment.getProperty("spring.ai.openai.base-url"))
			.isEqualTo("https://dashscope.aliyuncs.com/compatible-mode/v1");
	}

}

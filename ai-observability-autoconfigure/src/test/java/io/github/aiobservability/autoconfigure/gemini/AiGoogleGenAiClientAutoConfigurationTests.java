package io.github.aiobservability.autoconfigure.gemini;

import com.google.genai.Client;
import io.github.aiobservability.autoconfigure.AiObservabilityAutoConfiguration;
import io.github.aiobservability.gemini.GeminiHttpClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.google.genai.GoogleGenAiChatModel;
import org.springframework.ai.model.google.genai.autoconfigure.chat.GoogleGenAiChatAutoConfiguration;
import org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration;
import org.springframework.ai.retry.autoconfigure.SpringAiRetryAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.Configurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's Google GenAI {@code Client} in place of Spring AI's, with Spring AI's own
 * Google GenAI chat auto-configuration.
 */
class AiGoogleGenAiClientAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AiObservabilityAutoConfiguration.class,
				AiGoogleGenAiClientAutoConfiguration.class, GoogleGenAiChatAutoConfiguration.class,
				ToolCallingAutoConfiguration.class, SpringAiRetryAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("spring.ai.google.genai.api-key=test-key");

	@Test
	void buildsSpringAisClientOnTheStartersHttpClient() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(Client.class)
				.hasBean("googleGenAiClient")
				.hasSingleBean(GeminiHttpClient.class)
				.hasSingleBean(GoogleGenAiChatModel.class);
			assertThat(context.getBean(Client.class).vertexAI()).isFalse();
		});
	}

	@Test
	void comesBeforeSpringAisGoogleGenAiChatAutoConfiguration() {
		assertThat(Configurations.getClasses(AutoConfigurations.of(GoogleGenAiChatAutoConfiguration.class,
				AiGoogleGenAiClientAutoConfiguration.class, AiObservabilityAutoConfiguration.class)))
			.containsSubsequence(AiObservabilityAutoConfiguration.class, AiGoogleGenAiClientAutoConfiguration.class,
					GoogleGenAiChatAutoConfiguration.class);
	}

	@Test
	void failsAsSpringAiDoesWhenTheConnectionIsIncomplete() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AiObservabilityAutoConfiguration.class,
					AiGoogleGenAiClientAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("Incomplete Google GenAI configuration"));
		this.contextRunner.withPropertyValues("spring.ai.google.genai.vertex-ai=true")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("Vertex AI mode requires both 'project-id' and 'location'"));
	}

	@Test
	void leavesTheApplicationsOwnClientAlone() {
		Client own = Client.builder().apiKey("own-key").build();
		this.contextRunner.withBean("ownClient", Client.class, () -> own)
			.run((context) -> assertThat(context).hasSingleBean(Client.class).getBean(Client.class).isSameAs(own));
	}

	@Test
	void buildsNoClientWhenAnotherChatModelIsChosen() {
		this.contextRunner.withPropertyValues("spring.ai.model.chat=openai")
			.run((context) -> assertThat(context).doesNotHaveBean(Client.class)
				.doesNotHaveBean(GoogleGenAiChatModel.class));
	}

	@Test
	void leavesSpringAisClientWhenTurnedOffOrWithoutAMeterRegistryOrOkHttp() {
		this.contextRunner.withPropertyValues("ai.observability.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(Client.class)
				.doesNotHaveBean(GeminiHttpClient.class)
				.doesNotHaveBean(AiGoogleGenAiClientAutoConfiguration.class));
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AiObservabilityAutoConfiguration.class,
					AiGoogleGenAiClientAutoConfiguration.class, GoogleGenAiChatAutoConfiguration.class,
					ToolCallingAutoConfiguration.class, SpringAiRetryAutoConfiguration.class))
			.withPropertyValues("spring.ai.google.genai.api-key=test-key")
			.run((context) -> assertThat(context).hasSingleBean(Client.class)
				.doesNotHaveBean(AiGoogleGenAiClientAutoConfiguration.class));
	}

	@Test
	void backsOffWithoutTheGoogleGenAiSdk() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("com.google.genai"))
			.run((context) -> assertThat(context).doesNotHaveBean(AiGoogleGenAiClientAutoConfiguration.class)
				.doesNotHaveBean(GeminiHttpClient.class)
				.hasNotFailed());
	}

}

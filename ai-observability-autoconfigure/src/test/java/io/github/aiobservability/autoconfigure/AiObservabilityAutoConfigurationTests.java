package io.github.aiobservability.autoconfigure;

import java.util.List;

import io.github.aiobservability.anthropic.AnthropicUsageAdapter;
import io.github.aiobservability.autoconfigure.budget.AiBudgetsAutoConfiguration;
import io.github.aiobservability.autoconfigure.cost.AiCostAutoConfiguration;
import io.github.aiobservability.autoconfigure.thresholds.AiThresholdsAutoConfiguration;
import io.github.aiobservability.chat.ChatModelMetricsObservationHandler;
import io.github.aiobservability.chat.StreamChunksAdvisor;
import io.github.aiobservability.embedding.EmbeddingModelMetricsObservationHandler;
import io.github.aiobservability.gemini.GoogleGenAiUsageAdapter;
import io.github.aiobservability.http.AttemptRecorder;
import io.github.aiobservability.http.HttpAttemptObservationHandler;
import io.github.aiobservability.http.RestClientAttemptObservationHandler;
import io.github.aiobservability.http.StreamsInFlight;
import io.github.aiobservability.http.WebClientAttemptObservationHandler;
import io.github.aiobservability.metrics.Endpoint;
import io.github.aiobservability.metrics.ErrorClassifier;
import io.github.aiobservability.metrics.ModelMetrics;
import io.github.aiobservability.metrics.RateLimitGauges;
import io.github.aiobservability.model.CallLabeler;
import io.github.aiobservability.model.CostRecorder;
import io.github.aiobservability.model.ModelCallRecorder;
import io.github.aiobservability.model.ProviderResolver;
import io.github.aiobservability.model.RequestTagResolver;
import io.github.aiobservability.ollama.OllamaModelLoads;
import io.github.aiobservability.openai.OpenAiUsageAdapter;
import io.github.aiobservability.test.InvalidValue;
import io.github.aiobservability.usage.UsageReader;
import io.github.aiobservability.wire.WireStreams;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientBuilderCustomizer;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.Configurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

class AiObservabilityAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AiObservabilityAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@Test
	void autoConfiguresChatMetricsWhenSpringAiAndAMeterRegistryArePresent() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(ChatModelMetricsObservationHandler.class)
			.hasSingleBean(ModelMetrics.class)
			.hasSingleBean(ProviderResolver.class)
			.hasSingleBean(RequestTagResolver.class)
			.hasSingleBean(UsageReader.class)
			.hasSingleBean(OpenAiUsageAdapter.class)
			.hasSingleBean(AnthropicUsageAdapter.class)
			.hasSingleBean(ErrorClassifier.class)
			.hasSingleBean(CallLabeler.class)
			.hasSingleBean(ModelCallRecorder.class)
			.doesNotHaveBean(CostRecorder.class)
			.hasSingleBean(StreamsInFlight.class)
			.hasSingleBean(EmbeddingModelMetricsObservationHandler.class)
			.hasSingleBean(HttpAttemptObservationHandler.class)
			.hasSingleBean(RestClientAttemptObservationHandler.class)
			.hasSingleBean(WebClientAttemptObservationHandler.class)
			.hasSingleBean(AttemptRecorder.class)
			.hasSingleBean(RateLimitGauges.class)
			.hasSingleBean(WireStreams.class)
			.hasBean("aiOpenAiHttpClientBuilderCustomizer")
			.hasSingleBean(GoogleGenAiUsageAdapter.class)
			.hasSingleBean(OllamaModelLoads.class)
			.hasBean("aiAnthropicHttpClientBuilderCustomizer")
			.hasSingleBean(StreamChunksAdvisor.class)
			.hasBean("aiObservabilityChatClientBuilderCustomizer"));
	}

	@Test
	void autoConfiguresAfterBootsMeterRegistryWhateverTheListOrder() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AiObservabilityAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
					MetricsAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(ChatModelMetricsObservationHandler.class));
	}

	@Test
	void comesAfterTheAutoConfigurationsWhoseBeansItReadsAndBeforeBudgets() {
		List<Class<?>> order = List.of(Configurations
			.getClasses(AutoConfigurations.of(AiBudgetsAutoConfiguration.class, AiObservabilityAutoConfiguration.class,
					AiThresholdsAutoConfiguration.class, AiCostAutoConfiguration.class)));

		int observability = order.indexOf(AiObservabilityAutoConfiguration.class);
		assertThat(observability).isGreaterThan(order.indexOf(AiCostAutoConfiguration.class))
			.isGreaterThan(order.indexOf(AiThresholdsAutoConfiguration.class))
			.isLessThan(order.indexOf(AiBudgetsAutoConfiguration.class));
	}

	@Test
	void backsOffWhenMeterRegistryIsMissing() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AiObservabilityAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ChatModelMetricsObservationHandler.class)
				.doesNotHaveBean(ModelMetrics.class));
	}

	@Test
	void backsOffWhenSpringAiIsMissing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ChatModel.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ChatModelMetricsObservationHandler.class)
				.doesNotHaveBean(ModelMetrics.class));
	}

	@Test
	void recordsModelCallsWithoutTheAdvisorWhenChatClientIsMissing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ChatClient.class))
			.run((context) -> assertThat(context).hasSingleBean(ChatModelMetricsObservationHandler.class)
				.doesNotHaveBean(StreamChunksAdvisor.class)
				.doesNotHaveBean(ChatClientBuilderCustomizer.class));
	}

	@Test
	void recordsModelCallsWithoutOkHttpAttemptsWhenOkHttpIsMissing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("okhttp3"))
			.run((context) -> assertThat(context).hasSingleBean(ChatModelMetricsObservationHandler.class)
				.hasSingleBean(EmbeddingModelMetricsObservationHandler.class)
				.doesNotHaveBean(HttpAttemptObservationHandler.class)
				.hasSingleBean(RateLimitGauges.class)
				.hasSingleBean(RestClientAttemptObservationHandler.class)
				.doesNotHaveBean("aiOpenAiHttpClientBuilderCustomizer")
				.doesNotHaveBean("aiAnthropicHttpClientBuilderCustomizer"));
	}

	@Test
	void countsNoWebClientAttemptsWithoutWebFlux() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.web.reactive"))
			.run((context) -> assertThat(context).hasSingleBean(RestClientAttemptObservationHandler.class)
				.doesNotHaveBean(WebClientAttemptObservationHandler.class));
	}

	@Test
	void readsNoProviderUsageWhoseSdkIsMissing() {
		this.contextRunner
			.withClassLoader(
					new FilteredClassLoader("com.openai", "com.anthropic", "org.springframework.ai.google.genai"))
			.run((context) -> assertThat(context).hasSingleBean(UsageReader.class)
				.doesNotHaveBean(OpenAiUsageAdapter.class)
				.doesNotHaveBean(AnthropicUsageAdapter.class)
				.doesNotHaveBean(GoogleGenAiUsageAdapter.class));
	}

	@Test
	void addsNoOpenAiInterceptorWhenOpenAisClientIsMissing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.ai.openai"))
			.run((context) -> assertThat(context).hasSingleBean(HttpAttemptObservationHandler.class)
				.hasBean("aiAnthropicHttpClientBuilderCustomizer")
				.doesNotHaveBean("aiOpenAiHttpClientBuilderCustomizer"));
	}

	@Test
	void addsNoAnthropicInterceptorWhenAnthropicsClientIsMissing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.ai.anthropic"))
			.run((context) -> assertThat(context).hasSingleBean(HttpAttemptObservationHandler.class)
				.hasBean("aiOpenAiHttpClientBuilderCustomizer")
				.doesNotHaveBean("aiAnthropicHttpClientBuilderCustomizer"));
	}

	@Test
	void leavesTheAutoConfiguredChatClientAloneWhenTimeToFirstTokenIsTurnedOff() {
		// The advisor stays a bean, for ChatClients built by hand that add it themselves.
		this.contextRunner.withPropertyValues("ai.observability.time-to-first-token-enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(ChatModelMetricsObservationHandler.class)
				.hasSingleBean(StreamChunksAdvisor.class)
				.doesNotHaveBean(ChatClientBuilderCustomizer.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("ai.observability.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ChatModelMetricsObservationHandler.class)
				.doesNotHaveBean(EmbeddingModelMetricsObservationHandler.class)
				.doesNotHaveBean(HttpAttemptObservationHandler.class)
				.doesNotHaveBean(ModelMetrics.class)
				.doesNotHaveBean(StreamChunksAdvisor.class));
	}

	@Test
	void allowsCustomBeansToReplaceOurs() {
		ErrorClassifier custom = new ErrorClassifier();
		this.contextRunner.withBean("customErrorClassifier", ErrorClassifier.class, () -> custom)
			.run((context) -> assertThat(context).hasSingleBean(ErrorClassifier.class)
				.getBean(ErrorClassifier.class)
				.isSameAs(custom));
	}

	@Test
	void recordsNoCostWithoutACostCalculator() {
		this.contextRunner.run((context) -> {
			recordACall(context);
			assertThat(context.getBean(MeterRegistry.class).get("ai.api.requests").counters()).isNotEmpty();
			assertThat(context.getBean(MeterRegistry.class).find("ai.api.cost").meters()).isEmpty();
		});
	}

	@Test
	void recordsCostInTheCurrencyOfTheCostCalculator() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(AiCostAutoConfiguration.class))
			.withPropertyValues("ai.observability.currency=EUR")
			.run((context) -> {
				assertThat(context).hasSingleBean(CostRecorder.class);
				recordACall(context);
				Counter cost = context.getBean(MeterRegistry.class).get("ai.api.cost").counter();
				assertThat(cost.getId().getTag("currency")).isEqualTo("EUR");
				assertThat(cost.count()).isPositive();
			});
	}

	/**
	 * A gpt-4o call through the auto-configured chat handler, as Spring AI's observation
	 * would run it.
	 */
	private static void recordACall(ApplicationContext context) {
		ChatModelMetricsObservationHandler handler = context.getBean(ChatModelMetricsObservationHandler.class);
		ChatModelObservationContext call = ChatModelObservationContext.builder()
			.prompt(new Prompt("Why cache prompts?", ChatOptions.builder().model("gpt-4o").build()))
			.provider("openai")
			.build();
		handler.onStart(call);
		call.setResponse(new ChatResponse(List.of(new Generation(new AssistantMessage("To pay less."))),
				ChatResponseMetadata.builder().usage(new DefaultUsage(100, 10)).build()));
		handler.onStop(call);
	}

	@Test
	void acceptsAValidConfiguration() {
		this.contextRunner
			.withPropertyValues("ai.observability.tags.application=checkout",
					"ai.observability.request-tags=tenant,feature", "ai.observability.max-tag-values=50",
					"ai.observability.latency-buckets=500ms,5s,10s", "ai.observability.providers[0].name=deepseek",
					"ai.observability.providers[0].models=deepseek-*")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void failsOnARequestTagThatCollidesWithABuiltInLabel() {
		assertStartupFails("ai.observability.request-tags=tenant,model", "ai.observability.request-tags[1]", "model");
	}

	@Test
	void failsOnAMalformedTagName() {
		assertStartupFails("ai.observability.request-tags=my-tag", "ai.observability.request-tags[0]", "my-tag");
		assertStartupFails("ai.observability.tags.__internal=x", "ai.observability.tags.__internal", "__internal");
	}

	@Test
	void failsOnARequestTagThatIsAlsoAStaticTag() {
		assertStartupFails(new String[] { "ai.observability.tags.team=payments", "ai.observability.request-tags=team" },
				"ai.observability.request-tags[0]", "team");
	}

	@Test
	void failsOnUnorderedOrNegativeBuckets() {
		assertStartupFails("ai.observability.latency-buckets=1s,500ms", "ai.observability.latency-buckets[1]",
				"PT0.5S");
		assertStartupFails("ai.observability.time-to-first-token-buckets=-1s",
				"ai.observability.time-to-first-token-buckets[0]", "PT-1S");
	}

	@Test
	void failsOnACapOutOfRange() {
		assertStartupFails("ai.observability.max-tag-values=0", "ai.observability.max-tag-values", "0");
		assertStartupFails("ai.observability.max-models=-5", "ai.observability.max-models", "-5");
		assertStartupFails("ai.observability.max-label-sets=0", "ai.observability.max-label-sets", "0");
	}

	@Test
	void failsOnAMalformedProviderRule() {
		assertStartupFails("ai.observability.providers[0].name=deepseek", "ai.observability.providers[0]", "deepseek");
		assertStartupFails(
				new String[] { "ai.observability.providers[0].name=qwen",
						"ai.observability.providers[0].models=qwen plus" },
				"ai.observability.providers[0].models[0]", "qwen plus");
	}

	@Test
	void failsOnALocalProviderThatIsNoProviderName() {
		assertStartupFails("ai.observability.local-providers=ollama,My Server", "ai.observability.local-providers[1]",
				"My Server");
	}

	private void assertStartupFails(String property, String name, String value) {
		assertStartupFails(new String[] { property }, name, value);
	}

	private void assertStartupFails(String[] properties, String name, String value) {
		InvalidValue.assertStartupFails(this.contextRunner, properties, name, value);
	}

}

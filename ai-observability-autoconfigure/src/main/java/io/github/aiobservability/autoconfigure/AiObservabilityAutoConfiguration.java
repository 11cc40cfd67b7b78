package io.github.aiobservability.autoconfigure;

import java.util.List;

import io.github.aiobservability.anthropic.MessageStartTee;
import io.github.aiobservability.anthropic.MessageStartUsage;
import io.github.aiobservability.autoconfigure.cost.AiCostAutoConfiguration;
import io.github.aiobservability.autoconfigure.thresholds.AiThresholdsAutoConfiguration;
import io.github.aiobservability.chat.ChatModelMetricsObservationHandler;
import io.github.aiobservability.chat.StreamUsageSource;
import io.github.aiobservability.chat.TimeToFirstTokenAdvisor;
import io.github.aiobservability.cost.CostCalculator;
import io.github.aiobservability.embedding.EmbeddingModelMetricsObservationHandler;
import io.github.aiobservability.http.HttpAttemptObservationHandler;
import io.github.aiobservability.metrics.ErrorClassifier;
import io.github.aiobservability.metrics.ModelLabelListener;
import io.github.aiobservability.metrics.ModelMetrics;
import io.github.aiobservability.metrics.RateLimitGauges;
import io.github.aiobservability.model.CostListener;
import io.github.aiobservability.model.ModelCallRecorder;
import io.github.aiobservability.model.ProviderResolver;
import io.github.aiobservability.model.ProviderRule;
import io.github.aiobservability.model.RequestTagContributor;
import io.github.aiobservability.model.RequestTagResolver;
import io.github.aiobservability.model.TokenUsageResolver;
import io.github.aiobservability.support.GlobPattern;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.ai.anthropic.http.okhttp.AnthropicHttpClientBuilderCustomizer;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientBuilderCustomizer;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Records {@code ai_*} metrics of every Spring AI chat and embedding model call.
 * <p>
 * The mechanism is observation handlers: Spring AI wraps each ChatModel and
 * EmbeddingModel round-trip in an observation, whoever makes it. A ChatClient advisor
 * adds time to first token and the usage details of streams, which only the stream's
 * consumer side can see.
 */
// after: the call meters read the CostCalculator of AiCostAutoConfiguration and the
// ModelLabelListener (threshold gauges) of AiThresholdsAutoConfiguration. The
// CostListeners
// of AiBudgetsAutoConfiguration are the exception: that one comes after this one (it
// needs
// the RequestTagResolver), so the recorder asks for them at the first priced call, once
// every bean exists, rather than by ordering, which would be a cycle.
// afterName: CompositeMeterRegistryAutoConfiguration declares the MeterRegistry bean this
// configuration is conditional on; naming it keeps Boot's metrics module optional.
@AutoConfiguration(after = { AiCostAutoConfiguration.class, AiThresholdsAutoConfiguration.class },
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({ ChatModel.class, ChatModelObservationContext.class, MeterRegistry.class })
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = AiObservabilityProperties.CONFIG_PREFIX + ".enabled", matchIfMissing = true)
@EnableAiObservabilityProperties
public final class AiObservabilityAutoConfiguration {

	/** The cap on distinct values of each request tag, named when it is reached. */
	public static final String MAX_TAG_VALUES = AiObservabilityProperties.CONFIG_PREFIX + ".max-tag-values";

	/** The cap on distinct model labels, named when it is reached. */
	public static final String MAX_MODELS = AiObservabilityProperties.CONFIG_PREFIX + ".max-models";

	/** The cap on distinct label sets, named when it is reached. */
	public static final String MAX_LABEL_SETS = AiObservabilityProperties.CONFIG_PREFIX + ".max-label-sets";

	/** The configured prices, named when a model has none. */
	public static final String PRICES = AiObservabilityProperties.CONFIG_PREFIX + ".prices";

	/** The provider rules, named when one cannot be applied. */
	public static final String PROVIDERS = AiObservabilityProperties.CONFIG_PREFIX + ".providers";

	@Bean
	@ConditionalOnMissingBean
	ModelMetrics aiModelMetrics(MeterRegistry meterRegistry, AiObservabilityProperties properties,
			ObjectProvider<CostCalculator> costs, ObjectProvider<ModelLabelListener> modelLabelListeners) {
		CostCalculator calculator = costs.getIfAvailable();
		return new ModelMetrics(meterRegistry, StaticTags.of(properties), properties.getRequestTags(),
				properties.getLatencyBuckets(), properties.getTimeToFirstTokenBuckets(),
				(calculator != null) ? calculator.currency() : null, properties.getMaxLabelSets(), MAX_LABEL_SETS,
				modelLabelListeners.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	ErrorClassifier aiErrorClassifier() {
		return new ErrorClassifier();
	}

	@Bean
	@ConditionalOnMissingBean
	ProviderResolver aiProviderResolver(AiObservabilityProperties properties, Environment environment) {
		List<ProviderRule> rules = properties.getProviders()
			.stream()
			.map((provider) -> new ProviderRule(provider.getName(), compile(provider.getModels()),
					compile(provider.getBaseUrls()), List.copyOf(provider.getChatModels())))
			.toList();
		// The auto-configured OpenAI models keep their base URL in their client, not in
		// the
		// options a call carries: read it where Spring AI reads it.
		String openAiBaseUrl = environment.getProperty("spring.ai.openai.base-url");
		return new ProviderResolver(rules, PROVIDERS,
				environment.getProperty("spring.ai.openai.chat.base-url", openAiBaseUrl),
				environment.getProperty("spring.ai.openai.embedding.base-url", openAiBaseUrl));
	}

	// Rules may name ChatModel beans; they can only be looked at once every singleton
	// exists, and looking them up earlier would create them out of order.
	@Bean
	@ConditionalOnMissingBean(name = "aiProviderResolverChatModelBinding")
	static SmartInitializingSingleton aiProviderResolverChatModelBinding(ObjectProvider<ProviderResolver> resolver,
			ListableBeanFactory beanFactory) {
		return () -> resolver.ifAvailable(
				(providers) -> providers.bindChatModels(beanFactory.getBeansOfType(ChatModel.class, false, false)));
	}

	@Bean
	@ConditionalOnMissingBean
	RequestTagResolver aiRequestTagResolver(AiObservabilityProperties properties,
			ObjectProvider<RequestTagContributor> contributors) {
		return new RequestTagResolver(properties.getRequestTags(), properties.getMaxTagValues(), MAX_TAG_VALUES,
				contributors.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	TokenUsageResolver aiTokenUsageResolver() {
		return new TokenUsageResolver();
	}

	@Bean
	@ConditionalOnMissingBean
	ModelCallRecorder aiModelCallRecorder(ModelMetrics metrics, ProviderResolver providerResolver,
			RequestTagResolver requestTagResolver, MeterRegistry meterRegistry, AiObservabilityProperties properties,
			ObjectProvider<CostCalculator> costs, ObjectProvider<CostListener> costListeners) {
		// Listeners looked up at the first priced call: the Redis budget store needs the
		// ObservationRegistry (Lettuce's observation), which needs this recorder's
		// handlers.
		return new ModelCallRecorder(metrics, providerResolver, requestTagResolver, properties.getMaxModels(),
				MAX_MODELS, meterRegistry.config().clock(), costs.getIfAvailable(), PRICES,
				() -> costListeners.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	ChatModelMetricsObservationHandler aiChatModelMetricsObservationHandler(ModelCallRecorder recorder,
			TokenUsageResolver tokenUsageResolver, ErrorClassifier errorClassifier,
			ObjectProvider<StreamUsageSource> streamUsage) {
		return new ChatModelMetricsObservationHandler(recorder, tokenUsageResolver, errorClassifier,
				streamUsage.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	EmbeddingModelMetricsObservationHandler aiEmbeddingModelMetricsObservationHandler(ModelCallRecorder recorder,
			TokenUsageResolver tokenUsageResolver, ErrorClassifier errorClassifier) {
		return new EmbeddingModelMetricsObservationHandler(recorder, tokenUsageResolver, errorClassifier);
	}

	private static List<GlobPattern> compile(List<String> patterns) {
		return patterns.stream().map(GlobPattern::compile).toList();
	}

	// Spring AI's OpenAI and Anthropic clients are OkHttp clients observed as
	// okhttp.requests; without OkHttp, there are no attempts to see.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "okhttp3.OkHttpClient", "io.micrometer.core.instrument.binder.okhttp3.OkHttpContext" })
	static class HttpAttemptsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RateLimitGauges aiRateLimitGauges(MeterRegistry meterRegistry, AiObservabilityProperties properties) {
			return new RateLimitGauges(meterRegistry, StaticTags.of(properties));
		}

		@Bean
		@ConditionalOnMissingBean
		HttpAttemptObservationHandler aiHttpAttemptObservationHandler(ModelCallRecorder recorder, ModelMetrics metrics,
				RateLimitGauges rateLimits, ErrorClassifier errorClassifier, MeterRegistry meterRegistry) {
			return new HttpAttemptObservationHandler(recorder, metrics, rateLimits, errorClassifier,
					meterRegistry.config().clock());
		}

	}

	// Spring AI's Anthropic streams drop the cache counts of their first event; the
	// customizer reaches the auto-configured Anthropic models, a hand-built one adds it.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "okhttp3.OkHttpClient",
			"org.springframework.ai.anthropic.http.okhttp.AnthropicHttpClientBuilderCustomizer" })
	static class AnthropicConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MessageStartUsage aiAnthropicMessageStartUsage() {
			return new MessageStartUsage();
		}

		@Bean
		@ConditionalOnMissingBean(name = "aiAnthropicHttpClientBuilderCustomizer")
		AnthropicHttpClientBuilderCustomizer aiAnthropicHttpClientBuilderCustomizer(MessageStartUsage usage) {
			MessageStartTee tee = new MessageStartTee(usage);
			return (builder) -> builder.interceptor(tee);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ChatClient.class)
	static class ChatClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TimeToFirstTokenAdvisor aiTimeToFirstTokenAdvisor(MeterRegistry meterRegistry) {
			return new TimeToFirstTokenAdvisor(meterRegistry.config().clock());
		}

		// Spring AI applies builder customizers to the auto-configured ChatClient.Builder
		// only; a ChatClient built by hand adds the advisor itself (see the README).
		// Spring
		// AI aggregates the output of every stream advisor chunk by chunk, so the advisor
		// costs each ChatClient stream chunk about 400 B: hence the switch.
		@Bean
		@ConditionalOnMissingBean(name = "aiObservabilityChatClientBuilderCustomizer")
		@ConditionalOnBooleanProperty(name = AiObservabilityProperties.CONFIG_PREFIX + ".time-to-first-token-enabled",
				matchIfMissing = true)
		ChatClientBuilderCustomizer aiObservabilityChatClientBuilderCustomizer(TimeToFirstTokenAdvisor advisor) {
			return (builder) -> builder.defaultAdvisors(advisor);
		}

	}

}

package io.github.aiobservability.autoconfigure;

import java.util.List;

import com.google.genai.Client;
import io.github.aiobservability.anthropic.AnthropicStreamReader;
import io.github.aiobservability.anthropic.AnthropicUsageAdapter;
import io.github.aiobservability.autoconfigure.cost.AiCostAutoConfiguration;
import io.github.aiobservability.autoconfigure.thresholds.AiThresholdsAutoConfiguration;
import io.github.aiobservability.chat.ChatModelMetricsObservationHandler;
import io.github.aiobservability.chat.StreamChunksAdvisor;
import io.github.aiobservability.cost.CostCalculator;
import io.github.aiobservability.embedding.EmbeddingModelMetricsObservationHandler;
import io.github.aiobservability.gemini.GeminiHttpClient;
import io.github.aiobservability.gemini.GeminiRoundTrips;
import io.github.aiobservability.gemini.GoogleGenAiProviderLabel;
import io.github.aiobservability.gemini.GoogleGenAiUsageAdapter;
import io.github.aiobservability.http.AttemptRecorder;
import io.github.aiobservability.http.HttpAttemptObservationHandler;
import io.github.aiobservability.http.RestClientAttemptObservationHandler;
import io.github.aiobservability.http.StreamsInFlight;
import io.github.aiobservability.http.WebClientAttemptObservationHandler;
import io.github.aiobservability.metrics.ErrorClassifier;
import io.github.aiobservability.metrics.HistogramBuckets;
import io.github.aiobservability.metrics.ModelLabelListener;
import io.github.aiobservability.metrics.ModelMetrics;
import io.github.aiobservability.metrics.RateLimitGauges;
import io.github.aiobservability.model.CallLabeler;
import io.github.aiobservability.model.CostListener;
import io.github.aiobservability.model.CostRecorder;
import io.github.aiobservability.model.ModelCallRecorder;
import io.github.aiobservability.model.ProviderResolver;
import io.github.aiobservability.model.ProviderRule;
import io.github.aiobservability.model.RequestTagContributor;
import io.github.aiobservability.model.RequestTagResolver;
import io.github.aiobservability.model.ResponseListener;
import io.github.aiobservability.model.RoundTripListener;
import io.github.aiobservability.ollama.OllamaModelLoads;
import io.github.aiobservability.ollama.OllamaStreamTee;
import io.github.aiobservability.openai.OpenAiStreamReader;
import io.github.aiobservability.openai.OpenAiUsageAdapter;
import io.github.aiobservability.support.GlobPattern;
import io.github.aiobservability.usage.UsageAdapter;
import io.github.aiobservability.usage.UsageReader;
import io.github.aiobservability.wire.EventStreamTee;
import io.github.aiobservability.wire.WireStreams;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.ai.anthropic.http.okhttp.AnthropicHttpClientBuilderCustomizer;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientBuilderCustomizer;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.openai.http.okhttp.OpenAiHttpClientBuilderCustomizer;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.function.SingletonSupplier;

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
// CostListeners of AiBudgetsAutoConfiguration are the exception: that one comes after
// this one (it needs the RequestTagResolver), so the recorder asks for them at the first
// priced call, once every bean exists, rather than by ordering, which would be a cycle.
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
			ObjectProvider<ModelLabelListener> modelLabelListeners) {
		return new ModelMetrics(meterRegistry, StaticTags.of(properties), properties.getRequestTags(),
				new HistogramBuckets(properties.getLatencyBuckets(), properties.getTimeToFirstTokenBuckets(),
						properties.getTimePerOutputTokenBuckets()),
				properties.getMaxLabelSets(), MAX_LABEL_SETS, modelLabelListeners.orderedStream().toList());
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
		// the options a call carries: read it where Spring AI reads it.
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
	UsageReader aiUsageReader(ObjectProvider<UsageAdapter> adapters) {
		return new UsageReader(adapters.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	WireStreams aiWireStreams() {
		return new WireStreams();
	}

	@Bean
	@ConditionalOnMissingBean
	CallLabeler aiCallLabeler(ProviderResolver providerResolver, RequestTagResolver requestTagResolver,
			AiObservabilityProperties properties) {
		return new CallLabeler(providerResolver, requestTagResolver, properties.getMaxModels(), MAX_MODELS);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(CostCalculator.class)
	CostRecorder aiCostRecorder(CostCalculator costCalculator, ModelMetrics metrics,
			ObjectProvider<CostListener> costListeners) {
		// Listeners looked up at the first priced call: the Redis budget store needs the
		// ObservationRegistry (Lettuce's observation), which needs this recorder's
		// handlers.
		return new CostRecorder(costCalculator, metrics, PRICES, () -> costListeners.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	ModelCallRecorder aiModelCallRecorder(CallLabeler callLabeler, ModelMetrics metrics, MeterRegistry meterRegistry,
			ObjectProvider<CostRecorder> costRecorder, ObjectProvider<RoundTripListener> roundTripListeners,
			ObjectProvider<ResponseListener> responseListeners) {
		return new ModelCallRecorder(callLabeler, metrics, meterRegistry.config().clock(),
				costRecorder.getIfAvailable(), roundTripListeners.orderedStream().toList(),
				responseListeners.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	ChatModelMetricsObservationHandler aiChatModelMetricsObservationHandler(ModelCallRecorder recorder,
			UsageReader usageReader, ErrorClassifier errorClassifier, WireStreams wireStreams) {
		return new ChatModelMetricsObservationHandler(recorder, usageReader, errorClassifier, wireStreams);
	}

	@Bean
	@ConditionalOnMissingBean
	EmbeddingModelMetricsObservationHandler aiEmbeddingModelMetricsObservationHandler(ModelCallRecorder recorder,
			UsageReader usageReader, ErrorClassifier errorClassifier) {
		return new EmbeddingModelMetricsObservationHandler(recorder, usageReader, errorClassifier);
	}

	private static List<GlobPattern> compile(List<String> patterns) {
		return patterns.stream().map(GlobPattern::compile).toList();
	}

	@Bean
	@ConditionalOnMissingBean
	RateLimitGauges aiRateLimitGauges(MeterRegistry meterRegistry, AiObservabilityProperties properties) {
		return new RateLimitGauges(meterRegistry, StaticTags.of(properties));
	}

	@Bean
	@ConditionalOnMissingBean
	AttemptRecorder aiAttemptRecorder(ModelMetrics metrics, RateLimitGauges rateLimits, ErrorClassifier errorClassifier,
			MeterRegistry meterRegistry) {
		return new AttemptRecorder(metrics, rateLimits, errorClassifier, meterRegistry.config().clock());
	}

	// Spring AI's OpenAI and Anthropic clients are OkHttp clients observed as
	// okhttp.requests; without OkHttp, there are none of their attempts to see.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "okhttp3.OkHttpClient", "io.micrometer.core.instrument.binder.okhttp3.OkHttpContext" })
	static class HttpAttemptsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		StreamsInFlight aiStreamsInFlight() {
			return new StreamsInFlight();
		}

		@Bean
		@ConditionalOnMissingBean
		HttpAttemptObservationHandler aiHttpAttemptObservationHandler(StreamsInFlight streamsInFlight,
				AttemptRecorder attempts) {
			return new HttpAttemptObservationHandler(streamsInFlight, attempts);
		}

	}

	// Spring AI's RestClient-based models (Ollama's calls and embeddings) retry with its
	// RetryTemplate inside the model's observation; Boot observes each attempt of the
	// RestClient its builder makes as http.client.requests.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.http.client.observation.ClientRequestObservationContext")
	static class RestClientAttemptsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RestClientAttemptObservationHandler aiRestClientAttemptObservationHandler(AttemptRecorder attempts) {
			return new RestClientAttemptObservationHandler(attempts);
		}

	}

	// The same for WebClient (Ollama's streams), whose observation context is another
	// class.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.web.reactive.function.client.ClientRequestObservationContext")
	static class WebClientAttemptsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		WebClientAttemptObservationHandler aiWebClientAttemptObservationHandler(AttemptRecorder attempts) {
			return new WebClientAttemptObservationHandler(attempts);
		}

	}

	// The OpenAI SDK's usage holds the reasoning tokens Spring AI's does not.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "com.openai.models.completions.CompletionUsage")
	static class OpenAiConfiguration {

		@Bean
		@ConditionalOnMissingBean
		OpenAiUsageAdapter aiOpenAiUsageAdapter() {
			return new OpenAiUsageAdapter();
		}

	}

	// Anthropic counts cache reads and writes on top of its input tokens.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "com.anthropic.models.messages.MessageDeltaUsage")
	static class AnthropicUsageConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AnthropicUsageAdapter aiAnthropicUsageAdapter() {
			return new AnthropicUsageAdapter();
		}

	}

	// A stream's time to first token, decode speed and full usage are read off the wire,
	// as the client reads it: the customizers reach the auto-configured OpenAI and
	// Anthropic models, a hand-built one adds them.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "okhttp3.OkHttpClient",
			"org.springframework.ai.openai.http.okhttp.OpenAiHttpClientBuilderCustomizer" })
	static class OpenAiWireConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "aiOpenAiHttpClientBuilderCustomizer")
		OpenAiHttpClientBuilderCustomizer aiOpenAiHttpClientBuilderCustomizer(WireStreams wireStreams,
				MeterRegistry meterRegistry) {
			Clock clock = meterRegistry.config().clock();
			EventStreamTee tee = new EventStreamTee((request) -> new OpenAiStreamReader(wireStreams, clock));
			return (builder) -> builder.interceptor(tee);
		}

	}

	// Gemini counts thinking on top of its candidates and tool-use prompts on top of its
	// prompt.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.ai.google.genai.metadata.GoogleGenAiUsage")
	static class GoogleGenAiUsageConfiguration {

		@Bean
		@ConditionalOnMissingBean
		GoogleGenAiUsageAdapter aiGoogleGenAiUsageAdapter() {
			return new GoogleGenAiUsageAdapter();
		}

	}

	// Ollama reports how long it took to load the model for a call.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.ai.ollama.OllamaChatModel")
	static class OllamaConfiguration {

		@Bean
		@ConditionalOnMissingBean
		OllamaModelLoads aiOllamaModelLoads(ModelMetrics metrics) {
			return new OllamaModelLoads(metrics);
		}

	}

	// Ollama's streams are read off the wire through the WebClients Boot's builder makes,
	// the auto-configured OllamaApi's among them.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.ai.ollama.OllamaChatModel",
			"org.springframework.boot.webclient.WebClientCustomizer",
			"org.springframework.web.reactive.function.client.ExchangeFilterFunction" })
	static class OllamaWireConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "aiOllamaWebClientCustomizer")
		WebClientCustomizer aiOllamaWebClientCustomizer(WireStreams wireStreams, MeterRegistry meterRegistry,
				ObjectProvider<OllamaModelLoads> modelLoads) {
			OllamaStreamTee tee = new OllamaStreamTee(wireStreams, meterRegistry.config().clock(),
					modelLoads.getIfAvailable());
			return (builder) -> builder.filter(tee);
		}

	}

	// Spring AI reports google_genai for the Gemini API and Vertex AI alike; the Client
	// beans say which. Read once every singleton exists, as the ChatModel binding is.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "com.google.genai.Client")
	static class GoogleGenAiProviderConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "aiGoogleGenAiProviderLabel")
		static SmartInitializingSingleton aiGoogleGenAiProviderLabel(ObjectProvider<ProviderResolver> resolver,
				ListableBeanFactory beanFactory) {
			return () -> resolver.ifAvailable((providers) -> GoogleGenAiProviderLabel.apply(providers,
					beanFactory.getBeansOfType(Client.class, false, false).values(), PROVIDERS));
		}

	}

	// The Google GenAI SDK makes its HTTP calls and retries on an OkHttp client of its
	// own, unobserved; a Client built on this one has them recorded
	// (AiGoogleGenAiClientAutoConfiguration builds Spring AI's auto-configured one so).
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "com.google.genai.Client", "okhttp3.OkHttpClient" })
	static class GoogleGenAiHttpConfiguration {

		@Bean
		@ConditionalOnMissingBean
		GeminiRoundTrips aiGeminiRoundTrips() {
			return new GeminiRoundTrips();
		}

		// Looked up at the first call: Spring AI's Google GenAI auto-configuration
		// creates its Client before configuration properties are bound (see
		// GeminiHttpClient).
		@Bean
		@ConditionalOnMissingBean
		GeminiHttpClient aiGeminiHttpClient(GeminiRoundTrips roundTrips, ObjectProvider<ModelCallRecorder> recorder,
				ObjectProvider<AttemptRecorder> attempts, ObjectProvider<ErrorClassifier> errorClassifier,
				ObjectProvider<WireStreams> wireStreams, ObjectProvider<MeterRegistry> meterRegistry) {
			return new GeminiHttpClient(roundTrips, SingletonSupplier.of(recorder::getObject),
					SingletonSupplier.of(attempts::getObject), SingletonSupplier.of(errorClassifier::getObject),
					SingletonSupplier.of(wireStreams::getObject),
					SingletonSupplier.of(() -> meterRegistry.getObject().config().clock()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "okhttp3.OkHttpClient",
			"org.springframework.ai.anthropic.http.okhttp.AnthropicHttpClientBuilderCustomizer" })
	static class AnthropicWireConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "aiAnthropicHttpClientBuilderCustomizer")
		AnthropicHttpClientBuilderCustomizer aiAnthropicHttpClientBuilderCustomizer(WireStreams wireStreams,
				MeterRegistry meterRegistry) {
			Clock clock = meterRegistry.config().clock();
			EventStreamTee tee = new EventStreamTee((request) -> new AnthropicStreamReader(wireStreams, clock));
			return (builder) -> builder.interceptor(tee);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ChatClient.class)
	static class ChatClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		StreamChunksAdvisor aiStreamChunksAdvisor(MeterRegistry meterRegistry, UsageReader usageReader) {
			return new StreamChunksAdvisor(meterRegistry.config().clock(), usageReader);
		}

		// Spring AI applies builder customizers to the auto-configured ChatClient.Builder
		// only; a ChatClient built by hand adds the advisor itself (see the README).
		// Spring AI aggregates the output of every stream advisor chunk by chunk, so the
		// advisor costs each ChatClient stream chunk about 400 B: hence the switch.
		@Bean
		@ConditionalOnMissingBean(name = "aiObservabilityChatClientBuilderCustomizer")
		@ConditionalOnBooleanProperty(name = AiObservabilityProperties.CONFIG_PREFIX + ".time-to-first-token-enabled",
				matchIfMissing = true)
		ChatClientBuilderCustomizer aiObservabilityChatClientBuilderCustomizer(StreamChunksAdvisor advisor) {
			return (builder) -> builder.defaultAdvisors(advisor);
		}

	}

}

package io.github.aiobservability.test;

import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import io.github.aiobservability.anthropic.AnthropicUsageAdapter;
import io.github.aiobservability.autoconfigure.AiObservabilityAutoConfiguration;
import io.github.aiobservability.chat.ChatModelMetricsObservationHandler;
import io.github.aiobservability.cost.CostCalculator;
import io.github.aiobservability.cost.ExchangeRates;
import io.github.aiobservability.cost.PriceCatalogue;
import io.github.aiobservability.cost.PriceResolver;
import io.github.aiobservability.embedding.EmbeddingModelMetricsObservationHandler;
import io.github.aiobservability.gemini.GeminiRoundTrips;
import io.github.aiobservability.gemini.GoogleGenAiUsageAdapter;
import io.github.aiobservability.http.AttemptRecorder;
import io.github.aiobservability.http.HttpAttemptObservationHandler;
import io.github.aiobservability.http.RestClientAttemptObservationHandler;
import io.github.aiobservability.http.StreamsInFlight;
import io.github.aiobservability.http.WebClientAttemptObservationHandler;
import io.github.aiobservability.metrics.ErrorClassifier;
import io.github.aiobservability.metrics.HistogramBuckets;
import io.github.aiobservability.metrics.ModelMetrics;
import io.github.aiobservability.metrics.RateLimitGauges;
import io.github.aiobservability.model.CallLabeler;
import io.github.aiobservability.model.CostRecorder;
import io.github.aiobservability.model.ModelCallRecorder;
import io.github.aiobservability.model.ProviderResolver;
import io.github.aiobservability.model.RequestTagContributor;
import io.github.aiobservability.model.RequestTagResolver;
import io.github.aiobservability.ollama.OllamaModelLoads;
import io.github.aiobservability.openai.OpenAiUsageAdapter;
import io.github.aiobservability.usage.UsageReader;
import io.github.aiobservability.wire.WireStreams;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.observation.ObservationRegistry;

/**
 * The starter's observation handlers wired by hand as the auto-configuration wires them,
 * with the default buckets, the built-in catalogue and CNY, for tests and benchmarks that
 * run without a Spring context.
 */
public final class StarterFixture {

	/** The defaults of the histograms' bucket properties. */
	public static final HistogramBuckets BUCKETS = new HistogramBuckets(
			PropertyDefaults.durations("ai.observability.latency-buckets"),
			PropertyDefaults.durations("ai.observability.time-to-first-token-buckets"),
			PropertyDefaults.durations("ai.observability.time-per-output-token-buckets"));

	/** The default of ai.observability.max-label-sets. */
	public static final int MAX_LABEL_SETS = (Integer) PropertyDefaults.of("ai.observability.max-label-sets");

	private StarterFixture() {
	}

	/**
	 * Creates the chat handler.
	 * @param meters where meters go
	 * @param tagKeys declared request tag keys
	 * @param contributor supplies request tag values
	 * @param cap the cap of distinct values of each request tag and of the model label
	 * @return the handler
	 */
	public static ChatModelMetricsObservationHandler handler(MeterRegistry meters, List<String> tagKeys,
			RequestTagContributor contributor, int cap) {
		return handlers(meters, tagKeys, contributor, cap).chat();
	}

	/**
	 * Creates the starter's observation handlers, sharing one recorder.
	 * @param meters where meters go
	 * @param tagKeys declared request tag keys
	 * @param contributor supplies request tag values
	 * @param cap the cap of distinct values of each request tag and of the model label
	 * @return the handlers
	 */
	public static Handlers handlers(MeterRegistry meters, List<String> tagKeys, RequestTagContributor contributor,
			int cap) {
		PriceCatalogue catalogue = PriceCatalogue.load();
		ExchangeRates rates = new ExchangeRates(Currency.getInstance("CNY"), Map.of(),
				catalogue.referenceRatesPerUsd());
		CostCalculator costs = new CostCalculator(new PriceResolver(List.of(), catalogue.prices()), rates);
		Tags staticTags = Tags.of("application", "fixture");
		ModelMetrics metrics = new ModelMetrics(meters, staticTags, tagKeys, BUCKETS, MAX_LABEL_SETS,
				AiObservabilityAutoConfiguration.MAX_LABEL_SETS, List.of());
		CallLabeler labeler = new CallLabeler(
				new ProviderResolver(List.of(), AiObservabilityAutoConfiguration.PROVIDERS, null, null),
				new RequestTagResolver(tagKeys, cap, AiObservabilityAutoConfiguration.MAX_TAG_VALUES,
						List.of(contributor)),
				cap, AiObservabilityAutoConfiguration.MAX_MODELS);
		StreamsInFlight streams = new StreamsInFlight();
		ModelCallRecorder recorder = new ModelCallRecorder(labeler, metrics, meters.config().clock(),
				new CostRecorder(costs, metrics, AiObservabilityAutoConfiguration.PRICES, List::of),
				List.of(streams, new GeminiRoundTrips()), List.of(new OllamaModelLoads(metrics)));
		UsageReader usage = usageReader();
		ErrorClassifier errors = new ErrorClassifier();
		AttemptRecorder attempts = new AttemptRecorder(metrics, new RateLimitGauges(meters, staticTags), errors,
				meters.config().clock());
		return new Handlers(new ChatModelMetricsObservationHandler(recorder, usage, errors, new WireStreams()),
				new EmbeddingModelMetricsObservationHandler(recorder, usage, errors),
				new HttpAttemptObservationHandler(streams, attempts), new RestClientAttemptObservationHandler(attempts),
				new WebClientAttemptObservationHandler(attempts), recorder, attempts);
	}

	/**
	 * The usage reader with the adapters of every provider SDK on the test class path, as
	 * the auto-configuration finds them.
	 * @return the reader
	 */
	public static UsageReader usageReader() {
		return new UsageReader(
				List.of(new OpenAiUsageAdapter(), new AnthropicUsageAdapter(), new GoogleGenAiUsageAdapter()));
	}

	/**
	 * The starter's observation handlers, and what they share.
	 *
	 * @param chat records chat round-trips
	 * @param embedding records embedding calls
	 * @param attempts records the HTTP attempts of OkHttp clients
	 * @param restClientAttempts records the HTTP attempts of RestClients
	 * @param webClientAttempts records the HTTP attempts of WebClients
	 * @param recorder records round-trips
	 * @param attemptRecorder records HTTP attempts, whatever the client
	 */
	public record Handlers(ChatModelMetricsObservationHandler chat, EmbeddingModelMetricsObservationHandler embedding,
			HttpAttemptObservationHandler attempts, RestClientAttemptObservationHandler restClientAttempts,
			WebClientAttemptObservationHandler webClientAttempts, ModelCallRecorder recorder,
			AttemptRecorder attemptRecorder) {

		/**
		 * Registers the handlers, as Boot registers ObservationHandler beans.
		 * @param registry the observation registry
		 * @return the registry
		 */
		public ObservationRegistry registerOn(ObservationRegistry registry) {
			registry.observationConfig()
				.observationHandler(this.chat)
				.observationHandler(this.embedding)
				.observationHandler(this.attempts)
				.observationHandler(this.restClientAttempts)
				.observationHandler(this.webClientAttempts);
			return registry;
		}

	}

}

package io.github.aiobservability.chat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.github.aiobservability.cost.CostCalculator;
import io.github.aiobservability.metrics.AiMetricLabels;
import io.github.aiobservability.metrics.CallMeters;
import io.github.aiobservability.metrics.ChatMetrics;
import io.github.aiobservability.metrics.Endpoint;
import io.github.aiobservability.metrics.ErrorClassifier;
import io.github.aiobservability.metrics.ErrorType;
import io.github.aiobservability.metrics.TagValueLimiter;
import io.github.aiobservability.metrics.TokenUsage;
import io.github.aiobservability.support.OneTimeLogger;
import io.micrometer.core.instrument.Clock;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Records the {@code ai_*} metrics of every chat model round-trip. Spring AI wraps each
 * call of a ChatModel, made directly, through any ChatClient or by the tool-calling loop,
 * in one observation with a {@link ChatModelObservationContext}; handling that
 * observation counts each round-trip exactly once without touching the call itself.
 * <p>
 * Never throws: whatever goes wrong while recording is logged once and the call goes on
 * unchanged.
 */
public class ChatModelMetricsObservationHandler implements ObservationHandler<ChatModelObservationContext> {

	// Per instance: each application context warns once, whatever ran before in the JVM.
	private final OneTimeLogger logger = new OneTimeLogger(ChatModelMetricsObservationHandler.class);

	private final OneTimeLogger unpricedLogger = new OneTimeLogger(ChatModelMetricsObservationHandler.class);

	private final ChatMetrics metrics;

	private final ProviderResolver providers;

	private final RequestTagResolver requestTags;

	private final TokenUsageResolver tokens;

	private final ErrorClassifier errors;

	private final TagValueLimiter models;

	private final Clock clock;

	private final @Nullable CostCalculator costs;

	/**
	 * Creates the handler.
	 * @param metrics the meters
	 * @param providers resolves the provider label
	 * @param requestTags resolves the request tags
	 * @param tokens reads or estimates tokens
	 * @param errors classifies failures
	 * @param maxModels the cap on distinct model labels
	 * @param clock the meter registry's clock
	 * @param costs prices round-trips, or {@code null} to record no cost
	 */
	public ChatModelMetricsObservationHandler(ChatMetrics metrics, ProviderResolver providers,
			RequestTagResolver requestTags, TokenUsageResolver tokens, ErrorClassifier errors, int maxModels,
			Clock clock, @Nullable CostCalculator costs) {
		this.costs = costs;
		this.metrics = metrics;
		this.providers = providers;
		this.requestTags = requestTags;
		this.tokens = tokens;
		this.errors = errors;
		this.models = new TagValueLimiter(AiMetricLabels.MODEL, maxModels, "ai.observability.max-models");
		this.clock = clock;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ChatModelObservationContext;
	}

	@Override
	public void onStart(ChatModelObservationContext context) {
		try {
			context.put(RoundTrip.class, start(context));
		}
		catch (RuntimeException | LinkageError ex) {
			this.logger.warn("start", "Could not start recording an AI chat call; the call itself is unaffected", ex);
		}
	}

	@Override
	public void onStop(ChatModelObservationContext context) {
		RoundTrip roundTrip = context.get(RoundTrip.class);
		if (roundTrip == null) {
			return;
		}
		context.remove(RoundTrip.class);
		try {
			finish(roundTrip, context);
		}
		catch (RuntimeException | LinkageError ex) {
			this.logger.warn("stop", "Could not record an AI chat call; the call itself is unaffected", ex);
		}
		finally {
			roundTrip.inFlight().decrementAndGet();
		}
	}

	private RoundTrip start(ChatModelObservationContext context) {
		Prompt prompt = context.getRequest();
		ChatOptions options = prompt.getOptions();
		String requestedModel = (options != null) ? options.getModel() : null;
		String model = hasText(requestedModel) ? this.models.limit(requestedModel) : AiMetricLabels.UNKNOWN;
		String pricedModel = hasText(requestedModel) ? requestedModel : null;
		String provider = this.providers.resolve(context.getOperationMetadata().provider(), options);
		Endpoint endpoint = context.isStreaming() ? Endpoint.CHAT_STREAM : Endpoint.CHAT;
		List<String> tagValues = this.requestTags.resolve(context, prompt);
		StreamProbe probe = context.isStreaming() ? ObservationLineage.streamProbe(context) : null;
		AtomicLong inFlight = this.metrics.inFlight(model, provider, endpoint);
		RoundTrip roundTrip = new RoundTrip(model, pricedModel, provider, endpoint, tagValues, probe, inFlight,
				this.clock.monotonicTime());
		inFlight.incrementAndGet();
		return roundTrip;
	}

	private void finish(RoundTrip roundTrip, ChatModelObservationContext context) {
		long end = this.clock.monotonicTime();
		ChatResponse response = context.getResponse();
		Throwable error = context.getError();
		ErrorType outcome = (error != null) ? this.errors.classify(error)
				: (context.isStreaming() && response == null) ? ErrorType.CANCELLED : ErrorType.NONE;
		String model = model(roundTrip, response);
		CallMeters meters = this.metrics.meters(model, roundTrip.provider(), roundTrip.endpoint(),
				roundTrip.requestTagValues());
		meters.recordOutcome(outcome, end - roundTrip.startNanos());
		StreamProbe probe = roundTrip.probe();
		TokenUsage usage = TokenUsage.NONE;
		if (outcome == ErrorType.NONE && response != null) {
			usage = this.tokens.completed(context.getRequest(), response, (probe != null) ? probe.lastUsage() : null);
		}
		else if (outcome == ErrorType.CANCELLED) {
			usage = this.tokens.cancelled(context.getRequest());
		}
		if (usage != TokenUsage.NONE) {
			meters.recordTokens(usage);
			recordCost(meters, model, pricedModel(roundTrip, response), roundTrip.provider(), usage);
		}
		if (probe != null && probe.firstContentNanos() > roundTrip.startNanos()) {
			meters.recordTimeToFirstToken(probe.firstContentNanos() - roundTrip.startNanos());
		}
	}

	private void recordCost(CallMeters meters, String modelLabel, @Nullable String model, String provider,
			TokenUsage usage) {
		if (this.costs == null) {
			return;
		}
		double cost = (model != null) ? this.costs.cost(model, usage) : -1;
		if (cost >= 0) {
			meters.recordCost(cost);
			return;
		}
		this.metrics.countUnpriced(modelLabel, provider);
		// Keyed by the capped label, so a flood of model names logs a bounded number of
		// lines; the message is built only when it is logged.
		this.unpricedLogger.warn(modelLabel, () -> "Model '" + model + "' (provider " + provider
				+ ") has no price, so its cost is not recorded: set ai.observability.prices with its input and "
				+ "output price per million tokens");
	}

	/**
	 * The model name to price: the requested one, else the one the response names.
	 */
	private static @Nullable String pricedModel(RoundTrip roundTrip, @Nullable ChatResponse response) {
		if (roundTrip.pricedModel() != null) {
			return roundTrip.pricedModel();
		}
		String responded = (response != null && response.getMetadata() != null) ? response.getMetadata().getModel()
				: null;
		return hasText(responded) ? responded : null;
	}

	/**
	 * The requested model, else the one the response names, else {@code unknown}.
	 */
	private String model(RoundTrip roundTrip, @Nullable ChatResponse response) {
		if (!AiMetricLabels.UNKNOWN.equals(roundTrip.model())) {
			return roundTrip.model();
		}
		String responded = (response != null && response.getMetadata() != null) ? response.getMetadata().getModel()
				: null;
		return hasText(responded) ? this.models.limit(responded) : AiMetricLabels.UNKNOWN;
	}

	private static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}

	/**
	 * What is known of a round-trip when it starts.
	 */
	private record RoundTrip(String model, @Nullable String pricedModel, String provider, Endpoint endpoint,
			List<String> requestTagValues, @Nullable StreamProbe probe, AtomicLong inFlight, long startNanos) {
	}

}

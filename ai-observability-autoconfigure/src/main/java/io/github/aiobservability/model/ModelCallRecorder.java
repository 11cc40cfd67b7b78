package io.github.aiobservability.model;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.github.aiobservability.cost.CostCalculator;
import io.github.aiobservability.metrics.AiMetricLabels;
import io.github.aiobservability.metrics.LabelSetMeters;
import io.github.aiobservability.metrics.Endpoint;
import io.github.aiobservability.metrics.CallOutcome;
import io.github.aiobservability.metrics.ModelMetrics;
import io.github.aiobservability.metrics.TagValueLimiter;
import io.github.aiobservability.metrics.TokenUsage;
import io.github.aiobservability.support.OneTimeLogger;
import io.micrometer.core.instrument.Clock;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.model.ModelOptions;
import org.springframework.ai.model.ModelRequest;
import org.springframework.ai.model.observation.ModelObservationContext;
import org.springframework.util.function.SingletonSupplier;

/**
 * Records model round-trips, whichever kind of model made them: the chat and embedding
 * observation handlers each read what their model type reports (options, usage, outcome)
 * and hand it here, so labels, caps, in-flight counts, tokens and cost are recorded one
 * way.
 * <p>
 * A round-trip is {@link #start started} when its observation starts, {@link #stop
 * stopped} when the provider's part is over, and {@link #record recorded} once everything
 * about it is known, which for a ChatClient stream may be a little later.
 */
public class ModelCallRecorder {

	// Per instance: each application context warns once, whatever ran before in the JVM.
	private final OneTimeLogger unpricedLogger = new OneTimeLogger(ModelCallRecorder.class);

	private final ModelMetrics metrics;

	private final ProviderResolver providers;

	private final RequestTagResolver requestTags;

	private final TagValueLimiter models;

	private final Clock clock;

	private final @Nullable CostCalculator costs;

	private final Set<RoundTrip> streamsInFlight = ConcurrentHashMap.newKeySet();

	private final Supplier<List<CostListener>> costListeners;

	private final String pricesProperty;

	private final OneTimeLogger listenerLogger = new OneTimeLogger(ModelCallRecorder.class);

	/**
	 * Creates the recorder.
	 * @param metrics the meters
	 * @param providers resolves the provider label
	 * @param requestTags resolves the request tags
	 * @param maxModels the cap on distinct model labels
	 * @param maxModelsProperty the property that sets the cap, named when it is reached
	 * @param clock the meter registry's clock
	 * @param costs prices round-trips, or {@code null} to record no cost
	 * @param pricesProperty the property that prices a model, named when one has no price
	 */
	public ModelCallRecorder(ModelMetrics metrics, ProviderResolver providers, RequestTagResolver requestTags,
			int maxModels, String maxModelsProperty, Clock clock, @Nullable CostCalculator costs,
			String pricesProperty) {
		this(metrics, providers, requestTags, maxModels, maxModelsProperty, clock, costs, pricesProperty, List::of);
	}

	/**
	 * Creates the recorder.
	 * @param metrics the meters
	 * @param providers resolves the provider label
	 * @param requestTags resolves the request tags
	 * @param maxModels the cap on distinct model labels
	 * @param maxModelsProperty the property that sets the cap, named when it is reached
	 * @param clock the meter registry's clock
	 * @param costs prices round-trips, or {@code null} to record no cost
	 * @param pricesProperty the property that prices a model, named when one has no price
	 * @param costListeners told of each priced round-trip's cost; asked for them once, at
	 * the first priced round-trip, as a listener may need beans (a Redis connection) that
	 * need the observation registry this recorder's handlers are registered with
	 */
	public ModelCallRecorder(ModelMetrics metrics, ProviderResolver providers, RequestTagResolver requestTags,
			int maxModels, String maxModelsProperty, Clock clock, @Nullable CostCalculator costs, String pricesProperty,
			Supplier<? extends List<CostListener>> costListeners) {
		this.costListeners = SingletonSupplier.of(() -> List.copyOf(costListeners.get()));
		this.metrics = metrics;
		this.providers = providers;
		this.requestTags = requestTags;
		this.models = new TagValueLimiter(AiMetricLabels.MODEL, maxModels, maxModelsProperty);
		this.clock = clock;
		this.costs = costs;
		this.pricesProperty = pricesProperty;
	}

	/**
	 * Starts a round-trip: resolves its labels and counts it in flight.
	 * @param context the model's observation context
	 * @param endpoint the kind of call
	 * @param requestedModel the model the request names, or {@code null}
	 * @param options the request's options, for the base URL, or {@code null}
	 * @return the round-trip
	 */
	public RoundTrip start(ModelObservationContext<? extends ModelRequest<?>, ?> context, Endpoint endpoint,
			@Nullable String requestedModel, @Nullable ModelOptions options) {
		boolean named = hasText(requestedModel);
		String model = named ? this.models.limit(requestedModel) : AiMetricLabels.UNKNOWN;
		String reportedProvider = context.getOperationMetadata().provider();
		String provider = this.providers.resolve(reportedProvider, requestedModel, options, endpoint);
		List<String> tagValues = this.requestTags.resolve(context, context.getRequest());
		AtomicLong inFlight = this.metrics.inFlight(model, provider, endpoint);
		RoundTrip roundTrip = new RoundTrip(model, named ? requestedModel : null, provider, reportedProvider, endpoint,
				tagValues, inFlight, this.clock.monotonicTime());
		inFlight.incrementAndGet();
		if (endpoint.isStreaming()) {
			this.streamsInFlight.add(roundTrip);
		}
		return roundTrip;
	}

	/**
	 * Ends the provider's part of a round-trip: it is no longer in flight, and its
	 * duration ends now. Call exactly once per started round-trip.
	 * @param roundTrip the round-trip
	 */
	public void stop(RoundTrip roundTrip) {
		roundTrip.stop(this.clock.monotonicTime());
		if (roundTrip.endpoint().isStreaming()) {
			this.streamsInFlight.remove(roundTrip);
		}
		roundTrip.inFlight().decrementAndGet();
	}

	/**
	 * Records a stopped round-trip.
	 * @param roundTrip the round-trip
	 * @param outcome its outcome, {@link CallOutcome#NONE} for a success
	 * @param respondedModel the model the response names, or {@code null}
	 * @param usage its tokens, {@link TokenUsage#NONE} when none are known
	 * @param firstContentNanos when its first chunk with content passed, on the meter
	 * registry's monotonic clock; 0 when unknown or not a stream
	 */
	public void record(RoundTrip roundTrip, CallOutcome outcome, @Nullable String respondedModel, TokenUsage usage,
			long firstContentNanos) {
		String model = AiMetricLabels.UNKNOWN.equals(roundTrip.model()) && hasText(respondedModel)
				? this.models.limit(respondedModel) : roundTrip.model();
		LabelSetMeters meters = this.metrics.meters(model, roundTrip.provider(), roundTrip.endpoint(),
				roundTrip.requestTagValues());
		meters.recordOutcome(outcome, roundTrip.stopNanos() - roundTrip.startNanos());
		if (usage != TokenUsage.NONE) {
			meters.recordTokens(usage);
			String pricedModel = (roundTrip.requestedModel() != null) ? roundTrip.requestedModel()
					: hasText(respondedModel) ? respondedModel : null;
			recordCost(meters, model, pricedModel, roundTrip.provider(), roundTrip.requestTagValues(), usage);
		}
		if (firstContentNanos > roundTrip.startNanos()) {
			meters.recordTimeToFirstToken(firstContentNanos - roundTrip.startNanos());
		}
	}

	/**
	 * The streams whose provider's part is not over, for attributing HTTP attempts that
	 * carry no link to their round-trip.
	 * @return a live view
	 */
	public Collection<RoundTrip> streamsInFlight() {
		return Collections.unmodifiableSet(this.streamsInFlight);
	}

	private void recordCost(LabelSetMeters meters, String modelLabel, @Nullable String model, String provider,
			List<String> requestTagValues, TokenUsage usage) {
		if (this.costs == null) {
			return;
		}
		double cost = (model != null) ? this.costs.cost(model, provider, usage) : -1;
		if (cost >= 0) {
			meters.recordCost(cost);
			for (CostListener listener : this.costListeners.get()) {
				try {
					listener.costRecorded(requestTagValues, cost);
				}
				catch (RuntimeException ex) {
					String name = listener.getClass().getName();
					this.listenerLogger.warn("listener:" + name, "CostListener " + name + " failed", ex);
				}
			}
			return;
		}
		this.metrics.countUnpriced(modelLabel, provider);
		// Keyed by the capped label, so a flood of model names logs a bounded number of
		// lines; the message is built only when it is logged.
		this.unpricedLogger.warn(modelLabel,
				() -> "Model '" + model + "' (provider " + provider
						+ ") has no price, so its cost is not recorded: set " + this.pricesProperty
						+ " with its input and output price per million tokens");
	}

	private static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}

}

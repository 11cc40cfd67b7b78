package io.github.aiobservability.model;

import java.util.List;

import io.github.aiobservability.metrics.CallOutcome;
import io.github.aiobservability.metrics.Endpoint;
import io.github.aiobservability.metrics.LabelSetMeters;
import io.github.aiobservability.metrics.ModelMetrics;
import io.github.aiobservability.metrics.TokenUsage;
import io.github.aiobservability.support.OneTimeLogger;
import io.micrometer.core.instrument.Clock;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.model.ModelOptions;
import org.springframework.ai.model.ModelRequest;
import org.springframework.ai.model.observation.ModelObservationContext;
import org.springframework.util.StringUtils;

/**
 * Records model round-trips, whichever kind of model made them: the chat and embedding
 * observation handlers each read what their model type reports (options, usage, outcome)
 * and hand it here, so labels, in-flight counts, tokens and cost are recorded one way.
 * <p>
 * A round-trip is {@link #start started} when its observation starts: its labels are
 * decided then, once, and its meters looked up. It is {@link #stop stopped} when the
 * provider's part is over, and {@link #record recorded} once everything about it is
 * known, which for a ChatClient stream may be a little later.
 */
public class ModelCallRecorder {

	// Per instance: each application context warns once, whatever ran before in the JVM.
	private final OneTimeLogger logger = new OneTimeLogger(ModelCallRecorder.class);

	private final CallLabeler labeler;

	private final ModelMetrics metrics;

	private final Clock clock;

	private final @Nullable CostRecorder costs;

	private final List<RoundTripListener> listeners;

	private final List<ResponseListener> responseListeners;

	/**
	 * Creates the recorder.
	 * @param labeler decides a round-trip's labels
	 * @param metrics the meters
	 * @param clock the meter registry's clock
	 * @param costs records cost, or {@code null} when the application records none
	 * @param listeners told when round-trips start and stop
	 */
	public ModelCallRecorder(CallLabeler labeler, ModelMetrics metrics, Clock clock, @Nullable CostRecorder costs,
			List<RoundTripListener> listeners) {
		this(labeler, metrics, clock, costs, listeners, List.of());
	}

	/**
	 * Creates the recorder.
	 * @param labeler decides a round-trip's labels
	 * @param metrics the meters
	 * @param clock the meter registry's clock
	 * @param costs records cost, or {@code null} when the application records none
	 * @param listeners told when round-trips start and stop
	 * @param responseListeners told of the response of each round-trip that has one
	 */
	public ModelCallRecorder(CallLabeler labeler, ModelMetrics metrics, Clock clock, @Nullable CostRecorder costs,
			List<RoundTripListener> listeners, List<ResponseListener> responseListeners) {
		this.labeler = labeler;
		this.metrics = metrics;
		this.clock = clock;
		this.costs = costs;
		this.listeners = List.copyOf(listeners);
		this.responseListeners = List.copyOf(responseListeners);
	}

	/**
	 * Starts a round-trip: decides its labels and counts it in flight.
	 * @param context the model's observation context
	 * @param endpoint how the model is called
	 * @param requestedModel the model the request names, or {@code null}
	 * @param options the request's options, for the base URL, or {@code null}
	 * @return the round-trip
	 */
	public RoundTrip start(ModelObservationContext<? extends ModelRequest<?>, ?> context, Endpoint endpoint,
			@Nullable String requestedModel, @Nullable ModelOptions options) {
		CallLabels labels = this.labeler.label(context, endpoint, requestedModel, options);
		LabelSetMeters meters = this.metrics.meters(labels.model(), labels.provider(), labels.endpoint(),
				labels.requestTagValues());
		RoundTrip roundTrip = new RoundTrip(labels, meters, this.clock.monotonicTime());
		meters.inFlight().incrementAndGet();
		if (this.costs != null) {
			this.costs.started(roundTrip);
		}
		for (RoundTripListener listener : this.listeners) {
			listener.started(roundTrip);
		}
		return roundTrip;
	}

	/**
	 * Ends the provider's part of a round-trip: it is no longer in flight, and its
	 * duration ends now. Only the first stop of a round-trip counts.
	 * @param roundTrip the round-trip
	 * @return {@code false} when it was stopped already, and must not be recorded again
	 */
	boolean stop(RoundTrip roundTrip) {
		if (!roundTrip.stop(this.clock.monotonicTime())) {
			return false;
		}
		roundTrip.meters().inFlight().decrementAndGet();
		for (RoundTripListener listener : this.listeners) {
			listener.stopped(roundTrip);
		}
		return true;
	}

	/**
	 * Ends the provider's part of a round-trip whose observation stopped, and tells the
	 * response listeners of its response.
	 * @param roundTrip the round-trip
	 * @param context its observation context
	 * @return {@code false} when it was stopped already, and must not be recorded again
	 */
	boolean stop(RoundTrip roundTrip, ModelObservationContext<?, ?> context) {
		if (!stop(roundTrip)) {
			return false;
		}
		if (context.getResponse() != null) {
			for (ResponseListener listener : this.responseListeners) {
				try {
					listener.responded(roundTrip, context);
				}
				catch (RuntimeException ex) {
					// The round-trip is recorded all the same.
					String name = listener.getClass().getName();
					this.logger.warn("listener:" + name, "ResponseListener " + name + " failed", ex);
				}
			}
		}
		return true;
	}

	/**
	 * Ends and records as failed a round-trip whose observation will never stop. Spring
	 * AI 2.0.1's Google GenAI model starts a stream's observation, then lets the HTTP
	 * failure of its request escape before it attaches the stop: the stream would stay in
	 * flight forever and its failure would never be counted. Whoever sees that failure
	 * ends the round-trip here; should the observation stop after all (a fixed Spring
	 * AI), it is not recorded twice.
	 * @param roundTrip the round-trip
	 * @param outcome how it failed
	 * @return {@code false} when it was stopped already
	 */
	public boolean failUnobserved(RoundTrip roundTrip, CallOutcome outcome) {
		if (!stop(roundTrip)) {
			return false;
		}
		record(roundTrip, outcome, TokenUsage.NONE, null, StreamTiming.NONE);
		return true;
	}

	/**
	 * Records a stopped round-trip.
	 * @param roundTrip the round-trip
	 * @param outcome its outcome, {@link CallOutcome#NONE} for a success
	 * @param usage its tokens, {@link TokenUsage#NONE} when none are known
	 * @param respondedModel the model the response names, which prices a round-trip whose
	 * request named none; {@code null} when unknown
	 * @param timing when a stream's generated content arrived; {@link StreamTiming#NONE}
	 * when unknown or not a stream
	 */
	public void record(RoundTrip roundTrip, CallOutcome outcome, TokenUsage usage, @Nullable String respondedModel,
			StreamTiming timing) {
		LabelSetMeters meters = roundTrip.meters();
		meters.recordOutcome(outcome, roundTrip.stopNanos() - roundTrip.startNanos());
		if (usage != TokenUsage.NONE) {
			meters.recordTokens(usage);
			if (this.costs != null) {
				String requested = roundTrip.requestedModel();
				this.costs.record(roundTrip,
						(requested != null) ? requested : StringUtils.hasText(respondedModel) ? respondedModel : null,
						usage);
			}
		}
		// Content that arrived after the round-trip stopped (a stream read on after its
		// consumer cancelled) is none the caller saw.
		if (timing.firstContentNanos() > roundTrip.startNanos()
				&& timing.firstContentNanos() <= roundTrip.stopNanos()) {
			meters.recordTimeToFirstToken(timing.firstContentNanos() - roundTrip.startNanos());
			recordTimePerOutputToken(meters, timing, usage);
		}
	}

	/**
	 * Records the decode speed: the time between the first and the last content over the
	 * tokens decoded after the first. Reasoning a provider does not stream (OpenAI's) was
	 * decoded before the first content, so it is left out.
	 */
	private static void recordTimePerOutputToken(LabelSetMeters meters, StreamTiming timing, TokenUsage usage) {
		long decoded = timing.reasoningStreamed() ? usage.output() : usage.output() - usage.reasoning();
		long span = timing.lastContentNanos() - timing.firstContentNanos();
		if (decoded > 1 && span > 0) {
			meters.recordTimePerOutputToken(span / (decoded - 1));
		}
	}

}

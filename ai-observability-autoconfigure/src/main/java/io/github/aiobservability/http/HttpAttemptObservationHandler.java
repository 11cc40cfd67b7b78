package io.github.aiobservability.http;

import java.io.IOException;

import io.github.aiobservability.metrics.AttemptMeters;
import io.github.aiobservability.metrics.CallOutcome;
import io.github.aiobservability.metrics.ErrorClassifier;
import io.github.aiobservability.metrics.ModelMetrics;
import io.github.aiobservability.metrics.RateLimitGauges;
import io.github.aiobservability.model.ObservationLineage;
import io.github.aiobservability.model.RoundTrip;
import io.github.aiobservability.support.OneTimeLogger;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.binder.okhttp3.OkHttpContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.model.observation.ModelObservationContext;

/**
 * Counts every HTTP attempt of a model round-trip ({@code ai_api_attempts_total}) and
 * keeps the rate-limit headers of its response ({@code ai_api_rate_limit_*}). The OpenAI
 * and Anthropic SDKs retry 408, 409, 429 and 5xx answers inside the client, so a
 * round-trip's outcome alone hides the 429s a retry absorbed; Spring AI observes each
 * attempt of the HTTP clients it builds as {@code okhttp.requests}, which this handler
 * reads.
 * <p>
 * An attempt made on the calling thread has its model call's observation as parent, and
 * takes that round-trip's model, provider and endpoint. The SDKs make a stream's attempts
 * on threads of their own, where no parent is known: such an attempt is matched with the
 * streams in flight of the same client; when those differ in model, by the model its
 * request body names.
 * <p>
 * Never throws: whatever goes wrong while recording is logged once and the call goes on
 * unchanged.
 */
public class HttpAttemptObservationHandler implements ObservationHandler<OkHttpContext> {

	/** Sent by the Stainless-generated SDKs (OpenAI's, Anthropic's) on every attempt. */
	static final String RETRY_COUNT_HEADER = "X-Stainless-Retry-Count";

	/** Sent by the Anthropic SDK only. */
	private static final String ANTHROPIC_VERSION_HEADER = "anthropic-version";

	// Per instance: each application context warns once, whatever ran before in the JVM.
	private final OneTimeLogger logger = new OneTimeLogger(HttpAttemptObservationHandler.class);

	private final StreamsInFlight streams;

	private final ModelMetrics metrics;

	private final RateLimitGauges rateLimits;

	private final ErrorClassifier errors;

	private final Clock clock;

	/**
	 * Creates the handler.
	 * @param streams the streams in flight
	 * @param metrics the attempt counters
	 * @param rateLimits the rate-limit gauges
	 * @param errors classifies attempts that got no response
	 * @param clock the meter registry's clock
	 */
	public HttpAttemptObservationHandler(StreamsInFlight streams, ModelMetrics metrics, RateLimitGauges rateLimits,
			ErrorClassifier errors, Clock clock) {
		this.streams = streams;
		this.metrics = metrics;
		this.rateLimits = rateLimits;
		this.errors = errors;
		this.clock = clock;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof OkHttpContext;
	}

	@Override
	public void onStart(OkHttpContext context) {
		try {
			Request request = context.getOriginalRequest();
			RoundTrip owner = (request != null) ? owner(context, request) : null;
			if (owner != null) {
				context.put(Attempt.class,
						new Attempt(this.metrics.attempts(owner.model(), owner.provider(), owner.endpoint()),
								this.rateLimits.of(owner.model(), owner.provider()), isRetry(request)));
			}
		}
		catch (RuntimeException | LinkageError ex) {
			this.logger.warn("start", "Could not start recording an AI API attempt; the call itself is unaffected", ex);
		}
	}

	@Override
	public void onStop(OkHttpContext context) {
		Attempt attempt = context.get(Attempt.class);
		if (attempt == null) {
			return;
		}
		context.remove(Attempt.class);
		try {
			Response response = context.getResponse();
			if (response != null) {
				int status = response.code();
				attempt.meters().record(AttemptMeters.statusCode(status), outcome(status), attempt.retry());
				RateLimitHeaders.read(response::header, this.clock.wallTime(), attempt);
			}
			else {
				attempt.meters().record(AttemptMeters.NO_STATUS, outcome(context.getError()), attempt.retry());
			}
		}
		catch (RuntimeException | LinkageError ex) {
			this.logger.warn("stop", "Could not record an AI API attempt; the call itself is unaffected", ex);
		}
	}

	/**
	 * The round-trip an attempt belongs to, or {@code null} when it is none of ours.
	 */
	private @Nullable RoundTrip owner(OkHttpContext context, Request request) {
		ModelObservationContext<?, ?> modelCall = ObservationLineage.modelCall(context);
		if (modelCall != null) {
			// Another model type's call (images, audio), or one that started unrecorded.
			return modelCall.get(RoundTrip.class);
		}
		// Only the SDKs' streams run without a parent; they ask for an event stream.
		String accept = request.header("Accept");
		if (request.header(RETRY_COUNT_HEADER) == null || accept == null || !accept.contains("text/event-stream")) {
			return null;
		}
		String client = (request.header(ANTHROPIC_VERSION_HEADER) != null) ? "anthropic" : "openai";
		return this.streams.owner(client, request);
	}

	private static boolean isRetry(Request request) {
		String retryCount = request.header(RETRY_COUNT_HEADER);
		return retryCount != null && !retryCount.isEmpty() && !"0".equals(retryCount.trim());
	}

	private static CallOutcome outcome(int status) {
		if (status >= 200 && status < 300) {
			return CallOutcome.NONE;
		}
		return (status >= 400) ? CallOutcome.ofHttpStatus(status) : CallOutcome.OTHER;
	}

	private CallOutcome outcome(@Nullable Throwable error) {
		if (error == null) {
			return CallOutcome.OTHER;
		}
		// OkHttp's signal that the caller cancelled the call, a stream's consumer most
		// often.
		if (error instanceof IOException && "Canceled".equals(error.getMessage())) {
			return CallOutcome.CANCELLED;
		}
		return this.errors.classify(error);
	}

	/**
	 * One attempt in flight: where it is counted, and where its response's rate limits
	 * go.
	 */
	private record Attempt(AttemptMeters meters, RateLimitGauges.ModelRateLimits rateLimits,
			boolean retry) implements RateLimitHeaders.ReadingConsumer {

		@Override
		public void accept(String resource, double limit, double remaining, long resetAtMillis) {
			this.rateLimits.update(resource, limit, remaining, resetAtMillis);
		}

	}

}

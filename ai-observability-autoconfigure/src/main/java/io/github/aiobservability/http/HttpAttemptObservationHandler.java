package io.github.aiobservability.http;

import io.github.aiobservability.model.ObservationLineage;
import io.github.aiobservability.model.RoundTrip;
import io.github.aiobservability.support.OneTimeLogger;
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

	private final AttemptRecorder attempts;

	/**
	 * Creates the handler.
	 * @param streams the streams in flight
	 * @param attempts records the attempts
	 */
	public HttpAttemptObservationHandler(StreamsInFlight streams, AttemptRecorder attempts) {
		this.streams = streams;
		this.attempts = attempts;
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
				context.put(AttemptRecorder.Attempt.class, this.attempts.start(owner, isRetry(request)));
			}
		}
		catch (RuntimeException | LinkageError ex) {
			this.logger.warn("start", "Could not start recording an AI API attempt; the call itself is unaffected", ex);
		}
	}

	@Override
	public void onStop(OkHttpContext context) {
		AttemptRecorder.Attempt attempt = context.get(AttemptRecorder.Attempt.class);
		if (attempt == null) {
			return;
		}
		context.remove(AttemptRecorder.Attempt.class);
		try {
			Response response = context.getResponse();
			if (response != null) {
				this.attempts.answered(attempt, response.code(), response::header);
			}
			else {
				this.attempts.failed(attempt, context.getError());
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

}

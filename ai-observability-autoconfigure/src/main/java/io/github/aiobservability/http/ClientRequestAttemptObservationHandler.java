package io.github.aiobservability.http;

import java.io.IOException;

import io.github.aiobservability.model.ObservationLineage;
import io.github.aiobservability.model.RoundTrip;
import io.github.aiobservability.support.OneTimeLogger;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.transport.RequestReplySenderContext;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.model.observation.ModelObservationContext;

/**
 * Counts the HTTP attempts of model round-trips made with Spring's HTTP clients: the
 * {@code http.client.requests} observations of the {@code RestClient} and
 * {@code WebClient} that Boot's auto-configured builders give Spring AI's
 * RestClient-based models (Ollama's among them). Spring AI's {@code RetryTemplate}
 * retries inside the model's observation, so every attempt of a round-trip is a child of
 * it: the first one is {@code attempt="first"}, every later one a retry. An HTTP
 * observation without a model call above it is none of the starter's business.
 * <p>
 * The two clients observe with two context types, which differ only in how a response's
 * status and headers are read: that is what a subclass says.
 * <p>
 * Never throws: whatever goes wrong while recording is logged once and the call goes on
 * unchanged.
 *
 * @param <C> the client's observation context
 * @param <R> the client's response type
 */
public abstract class ClientRequestAttemptObservationHandler<C extends RequestReplySenderContext<?, R>, R>
		implements ObservationHandler<C> {

	// Per instance: each application context warns once, whatever ran before in the JVM.
	private final OneTimeLogger logger = new OneTimeLogger(getClass());

	private final AttemptRecorder attempts;

	/**
	 * Creates the handler.
	 * @param attempts records the attempts
	 */
	protected ClientRequestAttemptObservationHandler(AttemptRecorder attempts) {
		this.attempts = attempts;
	}

	@Override
	public void onStart(C context) {
		try {
			ModelObservationContext<?, ?> modelCall = ObservationLineage.modelCall(context);
			RoundTrip owner = (modelCall != null) ? modelCall.get(RoundTrip.class) : null;
			if (owner != null) {
				context.put(AttemptRecorder.Attempt.class, this.attempts.start(owner, owner.countAttempt() > 0));
			}
		}
		catch (RuntimeException | LinkageError ex) {
			this.logger.warn("start", "Could not start recording an AI API attempt; the call itself is unaffected", ex);
		}
	}

	@Override
	public void onStop(C context) {
		AttemptRecorder.Attempt attempt = context.get(AttemptRecorder.Attempt.class);
		if (attempt == null) {
			return;
		}
		context.remove(AttemptRecorder.Attempt.class);
		try {
			R response = context.getResponse();
			if (response != null) {
				this.attempts.answered(attempt, status(response), (name) -> header(response, name));
			}
			else if (isAborted(context)) {
				this.attempts.cancelled(attempt);
			}
			else {
				this.attempts.failed(attempt, context.getError());
			}
		}
		catch (IOException | RuntimeException | LinkageError ex) {
			this.logger.warn("stop", "Could not record an AI API attempt; the call itself is unaffected", ex);
		}
	}

	/**
	 * The HTTP status of a response.
	 * @param response the response
	 * @return its status code
	 * @throws IOException if the client cannot tell
	 */
	protected abstract int status(R response) throws IOException;

	/**
	 * A header of a response.
	 * @param response the response
	 * @param name the header's name
	 * @return its first value, or {@code null}
	 */
	protected abstract @Nullable String header(R response, String name);

	/**
	 * Whether the caller cancelled the exchange before its response came.
	 * @param context the attempt's context
	 * @return {@code false} unless the client tells
	 */
	protected boolean isAborted(C context) {
		return false;
	}

}

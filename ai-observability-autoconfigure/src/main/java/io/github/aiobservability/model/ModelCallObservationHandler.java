package io.github.aiobservability.model;

import io.github.aiobservability.support.OneTimeLogger;
import io.micrometer.observation.ObservationHandler;

import org.springframework.ai.model.observation.ModelObservationContext;

/**
 * What the chat and embedding observation handlers share: a round-trip starts with its
 * observation, is kept on its context (where its HTTP attempts find it), and stops with
 * it. Recording never throws: a failure is logged once and the call goes on unchanged.
 *
 * @param <C> the model type's observation context
 */
public abstract class ModelCallObservationHandler<C extends ModelObservationContext<?, ?>>
		implements ObservationHandler<C> {

	// Per instance: each application context warns once, whatever ran before in the JVM.
	private final OneTimeLogger logger = new OneTimeLogger(getClass());

	private final String kind;

	protected final ModelCallRecorder recorder;

	/**
	 * Creates the handler.
	 * @param kind what is called, for log messages: {@code chat}, {@code embedding}
	 * @param recorder records round-trips
	 */
	protected ModelCallObservationHandler(String kind, ModelCallRecorder recorder) {
		this.kind = kind;
		this.recorder = recorder;
	}

	@Override
	public final void onStart(C context) {
		try {
			context.put(RoundTrip.class, start(context));
		}
		catch (RuntimeException | LinkageError ex) {
			logFailure("start", "Could not start recording an AI " + this.kind + " call", ex);
		}
	}

	@Override
	public final void onStop(C context) {
		RoundTrip roundTrip = context.get(RoundTrip.class);
		if (roundTrip == null) {
			return;
		}
		context.remove(RoundTrip.class);
		try {
			// Stopped already when it was ended without its observation (a failed Gemini
			// stream in Spring AI 2.0.1): recorded then.
			if (this.recorder.stop(roundTrip, context)) {
				stopped(context, roundTrip);
			}
		}
		catch (RuntimeException | LinkageError ex) {
			logFailure("stop", "Could not record an AI " + this.kind + " call", ex);
		}
	}

	/**
	 * Starts the round-trip of a call whose observation starts.
	 * @param context the call's observation context
	 * @return the round-trip
	 */
	protected abstract RoundTrip start(C context);

	/**
	 * Records a round-trip whose observation stopped; it is no longer in flight.
	 * @param context the call's observation context
	 * @param roundTrip its round-trip
	 */
	protected abstract void stopped(C context, RoundTrip roundTrip);

	/**
	 * Logs a failure to record, once per key.
	 * @param key what makes the failure distinct
	 * @param message what failed
	 * @param ex the failure
	 */
	protected final void logFailure(String key, String message, Throwable ex) {
		this.logger.warn(key, message + "; the call itself is unaffected", ex);
	}

}

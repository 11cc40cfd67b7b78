package io.github.aiobservability.gemini;

import io.github.aiobservability.model.ProviderResolver;
import io.github.aiobservability.model.RoundTrip;
import io.github.aiobservability.model.RoundTripListener;
import org.jspecify.annotations.Nullable;

/**
 * The Google GenAI round-trip each thread last started, for the HTTP call the SDK makes
 * for it. The SDK has no observation of its own, so nothing links its HTTP call to the
 * model's observation but the thread: Spring AI's Google GenAI model starts a call's
 * observation and makes its HTTP call inside it, and starts a stream's observation and
 * makes its HTTP call right after, on the same thread, before any chunk is read.
 * <p>
 * A round-trip is handed out once: to the first HTTP call of its thread, which is the one
 * the model makes for it (Spring AI's retry template never retries the SDK's exceptions;
 * the SDK's own retries are attempts of that one call).
 */
public class GeminiRoundTrips implements RoundTripListener {

	private final ThreadLocal<@Nullable RoundTrip> started = new ThreadLocal<>();

	@Override
	public void started(RoundTrip roundTrip) {
		if (ProviderResolver.GOOGLE_GENAI.equals(roundTrip.reportedProvider())) {
			this.started.set(roundTrip);
		}
	}

	@Override
	public void stopped(RoundTrip roundTrip) {
		if (this.started.get() == roundTrip) {
			// Cleared, not removed: the thread's entry is reused by its next call, where
			// removing it would allocate a new one for every call.
			this.started.set(null);
		}
	}

	/**
	 * Takes the round-trip this thread started and made no HTTP call for yet.
	 * @return the round-trip, or {@code null} when this HTTP call is none of a model's
	 */
	@Nullable RoundTrip take() {
		RoundTrip roundTrip = this.started.get();
		if (roundTrip == null) {
			return null;
		}
		this.started.set(null);
		return roundTrip.isStopped() ? null : roundTrip;
	}

}

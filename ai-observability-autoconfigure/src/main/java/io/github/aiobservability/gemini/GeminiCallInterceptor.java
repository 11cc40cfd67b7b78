package io.github.aiobservability.gemini;

import java.io.IOException;
import java.util.function.Supplier;

import io.github.aiobservability.http.AttemptRecorder;
import io.github.aiobservability.metrics.CallOutcome;
import io.github.aiobservability.metrics.ErrorClassifier;
import io.github.aiobservability.model.ModelCallRecorder;
import io.github.aiobservability.model.RoundTrip;
import io.github.aiobservability.support.OneTimeLogger;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The application interceptor of the Google GenAI SDK's HTTP client: it sees each call
 * the SDK makes once, outside the SDK's own retries, so it sees the call's final outcome.
 * It links the call to its round-trip, for {@link GeminiAttemptInterceptor}, and ends the
 * round-trips Spring AI 2.0.1 would leave open: a stream whose request fails (a 429 or
 * 503 the SDK's retries did not absorb, or no connection at all) gets its observation
 * started but never stopped, so it would stay in flight forever and its failure would
 * never be counted.
 * <p>
 * Never throws anything of its own, and never changes the request the SDK sends or the
 * response it gets: it only tags the request with its round-trip.
 */
final class GeminiCallInterceptor implements Interceptor {

	// Per instance: each application context warns once, whatever ran before in the JVM.
	private final OneTimeLogger logger = new OneTimeLogger(GeminiCallInterceptor.class);

	private final GeminiRoundTrips roundTrips;

	private final Supplier<ModelCallRecorder> recorder;

	private final Supplier<AttemptRecorder> attempts;

	private final Supplier<ErrorClassifier> errors;

	GeminiCallInterceptor(GeminiRoundTrips roundTrips, Supplier<ModelCallRecorder> recorder,
			Supplier<AttemptRecorder> attempts, Supplier<ErrorClassifier> errors) {
		this.roundTrips = roundTrips;
		this.recorder = recorder;
		this.attempts = attempts;
		this.errors = errors;
	}

	@Override
	public Response intercept(Chain chain) throws IOException {
		GeminiExchange exchange = exchange();
		if (exchange == null) {
			return chain.proceed(chain.request());
		}
		Request request = chain.request().newBuilder().tag(GeminiExchange.class, exchange).build();
		Response response;
		try {
			response = chain.proceed(request);
		}
		catch (IOException | RuntimeException ex) {
			failed(exchange, ex);
			throw ex;
		}
		if (!response.isSuccessful()) {
			failed(exchange, response.code());
		}
		return response;
	}

	private @Nullable GeminiExchange exchange() {
		try {
			RoundTrip roundTrip = this.roundTrips.take();
			return (roundTrip != null) ? new GeminiExchange(roundTrip) : null;
		}
		catch (RuntimeException | LinkageError ex) {
			this.logger.warn("start", "Could not start recording an AI API call; the call itself is unaffected", ex);
			return null;
		}
	}

	/**
	 * The SDK's last attempt got a status it will throw for.
	 */
	private void failed(GeminiExchange exchange, int status) {
		try {
			endStream(exchange.roundTrip(), CallOutcome.ofHttpStatus(status));
		}
		catch (RuntimeException | LinkageError ex) {
			this.logger.warn("stop", "Could not record an AI API call; the call itself is unaffected", ex);
		}
	}

	/**
	 * The SDK's call failed without a response.
	 */
	private void failed(GeminiExchange exchange, Exception error) {
		try {
			if (!exchange.attempted()) {
				// OkHttp runs network interceptors only once connected: a call that never
				// connected is one attempt here, whatever the SDK's retries did.
				AttemptRecorder attempts = this.attempts.get();
				attempts.failed(attempts.start(exchange.roundTrip(), false), error);
			}
			endStream(exchange.roundTrip(), this.errors.get().classify(error));
		}
		catch (RuntimeException | LinkageError ex) {
			this.logger.warn("stop", "Could not record an AI API call; the call itself is unaffected", ex);
		}
	}

	/**
	 * A call's observation records its own failure; a stream's never stops.
	 */
	private void endStream(RoundTrip roundTrip, CallOutcome outcome) {
		if (roundTrip.endpoint().isStreaming()) {
			this.recorder.get().failUnobserved(roundTrip, outcome);
		}
	}

}

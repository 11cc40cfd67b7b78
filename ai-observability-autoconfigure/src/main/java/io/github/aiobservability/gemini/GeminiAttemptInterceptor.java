package io.github.aiobservability.gemini;

import java.io.IOException;
import java.util.function.Supplier;

import io.github.aiobservability.http.AttemptRecorder;
import io.github.aiobservability.support.OneTimeLogger;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The network interceptor of the Google GenAI SDK's HTTP client: it sees every attempt
 * the SDK's own retries make (by default up to 5, on 408, 429, 500, 502, 503 and 504),
 * which no observation sees, and counts each in {@code ai_api_attempts_total}: the first
 * of its round-trip {@code first}, later ones {@code retry}. Google sends no rate-limit
 * headers; any a proxy adds are read as for every client.
 * <p>
 * Never throws anything of its own and never changes the exchange.
 */
final class GeminiAttemptInterceptor implements Interceptor {

	// Per instance: each application context warns once, whatever ran before in the JVM.
	private final OneTimeLogger logger = new OneTimeLogger(GeminiAttemptInterceptor.class);

	private final Supplier<AttemptRecorder> attempts;

	GeminiAttemptInterceptor(Supplier<AttemptRecorder> attempts) {
		this.attempts = attempts;
	}

	@Override
	public Response intercept(Chain chain) throws IOException {
		Request request = chain.request();
		GeminiExchange exchange = request.tag(GeminiExchange.class);
		if (exchange == null) {
			return chain.proceed(request);
		}
		AttemptRecorder attempts = this.attempts.get();
		AttemptRecorder.Attempt attempt = start(attempts, exchange);
		if (attempt == null) {
			return chain.proceed(request);
		}
		Response response;
		try {
			response = chain.proceed(request);
		}
		catch (IOException | RuntimeException ex) {
			record(() -> attempts.failed(attempt, ex));
			throw ex;
		}
		record(() -> attempts.answered(attempt, response.code(), response::header));
		return response;
	}

	private AttemptRecorder.@Nullable Attempt start(AttemptRecorder attempts, GeminiExchange exchange) {
		try {
			exchange.attempt();
			return attempts.start(exchange.roundTrip(), exchange.roundTrip().countAttempt() > 0);
		}
		catch (RuntimeException | LinkageError ex) {
			this.logger.warn("start", "Could not start recording an AI API attempt; the call itself is unaffected", ex);
			return null;
		}
	}

	private void record(Runnable recording) {
		try {
			recording.run();
		}
		catch (RuntimeException | LinkageError ex) {
			this.logger.warn("stop", "Could not record an AI API attempt; the call itself is unaffected", ex);
		}
	}

}

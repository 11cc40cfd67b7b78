package io.github.aiobservability.gemini;

import java.time.Duration;
import java.util.function.Supplier;

import com.google.genai.types.ClientOptions;
import io.github.aiobservability.http.AttemptRecorder;
import io.github.aiobservability.metrics.ErrorClassifier;
import io.github.aiobservability.model.ModelCallRecorder;
import io.github.aiobservability.wire.EventStreamTee;
import io.github.aiobservability.wire.StreamEventReader;
import io.github.aiobservability.wire.WireStream;
import io.github.aiobservability.wire.WireStreams;
import io.micrometer.core.instrument.Clock;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP client the Google GenAI SDK should run on for its calls to be fully recorded.
 * The SDK builds its own OkHttp client, retries inside it and observes nothing; its one
 * hook is a custom client given when a {@code Client} is built
 * ({@code ClientOptions.customHttpClient}), to which the SDK adds its retry interceptor
 * last. This one carries the starter's two interceptors:
 * <ul>
 * <li>{@link GeminiCallInterceptor}, an application interceptor (outside the SDK's
 * retries), which links each call to its round-trip and ends the streams Spring AI 2.0.1
 * leaves in flight when their request fails;</li>
 * <li>an {@link EventStreamTee} with a {@link GeminiStreamReader}, which reads a stream's
 * events as the SDK reads them (time to first token, time per output token, usage) for
 * its round-trip;</li>
 * <li>{@link GeminiAttemptInterceptor}, a network interceptor, which counts every
 * attempt.</li>
 * </ul>
 * The starter builds Spring AI's auto-configured {@code Client} with it; an application
 * that builds its own {@code Client} passes {@link #clientOptions()}.
 * <p>
 * Like the SDK's own client, it has no connect, read or write timeout: OkHttp's default
 * 10-second read timeout would cut long generations and the pauses of streams.
 */
public class GeminiHttpClient {

	private final OkHttpClient client;

	/**
	 * Creates the client. What records is asked for at the first call, not now: Spring
	 * AI's Google GenAI auto-configuration creates its chat model, and so its
	 * {@code Client}, while the application's configuration is still being read (its
	 * {@code CachedContentServiceCondition} asks for the model), before configuration
	 * properties are bound; the recorders need bound properties.
	 * @param roundTrips the round-trips each thread started
	 * @param recorder ends the round-trips whose observation will never stop
	 * @param attempts records every attempt
	 * @param errors classifies failures without a response
	 * @param wireStreams where a stream's wire figures wait for its round-trip
	 * @param clock the meter registry's clock
	 */
	public GeminiHttpClient(GeminiRoundTrips roundTrips, Supplier<ModelCallRecorder> recorder,
			Supplier<AttemptRecorder> attempts, Supplier<ErrorClassifier> errors, Supplier<WireStreams> wireStreams,
			Supplier<Clock> clock) {
		this.client = new OkHttpClient.Builder().connectTimeout(Duration.ZERO)
			.readTimeout(Duration.ZERO)
			.writeTimeout(Duration.ZERO)
			.addInterceptor(new GeminiCallInterceptor(roundTrips, recorder, attempts, errors))
			.addInterceptor(new EventStreamTee((request) -> reader(request, wireStreams.get(), clock.get())))
			.addNetworkInterceptor(new GeminiAttemptInterceptor(attempts))
			.build();
	}

	/**
	 * A reader for a stream whose call the call interceptor linked to its round-trip.
	 */
	private static @Nullable StreamEventReader reader(Request request, WireStreams wireStreams, Clock clock) {
		GeminiExchange exchange = request.tag(GeminiExchange.class);
		if (exchange == null) {
			return null;
		}
		WireStream stream = new WireStream();
		wireStreams.bind(exchange.roundTrip(), stream);
		return new GeminiStreamReader(stream, clock);
	}

	/**
	 * The instrumented client; the SDK builds its own from it, sharing its connection
	 * pool.
	 * @return the client
	 */
	public OkHttpClient client() {
		return this.client;
	}

	/**
	 * Client options that make a Google GenAI {@code Client} run on this client:
	 * {@code Client.builder().apiKey(key).clientOptions(gemini.clientOptions()).build()}.
	 * @return the options
	 */
	public ClientOptions clientOptions() {
		return ClientOptions.builder().customHttpClient(this.client).build();
	}

}

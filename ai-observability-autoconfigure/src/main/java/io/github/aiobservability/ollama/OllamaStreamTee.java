package io.github.aiobservability.ollama;

import io.github.aiobservability.model.ObservationLineage;
import io.github.aiobservability.model.RoundTrip;
import io.github.aiobservability.wire.EventSplitter;
import io.github.aiobservability.wire.WireStream;
import io.github.aiobservability.wire.WireStreams;
import io.micrometer.core.instrument.Clock;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.ai.model.observation.ModelObservationContext;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * A filter of the WebClients Boot's builder makes that shows each line of an Ollama
 * stream to an {@link OllamaStreamReader} as the client reads it, the buffers passing on
 * unchanged. Spring AI's Ollama model puts its observation in the stream's reactive
 * context, where its WebClient exchange runs (under Boot's observation of the exchange,
 * its child), so the stream's round-trip is known: no id is needed to bind the wire to
 * it. Any other exchange passes untouched.
 */
public class OllamaStreamTee implements ExchangeFilterFunction {

	private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

	private final WireStreams wireStreams;

	private final Clock clock;

	private final @Nullable OllamaModelLoads modelLoads;

	/**
	 * Creates the filter.
	 * @param wireStreams where a stream's wire figures wait for its round-trip
	 * @param clock the meter registry's clock
	 * @param modelLoads records a stream's model load time, or {@code null}
	 */
	public OllamaStreamTee(WireStreams wireStreams, Clock clock, @Nullable OllamaModelLoads modelLoads) {
		this.wireStreams = wireStreams;
		this.clock = clock;
		this.modelLoads = modelLoads;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		return next.exchange(request)
			.flatMap((response) -> Mono.deferContextual((context) -> Mono
				.just(teed(response, context.getOrDefault(ObservationThreadLocalAccessor.KEY, null)))));
	}

	private ClientResponse teed(ClientResponse response, @Nullable Observation observation) {
		RoundTrip roundTrip = (observation != null) ? roundTrip(observation.getContext()) : null;
		MediaType type = response.headers().contentType().orElse(null);
		if (roundTrip == null || !OllamaModelLoads.OLLAMA.equals(roundTrip.reportedProvider())
				|| !response.statusCode().is2xxSuccessful() || type == null || !NDJSON.isCompatibleWith(type)) {
			return response;
		}
		WireStream stream = new WireStream();
		this.wireStreams.bind(roundTrip, stream);
		EventSplitter lines = EventSplitter
			.lines(new OllamaStreamReader(stream, roundTrip, this.clock, this.modelLoads));
		return response.mutate().body((body) -> body.doOnNext((buffer) -> show(buffer, lines))).build();
	}

	/**
	 * The round-trip of the nearest model observation: Boot's WebClient observation,
	 * itself a child of the model's, may be the one in the reactive context.
	 */
	private static @Nullable RoundTrip roundTrip(Observation.Context context) {
		RoundTrip roundTrip = context.get(RoundTrip.class);
		if (roundTrip != null) {
			return roundTrip;
		}
		ModelObservationContext<?, ?> modelCall = ObservationLineage.modelCall(context);
		return (modelCall != null) ? modelCall.get(RoundTrip.class) : null;
	}

	/**
	 * Shows the splitter a buffer's readable bytes without moving its read position. A
	 * failure here is the tee's, never the stream's.
	 */
	private static void show(DataBuffer buffer, EventSplitter lines) {
		try (DataBuffer.ByteBufferIterator readable = buffer.readableByteBuffers()) {
			while (readable.hasNext()) {
				lines.accept(readable.next());
			}
		}
		catch (RuntimeException ex) {
			// The caller's stream matters more than its timings.
		}
	}

}

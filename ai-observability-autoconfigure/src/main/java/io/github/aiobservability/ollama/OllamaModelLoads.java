package io.github.aiobservability.ollama;

import java.time.Duration;

import io.github.aiobservability.metrics.ModelMetrics;
import io.github.aiobservability.model.ResponseListener;
import io.github.aiobservability.model.RoundTrip;

import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.model.observation.ModelObservationContext;

/**
 * Records how long Ollama took to load the model for a call
 * ({@code ai_api_model_load_duration_seconds}), from the {@code load_duration} its
 * response reports and Spring AI's Ollama model keeps as the {@code load-duration}
 * metadata of a call's response. A model already in memory loads in milliseconds; one
 * that was not (the first call, a model evicted after Ollama's keep-alive or to make room
 * for another) in seconds: the cold start behind a slow call.
 * <p>
 * Only calls: Spring AI's aggregation of a stream drops every metadata key, so a stream's
 * load time exists only on its last chunk and on the wire, where it can be given to
 * {@link #record(RoundTrip, Duration)}.
 */
public class OllamaModelLoads implements ResponseListener {

	/** The key Spring AI's {@code OllamaChatModel} keeps {@code load_duration} under. */
	static final String LOAD_DURATION = "load-duration";

	static final String OLLAMA = "ollama";

	private final ModelMetrics metrics;

	/**
	 * Creates the listener.
	 * @param metrics where the load times go
	 */
	public OllamaModelLoads(ModelMetrics metrics) {
		this.metrics = metrics;
	}

	@Override
	public void responded(RoundTrip roundTrip, ModelObservationContext<?, ?> context) {
		if (OLLAMA.equals(roundTrip.reportedProvider()) && context.getResponse() instanceof ChatResponse response) {
			ChatResponseMetadata metadata = response.getMetadata();
			if (metadata != null && metadata.get(LOAD_DURATION) instanceof Duration loadDuration) {
				record(roundTrip, loadDuration);
			}
		}
	}

	/**
	 * Records the load time a round-trip's model server reported.
	 * @param roundTrip the round-trip, for its model and provider labels
	 * @param loadDuration the reported load time; ignored unless positive
	 */
	public void record(RoundTrip roundTrip, Duration loadDuration) {
		if (!loadDuration.isNegative() && !loadDuration.isZero()) {
			this.metrics.modelLoad(roundTrip.model(), roundTrip.provider()).record(loadDuration);
		}
	}

}

package io.github.aiobservability.embedding;

import io.github.aiobservability.metrics.Endpoint;
import io.github.aiobservability.metrics.ErrorClassifier;
import io.github.aiobservability.metrics.ErrorType;
import io.github.aiobservability.metrics.TokenUsage;
import io.github.aiobservability.model.ModelCallRecorder;
import io.github.aiobservability.model.RoundTrip;
import io.github.aiobservability.model.TokenUsageResolver;
import io.github.aiobservability.support.OneTimeLogger;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationContext;

/**
 * Records the {@code ai_*} metrics of every embedding model call Spring AI observes, with
 * {@code endpoint="embedding"}: requests, latency, errors, input tokens and cost. An
 * application that retrieves before it chats spends on every document and every query it
 * embeds.
 * <p>
 * Never throws: whatever goes wrong while recording is logged once and the call goes on
 * unchanged.
 */
public class EmbeddingModelMetricsObservationHandler
		implements ObservationHandler<EmbeddingModelObservationContext> {

	// Per instance: each application context warns once, whatever ran before in the JVM.
	private final OneTimeLogger logger = new OneTimeLogger(EmbeddingModelMetricsObservationHandler.class);

	private final ModelCallRecorder recorder;

	private final TokenUsageResolver tokens;

	private final ErrorClassifier errors;

	/**
	 * Creates the handler.
	 * @param recorder records round-trips
	 * @param tokens reads or estimates tokens
	 * @param errors classifies failures
	 */
	public EmbeddingModelMetricsObservationHandler(ModelCallRecorder recorder, TokenUsageResolver tokens,
			ErrorClassifier errors) {
		this.recorder = recorder;
		this.tokens = tokens;
		this.errors = errors;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof EmbeddingModelObservationContext;
	}

	@Override
	public void onStart(EmbeddingModelObservationContext context) {
		try {
			EmbeddingOptions options = context.getRequest().getOptions();
			context.put(RoundTrip.class, this.recorder.start(context, Endpoint.EMBEDDING,
					(options != null) ? options.getModel() : null, options));
		}
		catch (RuntimeException | LinkageError ex) {
			this.logger.warn("start", "Could not start recording an AI embedding call; the call itself is unaffected",
					ex);
		}
	}

	@Override
	public void onStop(EmbeddingModelObservationContext context) {
		RoundTrip roundTrip = context.get(RoundTrip.class);
		if (roundTrip == null) {
			return;
		}
		context.remove(RoundTrip.class);
		try {
			this.recorder.stop(roundTrip);
			EmbeddingResponse response = context.getResponse();
			Throwable error = context.getError();
			ErrorType outcome = (error != null) ? this.errors.classify(error) : ErrorType.NONE;
			TokenUsage usage = (outcome == ErrorType.NONE && response != null)
					? this.tokens.embedded(context.getRequest(), response) : TokenUsage.NONE;
			String respondedModel = (response != null && response.getMetadata() != null)
					? response.getMetadata().getModel() : null;
			this.recorder.record(roundTrip, outcome, respondedModel, usage, 0);
		}
		catch (RuntimeException | LinkageError ex) {
			this.logger.warn("stop", "Could not record an AI embedding call; the call itself is unaffected", ex);
		}
	}

}

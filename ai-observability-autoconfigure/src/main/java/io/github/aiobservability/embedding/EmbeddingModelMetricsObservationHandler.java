package io.github.aiobservability.embedding;

import io.github.aiobservability.metrics.CallOutcome;
import io.github.aiobservability.metrics.Endpoint;
import io.github.aiobservability.metrics.ErrorClassifier;
import io.github.aiobservability.metrics.TokenUsage;
import io.github.aiobservability.model.ModelCallObservationHandler;
import io.github.aiobservability.model.ModelCallRecorder;
import io.github.aiobservability.model.RoundTrip;
import io.github.aiobservability.model.StreamTiming;
import io.github.aiobservability.usage.UsageReader;
import io.micrometer.observation.Observation;

import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationContext;

/**
 * Records the {@code ai_*} metrics of every embedding model call Spring AI observes, with
 * {@code endpoint="embedding"}: requests, latency, errors, input tokens and cost. An
 * application that retrieves before it chats spends on every document and every query it
 * embeds.
 */
public class EmbeddingModelMetricsObservationHandler
		extends ModelCallObservationHandler<EmbeddingModelObservationContext> {

	private final UsageReader usage;

	private final ErrorClassifier errors;

	/**
	 * Creates the handler.
	 * @param recorder records round-trips
	 * @param usage reads or estimates tokens
	 * @param errors classifies failures
	 */
	public EmbeddingModelMetricsObservationHandler(ModelCallRecorder recorder, UsageReader usage,
			ErrorClassifier errors) {
		super("embedding", recorder);
		this.usage = usage;
		this.errors = errors;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof EmbeddingModelObservationContext;
	}

	@Override
	protected RoundTrip start(EmbeddingModelObservationContext context) {
		EmbeddingOptions options = context.getRequest().getOptions();
		return this.recorder.start(context, Endpoint.EMBEDDING, (options != null) ? options.getModel() : null, options);
	}

	@Override
	protected void stopped(EmbeddingModelObservationContext context, RoundTrip roundTrip) {
		EmbeddingResponse response = context.getResponse();
		Throwable error = context.getError();
		CallOutcome outcome = (error != null) ? this.errors.classify(error) : CallOutcome.NONE;
		TokenUsage tokens = (outcome == CallOutcome.NONE && response != null)
				? this.usage.embedding(context.getRequest(), response) : TokenUsage.NONE;
		String respondedModel = (response != null && response.getMetadata() != null) ? response.getMetadata().getModel()
				: null;
		this.recorder.record(roundTrip, outcome, tokens, respondedModel, StreamTiming.NONE);
	}

}

package io.github.aiobservability.model;

import java.util.List;

import io.github.aiobservability.metrics.AiMetricLabels;
import io.github.aiobservability.metrics.Endpoint;
import io.github.aiobservability.metrics.TagValueLimiter;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.model.ModelOptions;
import org.springframework.ai.model.ModelRequest;
import org.springframework.ai.model.observation.ModelObservationContext;
import org.springframework.util.StringUtils;

/**
 * Decides the labels of a round-trip when it starts, once: the model label (the requested
 * model under its cap, as Spring AI's own metrics label a call by its request), the
 * provider and the request tags.
 */
public class CallLabeler {

	private final ProviderResolver providers;

	private final RequestTagResolver requestTags;

	private final TagValueLimiter models;

	/**
	 * Creates the labeler.
	 * @param providers resolves the provider label
	 * @param requestTags resolves the request tags
	 * @param maxModels the cap on distinct model labels
	 * @param maxModelsProperty the property that sets the cap, named when it is reached
	 */
	public CallLabeler(ProviderResolver providers, RequestTagResolver requestTags, int maxModels,
			String maxModelsProperty) {
		this.providers = providers;
		this.requestTags = requestTags;
		this.models = new TagValueLimiter(AiMetricLabels.MODEL, maxModels, maxModelsProperty);
	}

	/**
	 * The labels of a round-trip that starts.
	 * @param context the model's observation context
	 * @param endpoint how the model is called
	 * @param requestedModel the model the request names, or {@code null}
	 * @param options the request's options, for the base URL, or {@code null}
	 * @return its labels
	 */
	public CallLabels label(ModelObservationContext<? extends ModelRequest<?>, ?> context, Endpoint endpoint,
			@Nullable String requestedModel, @Nullable ModelOptions options) {
		boolean named = StringUtils.hasText(requestedModel);
		String reportedProvider = context.getOperationMetadata().provider();
		List<String> tagValues = this.requestTags.resolve(context, context.getRequest());
		return new CallLabels(named ? this.models.limit(requestedModel) : AiMetricLabels.UNKNOWN,
				named ? requestedModel : null,
				this.providers.resolve(reportedProvider, requestedModel, options, endpoint), reportedProvider, endpoint,
				tagValues);
	}

}

package io.github.aiobservability.model;

import java.util.Map;

import org.springframework.ai.model.ModelRequest;

/**
 * Supplies values of per-request tags, for example a tenant read from the security
 * context. Declare the tag keys with {@code ai.observability.request-tags}; values for
 * other keys are ignored, so every series of a meter keeps the same labels.
 * <p>
 * Called once per model round-trip, chat and embedding alike, on the thread that starts
 * it. A value passed as a ChatClient advisor param with the same key wins over the value
 * returned here. An exception thrown here is logged once and the call goes on with
 * {@code none}.
 */
@FunctionalInterface
public interface RequestTagContributor {

	/**
	 * Returns tag values for this model call.
	 * @param request what is sent to the model: a chat {@code Prompt} or an
	 * {@code EmbeddingRequest}; never use its text as a tag value
	 * @return values keyed by declared tag key; missing keys are recorded as {@code none}
	 */
	Map<String, String> contribute(ModelRequest<?> request);

}

package io.github.aiobservability.model;

import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationView;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.advisor.observation.AdvisorObservationContext;
import org.springframework.ai.chat.client.observation.ChatClientObservationContext;
import org.springframework.ai.model.observation.ModelObservationContext;

/**
 * Reads what a ChatClient or a model call left on the observations above another one.
 * Spring AI makes each advisor's observation the parent of the next, and the last one the
 * parent of the model's; the nearest one holds the request as the model received it. An
 * HTTP attempt made on the calling thread has the model's observation as its parent.
 */
public final class ObservationLineage {

	/** Enough for any advisor chain; stops a runaway walk. */
	private static final int MAX_DEPTH = 64;

	private ObservationLineage() {
	}

	/**
	 * The ChatClient request context (advisor params) of the nearest ChatClient or
	 * advisor observation above this one.
	 * @param context the model call's observation context
	 * @return the request context, empty when the call was not made through a ChatClient
	 * with observations
	 */
	public static Map<String, @Nullable Object> chatClientRequestContext(Observation.Context context) {
		ObservationView parent = context.getParentObservation();
		for (int depth = 0; parent != null && depth < MAX_DEPTH; depth++) {
			Observation.ContextView view = parent.getContextView();
			ChatClientRequest request = null;
			if (view instanceof AdvisorObservationContext advisor) {
				request = advisor.getChatClientRequest();
			}
			else if (view instanceof ChatClientObservationContext client) {
				request = client.getRequest();
			}
			if (request != null) {
				return request.context();
			}
			parent = view.getParentObservation();
		}
		return Map.of();
	}

	/**
	 * The nearest model observation above this one: an HTTP attempt made while a model
	 * call's observation was current belongs to that call.
	 * @param context an observation context
	 * @return the model call's context, or {@code null} when there is none above
	 */
	public static @Nullable ModelObservationContext<?, ?> modelCall(Observation.Context context) {
		ObservationView parent = context.getParentObservation();
		for (int depth = 0; parent != null && depth < MAX_DEPTH; depth++) {
			Observation.ContextView view = parent.getContextView();
			if (view instanceof ModelObservationContext<?, ?> modelCall) {
				return modelCall;
			}
			parent = view.getParentObservation();
		}
		return null;
	}

}

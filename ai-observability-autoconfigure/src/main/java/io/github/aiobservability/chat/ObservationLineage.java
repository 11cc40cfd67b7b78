package io.github.aiobservability.chat;

import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationView;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.advisor.observation.AdvisorObservationContext;
import org.springframework.ai.chat.client.observation.ChatClientObservationContext;

/**
 * Reads what a ChatClient left on the observations around a model call. Spring AI makes
 * each advisor's observation the parent of the next, and the last one the parent of the
 * model's; the nearest one holds the request as the model received it.
 */
final class ObservationLineage {

	/** Enough for any advisor chain; stops a runaway walk. */
	private static final int MAX_DEPTH = 64;

	private ObservationLineage() {
	}

	/**
	 * The ChatClient request context (advisor params) of the nearest ChatClient or advisor
	 * observation above this one.
	 * @param context the model call's observation context
	 * @return the request context, empty when the call was not made through a ChatClient
	 * with observations
	 */
	static Map<String, @Nullable Object> chatClientRequestContext(Observation.Context context) {
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
	 * The stream probe left by the nearest {@link TimeToFirstTokenAdvisor} above this
	 * observation.
	 * @param context the model call's observation context
	 * @return the probe, or {@code null}
	 */
	static @Nullable StreamProbe streamProbe(Observation.Context context) {
		ObservationView parent = context.getParentObservation();
		for (int depth = 0; parent != null && depth < MAX_DEPTH; depth++) {
			Observation.ContextView view = parent.getContextView();
			StreamProbe probe = view.get(StreamProbe.class);
			if (probe != null || view instanceof ChatClientObservationContext) {
				// A probe belongs to the advisors of the nearest ChatClient only.
				return probe;
			}
			parent = view.getParentObservation();
		}
		return null;
	}

}

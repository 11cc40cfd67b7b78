package io.github.aiobservability.model;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

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
	 * Walks up the observations above one, nearest first, to the first that holds what is
	 * looked for.
	 * @param <T> what is looked for
	 * @param context where the walk starts; its own context is not looked at
	 * @param found what an observation's context holds, or {@code null} to look further
	 * up
	 * @param last where the walk ends, whether or not that context held anything
	 * @return the nearest value found, or {@code null}
	 */
	public static <T> @Nullable T nearest(Observation.ContextView context,
			Function<Observation.ContextView, @Nullable T> found, Predicate<Observation.ContextView> last) {
		ObservationView parent = context.getParentObservation();
		for (int depth = 0; parent != null && depth < MAX_DEPTH; depth++) {
			Observation.ContextView view = parent.getContextView();
			T value = found.apply(view);
			if (value != null || last.test(view)) {
				return value;
			}
			parent = view.getParentObservation();
		}
		return null;
	}

	/**
	 * The ChatClient request context (advisor params) of the nearest ChatClient or
	 * advisor observation above this one.
	 * @param context the model call's observation context
	 * @return the request context, empty when the call was not made through a ChatClient
	 * with observations
	 */
	public static Map<String, @Nullable Object> chatClientRequestContext(Observation.Context context) {
		ChatClientRequest request = nearest(context, ObservationLineage::chatClientRequest, (view) -> false);
		return (request != null) ? request.context() : Map.of();
	}

	/**
	 * The nearest model observation above this one: an HTTP attempt made while a model
	 * call's observation was current belongs to that call.
	 * @param context an observation context
	 * @return the model call's context, or {@code null} when there is none above
	 */
	public static @Nullable ModelObservationContext<?, ?> modelCall(Observation.Context context) {
		return nearest(context, (view) -> (view instanceof ModelObservationContext<?, ?> modelCall) ? modelCall : null,
				(view) -> false);
	}

	private static @Nullable ChatClientRequest chatClientRequest(Observation.ContextView view) {
		if (view instanceof AdvisorObservationContext advisor) {
			return advisor.getChatClientRequest();
		}
		if (view instanceof ChatClientObservationContext client) {
			return client.getRequest();
		}
		return null;
	}

}

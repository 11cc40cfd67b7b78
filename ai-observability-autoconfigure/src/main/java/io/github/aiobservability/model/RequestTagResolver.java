package io.github.aiobservability.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.aiobservability.metrics.AiMetricLabels;
import io.github.aiobservability.metrics.TagValueLimiter;
import io.github.aiobservability.support.OneTimeLogger;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.model.ModelRequest;

/**
 * Finds the values of the declared request tags for one model call: a ChatClient advisor
 * param with the tag's key first, then the {@link RequestTagContributor} beans, else
 * {@code none}. Each key keeps at most its cap of distinct values.
 * <p>
 * Values resolved before the model is called (by the budget advisor) travel in the
 * ChatClient request's context under {@link #RESOLVED}, so that the model call's labels
 * reuse them: the contributors run once per ChatClient call, and the budget and the
 * metrics see the same values.
 */
public class RequestTagResolver {

	/**
	 * The ChatClient request context key under which {@link #resolved(List)} values
	 * travel to the model call.
	 */
	public static final String RESOLVED = RequestTagResolver.class.getName() + ".resolved";

	// Per instance: each application context warns once, whatever ran before in the JVM.
	private final OneTimeLogger logger = new OneTimeLogger(RequestTagResolver.class);

	private final List<String> keys;

	private final List<TagValueLimiter> limiters;

	private final List<RequestTagContributor> contributors;

	/**
	 * The declared request tag keys.
	 * @return them, in declaration order
	 */
	public List<String> keys() {
		return this.keys;
	}

	/**
	 * Creates a resolver.
	 * @param keys the declared request tag keys, in order
	 * @param maxValuesPerKey the cap on distinct values of each key
	 * @param maxValuesProperty the property that sets the cap, named when it is reached
	 * @param contributors the {@link RequestTagContributor} beans, in order
	 */
	public RequestTagResolver(List<String> keys, int maxValuesPerKey, String maxValuesProperty,
			List<RequestTagContributor> contributors) {
		this.keys = List.copyOf(keys);
		this.limiters = keys.stream()
			.map((key) -> new TagValueLimiter(key, maxValuesPerKey, maxValuesProperty))
			.toList();
		this.contributors = List.copyOf(contributors);
	}

	/**
	 * The tag values of a call, one per declared key in declaration order.
	 * @param context the model call's observation context
	 * @param request what is sent to the model
	 * @return the values
	 */
	public List<String> resolve(Observation.Context context, ModelRequest<?> request) {
		if (this.keys.isEmpty()) {
			return List.of();
		}
		return resolve(ObservationLineage.chatClientRequestContext(context), request);
	}

	/**
	 * The tag values of a call before it is made, as an advisor sees it.
	 * @param params the ChatClient request's context
	 * @param request what is sent to the model
	 * @return the values, one per declared key in declaration order
	 */
	public List<String> resolve(Map<String, @Nullable Object> params, ModelRequest<?> request) {
		if (this.keys.isEmpty()) {
			return List.of();
		}
		if (params.get(RESOLVED) instanceof Resolved resolved && resolved.resolver() == this) {
			return resolved.values();
		}
		Map<String, String> contributed = contributed(request);
		List<String> values = new ArrayList<>(this.keys.size());
		for (int i = 0; i < this.keys.size(); i++) {
			String key = this.keys.get(i);
			Object value = params.get(key);
			if (value == null) {
				value = contributed.get(key);
			}
			String text = (value != null) ? value.toString() : "";
			values.add(text.isBlank() ? AiMetricLabels.NONE : this.limiters.get(i).limit(text));
		}
		return values;
	}

	/**
	 * What to put under {@link #RESOLVED} in a ChatClient request's context, so that its
	 * model calls are labelled with these values instead of resolving them again.
	 * @param values values this resolver resolved
	 * @return the context value
	 */
	public Object resolved(List<String> values) {
		return new Resolved(this, List.copyOf(values));
	}

	private Map<String, String> contributed(ModelRequest<?> request) {
		if (this.contributors.isEmpty()) {
			return Map.of();
		}
		if (this.contributors.size() == 1) {
			return safely(this.contributors.get(0), request);
		}
		Map<String, String> merged = new HashMap<>();
		for (RequestTagContributor contributor : this.contributors) {
			safely(contributor, request).forEach(merged::putIfAbsent);
		}
		return merged;
	}

	/** Values and the resolver that resolved them: another context's are not reused. */
	private record Resolved(RequestTagResolver resolver, List<String> values) {

	}

	private Map<String, String> safely(RequestTagContributor contributor, ModelRequest<?> request) {
		try {
			Map<String, String> values = contributor.contribute(request);
			return (values != null) ? values : Map.of();
		}
		catch (RuntimeException ex) {
			this.logger.warn("contributor:" + contributor.getClass().getName(), "RequestTagContributor "
					+ contributor.getClass().getName() + " failed; its tags are recorded as 'none'", ex);
			return Map.of();
		}
	}

}

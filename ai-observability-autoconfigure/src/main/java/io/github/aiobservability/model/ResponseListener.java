package io.github.aiobservability.model;

import org.springframework.ai.model.observation.ModelObservationContext;

/**
 * Told of each round-trip whose observation stopped with the model's response, for what a
 * provider reports in its response beside the usage, such as Ollama's model load time.
 */
@FunctionalInterface
public interface ResponseListener {

	/**
	 * A round-trip's observation stopped with a response.
	 * @param roundTrip the round-trip, with its labels
	 * @param context its observation context, whose response is set
	 */
	void responded(RoundTrip roundTrip, ModelObservationContext<?, ?> context);

}

package io.github.aiobservability.model;

import java.util.List;

import io.github.aiobservability.metrics.Endpoint;
import org.jspecify.annotations.Nullable;

/**
 * The labels of one round-trip, decided once when it starts: every series it touches (in
 * flight, attempts, requests, tokens, cost) carries the same.
 *
 * @param model the model label: the requested model under its cap, or {@code unknown}
 * when the request names none
 * @param requestedModel the model name the request asked for, uncapped, to price it;
 * {@code null} when it named none
 * @param provider the provider label
 * @param reportedProvider what the model itself reports as its provider ({@code openai},
 * {@code anthropic}, ...): the client that makes its HTTP calls
 * @param endpoint how the model was called
 * @param requestTagValues one value per declared request tag key, in key order
 */
public record CallLabels(String model, @Nullable String requestedModel, String provider, String reportedProvider,
		Endpoint endpoint, List<String> requestTagValues) {
}

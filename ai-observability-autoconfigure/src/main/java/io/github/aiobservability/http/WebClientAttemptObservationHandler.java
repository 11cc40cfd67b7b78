package io.github.aiobservability.http;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import org.springframework.web.reactive.function.client.ClientRequestObservationContext;
import org.springframework.web.reactive.function.client.ClientResponse;

/**
 * The attempts of model round-trips made with Spring's {@code WebClient} (Ollama's
 * streams). Its observation stops when the response's headers arrive, so an attempt is
 * counted by its status, not by how its body ends; an exchange its subscriber cancelled
 * before the response is {@code cancelled}.
 */
public class WebClientAttemptObservationHandler
		extends ClientRequestAttemptObservationHandler<ClientRequestObservationContext, ClientResponse> {

	/**
	 * Creates the handler.
	 * @param attempts records the attempts
	 */
	public WebClientAttemptObservationHandler(AttemptRecorder attempts) {
		super(attempts);
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ClientRequestObservationContext;
	}

	@Override
	protected int status(ClientResponse response) {
		return response.statusCode().value();
	}

	@Override
	protected @Nullable String header(ClientResponse response, String name) {
		return response.headers().asHttpHeaders().getFirst(name);
	}

	@Override
	protected boolean isAborted(ClientRequestObservationContext context) {
		return context.isAborted();
	}

}

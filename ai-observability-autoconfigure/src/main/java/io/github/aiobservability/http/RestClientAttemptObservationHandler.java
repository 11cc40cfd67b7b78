package io.github.aiobservability.http;

import java.io.IOException;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.observation.ClientRequestObservationContext;

/**
 * The attempts of model round-trips made with Spring's {@code RestClient} (Ollama's calls
 * and embeddings). Its observation stops once the body has been read, with the response
 * and, for a status Spring AI's error handler turns into an exception, that exception
 * too: the status decides.
 */
public class RestClientAttemptObservationHandler
		extends ClientRequestAttemptObservationHandler<ClientRequestObservationContext, ClientHttpResponse> {

	/**
	 * Creates the handler.
	 * @param attempts records the attempts
	 */
	public RestClientAttemptObservationHandler(AttemptRecorder attempts) {
		super(attempts);
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ClientRequestObservationContext;
	}

	@Override
	protected int status(ClientHttpResponse response) throws IOException {
		return response.getStatusCode().value();
	}

	@Override
	protected @Nullable String header(ClientHttpResponse response, String name) {
		return response.getHeaders().getFirst(name);
	}

}

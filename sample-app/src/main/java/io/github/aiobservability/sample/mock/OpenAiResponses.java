package io.github.aiobservability.sample.mock;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Writes the embedded provider's JSON answers, errors in OpenAI's shape included.
 */
@Component
public class OpenAiResponses {

	private final JsonMapper json;

	public OpenAiResponses(JsonMapper json) {
		this.json = json;
	}

	/**
	 * Sends a JSON body.
	 * @param response the response
	 * @param status its status
	 * @param body what to write as JSON
	 * @throws IOException when the client has gone
	 */
	public void send(HttpServletResponse response, HttpStatus status, Object body) throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getOutputStream().write(this.json.writeValueAsBytes(body));
	}

	/**
	 * Sends OpenAI's error body, {@code {"error": {"message", "type", "param", "code"}}}.
	 * @param response the response
	 * @param status its status
	 * @param type the error's type, such as {@code invalid_request_error} or
	 * {@code requests}
	 * @param code the error's code, such as {@code rate_limit_exceeded}
	 * @param message what went wrong
	 * @param param the request field at fault, if any
	 * @throws IOException when the client has gone
	 */
	public void sendError(HttpServletResponse response, HttpStatus status, String type, String code, String message,
			@Nullable String param) throws IOException {
		Map<String, @Nullable Object> error = new LinkedHashMap<>();
		error.put("message", message);
		error.put("type", type);
		error.put("param", param);
		error.put("code", code);
		send(response, status, Map.of("error", error));
	}

	/**
	 * Sends an error whose type is its code, as OpenAI's server errors are.
	 * @param response the response
	 * @param status its status
	 * @param code the error's type and code
	 * @param message what went wrong
	 * @throws IOException when the client has gone
	 */
	public void sendError(HttpServletResponse response, HttpStatus status, String code, String message)
			throws IOException {
		sendError(response, status, code, code, message, null);
	}

}

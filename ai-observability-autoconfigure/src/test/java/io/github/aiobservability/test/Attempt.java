package io.github.aiobservability.test;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One HTTP request as a fake provider server saw it, and the status it answered with. The
 * SDKs retry inside the client, so one model call can be several attempts.
 *
 * @param path the request path, such as {@code /v1/chat/completions}
 * @param model the {@code model} of the request body
 * @param stream whether the request asked to stream
 * @param retryCount the {@code X-Stainless-Retry-Count} header, 0 when absent
 * @param status the HTTP status sent
 * @param instruction the text that chose the answer (the last user message or input)
 * @param headers the request headers
 * @param body the request body
 */
public record Attempt(String path, String model, boolean stream, int retryCount, int status, String instruction,
		Map<String, List<String>> headers, String body) {

	/**
	 * The first value of a request header, whatever its case.
	 * @param name the header name
	 * @return its first value, or {@code null} when it was not sent
	 */
	public @Nullable String header(String name) {
		for (Map.Entry<String, List<String>> header : this.headers.entrySet()) {
			if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
				return header.getValue().get(0);
			}
		}
		return null;
	}

}

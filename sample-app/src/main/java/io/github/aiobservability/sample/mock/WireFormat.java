package io.github.aiobservability.sample.mock;

/**
 * The three wire formats the embedded provider speaks, which differ in how they refuse a
 * request: OpenAI's error object with its rate-limit headers on every answer, Google's
 * {@code error} with a {@code status} such as {@code RESOURCE_EXHAUSTED} and no
 * rate-limit headers, Ollama's {@code {"error": "..."}} with neither rate limits nor keys
 * (a local server: too many queued requests is a 503).
 */
public enum WireFormat {

	OPENAI, GEMINI, OLLAMA;

	/**
	 * Whether the provider has rate limits that refuse a request with 429.
	 * @return false for a local model server
	 */
	boolean rateLimited() {
		return this != OLLAMA;
	}

	/**
	 * Whether the provider reports its rate limits in headers of every answer.
	 * @return true for OpenAI's format only
	 */
	boolean sendsRateLimitHeaders() {
		return this == OPENAI;
	}

}

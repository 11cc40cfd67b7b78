package io.github.aiobservability.gemini;

import io.github.aiobservability.model.RoundTrip;

/**
 * One call of the Google GenAI SDK made for a round-trip, carried as a tag of its request
 * from the application interceptor to the network interceptor, which sees each of its
 * attempts.
 */
final class GeminiExchange {

	private final RoundTrip roundTrip;

	private volatile boolean attempted;

	GeminiExchange(RoundTrip roundTrip) {
		this.roundTrip = roundTrip;
	}

	RoundTrip roundTrip() {
		return this.roundTrip;
	}

	/**
	 * An attempt reached the network.
	 */
	void attempt() {
		this.attempted = true;
	}

	boolean attempted() {
		return this.attempted;
	}

}

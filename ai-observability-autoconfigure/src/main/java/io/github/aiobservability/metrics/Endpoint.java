package io.github.aiobservability.metrics;

/**
 * The {@code endpoint} label: how the model was called.
 */
public enum Endpoint {

	/** {@code ChatModel.call}. */
	CHAT("chat"),

	/** {@code ChatModel.stream}. */
	CHAT_STREAM("chat_stream");

	private final String value;

	Endpoint(String value) {
		this.value = value;
	}

	public String value() {
		return this.value;
	}

}

package io.github.aiobservability.metrics;

/**
 * The {@code endpoint} label: which kind of model was called, and how.
 */
public enum Endpoint {

	/** {@code ChatModel.call}. */
	CHAT("chat", false, true),

	/** {@code ChatModel.stream}. */
	CHAT_STREAM("chat_stream", true, true),

	/** {@code EmbeddingModel.call}: input tokens only. */
	EMBEDDING("embedding", false, false);

	private final String value;

	private final boolean streaming;

	private final boolean producesOutput;

	Endpoint(String value, boolean streaming, boolean producesOutput) {
		this.value = value;
		this.streaming = streaming;
		this.producesOutput = producesOutput;
	}

	public String value() {
		return this.value;
	}

	/**
	 * Whether the caller consumes the answer as it comes, and so can cancel it.
	 * @return whether this is a stream
	 */
	public boolean isStreaming() {
		return this.streaming;
	}

	/**
	 * Whether calls produce output tokens (and so cache and reasoning details, cost of
	 * output): an embedding does not.
	 * @return whether output is produced
	 */
	public boolean producesOutput() {
		return this.producesOutput;
	}

}

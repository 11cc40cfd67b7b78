package io.github.aiobservability.sample.chat;

/**
 * A chat request the API refuses with 400.
 */
public class InvalidChatRequestException extends RuntimeException {

	private final String field;

	public InvalidChatRequestException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String getField() {
		return this.field;
	}

}

package io.github.aiobservability.autoconfigure;

/**
 * A property of the starter has a value it cannot use. Startup stops, and
 * {@link InvalidPropertyFailureAnalyzer} tells the user which property and what is allowed.
 */
public class InvalidPropertyException extends RuntimeException {

	private final String property;

	private final String value;

	private final String allowed;

	public InvalidPropertyException(String property, Object value, String allowed) {
		super("Invalid value '" + value + "' for property '" + property + "': allowed is " + allowed);
		this.property = property;
		this.value = String.valueOf(value);
		this.allowed = allowed;
	}

	public String getProperty() {
		return this.property;
	}

	public String getValue() {
		return this.value;
	}

	public String getAllowed() {
		return this.allowed;
	}

}

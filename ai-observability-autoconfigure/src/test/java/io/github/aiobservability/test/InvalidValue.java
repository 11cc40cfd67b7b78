package io.github.aiobservability.test;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finds the bad value that stopped a context from starting.
 */
public final class InvalidValue {

	private InvalidValue() {
	}

	/**
	 * The {@link InvalidConfigurationPropertyValueException} in a startup failure's cause
	 * chain, failing the test when there is none.
	 * @param failure the startup failure
	 * @return the exception, naming the property and its value
	 */
	public static InvalidConfigurationPropertyValueException in(Throwable failure) {
		assertThat(failure).as("startup failure").isNotNull();
		Throwable cause = failure;
		while (cause != null && !(cause instanceof InvalidConfigurationPropertyValueException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("InvalidConfigurationPropertyValueException in %s", failure)
			.isInstanceOf(InvalidConfigurationPropertyValueException.class);
		return (InvalidConfigurationPropertyValueException) cause;
	}

	/**
	 * Asserts that a startup failed on one value of one property, with a reason that says
	 * what is allowed.
	 * @param failure the startup failure
	 * @param name the property's full name
	 * @param value the value, as text
	 * @param allowed a fragment of the reason
	 */
	public static void assertInvalid(Throwable failure, String name, String value, String allowed) {
		InvalidConfigurationPropertyValueException invalid = in(failure);
		assertThat(invalid.getName()).isEqualTo(name);
		assertThat(String.valueOf(invalid.getValue())).isEqualTo(value);
		assertThat(invalid.getReason()).startsWith("Allowed is ").endsWith(".").contains(allowed);
	}

	/**
	 * Asserts that a context does not start with the given properties, because of one
	 * value of one property.
	 * @param runner the auto-configuration under test
	 * @param properties the properties to start it with
	 * @param name the property's full name
	 * @param value the value, as text
	 */
	public static void assertStartupFails(ApplicationContextRunner runner, String[] properties, String name,
			String value) {
		runner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			assertInvalid(context.getStartupFailure(), name, value, "");
		});
	}

}

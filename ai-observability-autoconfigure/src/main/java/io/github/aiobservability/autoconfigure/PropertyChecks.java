package io.github.aiobservability.autoconfigure;

import java.time.Duration;

import io.github.aiobservability.support.GlobPattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * What the validators of the property groups share: the one form of a failure, Boot's
 * {@link InvalidConfigurationPropertyValueException} whose reason says what is allowed,
 * and the checks more than one group makes.
 */
public final class PropertyChecks {

	/** Shown where a value is required and none is set. */
	public static final String UNSET = "(unset)";

	private PropertyChecks() {
	}

	/**
	 * The failure of a value, in the form every check of the starter uses.
	 * @param name the property's full name, with the index of a list element
	 * @param value the value
	 * @param allowed what the property allows, completing "Allowed is ..."
	 * @return the exception to throw
	 */
	public static InvalidConfigurationPropertyValueException invalid(String name, @Nullable Object value,
			String allowed) {
		return new InvalidConfigurationPropertyValueException(name, value, "Allowed is " + allowed + ".");
	}

	/**
	 * Checks a model name or pattern, as {@link GlobPattern} compiles it.
	 * @param property the property's full name
	 * @param pattern the value
	 * @param kind what the value is, before the pattern's own rule, or empty
	 */
	public static void requirePattern(String property, @Nullable String pattern, String kind) {
		try {
			GlobPattern.compile(pattern);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(property, pattern, kind + ex.getMessage());
		}
	}

	/**
	 * Checks that a duration, when set, is positive.
	 * @param property the property's full name
	 * @param duration the value, {@code null} when unset
	 * @param examples durations to show as allowed
	 */
	public static void positive(String property, @Nullable Duration duration, String examples) {
		if (duration != null && (duration.isNegative() || duration.isZero())) {
			throw invalid(property, duration, "a positive duration such as " + examples);
		}
	}

	/**
	 * Checks a provider label, as provider rules set it and models report it.
	 * @param property the property's full name
	 * @param name the value
	 * @throws InvalidConfigurationPropertyValueException when it is not one
	 */
	public static void requireProviderName(String property, @Nullable String name) {
		if (name == null || !name.matches("[a-z0-9][a-z0-9_.-]*")) {
			throw invalid(property, name, "a lower-case provider name such as deepseek, qwen or ollama");
		}
	}

}

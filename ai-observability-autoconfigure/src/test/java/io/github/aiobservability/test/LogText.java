package io.github.aiobservability.test;

import java.util.regex.Pattern;

/**
 * Reads captured log output.
 */
public final class LogText {

	private LogText() {
	}

	/**
	 * How often a fragment occurs in a text.
	 * @param text the captured output
	 * @param fragment what to count
	 * @return the number of occurrences
	 */
	public static int count(String text, String fragment) {
		return text.split(Pattern.quote(fragment), -1).length - 1;
	}

}

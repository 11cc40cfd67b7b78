package io.github.aiobservability.support;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A case-insensitive name pattern where {@code *} matches any run of characters and
 * {@code ?} one character, as users write model names ({@code deepseek-*}) and base URLs
 * ({@code *dashscope*}) in properties.
 */
public final class GlobPattern {

	private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._:/\\-*?@+]+");

	private final String pattern;

	private final Pattern regex;

	private GlobPattern(String pattern, Pattern regex) {
		this.pattern = pattern;
		this.regex = regex;
	}

	/**
	 * Compiles a pattern.
	 * @param pattern the pattern
	 * @return the compiled pattern
	 * @throws IllegalArgumentException if it is blank or holds characters other than
	 * letters, digits and {@code . _ : / - * ? @ +}
	 */
	public static GlobPattern compile(String pattern) {
		if (pattern == null || !ALLOWED.matcher(pattern).matches()) {
			throw new IllegalArgumentException("a non-blank pattern of letters, digits and . _ : / - @ +, "
					+ "with * for any characters and ? for one character");
		}
		StringBuilder regex = new StringBuilder();
		for (char c : pattern.toCharArray()) {
			switch (c) {
				case '*' -> regex.append(".*");
				case '?' -> regex.append('.');
				default -> regex.append(Pattern.quote(String.valueOf(c)));
			}
		}
		return new GlobPattern(pattern, Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE));
	}

	/**
	 * A pattern matching exactly one name, whatever characters it holds.
	 * @param name the name
	 * @return the pattern
	 */
	public static GlobPattern literal(String name) {
		return new GlobPattern(name, Pattern.compile(Pattern.quote(name), Pattern.CASE_INSENSITIVE));
	}

	/**
	 * Whether the whole name matches.
	 * @param name a model name or URL
	 * @return whether it matches
	 */
	public boolean matches(String name) {
		return this.regex.matcher(name).matches();
	}

	@Override
	public String toString() {
		return this.pattern.toLowerCase(Locale.ROOT);
	}

}

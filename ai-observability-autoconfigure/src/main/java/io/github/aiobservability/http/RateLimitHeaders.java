package io.github.aiobservability.http;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * Reads the rate-limit headers providers send with every response, in the two families in
 * use:
 * <ul>
 * <li>OpenAI's (and many OpenAI-compatible providers'):
 * {@code x-ratelimit-limit-requests}, {@code x-ratelimit-remaining-requests},
 * {@code x-ratelimit-reset-requests} and the same for {@code tokens}, the reset a duration
 * until the limit is fully replenished ({@code 1s}, {@code 6m0s}, {@code 20ms});</li>
 * <li>Anthropic's: {@code anthropic-ratelimit-requests-limit}, {@code -remaining},
 * {@code -reset} and the same for {@code tokens}, {@code input-tokens} and
 * {@code output-tokens}, the reset an RFC 3339 time.</li>
 * </ul>
 * A resource is read when both its limit and its remaining count are present and numeric.
 */
public final class RateLimitHeaders {

	private static final String[] OPENAI_RESOURCES = { "requests", "tokens" };

	private static final String[] ANTHROPIC_RESOURCES = { "requests", "tokens", "input-tokens", "output-tokens" };

	private RateLimitHeaders() {
	}

	/**
	 * The readings in a response's headers.
	 * @param header the value of a header by name, or {@code null}
	 * @param nowMillis the time the response arrived, epoch milliseconds
	 * @return one reading per resource reported
	 */
	public static List<Reading> read(UnaryOperator<@Nullable String> header, long nowMillis) {
		List<Reading> readings = new ArrayList<>(2);
		for (String resource : OPENAI_RESOURCES) {
			add(readings, resource, header.apply("x-ratelimit-limit-" + resource),
					header.apply("x-ratelimit-remaining-" + resource),
					resetAfter(header.apply("x-ratelimit-reset-" + resource), nowMillis));
		}
		for (String resource : ANTHROPIC_RESOURCES) {
			String prefix = "anthropic-ratelimit-" + resource;
			String limit = header.apply(prefix + "-limit");
			if (limit != null) {
				add(readings, resource, limit, header.apply(prefix + "-remaining"),
						resetAt(header.apply(prefix + "-reset")));
			}
		}
		return readings;
	}

	/**
	 * Parses a duration in OpenAI's (Go's) format: numbers with units {@code h},
	 * {@code m}, {@code s}, {@code ms}, {@code us}, {@code µs} or {@code ns}, such as
	 * {@code 6m0s}, {@code 1.5s} or {@code 20ms}.
	 * @param text the duration
	 * @return milliseconds, or a negative number when it does not parse
	 */
	static long durationMillis(String text) {
		double millis = 0;
		int i = 0;
		int length = text.length();
		if (length == 0) {
			return -1;
		}
		while (i < length) {
			int start = i;
			while (i < length && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
				i++;
			}
			if (start == i) {
				return -1;
			}
			double number;
			try {
				number = Double.parseDouble(text.substring(start, i));
			}
			catch (NumberFormatException ex) {
				return -1;
			}
			int unitStart = i;
			while (i < length && !Character.isDigit(text.charAt(i)) && text.charAt(i) != '.') {
				i++;
			}
			double unitMillis = switch (text.substring(unitStart, i)) {
				case "h" -> 3_600_000;
				case "m" -> 60_000;
				case "s" -> 1000;
				case "ms" -> 1;
				case "us", "µs" -> 0.001;
				case "ns" -> 0.000001;
				default -> -1;
			};
			if (unitMillis < 0) {
				return -1;
			}
			millis += number * unitMillis;
		}
		return (long) Math.ceil(millis);
	}

	private static void add(List<Reading> readings, String resource, @Nullable String limit,
			@Nullable String remaining, long resetAtMillis) {
		double limitValue = number(limit);
		double remainingValue = number(remaining);
		if (limitValue >= 0 && remainingValue >= 0) {
			readings.add(new Reading(resource.replace('-', '_'), limitValue, remainingValue, resetAtMillis));
		}
	}

	private static long resetAfter(@Nullable String duration, long nowMillis) {
		long millis = (duration != null) ? durationMillis(duration.trim()) : -1;
		return (millis >= 0) ? nowMillis + millis : -1;
	}

	private static long resetAt(@Nullable String time) {
		if (time == null) {
			return -1;
		}
		try {
			return OffsetDateTime.parse(time.trim()).toInstant().toEpochMilli();
		}
		catch (DateTimeParseException ex) {
			return -1;
		}
	}

	private static double number(@Nullable String text) {
		if (text == null) {
			return -1;
		}
		try {
			double value = Double.parseDouble(text.trim());
			return (Double.isFinite(value) && value >= 0) ? value : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/**
	 * What a response said of one resource.
	 *
	 * @param resource {@code requests}, {@code tokens}, {@code input_tokens} or
	 * {@code output_tokens}
	 * @param limit the limit
	 * @param remaining what is left of it
	 * @param resetAtMillis when it is fully replenished, epoch milliseconds, or a
	 * negative number when not said
	 */
	public record Reading(String resource, double limit, double remaining, long resetAtMillis) {
	}

}

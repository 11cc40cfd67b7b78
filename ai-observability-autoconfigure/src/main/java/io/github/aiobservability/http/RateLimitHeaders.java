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
 * {@code x-ratelimit-reset-requests} and the same for {@code tokens}, the reset a
 * duration until the limit is fully replenished ({@code 1s}, {@code 6m0s},
 * {@code 20ms});</li>
 * <li>Anthropic's: {@code anthropic-ratelimit-requests-limit}, {@code -remaining},
 * {@code -reset} and the same for {@code tokens}, {@code input-tokens} and
 * {@code output-tokens}, the reset an RFC 3339 time.</li>
 * </ul>
 * A resource is read when both its limit and its remaining count are present and numeric.
 * Every response of an attempt passes here, so the names are built once and the common
 * values (whole numbers, short durations) are parsed without allocating.
 */
public final class RateLimitHeaders {

	private static final Family OPENAI = new Family(new String[] { "requests", "tokens" },
			(resource) -> "x-ratelimit-limit-" + resource, (resource) -> "x-ratelimit-remaining-" + resource,
			(resource) -> "x-ratelimit-reset-" + resource);

	private static final Family ANTHROPIC = new Family(
			new String[] { "requests", "tokens", "input-tokens", "output-tokens" },
			(resource) -> "anthropic-ratelimit-" + resource + "-limit",
			(resource) -> "anthropic-ratelimit-" + resource + "-remaining",
			(resource) -> "anthropic-ratelimit-" + resource + "-reset");

	private RateLimitHeaders() {
	}

	/**
	 * Hands each resource a response reports to a consumer.
	 * @param header the value of a header by name, or {@code null}
	 * @param nowMillis the time the response arrived, epoch milliseconds
	 * @param readings receives one reading per resource reported
	 */
	public static void read(UnaryOperator<@Nullable String> header, long nowMillis, ReadingConsumer readings) {
		OPENAI.read(header, nowMillis, false, readings);
		ANTHROPIC.read(header, nowMillis, true, readings);
	}

	/**
	 * The readings in a response's headers.
	 * @param header the value of a header by name, or {@code null}
	 * @param nowMillis the time the response arrived, epoch milliseconds
	 * @return one reading per resource reported
	 */
	public static List<Reading> read(UnaryOperator<@Nullable String> header, long nowMillis) {
		List<Reading> readings = new ArrayList<>();
		read(header, nowMillis, (resource, limit, remaining, resetAtMillis) -> readings
			.add(new Reading(resource, limit, remaining, resetAtMillis)));
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
		int length = text.length();
		if (length == 0) {
			return -1;
		}
		double millis = 0;
		int i = 0;
		while (i < length) {
			double number = 0;
			double fraction = 0;
			int digits = 0;
			for (; i < length && isDigit(text.charAt(i)); i++, digits++) {
				number = number * 10 + (text.charAt(i) - '0');
			}
			if (i < length && text.charAt(i) == '.') {
				double scale = 0.1;
				for (i++; i < length && isDigit(text.charAt(i)); i++, digits++, scale /= 10) {
					fraction += (text.charAt(i) - '0') * scale;
				}
			}
			if (digits == 0 || i == length) {
				return -1;
			}
			double unitMillis;
			char unit = text.charAt(i++);
			char next = (i < length) ? text.charAt(i) : '0';
			if (unit == 'h') {
				unitMillis = 3_600_000;
			}
			else if (unit == 'm' && next == 's') {
				unitMillis = 1;
				i++;
			}
			else if (unit == 'm') {
				unitMillis = 60_000;
			}
			else if (unit == 's') {
				unitMillis = 1000;
			}
			else if ((unit == 'u' || unit == 'µ') && next == 's') {
				unitMillis = 0.001;
				i++;
			}
			else if (unit == 'n' && next == 's') {
				unitMillis = 0.000001;
				i++;
			}
			else {
				return -1;
			}
			millis += (number + fraction) * unitMillis;
		}
		return (long) Math.ceil(millis);
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	/**
	 * A count: a whole number, else a decimal one.
	 * @return the count, or a negative number when absent or not a count
	 */
	private static double count(@Nullable String text) {
		if (text == null || text.isEmpty()) {
			return -1;
		}
		long whole = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (!isDigit(c) || i > 15) {
				return decimal(text);
			}
			whole = whole * 10 + (c - '0');
		}
		return whole;
	}

	private static double decimal(String text) {
		try {
			double value = Double.parseDouble(text.trim());
			return (Double.isFinite(value) && value >= 0) ? value : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
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

	/**
	 * Receives what a response said of one resource.
	 */
	@FunctionalInterface
	public interface ReadingConsumer {

		/**
		 * Receives one reading.
		 * @param resource {@code requests}, {@code tokens}, {@code input_tokens} or
		 * {@code output_tokens}
		 * @param limit the limit
		 * @param remaining what is left of it
		 * @param resetAtMillis when it is fully replenished, epoch milliseconds, or a
		 * negative number when not said
		 */
		void accept(String resource, double limit, double remaining, long resetAtMillis);

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

	/**
	 * The header names of one family, by resource.
	 */
	private static final class Family {

		private final String[] labels;

		private final String[] limits;

		private final String[] remainings;

		private final String[] resets;

		Family(String[] resources, UnaryOperator<String> limit, UnaryOperator<String> remaining,
				UnaryOperator<String> reset) {
			int count = resources.length;
			this.labels = new String[count];
			this.limits = new String[count];
			this.remainings = new String[count];
			this.resets = new String[count];
			for (int i = 0; i < count; i++) {
				this.labels[i] = resources[i].replace('-', '_');
				this.limits[i] = limit.apply(resources[i]);
				this.remainings[i] = remaining.apply(resources[i]);
				this.resets[i] = reset.apply(resources[i]);
			}
		}

		void read(UnaryOperator<@Nullable String> header, long nowMillis, boolean resetIsTime,
				ReadingConsumer readings) {
			for (int i = 0; i < this.labels.length; i++) {
				double limit = count(header.apply(this.limits[i]));
				double remaining = (limit >= 0) ? count(header.apply(this.remainings[i])) : -1;
				if (remaining >= 0) {
					String reset = header.apply(this.resets[i]);
					long resetAt = resetIsTime ? resetAt(reset) : resetAfter(reset, nowMillis);
					readings.accept(this.labels[i], limit, remaining, resetAt);
				}
			}
		}

		private static long resetAfter(@Nullable String duration, long nowMillis) {
			long millis = (duration != null) ? durationMillis(duration.trim()) : -1;
			return (millis >= 0) ? nowMillis + millis : -1;
		}

	}

}

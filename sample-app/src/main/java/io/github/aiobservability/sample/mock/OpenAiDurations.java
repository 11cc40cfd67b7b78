package io.github.aiobservability.sample.mock;

import java.time.Duration;

/**
 * Writes durations as OpenAI's {@code x-ratelimit-reset-*} headers do, in Go's duration
 * format to the millisecond: {@code 20ms}, {@code 1s}, {@code 1.5s}, {@code 6m0s},
 * {@code 1h0m0s}.
 */
public final class OpenAiDurations {

	private OpenAiDurations() {
	}

	/**
	 * Formats a duration.
	 * @param duration the duration, rounded down to the millisecond; negative counts as 0
	 * @return the duration in Go's format
	 */
	public static String format(Duration duration) {
		long millis = Math.max(0, duration.toMillis());
		if (millis == 0) {
			return "0s";
		}
		if (millis < 1000) {
			return millis + "ms";
		}
		StringBuilder text = new StringBuilder();
		long hours = millis / 3_600_000;
		long minutes = (millis / 60_000) % 60;
		if (hours > 0) {
			text.append(hours).append('h');
		}
		if (hours > 0 || minutes > 0) {
			text.append(minutes).append('m');
		}
		long seconds = (millis / 1000) % 60;
		long fraction = millis % 1000;
		text.append(seconds);
		if (fraction > 0) {
			text.append('.').append(String.format("%03d", fraction).replaceAll("0+$", ""));
		}
		return text.append('s').toString();
	}

}

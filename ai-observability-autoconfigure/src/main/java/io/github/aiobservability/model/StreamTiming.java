package io.github.aiobservability.model;

/**
 * When a stream's generated content arrived, on the meter registry's monotonic clock.
 *
 * @param firstContentNanos when its first event with generated content arrived, 0 when
 * unknown or none did
 * @param lastContentNanos when its last one arrived, 0 when unknown
 * @param reasoningStreamed whether its reasoning (thinking) tokens came as content, so
 * that they were decoded between the first and the last content
 */
public record StreamTiming(long firstContentNanos, long lastContentNanos, boolean reasoningStreamed) {

	/** Not a stream, or nothing known of its content. */
	public static final StreamTiming NONE = new StreamTiming(0, 0, false);

}

package io.github.aiobservability.wire;

import io.github.aiobservability.usage.ReportedUsage;

/**
 * What one stream carried on the wire, as its client read it: when the first and the last
 * events with generated content arrived, and the usage the provider reported. Written by
 * the thread that reads the stream; read by the round-trip once the stream is over, after
 * the client's own hand-over of the stream's chunks, as {@link ReportedUsage} is: plain
 * fields, not a fence per chunk.
 */
public final class WireStream {

	private final ReportedUsage usage = new ReportedUsage();

	private long firstContentNanos;

	private long lastContentNanos;

	private boolean reasoningStreamed;

	/**
	 * An event with generated content arrived.
	 * @param nanos when, on the meter registry's monotonic clock
	 * @param reasoning whether the content was reasoning (thinking) rather than answer or
	 * tool call
	 */
	public void content(long nanos, boolean reasoning) {
		if (this.firstContentNanos == 0) {
			this.firstContentNanos = nanos;
		}
		this.lastContentNanos = nanos;
		if (reasoning) {
			this.reasoningStreamed = true;
		}
	}

	/**
	 * When the first event with generated content arrived.
	 * @return monotonic nanoseconds, 0 when none did
	 */
	public long firstContentNanos() {
		return this.firstContentNanos;
	}

	/**
	 * When the last event with generated content arrived.
	 * @return monotonic nanoseconds, 0 when none did
	 */
	public long lastContentNanos() {
		return this.lastContentNanos;
	}

	/**
	 * Whether the stream carried its reasoning (thinking) tokens as content, so that they
	 * were decoded between the first and the last content event. OpenAI's reasoning
	 * models think before their first visible token and send none of it.
	 * @return whether reasoning content was seen
	 */
	public boolean reasoningStreamed() {
		return this.reasoningStreamed;
	}

	/**
	 * The usage the provider sent on the wire.
	 * @return the counts, empty when it sent none
	 */
	public ReportedUsage usage() {
		return this.usage;
	}

}

package io.github.aiobservability.wire;

import java.util.Arrays;

/**
 * Splits the bytes of a stream into its events as they are read, and hands each complete
 * event to a {@link StreamEventReader}: at blank lines for server-sent events, at line
 * ends for newline-delimited JSON (Ollama's streams). Each event is copied into one
 * reused array (up to {@value #MAX_EVENT_BYTES} bytes; a larger event is skipped), so
 * splitting allocates nothing. Fed by one thread at a time.
 */
public final class EventSplitter {

	/** An event larger than this is not handed to the reader. */
	static final int MAX_EVENT_BYTES = 64 * 1024;

	private final StreamEventReader reader;

	private final boolean lineDelimited;

	private byte[] event = new byte[1024];

	private int length;

	private boolean atLineStart = true;

	private boolean oversized;

	private EventSplitter(StreamEventReader reader, boolean lineDelimited) {
		this.reader = reader;
		this.lineDelimited = lineDelimited;
	}

	/**
	 * A splitter for server-sent events, which end at a blank line.
	 * @param reader the reader of the events
	 * @return the splitter
	 */
	public static EventSplitter serverSentEvents(StreamEventReader reader) {
		return new EventSplitter(reader, false);
	}

	/**
	 * A splitter for newline-delimited JSON, one event a line.
	 * @param reader the reader of the events
	 * @return the splitter
	 */
	public static EventSplitter lines(StreamEventReader reader) {
		return new EventSplitter(reader, true);
	}

	/**
	 * Bytes just read.
	 * @param data where they are
	 * @param start the first
	 * @param count how many
	 */
	public void accept(byte[] data, int start, int count) {
		for (int i = start, end = start + count; i < end; i++) {
			accept(data[i]);
		}
	}

	/**
	 * One byte just read.
	 * @param b the byte
	 */
	public void accept(byte b) {
		if (b == '\r') {
			return;
		}
		if (b == '\n' && (this.lineDelimited || this.atLineStart)) {
			complete();
			return;
		}
		append(b);
		this.atLineStart = (b == '\n');
	}

	private void append(byte b) {
		if (this.oversized) {
			return;
		}
		if (this.length == this.event.length) {
			if (this.length >= MAX_EVENT_BYTES) {
				this.oversized = true;
				return;
			}
			this.event = Arrays.copyOf(this.event, Math.min(this.length * 2, MAX_EVENT_BYTES));
		}
		this.event[this.length++] = b;
	}

	private void complete() {
		if (this.length > 0 && !this.oversized) {
			this.reader.event(this.event, this.length);
		}
		this.length = 0;
		this.oversized = false;
		this.atLineStart = true;
	}

}

package io.github.aiobservability.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

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

	private static final int COPY_BYTES = 1024;

	private byte[] event = new byte[1024];

	private byte @Nullable [] copy;

	private int length;

	private boolean lineEmpty = true;

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
		int end = start + count;
		int i = start;
		while (i < end) {
			// Only line ends are looked at; the bytes up to one are copied at once.
			int run = EventBytes.next(data, end, (byte) '\n', i);
			if (run > i) {
				append(data, i, run - i);
				// A carriage return alone is the first half of a line end, not content.
				this.lineEmpty &= (run - i == 1 && data[i] == '\r');
			}
			if (run < end) {
				lineEnd();
			}
			i = run + 1;
		}
	}

	/**
	 * Bytes just read, in a buffer whose position and limit are left as they are.
	 * @param bytes the buffer, from its position to its limit
	 */
	public void accept(ByteBuffer bytes) {
		if (bytes.hasArray()) {
			accept(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
			return;
		}
		// A direct buffer is copied a piece at a time into one reused array.
		if (this.copy == null) {
			this.copy = new byte[COPY_BYTES];
		}
		for (int at = bytes.position(), end = bytes.limit(); at < end; at += COPY_BYTES) {
			int count = Math.min(COPY_BYTES, end - at);
			bytes.get(at, this.copy, 0, count);
			accept(this.copy, 0, count);
		}
	}

	private void lineEnd() {
		if (!this.oversized && this.length > 0 && this.event[this.length - 1] == '\r') {
			this.length--;
		}
		if (this.lineDelimited || this.lineEmpty) {
			complete();
			return;
		}
		append((byte) '\n');
		this.lineEmpty = true;
	}

	private void append(byte b) {
		if (ensureRoom(1)) {
			this.event[this.length++] = b;
		}
	}

	private void append(byte[] data, int start, int count) {
		if (ensureRoom(count)) {
			System.arraycopy(data, start, this.event, this.length, count);
			this.length += count;
		}
	}

	private boolean ensureRoom(int count) {
		if (this.oversized) {
			return false;
		}
		int needed = this.length + count;
		if (needed > this.event.length) {
			if (needed > MAX_EVENT_BYTES) {
				this.oversized = true;
				return false;
			}
			this.event = Arrays.copyOf(this.event, Math.min(Math.max(this.event.length * 2, needed), MAX_EVENT_BYTES));
		}
		return true;
	}

	private void complete() {
		if (this.length > 0 && !this.oversized) {
			this.reader.event(this.event, this.length);
		}
		this.length = 0;
		this.oversized = false;
		this.lineEmpty = true;
	}

}

package io.github.aiobservability.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Searches the bytes of one event without decoding them, so that reading an event whose
 * JSON need not be parsed allocates nothing: its data line, a prefix, a needle. The JSON
 * keys of an event are found by {@link EventKeys}.
 */
public final class EventBytes {

	private static final byte[] DATA = bytes("data:");

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	private static final long ONES = 0x0101010101010101L;

	private static final long HIGHS = 0x8080808080808080L;

	private EventBytes() {
	}

	/**
	 * The UTF-8 bytes of a text, for the needles of the searches here.
	 * @param text the text
	 * @return its bytes
	 */
	public static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Where the value of the event's first {@code data:} line starts.
	 * @param event the event's bytes
	 * @param length how many there are
	 * @return the offset after {@code data:} and one optional space, or -1 without a data
	 * line
	 */
	public static int dataStart(byte[] event, int length) {
		int line = 0;
		while (line < length) {
			if (startsWith(event, length, line, DATA)) {
				int start = line + DATA.length;
				return (start < length && event[start] == ' ') ? start + 1 : start;
			}
			int next = indexOf(event, length, (byte) '\n', line);
			if (next < 0) {
				return -1;
			}
			line = next + 1;
		}
		return -1;
	}

	/**
	 * Where a data line's value ends.
	 * @param event the event's bytes
	 * @param length how many there are
	 * @param start where the value starts
	 * @return the offset of its line end
	 */
	public static int lineEnd(byte[] event, int length, int start) {
		int end = indexOf(event, length, (byte) '\n', start);
		return (end < 0) ? length : end;
	}

	/**
	 * Whether the bytes at an offset start with a needle.
	 * @param event the event's bytes
	 * @param length how many there are
	 * @param offset where to look
	 * @param needle what to look for
	 * @return whether they do
	 */
	public static boolean startsWith(byte[] event, int length, int offset, byte[] needle) {
		if (offset < 0 || offset + needle.length > length) {
			return false;
		}
		for (int i = 0; i < needle.length; i++) {
			if (event[offset + i] != needle[i]) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The first occurrence of a needle.
	 * @param event the event's bytes
	 * @param length how many there are
	 * @param needle what to look for
	 * @param from where to start
	 * @return its offset, or -1
	 */
	public static int indexOf(byte[] event, int length, byte[] needle, int from) {
		byte head = needle[0];
		int last = length - needle.length;
		for (int i = Math.max(from, 0); i <= last; i++) {
			if (event[i] == head && startsWith(event, length, i, needle)) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * The first occurrence of a byte, looked for eight bytes at a time.
	 * @param bytes where to look
	 * @param length how many bytes there are
	 * @param b what to look for
	 * @param from where to start
	 * @return its offset, or {@code length} when it is not there
	 */
	static int next(byte[] bytes, int length, byte b, int from) {
		long pattern = (b & 0xFFL) * ONES;
		int i = from;
		for (; i <= length - Long.BYTES; i += Long.BYTES) {
			long word = (long) LONGS.get(bytes, i) ^ pattern;
			// A zero byte of word is an occurrence; this marks the first one exactly.
			long found = (word - ONES) & ~word & HIGHS;
			if (found != 0) {
				return i + (Long.numberOfTrailingZeros(found) >>> 3);
			}
		}
		while (i < length && bytes[i] != b) {
			i++;
		}
		return i;
	}

	private static int indexOf(byte[] event, int length, byte b, int from) {
		int at = next(event, length, b, from);
		return (at < length) ? at : -1;
	}

}

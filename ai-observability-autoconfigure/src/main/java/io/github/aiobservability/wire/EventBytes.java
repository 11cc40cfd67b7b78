package io.github.aiobservability.wire;

import java.nio.charset.StandardCharsets;

/**
 * Searches the bytes of one event without decoding them, so that reading an event whose
 * JSON need not be parsed allocates nothing. JSON keys are matched with their quotes, and
 * white space around the colon is allowed.
 */
public final class EventBytes {

	private static final byte[] DATA = bytes("data:");

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
	 * Whether the event holds a JSON key whose value starts with a given character: an
	 * opening brace for an object, an opening bracket for an array.
	 * @param event the event's bytes
	 * @param length how many there are
	 * @param quotedKey the key with its quotes, as {@link #bytes(String) bytes}
	 * @param first the value's first character
	 * @return whether some occurrence of the key has such a value
	 */
	public static boolean hasValue(byte[] event, int length, byte[] quotedKey, char first) {
		return valueStart(event, length, quotedKey, first, 0) >= 0;
	}

	/**
	 * Whether the event holds a JSON key whose value is a string that is not empty.
	 * @param event the event's bytes
	 * @param length how many there are
	 * @param quotedKey the key with its quotes, as {@link #bytes(String) bytes}
	 * @return whether some occurrence of the key has a non-empty string value
	 */
	public static boolean hasNonEmptyString(byte[] event, int length, byte[] quotedKey) {
		int from = 0;
		while (from < length) {
			int value = valueStart(event, length, quotedKey, '"', from);
			if (value < 0) {
				return false;
			}
			if (value + 1 < length && event[value + 1] != '"') {
				return true;
			}
			from = value + 1;
		}
		return false;
	}

	private static int valueStart(byte[] event, int length, byte[] quotedKey, char first, int from) {
		int at = from;
		while (true) {
			int key = indexOf(event, length, quotedKey, at);
			if (key < 0) {
				return -1;
			}
			int i = skipSpace(event, length, key + quotedKey.length);
			if (i < length && event[i] == ':') {
				i = skipSpace(event, length, i + 1);
				if (i < length && event[i] == first) {
					return i;
				}
			}
			at = key + 1;
		}
	}

	private static int skipSpace(byte[] event, int length, int from) {
		int i = from;
		while (i < length && (event[i] == ' ' || event[i] == '\t' || event[i] == '\n')) {
			i++;
		}
		return i;
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

	private static int indexOf(byte[] event, int length, byte b, int from) {
		for (int i = from; i < length; i++) {
			if (event[i] == b) {
				return i;
			}
		}
		return -1;
	}

}

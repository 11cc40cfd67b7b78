package io.github.aiobservability.wire;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JSON keys a stream reader looks for in each event, found in one pass over the
 * event's bytes without decoding them: every key ends at a colon, so only the colons are
 * looked for, eight bytes at a time, and the quoted name before each is compared with the
 * keys. One pass for all keys keeps the cost per event near that of reading its bytes,
 * where a search per key would read them once per key. Allocates nothing.
 */
public final class EventKeys {

	private final List<Key> keys;

	private final byte[][] names;

	private final Value[] values;

	private EventKeys(List<Key> keys) {
		this.keys = keys;
		this.names = new byte[keys.size()][];
		this.values = new Value[keys.size()];
		for (int k = 0; k < keys.size(); k++) {
			this.names[k] = keys.get(k).name;
			this.values[k] = keys.get(k).value;
		}
	}

	/**
	 * The keys to look for, at most 32.
	 * @param keys the keys
	 * @return the keys, ready to find
	 */
	public static EventKeys of(Key... keys) {
		if (keys.length > Integer.SIZE) {
			throw new IllegalArgumentException("At most " + Integer.SIZE + " keys");
		}
		return new EventKeys(List.of(keys));
	}

	/**
	 * A key whose value is a string that is not empty.
	 * @param name the key
	 * @return the key
	 */
	public static Key nonEmptyString(String name) {
		return new Key(EventBytes.bytes(name), Value.NON_EMPTY_STRING);
	}

	/**
	 * A key whose value is an object.
	 * @param name the key
	 * @return the key
	 */
	public static Key object(String name) {
		return new Key(EventBytes.bytes(name), Value.OBJECT);
	}

	/**
	 * A key whose value is an array.
	 * @param name the key
	 * @return the key
	 */
	public static Key array(String name) {
		return new Key(EventBytes.bytes(name), Value.ARRAY);
	}

	/**
	 * A key whose value is {@code true}.
	 * @param name the key
	 * @return the key
	 */
	public static Key isTrue(String name) {
		return new Key(EventBytes.bytes(name), Value.TRUE);
	}

	/**
	 * Finds which of the keys the bytes hold, each with a value of its kind, at any
	 * depth.
	 * @param event the event's bytes
	 * @param from where the JSON starts
	 * @param length how many bytes there are
	 * @return the keys found, for {@link #found(int, Key)}
	 */
	public int find(byte[] event, int from, int length) {
		int found = 0;
		int colon = EventBytes.next(event, length, (byte) ':', from);
		while (colon < length) {
			found |= keyBefore(event, from, colon, length);
			colon = EventBytes.next(event, length, (byte) ':', colon + 1);
		}
		return found;
	}

	/**
	 * Whether a key was found.
	 * @param found what {@link #find(byte[], int, int)} returned
	 * @param key one of the keys
	 * @return whether it was found
	 */
	public boolean found(int found, Key key) {
		int index = this.keys.indexOf(key);
		if (index < 0) {
			throw new IllegalArgumentException("Not one of the keys: " + key);
		}
		return (found & (1 << index)) != 0;
	}

	/**
	 * The key a colon ends, if it is one of the keys, with a value of its kind. A colon
	 * inside a string is not preceded by an unescaped quoted key: JSON escapes the quotes
	 * of a string's text.
	 */
	private int keyBefore(byte[] event, int from, int colon, int length) {
		int quote = colon - 1;
		while (quote > from && isSpace(event[quote])) {
			quote--;
		}
		if (quote <= from || event[quote] != '"') {
			return 0;
		}
		for (int k = 0; k < this.names.length; k++) {
			byte[] name = this.names[k];
			int start = quote - name.length;
			if (start - 1 >= from && event[start - 1] == '"' && (start - 2 < from || event[start - 2] != '\\')
					&& EventBytes.startsWith(event, length, start, name)
					&& this.values[k].startsAt(event, skipSpace(event, length, colon + 1), length)) {
				return 1 << k;
			}
		}
		return 0;
	}

	private static boolean isSpace(byte b) {
		return b == ' ' || b == '\t' || b == '\n' || b == '\r';
	}

	private static int skipSpace(byte[] event, int length, int from) {
		int i = from;
		while (i < length && isSpace(event[i])) {
			i++;
		}
		return i;
	}

	/**
	 * A key, and the kind of value it must have.
	 */
	public static final class Key {

		private final byte[] name;

		private final Value value;

		private Key(byte[] name, Value value) {
			this.name = name;
			this.value = value;
		}

		@Override
		public String toString() {
			return new String(this.name, StandardCharsets.UTF_8) + " (" + this.value + ")";
		}

	}

	/**
	 * The kinds of values a key may be looked for with.
	 */
	enum Value {

		/** A string of at least one character. */
		NON_EMPTY_STRING,

		/** An object. */
		OBJECT,

		/** An array. */
		ARRAY,

		/** The literal {@code true}. */
		TRUE;

		boolean startsAt(byte[] event, int value, int length) {
			if (value >= length) {
				return false;
			}
			return switch (this) {
				case NON_EMPTY_STRING -> event[value] == '"' && value + 1 < length && event[value + 1] != '"';
				case OBJECT -> event[value] == '{';
				case ARRAY -> event[value] == '[';
				case TRUE -> event[value] == 't';
			};
		}

	}

}

package io.github.aiobservability.wire;

/**
 * Reads the events of one stream in a provider's format, as they complete. One reader per
 * stream; called on the thread that reads it, one event at a time.
 */
@FunctionalInterface
public interface StreamEventReader {

	/**
	 * An event is complete: its lines (the field names kept, {@code \r} removed, each
	 * line ended by {@code \n}) are in {@code bytes[0..length)}. The bytes are reused for
	 * the next event: read them now, keep nothing.
	 * @param bytes the event's bytes
	 * @param length how many there are
	 */
	void event(byte[] bytes, int length);

}

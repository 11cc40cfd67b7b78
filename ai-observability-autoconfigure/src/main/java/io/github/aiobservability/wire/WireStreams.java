package io.github.aiobservability.wire;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The streams read off the wire, kept by the id of the message they carry until their
 * round-trip takes them: the id is the only link between the bytes a client read on a
 * thread of its own and the round-trip whose aggregated response names it.
 * <p>
 * An id seen on two streams at once (a provider that does not make its ids unique) is
 * dropped from both: better no wire numbers than another stream's. Streams never taken
 * (failed or cancelled before their response) are forgotten past a bound.
 */
public class WireStreams {

	/** Streams remembered until their round-trip takes them. */
	private static final int MAX_STREAMS = 1024;

	/** A marker for an id carried by two streams in flight. */
	private static final WireStream AMBIGUOUS = new WireStream();

	private final Map<String, WireStream> byId = new LinkedHashMap<>(64, 0.75f, false) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, WireStream> eldest) {
			return size() > MAX_STREAMS;
		}

	};

	/**
	 * A stream's id became known.
	 * @param id the id of the message it carries
	 * @param stream what it carries
	 */
	public void bind(String id, WireStream stream) {
		synchronized (this.byId) {
			WireStream existing = this.byId.putIfAbsent(id, stream);
			if (existing != null && existing != stream) {
				this.byId.put(id, AMBIGUOUS);
			}
		}
	}

	/**
	 * Takes what the wire carried for a stream whose response names an id.
	 * @param id the id the aggregated response names, or {@code null}
	 * @return the stream, or {@code null} when none, or more than one, carried the id
	 */
	public @Nullable WireStream take(@Nullable String id) {
		if (id == null || id.isEmpty()) {
			return null;
		}
		WireStream stream;
		synchronized (this.byId) {
			stream = this.byId.remove(id);
		}
		return (stream != AMBIGUOUS) ? stream : null;
	}

}

package io.github.aiobservability.wire;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.aiobservability.model.RoundTrip;
import org.jspecify.annotations.Nullable;

/**
 * The streams read off the wire, kept until their round-trip takes them: by the
 * round-trip itself where the client's HTTP call can tell which it is (on the thread, or
 * in the reactive context, of the model's observation), else by the id of the message
 * they carry, the only link between the bytes a client read on a thread of its own and
 * the round-trip whose aggregated response names it.
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

	private final Map<Object, WireStream> byKey = new LinkedHashMap<>(64, 0.75f, false) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<Object, WireStream> eldest) {
			return size() > MAX_STREAMS;
		}

	};

	/**
	 * A stream's id became known.
	 * @param id the id of the message it carries
	 * @param stream what it carries
	 */
	public void bind(String id, WireStream stream) {
		synchronized (this.byKey) {
			WireStream existing = this.byKey.putIfAbsent(id, stream);
			if (existing != null && existing != stream) {
				this.byKey.put(id, AMBIGUOUS);
			}
		}
	}

	/**
	 * A stream's round-trip is known: its client's HTTP call was made on the thread, or
	 * in the reactive context, of the model's observation.
	 * @param roundTrip the round-trip
	 * @param stream what it carries; a retried attempt's stream replaces the failed one's
	 */
	public void bind(RoundTrip roundTrip, WireStream stream) {
		synchronized (this.byKey) {
			this.byKey.put(roundTrip, stream);
		}
	}

	/**
	 * Whether the stream this thread last read, or closed, was abandoned: closed by
	 * another thread than its reader before its end, as a consumer's cancel does. A
	 * failure seen then (the read of a closed stream) is the cancel's, not the
	 * provider's. Answers {@code true} once per stream, and forgets what this thread
	 * touched.
	 * @return whether the stream last touched on this thread was abandoned
	 */
	public boolean abandonedOnThisThread() {
		return EventStreamTee.takeAbandonedOnThisThread();
	}

	/**
	 * Takes what the wire carried for a stream: bound to its round-trip, else to the id
	 * its response names.
	 * @param roundTrip the stream's round-trip, or {@code null} to look by id only
	 * @param id the id the aggregated response names, or {@code null} when it names none
	 * or the stream has no response
	 * @return the stream, or {@code null} when none, or more than one, carried the id
	 */
	public @Nullable WireStream take(@Nullable RoundTrip roundTrip, @Nullable String id) {
		WireStream stream;
		synchronized (this.byKey) {
			stream = (roundTrip != null) ? this.byKey.remove(roundTrip) : null;
			if (stream == null && id != null && !id.isEmpty()) {
				stream = this.byKey.remove(id);
			}
		}
		return (stream != AMBIGUOUS) ? stream : null;
	}

}

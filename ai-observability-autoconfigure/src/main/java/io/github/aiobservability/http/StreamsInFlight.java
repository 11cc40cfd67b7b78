package io.github.aiobservability.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.aiobservability.model.RoundTrip;
import io.github.aiobservability.model.RoundTripListener;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * The streams whose provider's part is not over, for attributing the HTTP attempts that
 * carry no link to their round-trip: the SDKs make a stream's attempts on threads of
 * their own, where no parent observation is known.
 */
public class StreamsInFlight implements RoundTripListener {

	private final Set<RoundTrip> streams = ConcurrentHashMap.newKeySet();

	@Override
	public void started(RoundTrip roundTrip) {
		if (roundTrip.endpoint().isStreaming()) {
			this.streams.add(roundTrip);
		}
	}

	@Override
	public void stopped(RoundTrip roundTrip) {
		if (roundTrip.endpoint().isStreaming()) {
			this.streams.remove(roundTrip);
		}
	}

	/**
	 * The stream in flight an attempt belongs to: the only label set of the client's
	 * streams in flight, or, when those differ in model, the one whose requested model
	 * the request body names. Reading the body costs a copy and a scan of the prompt, so
	 * it is done only then.
	 * @param client the client that made the attempt, as a model reports its provider
	 * @param request the attempt's request
	 * @return the stream, or {@code null} when none of that client is in flight
	 */
	@Nullable RoundTrip owner(String client, Request request) {
		List<RoundTrip> candidates = new ArrayList<>(4);
		boolean oneLabelSet = true;
		for (RoundTrip stream : this.streams) {
			if (client.equals(stream.reportedProvider())) {
				if (!candidates.isEmpty()) {
					RoundTrip first = candidates.get(0);
					oneLabelSet &= first.model().equals(stream.model()) && first.provider().equals(stream.provider());
				}
				candidates.add(stream);
			}
		}
		if (candidates.isEmpty()) {
			return null;
		}
		if (oneLabelSet) {
			return candidates.get(0);
		}
		String requested = RequestedModel.of(request.body());
		for (RoundTrip candidate : candidates) {
			if (requested != null && requested.equals(candidate.requestedModel())) {
				return candidate;
			}
		}
		return candidates.get(0);
	}

}

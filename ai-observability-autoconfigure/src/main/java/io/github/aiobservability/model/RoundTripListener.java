package io.github.aiobservability.model;

/**
 * Told when round-trips start and stop, for what must know the calls in flight, such as
 * the attribution of a stream's HTTP attempts, which carry no link to their round-trip.
 */
public interface RoundTripListener {

	/**
	 * A round-trip started.
	 * @param roundTrip the round-trip
	 */
	void started(RoundTrip roundTrip);

	/**
	 * The provider's part of a round-trip is over.
	 * @param roundTrip the round-trip
	 */
	void stopped(RoundTrip roundTrip);

}

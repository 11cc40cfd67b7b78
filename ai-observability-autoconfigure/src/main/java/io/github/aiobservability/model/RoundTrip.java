package io.github.aiobservability.model;

import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.github.aiobservability.metrics.Endpoint;
import io.github.aiobservability.metrics.LabelSetMeters;
import org.jspecify.annotations.Nullable;

/**
 * One model round-trip as the recorder sees it: its labels and meters, known when it
 * starts, and when it started and stopped. Kept on the model's observation context, where
 * the HTTP attempts made for it find it.
 */
public final class RoundTrip {

	private final CallLabels labels;

	private final LabelSetMeters meters;

	private final long startNanos;

	// Field updaters rather than atomic objects: a round-trip per call is allocated
	// alone.
	private static final AtomicIntegerFieldUpdater<RoundTrip> STOPPED = AtomicIntegerFieldUpdater
		.newUpdater(RoundTrip.class, "stopped");

	private static final AtomicIntegerFieldUpdater<RoundTrip> ATTEMPTS = AtomicIntegerFieldUpdater
		.newUpdater(RoundTrip.class, "attempts");

	private volatile long stopNanos;

	private volatile int stopped;

	private volatile int attempts;

	RoundTrip(CallLabels labels, LabelSetMeters meters, long startNanos) {
		this.labels = labels;
		this.meters = meters;
		this.startNanos = startNanos;
	}

	/**
	 * The model label: the requested model under its cap, or {@code unknown} when the
	 * request named none.
	 * @return the label
	 */
	public String model() {
		return this.labels.model();
	}

	/**
	 * The model name the request asked for, uncapped, to price it.
	 * @return the name, or {@code null} when the request named none
	 */
	public @Nullable String requestedModel() {
		return this.labels.requestedModel();
	}

	public String provider() {
		return this.labels.provider();
	}

	/**
	 * What the model itself reports as its provider ({@code openai}, {@code anthropic},
	 * ...): the client that makes its HTTP calls.
	 * @return the reported provider
	 */
	public String reportedProvider() {
		return this.labels.reportedProvider();
	}

	public Endpoint endpoint() {
		return this.labels.endpoint();
	}

	List<String> requestTagValues() {
		return this.labels.requestTagValues();
	}

	LabelSetMeters meters() {
		return this.meters;
	}

	long startNanos() {
		return this.startNanos;
	}

	long stopNanos() {
		return this.stopNanos;
	}

	/**
	 * Counts one HTTP attempt made for this round-trip, for clients that say nothing of
	 * their retries: the first attempt of a round-trip is its first, every later one a
	 * retry.
	 * @return how many attempts came before this one, 0 for the first
	 */
	public int countAttempt() {
		return ATTEMPTS.getAndIncrement(this);
	}

	/**
	 * Stops the round-trip, once.
	 * @param nanos when, on the meter registry's monotonic clock
	 * @return {@code false} when it was stopped already
	 */
	boolean stop(long nanos) {
		if (!STOPPED.compareAndSet(this, 0, 1)) {
			return false;
		}
		this.stopNanos = nanos;
		return true;
	}

	/**
	 * Whether the provider's part of the round-trip is over.
	 * @return {@code true} once stopped
	 */
	public boolean isStopped() {
		return this.stopped == 1;
	}

}

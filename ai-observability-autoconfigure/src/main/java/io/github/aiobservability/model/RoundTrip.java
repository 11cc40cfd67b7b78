package io.github.aiobservability.model;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.github.aiobservability.metrics.Endpoint;
import org.jspecify.annotations.Nullable;

/**
 * One model round-trip as the recorder sees it: its labels, known when it starts, and
 * when it started and stopped. Kept on the model's observation context, where the HTTP
 * attempts made for it find it.
 */
public final class RoundTrip {

	private final String model;

	private final @Nullable String requestedModel;

	private final String provider;

	private final String reportedProvider;

	private final Endpoint endpoint;

	private final List<String> requestTagValues;

	private final AtomicLong inFlight;

	private final long startNanos;

	private volatile long stopNanos;

	RoundTrip(String model, @Nullable String requestedModel, String provider, String reportedProvider,
			Endpoint endpoint, List<String> requestTagValues, AtomicLong inFlight, long startNanos) {
		this.model = model;
		this.requestedModel = requestedModel;
		this.provider = provider;
		this.reportedProvider = reportedProvider;
		this.endpoint = endpoint;
		this.requestTagValues = requestTagValues;
		this.inFlight = inFlight;
		this.startNanos = startNanos;
	}

	/**
	 * The model label: the requested model under its cap, or {@code unknown} until the
	 * response names one.
	 * @return the label
	 */
	public String model() {
		return this.model;
	}

	/**
	 * The model name the request asked for, uncapped, to price it.
	 * @return the name, or {@code null} when the request named none
	 */
	public @Nullable String requestedModel() {
		return this.requestedModel;
	}

	public String provider() {
		return this.provider;
	}

	/**
	 * What the model itself reports as its provider ({@code openai}, {@code anthropic},
	 * ...): the client that makes its HTTP calls.
	 * @return the reported provider
	 */
	public String reportedProvider() {
		return this.reportedProvider;
	}

	public Endpoint endpoint() {
		return this.endpoint;
	}

	List<String> requestTagValues() {
		return this.requestTagValues;
	}

	AtomicLong inFlight() {
		return this.inFlight;
	}

	long startNanos() {
		return this.startNanos;
	}

	long stopNanos() {
		return this.stopNanos;
	}

	void stop(long nanos) {
		this.stopNanos = nanos;
	}

}

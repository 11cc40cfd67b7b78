package io.github.aiobservability.autoconfigure.thresholds;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The thresholds of the models an entry of {@code ai.observability.thresholds.models}
 * matches. Each one left unset is the application's.
 */
public class ModelThresholdsProperties {

	/**
	 * Model name, or a pattern with '*' for any characters and '?' for one, for example
	 * o3-* or deepseek-reasoner.
	 */
	private String model = "";

	/**
	 * 99th percentile latency above which the latency alert fires for these models.
	 */
	private @Nullable Duration latencyP99;

	/**
	 * 95th percentile time to first token above which the streaming alert fires for these
	 * models.
	 */
	private @Nullable Duration timeToFirstTokenP95;

	/**
	 * Share of failed requests, over 5 minutes, above which the error-rate alert fires
	 * for these models, from 0 (exclusive) to 1.
	 */
	private @Nullable Double errorRate;

	/**
	 * Share of a provider rate limit left, below which the headroom alert fires for these
	 * models, from 0 (exclusive) to 1.
	 */
	private @Nullable Double rateLimitHeadroom;

	public String getModel() {
		return this.model;
	}

	public void setModel(String model) {
		this.model = model;
	}

	public @Nullable Duration getLatencyP99() {
		return this.latencyP99;
	}

	public void setLatencyP99(@Nullable Duration latencyP99) {
		this.latencyP99 = latencyP99;
	}

	public @Nullable Duration getTimeToFirstTokenP95() {
		return this.timeToFirstTokenP95;
	}

	public void setTimeToFirstTokenP95(@Nullable Duration timeToFirstTokenP95) {
		this.timeToFirstTokenP95 = timeToFirstTokenP95;
	}

	public @Nullable Double getErrorRate() {
		return this.errorRate;
	}

	public void setErrorRate(@Nullable Double errorRate) {
		this.errorRate = errorRate;
	}

	public @Nullable Double getRateLimitHeadroom() {
		return this.rateLimitHeadroom;
	}

	public void setRateLimitHeadroom(@Nullable Double rateLimitHeadroom) {
		this.rateLimitHeadroom = rateLimitHeadroom;
	}

}

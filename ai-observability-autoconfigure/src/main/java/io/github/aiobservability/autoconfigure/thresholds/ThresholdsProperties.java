package io.github.aiobservability.autoconfigure.thresholds;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Alert thresholds ({@code ai.observability.thresholds}). They are exported as
 * {@code ai_api_threshold} gauges, which the shipped alert rules compare against, so
 * changing one here changes when the alert fires without editing a rule file. Costs are
 * in the configured currency.
 */
public class ThresholdsProperties {

	/**
	 * Share of failed requests, over 5 minutes, above which the error-rate alert fires,
	 * from 0 (exclusive) to 1.
	 */
	private double errorRate = 0.05;

	/**
	 * 99th percentile latency above which the latency alert fires.
	 */
	private Duration latencyP99 = Duration.ofSeconds(10);

	/**
	 * 95th percentile time to first token above which the streaming alert fires.
	 */
	private Duration timeToFirstTokenP95 = Duration.ofSeconds(3);

	/**
	 * Cost of the last 24 hours above which a warning fires.
	 */
	private double dailyCostWarning = 500;

	/**
	 * Cost of the last 24 hours above which a critical alert fires; at least the warning
	 * threshold.
	 */
	private double dailyCostCritical = 1000;

	/**
	 * Cost of the last 30 days above which an alert fires.
	 */
	private double monthlyCost = 15000;

	/**
	 * Input tokens in one minute above which a possible-abuse alert fires.
	 */
	private long inputTokensPerMinute = 1_000_000;

	/**
	 * Rate-limited (429) responses per minute above which an alert fires.
	 */
	private double rateLimitedPerMinute = 10;

	/**
	 * Requests per second above which a capacity notice fires.
	 */
	private double requestsPerSecond = 100;

	/**
	 * Share of a provider rate limit (requests or tokens) left, below which the headroom
	 * alert fires after 5 minutes, from 0 (exclusive) to 1.
	 */
	private double rateLimitHeadroom = 0.1;

	/**
	 * Retries per model round-trip (HTTP attempts the client retried after a 429, 5xx or
	 * timeout, over calls), above which the retry alert fires.
	 */
	private double retriesPerRequest = 0.1;

	/**
	 * Thresholds of some models, for models slower or less reliable than the rest by
	 * design (a reasoning model taking a minute). The first entry whose model matches
	 * applies; a threshold it does not set is the application's.
	 */
	private List<ModelThresholdsProperties> models = new ArrayList<>();

	public double getErrorRate() {
		return this.errorRate;
	}

	public void setErrorRate(double errorRate) {
		this.errorRate = errorRate;
	}

	public Duration getLatencyP99() {
		return this.latencyP99;
	}

	public void setLatencyP99(Duration latencyP99) {
		this.latencyP99 = latencyP99;
	}

	public Duration getTimeToFirstTokenP95() {
		return this.timeToFirstTokenP95;
	}

	public void setTimeToFirstTokenP95(Duration timeToFirstTokenP95) {
		this.timeToFirstTokenP95 = timeToFirstTokenP95;
	}

	public double getDailyCostWarning() {
		return this.dailyCostWarning;
	}

	public void setDailyCostWarning(double dailyCostWarning) {
		this.dailyCostWarning = dailyCostWarning;
	}

	public double getDailyCostCritical() {
		return this.dailyCostCritical;
	}

	public void setDailyCostCritical(double dailyCostCritical) {
		this.dailyCostCritical = dailyCostCritical;
	}

	public double getMonthlyCost() {
		return this.monthlyCost;
	}

	public void setMonthlyCost(double monthlyCost) {
		this.monthlyCost = monthlyCost;
	}

	public long getInputTokensPerMinute() {
		return this.inputTokensPerMinute;
	}

	public void setInputTokensPerMinute(long inputTokensPerMinute) {
		this.inputTokensPerMinute = inputTokensPerMinute;
	}

	public double getRateLimitedPerMinute() {
		return this.rateLimitedPerMinute;
	}

	public void setRateLimitedPerMinute(double rateLimitedPerMinute) {
		this.rateLimitedPerMinute = rateLimitedPerMinute;
	}

	public double getRequestsPerSecond() {
		return this.requestsPerSecond;
	}

	public void setRequestsPerSecond(double requestsPerSecond) {
		this.requestsPerSecond = requestsPerSecond;
	}

	public double getRateLimitHeadroom() {
		return this.rateLimitHeadroom;
	}

	public void setRateLimitHeadroom(double rateLimitHeadroom) {
		this.rateLimitHeadroom = rateLimitHeadroom;
	}

	public double getRetriesPerRequest() {
		return this.retriesPerRequest;
	}

	public void setRetriesPerRequest(double retriesPerRequest) {
		this.retriesPerRequest = retriesPerRequest;
	}

	public List<ModelThresholdsProperties> getModels() {
		return this.models;
	}

	public void setModels(List<ModelThresholdsProperties> models) {
		this.models = models;
	}

}

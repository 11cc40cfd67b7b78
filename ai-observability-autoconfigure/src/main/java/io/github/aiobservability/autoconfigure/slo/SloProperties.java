package io.github.aiobservability.autoconfigure.slo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One service level objective, an entry of {@code ai.observability.slos}: which share of
 * the calls of some models must be good over a rolling period. The shipped alert rules
 * page when the calls spend the error budget (the share allowed to be bad) too fast.
 */
public class SloProperties {

	/**
	 * Name of the objective, its 'slo' label, for example calls-succeed.
	 */
	private String name = "";

	/**
	 * What makes a call good: availability (it did not fail), latency (a successful call
	 * answered within threshold) or time-to-first-token (a stream's first token came
	 * within threshold).
	 */
	private @Nullable Sli sli;

	/**
	 * Share of the calls that must be good over the period, above 0 and below 1, for
	 * example 0.995.
	 */
	private @Nullable Double objective;

	/**
	 * For latency and time-to-first-token: the time within which a call is good. One of
	 * the bucket boundaries of the histogram the indicator reads
	 * (ai.observability.latency-buckets or ai.observability.time-to-first-token-buckets).
	 */
	private @Nullable Duration threshold;

	/**
	 * Models the objective holds for, as names or patterns with '*' for any characters
	 * and '?' for one. Every model by default.
	 */
	private List<String> models = new ArrayList<>(List.of("*"));

	/**
	 * Rolling period over which the objective holds and the error budget is counted, from
	 * 7d to 35d.
	 */
	private Duration period = Duration.ofDays(30);

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public @Nullable Sli getSli() {
		return this.sli;
	}

	public void setSli(@Nullable Sli sli) {
		this.sli = sli;
	}

	public @Nullable Double getObjective() {
		return this.objective;
	}

	public void setObjective(@Nullable Double objective) {
		this.objective = objective;
	}

	public @Nullable Duration getThreshold() {
		return this.threshold;
	}

	public void setThreshold(@Nullable Duration threshold) {
		this.threshold = threshold;
	}

	public List<String> getModels() {
		return this.models;
	}

	public void setModels(List<String> models) {
		this.models = models;
	}

	public Duration getPeriod() {
		return this.period;
	}

	public void setPeriod(Duration period) {
		this.period = period;
	}

	/**
	 * A service level indicator: what makes a call good.
	 */
	public enum Sli {

		/**
		 * A call that did not fail. Cancelled calls and other 4xx answers (a request the
		 * provider rejected as malformed) are not counted either way.
		 */
		AVAILABILITY("availability", null),

		/** A successful call that answered within the threshold. */
		LATENCY("latency", "latency-buckets"),

		/** A stream whose first token came within the threshold. */
		TIME_TO_FIRST_TOKEN("time_to_first_token", "time-to-first-token-buckets");

		private final String label;

		private final @Nullable String buckets;

		Sli(String label, @Nullable String buckets) {
			this.label = label;
			this.buckets = buckets;
		}

		/**
		 * The {@code sli} label of the objective's gauges.
		 * @return the label value
		 */
		public String label() {
			return this.label;
		}

		/**
		 * The property, under {@code ai.observability}, of the histogram buckets a
		 * threshold must be one of.
		 * @return the property's name, {@code null} when the indicator has no threshold
		 */
		public @Nullable String buckets() {
			return this.buckets;
		}

	}

}

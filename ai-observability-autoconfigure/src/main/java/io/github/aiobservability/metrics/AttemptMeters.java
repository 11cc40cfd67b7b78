package io.github.aiobservability.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * The {@code ai_api_attempts_total} counters of one label set (model, provider, endpoint,
 * static tags): one per status code, error type and first-or-retry.
 * <p>
 * A success and a 429, first or retried, are registered up front at zero, so the
 * rate-limit and retry alerts see the first of them; other outcomes appear with their
 * first attempt.
 */
public final class AttemptMeters {

	/** The {@code status_code} of an attempt that got no response. */
	public static final String NO_STATUS = "none";

	private static final String[] STATUS_VALUES = new String[500];

	static {
		for (int code = 100; code < 600; code++) {
			STATUS_VALUES[code - 100] = Integer.toString(code);
		}
	}

	private final MeterRegistry registry;

	private final Tags tags;

	private final Counter firstSuccess;

	private final ConcurrentMap<Series, Counter> counters = new ConcurrentHashMap<>();

	AttemptMeters(MeterRegistry registry, Tags tags) {
		this.registry = registry;
		this.tags = tags;
		this.firstSuccess = counter(new Series("200", CallOutcome.NONE, false));
		counter(new Series("200", CallOutcome.NONE, true));
		counter(new Series("429", CallOutcome.RATE_LIMITED, false));
		counter(new Series("429", CallOutcome.RATE_LIMITED, true));
	}

	/**
	 * The {@code status_code} label of an HTTP status.
	 * @param httpStatus the status, or a negative number when no response came
	 * @return its label value
	 */
	public static String statusCode(int httpStatus) {
		if (httpStatus < 0) {
			return NO_STATUS;
		}
		return (httpStatus >= 100 && httpStatus < 600) ? STATUS_VALUES[httpStatus - 100] : AiMetricLabels.OTHER;
	}

	/**
	 * Counts one attempt.
	 * @param statusCode its {@link #statusCode(int) status code label}
	 * @param outcome its outcome
	 * @param retry whether the client made it after a failed attempt
	 */
	public void record(String statusCode, CallOutcome outcome, boolean retry) {
		if (!retry && outcome == CallOutcome.NONE && "200".equals(statusCode)) {
			this.firstSuccess.increment();
			return;
		}
		Series series = new Series(statusCode, outcome, retry);
		Counter counter = this.counters.get(series);
		if (counter == null) {
			counter = this.counters.computeIfAbsent(series, this::register);
		}
		counter.increment();
	}

	private Counter counter(Series series) {
		return this.counters.computeIfAbsent(series, this::register);
	}

	private Counter register(Series series) {
		return Counter.builder(AiMetricNames.ATTEMPTS.value())
			.description("HTTP attempts of model round-trips, the client's retries included")
			.tags(this.tags)
			.tag(AiMetricLabels.STATUS_CODE, series.statusCode())
			.tag(AiMetricLabels.ERROR_TYPE, series.outcome().value())
			.tag(AiMetricLabels.ATTEMPT, series.retry() ? "retry" : "first")
			.register(this.registry);
	}

	private record Series(String statusCode, CallOutcome outcome, boolean retry) {
	}

}

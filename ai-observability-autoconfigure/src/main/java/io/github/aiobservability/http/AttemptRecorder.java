package io.github.aiobservability.http;

import java.io.IOException;
import java.util.function.UnaryOperator;

import io.github.aiobservability.metrics.AttemptMeters;
import io.github.aiobservability.metrics.CallOutcome;
import io.github.aiobservability.metrics.ErrorClassifier;
import io.github.aiobservability.metrics.ModelMetrics;
import io.github.aiobservability.metrics.RateLimitGauges;
import io.github.aiobservability.model.RoundTrip;
import io.micrometer.core.instrument.Clock;
import org.jspecify.annotations.Nullable;

/**
 * Records the HTTP attempts of model round-trips, whichever client made them: each in
 * {@code ai_api_attempts_total} under its round-trip's model, provider and endpoint, and
 * the rate-limit headers of its response in the {@code ai_api_rate_limit_*} gauges. The
 * clients differ in how an attempt is seen (an observation of OkHttp, RestClient or
 * WebClient, an OkHttp interceptor) and in how it tells a retry; that is their part, and
 * the rest is done here.
 */
public class AttemptRecorder {

	private final ModelMetrics metrics;

	private final RateLimitGauges rateLimits;

	private final ErrorClassifier errors;

	private final Clock clock;

	/**
	 * Creates the recorder.
	 * @param metrics the attempt counters
	 * @param rateLimits the rate-limit gauges
	 * @param errors classifies attempts that got no response
	 * @param clock the meter registry's clock
	 */
	public AttemptRecorder(ModelMetrics metrics, RateLimitGauges rateLimits, ErrorClassifier errors, Clock clock) {
		this.metrics = metrics;
		this.rateLimits = rateLimits;
		this.errors = errors;
		this.clock = clock;
	}

	/**
	 * An attempt starts.
	 * @param owner the round-trip it is made for
	 * @param retry whether the client made it after a failed attempt
	 * @return the attempt, to be ended with {@link #answered} or {@link #failed}
	 */
	public Attempt start(RoundTrip owner, boolean retry) {
		return new Attempt(this.metrics.attempts(owner.model(), owner.provider(), owner.endpoint()),
				this.rateLimits.of(owner.model(), owner.provider()), retry);
	}

	/**
	 * An attempt the provider answered, whatever the status.
	 * @param attempt the attempt
	 * @param status the HTTP status of the response
	 * @param header the value of a response header by name, or {@code null}
	 */
	public void answered(Attempt attempt, int status, UnaryOperator<@Nullable String> header) {
		attempt.meters().record(AttemptMeters.statusCode(status), outcome(status), attempt.retry());
		RateLimitHeaders.read(header, this.clock.wallTime(), attempt);
	}

	/**
	 * An attempt that got no response.
	 * @param attempt the attempt
	 * @param error why, or {@code null} when unknown
	 */
	public void failed(Attempt attempt, @Nullable Throwable error) {
		attempt.meters().record(AttemptMeters.NO_STATUS, outcome(error), attempt.retry());
	}

	/**
	 * A cancelled attempt: its caller went away before the response, a stream's consumer
	 * most often.
	 * @param attempt the attempt
	 */
	public void cancelled(Attempt attempt) {
		attempt.meters().record(AttemptMeters.NO_STATUS, CallOutcome.CANCELLED, attempt.retry());
	}

	private static CallOutcome outcome(int status) {
		if (status >= 200 && status < 300) {
			return CallOutcome.NONE;
		}
		return (status >= 400) ? CallOutcome.ofHttpStatus(status) : CallOutcome.OTHER;
	}

	private CallOutcome outcome(@Nullable Throwable error) {
		if (error == null) {
			return CallOutcome.OTHER;
		}
		// OkHttp's signal that the caller cancelled the call, a stream's consumer most
		// often.
		if (error instanceof IOException && "Canceled".equals(error.getMessage())) {
			return CallOutcome.CANCELLED;
		}
		return this.errors.classify(error);
	}

	/**
	 * One attempt in flight: where it is counted, and where its response's rate limits
	 * go.
	 *
	 * @param meters the attempt counters of its round-trip's label set
	 * @param rateLimits the rate-limit gauges of its round-trip's model
	 * @param retry whether the client made it after a failed attempt
	 */
	public record Attempt(AttemptMeters meters, RateLimitGauges.ModelRateLimits rateLimits,
			boolean retry) implements RateLimitHeaders.ReadingConsumer {

		@Override
		public void accept(String resource, double limit, double remaining, long resetAtMillis) {
			this.rateLimits.update(resource, limit, remaining, resetAtMillis);
		}

	}

}

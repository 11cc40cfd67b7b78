package io.github.aiobservability.sample.mock;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code PUT /mock/faults}: a rate not given is 0, a delay not given keeps
 * its current value, so {@code {"rateLimited": 0.5}} means "half of the requests get 429,
 * no other faults".
 *
 * @param rateLimited fraction answered 429
 * @param unauthorized fraction answered 401
 * @param serverError fraction answered 500
 * @param unavailable fraction answered 503
 * @param slow fraction answered after the slow delay
 * @param streamCut fraction of streams cut half-way
 * @param slowDelayMillis delay of a slow answer
 */
public record FaultRatesRequest(@Nullable Double rateLimited, @Nullable Double unauthorized,
		@Nullable Double serverError, @Nullable Double unavailable, @Nullable Double slow, @Nullable Double streamCut,
		@Nullable Long slowDelayMillis) {

	FaultRates applyTo(FaultRates current) {
		return new FaultRates(orZero(this.rateLimited), orZero(this.unauthorized), orZero(this.serverError),
				orZero(this.unavailable), orZero(this.slow), orZero(this.streamCut),
				(this.slowDelayMillis != null) ? this.slowDelayMillis : current.slowDelayMillis());
	}

	private static double orZero(@Nullable Double rate) {
		return (rate != null) ? rate : 0;
	}

}

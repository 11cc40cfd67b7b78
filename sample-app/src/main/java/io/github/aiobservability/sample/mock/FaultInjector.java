package io.github.aiobservability.sample.mock;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.stereotype.Component;

/**
 * Decides which requests to the embedded provider fail, and how. The rates start from
 * {@code sample.mock.faults} and can be changed while the app runs, so that anyone can
 * make an alert fire on demand.
 */
@Component
public class FaultInjector {

	private final FaultRates configured;

	private final AtomicReference<FaultRates> current;

	public FaultInjector(MockProviderProperties properties) {
		this.configured = properties.getFaults().toRates();
		List<String> problems = this.configured.problems();
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException("Invalid sample.mock.faults: " + String.join("; ", problems));
		}
		this.current = new AtomicReference<>(this.configured);
	}

	public FaultRates current() {
		return this.current.get();
	}

	/**
	 * Replaces the rates in force.
	 * @param rates the new rates, already checked with {@link FaultRates#problems()}
	 */
	public void update(FaultRates rates) {
		this.current.set(rates);
	}

	/**
	 * Goes back to the configured rates.
	 * @return the configured rates
	 */
	public FaultRates reset() {
		this.current.set(this.configured);
		return this.configured;
	}

	/**
	 * Draws the fate of one request.
	 * @return the fault to inject
	 */
	public Fault draw() {
		FaultRates rates = this.current.get();
		double draw = ThreadLocalRandom.current().nextDouble();
		double threshold = rates.rateLimited();
		if (draw < threshold) {
			return Fault.RATE_LIMITED;
		}
		threshold += rates.unauthorized();
		if (draw < threshold) {
			return Fault.UNAUTHORIZED;
		}
		threshold += rates.serverError();
		if (draw < threshold) {
			return Fault.SERVER_ERROR;
		}
		threshold += rates.unavailable();
		if (draw < threshold) {
			return Fault.UNAVAILABLE;
		}
		threshold += rates.slow();
		if (draw < threshold) {
			return Fault.SLOW;
		}
		return (ThreadLocalRandom.current().nextDouble() < rates.streamCut()) ? Fault.STREAM_CUT : Fault.NONE;
	}

	/**
	 * What happens to a request.
	 */
	public enum Fault {

		NONE(200), RATE_LIMITED(429), UNAUTHORIZED(401), SERVER_ERROR(500), UNAVAILABLE(503), SLOW(200),
		STREAM_CUT(200);

		private final int httpStatus;

		Fault(int httpStatus) {
			this.httpStatus = httpStatus;
		}

		public int httpStatus() {
			return this.httpStatus;
		}

	}

}

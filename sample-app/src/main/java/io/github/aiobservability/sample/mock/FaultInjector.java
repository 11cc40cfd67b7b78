package io.github.aiobservability.sample.mock;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Decides which requests to the embedded provider fail, and how. The rates start from
 * {@code sample.mock.faults} and can be changed while the app runs, so that anyone can
 * make an alert fire on demand. Every HTTP request draws, so a client's retry of a failed
 * request may fail again; faults queued with {@link #queue(List)} come first, one per
 * request, to make a sequence such as "429, then success" certain.
 */
@Component
public class FaultInjector {

	private final FaultRates configured;

	private final AtomicReference<FaultRates> current;

	private final Queue<Fault> queued = new ConcurrentLinkedQueue<>();

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
	 * Goes back to the configured rates, with no queued faults.
	 * @return the configured rates
	 */
	public FaultRates reset() {
		this.queued.clear();
		this.current.set(this.configured);
		return this.configured;
	}

	/**
	 * Queues faults for the next requests, one each, before the rates apply again.
	 * @param faults the faults, in order
	 */
	public void queue(List<Fault> faults) {
		this.queued.addAll(faults);
	}

	/**
	 * The faults still queued.
	 * @return them, in order
	 */
	public List<Fault> queued() {
		return new ArrayList<>(this.queued);
	}

	/**
	 * Draws the fate of one request: the next queued fault, else one drawn at the rates
	 * in force.
	 * @return the fault to inject
	 */
	public Fault draw() {
		Fault next = this.queued.poll();
		if (next != null) {
			return next;
		}
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
	 * What happens to a request. Each fault is named as its rate is in
	 * {@link FaultRates}: {@code rateLimited}, {@code serverError} and so on; no fault is
	 * {@code none}.
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

		/**
		 * Whether the model still answers (perhaps slowly, or a stream that breaks off),
		 * so the request takes its tokens.
		 * @return true unless the fault is an error status
		 */
		public boolean answers() {
			return this.httpStatus == 200;
		}

		/**
		 * The fault's name in the API: {@code rateLimited}, {@code none} and so on.
		 * @return the name
		 */
		public String apiName() {
			String[] words = name().toLowerCase(Locale.ROOT).split("_");
			StringBuilder apiName = new StringBuilder(words[0]);
			for (int i = 1; i < words.length; i++) {
				apiName.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
			}
			return apiName.toString();
		}

		/**
		 * The fault of an API name.
		 * @param apiName a name such as {@code rateLimited}
		 * @return the fault, or {@code null} for an unknown name
		 */
		public static @Nullable Fault ofApiName(String apiName) {
			for (Fault fault : values()) {
				if (fault.apiName().equals(apiName)) {
					return fault;
				}
			}
			return null;
		}

	}

}

package io.github.aiobservability.sample.mock;

import java.util.ArrayList;
import java.util.List;

/**
 * The fault rates in force: each the fraction of requests, from 0 to 1, that fail that
 * way. The request-level rates together may not exceed 1; {@code streamCut} applies to
 * the streams that did not fail otherwise.
 *
 * @param rateLimited fraction answered 429
 * @param unauthorized fraction answered 401
 * @param serverError fraction answered 500
 * @param unavailable fraction answered 503
 * @param slow fraction answered after {@code slowDelayMillis}
 * @param streamCut fraction of streams cut half-way
 * @param slowDelayMillis delay of a slow answer
 */
public record FaultRates(double rateLimited, double unauthorized, double serverError, double unavailable, double slow,
		double streamCut, long slowDelayMillis) {

	/** No faults. */
	public static final FaultRates NONE = new FaultRates(0, 0, 0, 0, 0, 0, 15_000);

	/**
	 * What is wrong with these rates.
	 * @return one message per problem, empty when they are valid
	 */
	public List<String> problems() {
		List<String> problems = new ArrayList<>();
		requireFraction(problems, "rateLimited", this.rateLimited);
		requireFraction(problems, "unauthorized", this.unauthorized);
		requireFraction(problems, "serverError", this.serverError);
		requireFraction(problems, "unavailable", this.unavailable);
		requireFraction(problems, "slow", this.slow);
		requireFraction(problems, "streamCut", this.streamCut);
		if (requestLevelTotal() > 1.0 + 1e-9) {
			problems.add("rateLimited + unauthorized + serverError + unavailable + slow must not exceed 1");
		}
		if (this.slowDelayMillis < 1 || this.slowDelayMillis > 600_000) {
			problems.add("slowDelayMillis must be from 1 to 600000");
		}
		return problems;
	}

	double requestLevelTotal() {
		return this.rateLimited + this.unauthorized + this.serverError + this.unavailable + this.slow;
	}

	private static void requireFraction(List<String> problems, String name, double value) {
		if (!(value >= 0 && value <= 1)) {
			problems.add(name + " must be from 0 to 1");
		}
	}

}

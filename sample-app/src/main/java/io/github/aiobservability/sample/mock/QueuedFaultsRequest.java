package io.github.aiobservability.sample.mock;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /mock/faults/next}: faults for the next requests, one each, in
 * order, named as in {@link FaultRates} ({@code rateLimited}, {@code serverError}, ...)
 * or {@code none}. {@code {"faults": ["rateLimited"]}} makes the next request get 429, so
 * a client that retries succeeds on its second attempt.
 *
 * @param faults the faults' names
 */
public record QueuedFaultsRequest(@Nullable List<String> faults) {

	/** Most faults one request may queue. */
	static final int MAX_FAULTS = 100;

	/**
	 * What is wrong with this request.
	 * @return one message per problem, empty when it is valid
	 */
	List<String> problems() {
		List<String> problems = new ArrayList<>();
		if (this.faults == null || this.faults.isEmpty()) {
			problems.add("faults must name at least one fault");
			return problems;
		}
		if (this.faults.size() > MAX_FAULTS) {
			problems.add("faults must name at most " + MAX_FAULTS + " faults");
		}
		for (String name : this.faults) {
			if (name == null || FaultInjector.Fault.ofApiName(name) == null) {
				problems.add("unknown fault '" + name + "'");
			}
		}
		return problems;
	}

	List<FaultInjector.Fault> toFaults() {
		List<FaultInjector.Fault> result = new ArrayList<>();
		if (this.faults != null) {
			for (String name : this.faults) {
				FaultInjector.Fault fault = FaultInjector.Fault.ofApiName(name);
				if (fault != null) {
					result.add(fault);
				}
			}
		}
		return result;
	}

}

package io.github.aiobservability.sample.chat;

import java.util.Map;

import io.github.aiobservability.budget.BudgetExceededException;
import io.github.aiobservability.metrics.ErrorClassifier;
import io.github.aiobservability.metrics.CallOutcome;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Answers for a failed model call, classified with the starter's own classifier so the
 * API's error types match the metrics' {@code error_type}.
 */
@Component
public class ProviderFailures {

	private final ErrorClassifier classifier;

	public ProviderFailures(ErrorClassifier classifier) {
		this.classifier = classifier;
	}

	/**
	 * The HTTP status that tells a client what went wrong upstream. Every outcome of the
	 * starter is listed, with no default: an outcome the starter adds does not compile
	 * here until it has its status.
	 * @param error the failure
	 * @return 429 for a rate limit or a spent budget, 504 for a timeout, else 502
	 */
	public HttpStatus status(Throwable error) {
		if (error instanceof BudgetExceededException) {
			return HttpStatus.TOO_MANY_REQUESTS;
		}
		return switch (this.classifier.classify(error)) {
			case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
			case TIMEOUT -> HttpStatus.GATEWAY_TIMEOUT;
			case UNAUTHORIZED, FORBIDDEN, CLIENT_ERROR, SERVER_ERROR, NETWORK, OTHER -> HttpStatus.BAD_GATEWAY;
			// Outcomes of no failure: the classifier never returns them for an exception.
			case NONE, CANCELLED -> HttpStatus.BAD_GATEWAY;
		};
	}

	/**
	 * The JSON body of the answer; it names the failure's type, never its message, which
	 * may echo a key or a prompt.
	 * @param error the failure
	 * @return the body
	 */
	public Map<String, Object> body(Throwable error) {
		if (error instanceof BudgetExceededException budget) {
			// Refused before the provider was called: the client is over its budget.
			return Map.of("error", "budget_exceeded", "budget", budget.getBudget(), "scope_value",
					budget.getScopeValue(), "resets_at", budget.getResetsAt().toString());
		}
		CallOutcome outcome = this.classifier.classify(error);
		return Map.of("error", "provider_error", "error_type", outcome.value());
	}

}

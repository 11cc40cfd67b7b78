package io.github.aiobservability.sample.chat;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import io.github.aiobservability.budget.BudgetExceededException;
import io.github.aiobservability.metrics.ErrorClassifier;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;

/**
 * The status the sample answers a failed model call with, for every outcome the starter
 * classifies a failure as. The outcomes are the constants of the type
 * {@link ErrorClassifier#classify} returns, whatever its name, keyed by the
 * {@code error_type} value they export.
 */
class ProviderFailuresTests {

	/**
	 * The status of each outcome, by its {@code error_type}. An outcome the starter adds
	 * fails the test until it is given its status here, rather than answering 502
	 * unnoticed.
	 */
	private static final Map<String, HttpStatus> STATUSES = Map.ofEntries(
			Map.entry("rate_limited", HttpStatus.TOO_MANY_REQUESTS), Map.entry("timeout", HttpStatus.GATEWAY_TIMEOUT),
			Map.entry("unauthorized", HttpStatus.BAD_GATEWAY), Map.entry("forbidden", HttpStatus.BAD_GATEWAY),
			Map.entry("client_error", HttpStatus.BAD_GATEWAY), Map.entry("server_error", HttpStatus.BAD_GATEWAY),
			Map.entry("network", HttpStatus.BAD_GATEWAY), Map.entry("other", HttpStatus.BAD_GATEWAY),
			// Outcomes of no failure, never what the classifier makes of an exception.
			Map.entry("none", HttpStatus.BAD_GATEWAY), Map.entry("cancelled", HttpStatus.BAD_GATEWAY));

	@Test
	void answersEveryOutcomeOfTheStarterWithItsStatusAndNamesIt() throws ReflectiveOperationException {
		Class<?> outcomes = ErrorClassifier.class.getMethod("classify", Throwable.class).getReturnType();
		Method value = outcomes.getMethod("value");
		Map<String, HttpStatus> answered = new TreeMap<>();
		for (Object outcome : outcomes.getEnumConstants()) {
			ErrorClassifier classifier = mock(ErrorClassifier.class);
			doReturn(outcome).when(classifier).classify(any());
			ProviderFailures failures = new ProviderFailures(classifier);
			RuntimeException error = new IllegalStateException("the provider failed");
			String errorType = (String) value.invoke(outcome);

			answered.put(errorType, failures.status(error));
			assertThat(failures.body(error)).containsEntry("error_type", errorType);
		}

		assertThat(answered).isEqualTo(new TreeMap<>(STATUSES));
	}

	@Test
	void answersASpentBudgetWith429() {
		ProviderFailures failures = new ProviderFailures(new ErrorClassifier());
		BudgetExceededException spent = new BudgetExceededException("tenant-daily", "acme", 51, 50, "CNY",
				Instant.parse("2026-01-02T00:00:00Z"));

		assertThat(failures.status(spent)).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(failures.body(spent)).containsEntry("error", "budget_exceeded")
			.containsEntry("budget", "tenant-daily");
	}

}

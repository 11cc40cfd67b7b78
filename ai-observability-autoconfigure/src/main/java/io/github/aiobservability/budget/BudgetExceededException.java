package io.github.aiobservability.budget;

import java.time.Instant;

import org.springframework.ai.retry.NonTransientAiException;

/**
 * Thrown instead of calling the provider when a call's budget is spent and its action is
 * {@link BudgetAction#REJECT}. Retrying before {@link #getResetsAt()} fails the same way.
 * The message names the budget, the scope value and the reset time, never the prompt.
 */
public class BudgetExceededException extends NonTransientAiException {

	private final String budget;

	private final String scopeValue;

	private final Instant resetsAt;

	/**
	 * Creates the exception.
	 * @param budget the budget's name
	 * @param scopeValue the scope value whose spend reached its limit
	 * @param spent the spend of the current period
	 * @param limit the limit
	 * @param currency the currency of both
	 * @param resetsAt when the period ends
	 */
	public BudgetExceededException(String budget, String scopeValue, double spent, double limit, String currency,
			Instant resetsAt) {
		super(String.format(java.util.Locale.ROOT, "Budget '%s' of '%s' is spent: %.4f of %.4f %s; it resets at %s",
				budget, scopeValue, spent, limit, currency, resetsAt));
		this.budget = budget;
		this.scopeValue = scopeValue;
		this.resetsAt = resetsAt;
	}

	public String getBudget() {
		return this.budget;
	}

	public String getScopeValue() {
		return this.scopeValue;
	}

	public Instant getResetsAt() {
		return this.resetsAt;
	}

}

package io.github.aiobservability.budget;

import java.util.Locale;

/**
 * What happens to a ChatClient call whose budget is spent.
 */
public enum BudgetAction {

	/** The call goes on; the overrun is counted. */
	ALERT,

	/**
	 * The call is refused with {@link BudgetExceededException}; the provider sees
	 * nothing.
	 */
	REJECT,

	/** The call goes to the budget's cheaper fallback model. */
	FALLBACK;

	/**
	 * The {@code action} label value.
	 * @return the name in lower case
	 */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}

package io.github.aiobservability.budget;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A spending limit per period, for the whole application or for each value of one request
 * tag.
 *
 * @param name the budget's name, its {@code budget} label
 * @param tagIndex the position of the request tag it is kept per among the declared
 * request tags, or -1 for the whole application
 * @param limit the limit in the configured currency, for scope values without an override
 * @param overrides limits of particular scope values
 * @param period how long spend accumulates
 * @param action what happens to a call once the limit is reached
 * @param fallbackModel the model calls go to with {@link BudgetAction#FALLBACK}
 */
public record Budget(String name, int tagIndex, double limit, Map<String, Double> overrides, BudgetPeriod period,
		BudgetAction action, @Nullable String fallbackModel) {

	/** The {@code scope_value} of an application-wide budget. */
	public static final String APPLICATION = "application";

	/**
	 * The scope value a call's spend counts toward.
	 * @param requestTagValues the call's request tag values
	 * @return the tag's value, or {@value #APPLICATION}
	 */
	public String scopeValue(List<String> requestTagValues) {
		return (this.tagIndex < 0) ? APPLICATION : requestTagValues.get(this.tagIndex);
	}

	/**
	 * The limit of a scope value.
	 * @param scopeValue the scope value
	 * @return its override, else the budget's limit
	 */
	public double limitOf(String scopeValue) {
		Double override = this.overrides.get(scopeValue);
		return (override != null) ? override : this.limit;
	}

}

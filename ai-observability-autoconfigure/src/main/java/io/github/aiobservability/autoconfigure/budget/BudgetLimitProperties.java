package io.github.aiobservability.autoconfigure.budget;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.aiobservability.budget.BudgetAction;
import io.github.aiobservability.budget.BudgetPeriod;
import org.jspecify.annotations.Nullable;

/**
 * One budget: an entry of {@code ai.observability.budgets.limits}.
 */
public class BudgetLimitProperties {

	/**
	 * Name of the budget, its 'budget' label.
	 */
	private String name = "";

	/**
	 * Request tag (one of ai.observability.request-tags) whose every value has a budget
	 * of its own; unset for one budget for the whole application.
	 */
	private @Nullable String tag;

	/**
	 * Spend allowed per period, in ai.observability.currency.
	 */
	private @Nullable BigDecimal limit;

	/**
	 * How long spend accumulates: day or month.
	 */
	private BudgetPeriod period = BudgetPeriod.DAY;

	/**
	 * Limits of particular tag values, for example acme: 2000.
	 */
	private Map<String, BigDecimal> overrides = new LinkedHashMap<>();

	/**
	 * What happens to a ChatClient call once the limit is reached: alert (the call goes
	 * on and is counted), reject (refused with BudgetExceededException) or fallback (sent
	 * to fallback-model).
	 */
	private BudgetAction action = BudgetAction.ALERT;

	/**
	 * Model calls are sent to once the limit is reached, with action fallback.
	 */
	private @Nullable String fallbackModel;

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public @Nullable String getTag() {
		return this.tag;
	}

	public void setTag(@Nullable String tag) {
		this.tag = tag;
	}

	public @Nullable BigDecimal getLimit() {
		return this.limit;
	}

	public void setLimit(@Nullable BigDecimal limit) {
		this.limit = limit;
	}

	public BudgetPeriod getPeriod() {
		return this.period;
	}

	public void setPeriod(BudgetPeriod period) {
		this.period = period;
	}

	public Map<String, BigDecimal> getOverrides() {
		return this.overrides;
	}

	public void setOverrides(Map<String, BigDecimal> overrides) {
		this.overrides = overrides;
	}

	public BudgetAction getAction() {
		return this.action;
	}

	public void setAction(BudgetAction action) {
		this.action = action;
	}

	public @Nullable String getFallbackModel() {
		return this.fallbackModel;
	}

	public void setFallbackModel(@Nullable String fallbackModel) {
		this.fallbackModel = fallbackModel;
	}

}

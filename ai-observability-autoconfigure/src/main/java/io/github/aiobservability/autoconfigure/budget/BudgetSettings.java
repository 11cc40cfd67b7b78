package io.github.aiobservability.autoconfigure.budget;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.aiobservability.budget.Budget;
import io.github.aiobservability.budget.BudgetAction;

/**
 * Turns the budgets of {@link BudgetsProperties}, checked once bound, into
 * {@link Budget}s.
 */
final class BudgetSettings {

	private BudgetSettings() {
	}

	static List<Budget> budgets(BudgetsProperties properties, List<String> requestTags) {
		List<Budget> budgets = new ArrayList<>();
		for (BudgetLimitProperties limit : properties.getLimits()) {
			int tagIndex = (limit.getTag() != null) ? requestTags.indexOf(limit.getTag()) : -1;
			Map<String, Double> overrides = new LinkedHashMap<>();
			limit.getOverrides().forEach((value, override) -> overrides.put(value, override.doubleValue()));
			boolean fallback = limit.getAction() == BudgetAction.FALLBACK;
			BigDecimal amount = limit.getLimit();
			budgets.add(new Budget(limit.getName(), tagIndex, amount.doubleValue(), Map.copyOf(overrides),
					limit.getPeriod(), limit.getAction(), fallback ? limit.getFallbackModel().strip() : null));
		}
		return budgets;
	}

}

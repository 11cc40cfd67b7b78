package io.github.aiobservability.autoconfigure.budget;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.aiobservability.autoconfigure.AiObservabilityProperties;
import io.github.aiobservability.autoconfigure.InvalidPropertyException;
import io.github.aiobservability.budget.Budget;
import io.github.aiobservability.budget.BudgetAction;
import org.jspecify.annotations.Nullable;

/**
 * Turns the budgets of {@link AiObservabilityProperties} into budgets, and stops startup with the property's
 * name when one cannot be kept as written: a budget that silently does nothing is worse
 * than none.
 */
final class BudgetSettings {

	private static final String PREFIX = AiObservabilityProperties.CONFIG_PREFIX + ".budgets.limits";

	private BudgetSettings() {
	}

	static List<Budget> budgets(AiObservabilityProperties.Budgets properties, List<String> requestTags) {
		List<Budget> budgets = new ArrayList<>();
		Set<String> names = new HashSet<>();
		List<AiObservabilityProperties.Budgets.Limit> limits = properties.getLimits();
		for (int i = 0; i < limits.size(); i++) {
			String property = PREFIX + "[" + i + "]";
			AiObservabilityProperties.Budgets.Limit limit = limits.get(i);
			String name = limit.getName();
			if (name == null || !name.matches("[A-Za-z0-9_.-]+") || !names.add(name)) {
				throw new InvalidPropertyException(property + ".name", name,
						"a unique name of letters, digits, '_', '.' or '-'");
			}
			int tagIndex = -1;
			if (limit.getTag() != null) {
				tagIndex = requestTags.indexOf(limit.getTag());
				if (tagIndex < 0) {
					throw new InvalidPropertyException(property + ".tag", limit.getTag(),
							"one of ai.observability.request-tags " + requestTags + ", or unset for the whole application");
				}
			}
			double amount = amount(property + ".limit", limit.getLimit());
			Map<String, Double> overrides = new LinkedHashMap<>();
			limit.getOverrides().forEach((value, override) -> {
				String overrideProperty = property + ".overrides." + value;
				if (limit.getTag() == null) {
					throw new InvalidPropertyException(overrideProperty, override,
							"no override: the budget has no tag, so it has no values to override");
				}
				overrides.put(value, amount(overrideProperty, override));
			});
			String fallbackModel = limit.getFallbackModel();
			boolean fallback = limit.getAction() == BudgetAction.FALLBACK;
			if (fallback && (fallbackModel == null || fallbackModel.isBlank())) {
				throw new InvalidPropertyException(property + ".fallback-model", "(unset)",
						"the model calls go to once the budget is spent, as action is fallback");
			}
			if (!fallback && fallbackModel != null) {
				throw new InvalidPropertyException(property + ".fallback-model", fallbackModel,
						"unset, as action is " + limit.getAction().label() + ", not fallback");
			}
			budgets.add(new Budget(name, tagIndex, amount, Map.copyOf(overrides), limit.getPeriod(), limit.getAction(),
					fallback ? fallbackModel.strip() : null));
		}
		return budgets;
	}

	private static double amount(String property, @Nullable BigDecimal amount) {
		if (amount == null || amount.signum() < 0) {
			throw new InvalidPropertyException(property, (amount != null) ? amount : "(unset)",
					"an amount of 0 or more in ai.observability.currency");
		}
		return amount.doubleValue();
	}

}

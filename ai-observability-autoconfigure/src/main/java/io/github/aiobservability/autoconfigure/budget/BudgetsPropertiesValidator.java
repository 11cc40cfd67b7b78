package io.github.aiobservability.autoconfigure.budget;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.aiobservability.autoconfigure.AiObservabilityProperties;
import io.github.aiobservability.budget.BudgetAction;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import static io.github.aiobservability.autoconfigure.PropertyChecks.UNSET;
import static io.github.aiobservability.autoconfigure.PropertyChecks.invalid;
import static io.github.aiobservability.autoconfigure.PropertyChecks.positive;

/**
 * Checks {@code ai.observability.budgets} once bound: a budget that cannot be kept would
 * do nothing, silently. The checks that need the running application (the Redis store
 * without Spring Data Redis or a connection) are {@link AiBudgetsAutoConfiguration}'s.
 */
public final class BudgetsPropertiesValidator {

	private static final String ROOT = AiObservabilityProperties.CONFIG_PREFIX + ".";

	private static final String PREFIX = ROOT + "budgets.";

	private BudgetsPropertiesValidator() {
	}

	/**
	 * Checks the budgets.
	 * @param budgets the bound budgets
	 * @param requestTags the request tags a budget may be kept per value of
	 * @throws InvalidConfigurationPropertyValueException naming the first bad value
	 */
	public static void validate(BudgetsProperties budgets, List<String> requestTags) {
		List<BudgetLimitProperties> limits = budgets.getLimits();
		Set<String> names = new HashSet<>();
		for (int i = 0; i < limits.size(); i++) {
			validateLimit(PREFIX + "limits[" + i + "]", limits.get(i), names, requestTags);
		}
		positive(PREFIX + "redis-timeout", budgets.getRedisTimeout(), "250ms");
		positive(PREFIX + "redis-connect-timeout", budgets.getRedisConnectTimeout(), "5s");
		positive(PREFIX + "redis-shutdown-timeout", budgets.getRedisShutdownTimeout(), "5s");
		if (budgets.getRedisBacklogLimit() < 1) {
			throw invalid(PREFIX + "redis-backlog-limit", budgets.getRedisBacklogLimit(),
					"a whole number of keys, 1 or more, such as 10000");
		}
	}

	private static void validateLimit(String property, BudgetLimitProperties limit, Set<String> names,
			List<String> requestTags) {
		String name = limit.getName();
		if (name == null || !name.matches("[A-Za-z0-9_.-]+") || !names.add(name)) {
			throw invalid(property + ".name", name, "a unique name of letters, digits, '_', '.' or '-'");
		}
		if (limit.getTag() != null && !requestTags.contains(limit.getTag())) {
			throw invalid(property + ".tag", limit.getTag(),
					"one of " + ROOT + "request-tags " + requestTags + ", or unset for the whole application");
		}
		amount(property + ".limit", limit.getLimit());
		limit.getOverrides().forEach((value, override) -> {
			String overrideProperty = property + ".overrides." + value;
			if (limit.getTag() == null) {
				throw invalid(overrideProperty, override,
						"no override: the budget has no tag, so it has no values to override");
			}
			amount(overrideProperty, override);
		});
		String fallbackModel = limit.getFallbackModel();
		boolean fallback = limit.getAction() == BudgetAction.FALLBACK;
		if (fallback && (fallbackModel == null || fallbackModel.isBlank())) {
			throw invalid(property + ".fallback-model", UNSET,
					"the name of the model calls go to once the budget is spent, as action is fallback");
		}
		if (!fallback && fallbackModel != null) {
			throw invalid(property + ".fallback-model", fallbackModel,
					"unset, as action is " + limit.getAction().label() + ", not fallback");
		}
	}

	private static void amount(String property, @Nullable BigDecimal amount) {
		if (amount == null || amount.signum() < 0) {
			throw invalid(property, (amount != null) ? amount : UNSET,
					"an amount of 0 or more in " + ROOT + "currency");
		}
	}

}

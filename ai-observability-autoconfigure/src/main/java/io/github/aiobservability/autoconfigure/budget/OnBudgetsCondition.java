package io.github.aiobservability.autoconfigure.budget;

import io.github.aiobservability.autoconfigure.AiObservabilityProperties;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when at least one budget is configured: without one, ChatClient calls get no
 * budget advisor at all.
 */
class OnBudgetsCondition extends SpringBootCondition {

	private static final String LIMITS = AiObservabilityProperties.CONFIG_PREFIX + ".budgets.limits";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		boolean configured = Binder.get(context.getEnvironment())
			.bind(LIMITS, Bindable.listOf(BudgetLimitProperties.class))
			.map((limits) -> !limits.isEmpty())
			.orElse(false);
		return configured ? ConditionOutcome.match(LIMITS + " is set")
				: ConditionOutcome.noMatch("no " + LIMITS + " is set");
	}

}

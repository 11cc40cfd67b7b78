package io.github.aiobservability.budget;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.aiobservability.metrics.AiMetricLabels;
import io.github.aiobservability.metrics.AiMetricNames;
import io.github.aiobservability.model.CostListener;
import io.github.aiobservability.support.OneTimeLogger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.jspecify.annotations.Nullable;

/**
 * Keeps every budget: decides, before a call, whether its budgets allow it, and adds each
 * priced round-trip's cost (the one {@code ai_api_cost_total} records) to the budgets it
 * counts toward.
 * <p>
 * The check reads spend before the call and the cost is added after it, so calls that
 * start together all see the spend before any of them: a limit can be overshot by the
 * cost of the calls in flight when it is reached, at most one call per thread (or, with a
 * shared store, per thread of every instance) making calls of that scope.
 */
public class BudgetEnforcer implements CostListener {

	private final OneTimeLogger logger = new OneTimeLogger(BudgetEnforcer.class);

	private final List<Budget> budgets;

	private final List<Map<String, ScopeState>> states;

	private final BudgetStore store;

	private final Clock clock;

	private final ZoneId zone;

	private final String keyPrefix;

	private final String currency;

	private final MeterRegistry registry;

	private final Tags staticTags;

	/**
	 * Per budget, the counter of its action; {@code null} where the registry refused it.
	 */
	private final @Nullable Counter[] actions;

	/**
	 * Creates the enforcer and registers its meters.
	 * @param budgets the budgets
	 * @param store where spend is kept
	 * @param clock the time, for periods
	 * @param zone where a period's midnight is
	 * @param keyPrefix the start of every store key
	 * @param currency the currency of limits and costs, for messages
	 * @param registry where the meters go
	 * @param staticTags the tags of every ai_* meter
	 */
	public BudgetEnforcer(List<Budget> budgets, BudgetStore store, Clock clock, ZoneId zone, String keyPrefix,
			String currency, MeterRegistry registry, Tags staticTags) {
		this.budgets = List.copyOf(budgets);
		this.store = store;
		this.clock = clock;
		this.zone = zone;
		this.keyPrefix = keyPrefix;
		this.currency = currency;
		this.registry = registry;
		this.staticTags = staticTags;
		this.states = new ArrayList<>();
		this.actions = new Counter[this.budgets.size()];
		for (int i = 0; i < this.budgets.size(); i++) {
			this.states.add(new ConcurrentHashMap<>());
			this.actions[i] = actionCounter(this.budgets.get(i));
		}
		guarded("ai_budget_store_failures_total",
				() -> FunctionCounter.builder(AiMetricNames.BUDGET_STORE_FAILURES.value(), store, BudgetStore::failures)
					.description("Operations on the shared budget store that failed; calls went on")
					.tags(staticTags)
					.register(registry));
		for (Budget budget : this.budgets) {
			guarded("ai_budget_spend_dropped_total", () -> FunctionCounter
				.builder(AiMetricNames.BUDGET_SPEND_DROPPED.value(), store, (kept) -> kept.dropped(budget.name()))
				.description("Spend recorded by this instance that the shared budget store never got, in the "
						+ "configured currency")
				.tags(staticTags)
				.tag(AiMetricLabels.BUDGET, budget.name())
				.register(registry));
		}
	}

	/**
	 * The budgets.
	 * @return them, in configuration order
	 */
	public List<Budget> budgets() {
		return this.budgets;
	}

	/**
	 * Decides what happens to a call: refused when a budget whose action is reject is
	 * spent, else switched to the fallback model of the first spent budget with one, else
	 * let through (counting spent alert-only budgets).
	 * @param requestTagValues the call's request tag values
	 * @return the decision
	 */
	public Decision check(List<String> requestTagValues) {
		Instant now = this.clock.instant();
		List<BudgetStore.Slot> slots = slots(requestTagValues, now);
		this.store.refresh(slots);
		Decision decision = Decision.PROCEED;
		int decidedBy = -1;
		for (int i = 0; i < this.budgets.size(); i++) {
			Budget budget = this.budgets.get(i);
			String scopeValue = budget.scopeValue(requestTagValues);
			double spent = slots.get(i).spent();
			double limit = budget.limitOf(scopeValue);
			if (spent < limit) {
				continue;
			}
			if (budget.action() == BudgetAction.ALERT) {
				count(i);
			}
			else if (budget.action() == BudgetAction.REJECT && decision.action() != BudgetAction.REJECT) {
				decision = new Decision(BudgetAction.REJECT, null, new BudgetExceededException(budget.name(),
						scopeValue, spent, limit, this.currency, state(i, scopeValue).window(now).end()));
				decidedBy = i;
			}
			else if (budget.action() == BudgetAction.FALLBACK && decision == Decision.PROCEED) {
				decision = new Decision(BudgetAction.FALLBACK, budget.fallbackModel(), null);
				decidedBy = i;
			}
		}
		if (decidedBy >= 0) {
			count(decidedBy);
		}
		return decision;
	}

	@Override
	public void costRecorded(List<String> requestTagValues, double cost) {
		if (cost > 0) {
			this.store.add(slots(requestTagValues, this.clock.instant()), cost);
		}
	}

	private List<BudgetStore.Slot> slots(List<String> requestTagValues, Instant now) {
		List<BudgetStore.Slot> slots = new ArrayList<>(this.budgets.size());
		for (int i = 0; i < this.budgets.size(); i++) {
			slots.add(state(i, this.budgets.get(i).scopeValue(requestTagValues)).slot(now));
		}
		return slots;
	}

	private ScopeState state(int budget, String scopeValue) {
		ScopeState state = this.states.get(budget).get(scopeValue);
		if (state == null) {
			state = this.states.get(budget).computeIfAbsent(scopeValue, (value) -> {
				ScopeState created = new ScopeState(this.budgets.get(budget), value);
				registerGauges(created);
				return created;
			});
		}
		return state;
	}

	private void count(int budget) {
		Counter counter = this.actions[budget];
		if (counter != null) {
			counter.increment();
		}
	}

	private @Nullable Counter actionCounter(Budget budget) {
		Counter[] counter = new Counter[1];
		guarded("ai_budget_actions_total", () -> counter[0] = Counter.builder(AiMetricNames.BUDGET_ACTIONS.value())
			.description("Calls that found their budget spent: let through (alert), refused, or switched to the "
					+ "fallback model")
			.tags(this.staticTags)
			.tag(AiMetricLabels.BUDGET, budget.name())
			.tag(AiMetricLabels.ACTION, budget.action().label())
			.register(this.registry));
		return counter[0];
	}

	private void registerGauges(ScopeState state) {
		Tags tags = this.staticTags.and(AiMetricLabels.BUDGET, state.budget.name())
			.and(AiMetricLabels.SCOPE_VALUE, state.scopeValue);
		guarded("ai_budget_spent", () -> Gauge
			.builder(AiMetricNames.BUDGET_SPENT.value(), state, ScopeState::currentSpent)
			.description("Spend of the budget's current period, in the configured currency, as this instance knows it")
			.tags(tags)
			.strongReference(true)
			.register(this.registry));
		double limit = state.budget.limitOf(state.scopeValue);
		guarded("ai_budget_limit",
				() -> Gauge.builder(AiMetricNames.BUDGET_LIMIT.value(), () -> limit)
					.description("The budget's limit per period, in the configured currency")
					.tags(tags)
					.strongReference(true)
					.register(this.registry));
	}

	private void guarded(String meter, Runnable registration) {
		try {
			registration.run();
		}
		catch (RuntimeException ex) {
			this.logger.warn("meter:" + meter, "Could not register " + meter + "; budgets are enforced without it", ex);
		}
	}

	/**
	 * One budget's spend for one scope value, in the current period.
	 */
	private final class ScopeState {

		private final Budget budget;

		private final String scopeValue;

		private volatile BudgetPeriod.@Nullable Window window;

		private volatile BudgetStore.@Nullable Slot slot;

		ScopeState(Budget budget, String scopeValue) {
			this.budget = budget;
			this.scopeValue = scopeValue;
		}

		BudgetPeriod.Window window(Instant now) {
			BudgetPeriod.Window window = this.window;
			return (window != null && !window.isOver(now)) ? window
					: this.budget.period().windowOf(now, BudgetEnforcer.this.zone);
		}

		BudgetStore.Slot slot(Instant now) {
			BudgetPeriod.Window window = this.window;
			BudgetStore.Slot slot = this.slot;
			if (window == null || slot == null || window.isOver(now)) {
				synchronized (this) {
					window = this.window;
					slot = this.slot;
					if (window == null || slot == null || window.isOver(now)) {
						window = this.budget.period().windowOf(now, BudgetEnforcer.this.zone);
						slot = BudgetEnforcer.this.store.slot(this.budget.name(), BudgetEnforcer.this.keyPrefix
								+ this.budget.name() + ":" + this.scopeValue + ":" + window.id(), window.end());
						this.slot = slot;
						this.window = window;
					}
				}
			}
			return slot;
		}

		double currentSpent() {
			BudgetPeriod.Window window = this.window;
			BudgetStore.Slot slot = this.slot;
			if (window == null || slot == null || window.isOver(BudgetEnforcer.this.clock.instant())) {
				return 0;
			}
			return slot.spent();
		}

	}

	/**
	 * What happens to a call.
	 *
	 * @param action {@code null} to let it through unchanged, else the action taken
	 * @param fallbackModel the model to call instead, with {@link BudgetAction#FALLBACK}
	 * @param rejection what to throw, with {@link BudgetAction#REJECT}
	 */
	public record Decision(@Nullable BudgetAction action, @Nullable String fallbackModel,
			@Nullable BudgetExceededException rejection) {

		/** Let the call through unchanged. */
		public static final Decision PROCEED = new Decision(null, null, null);

	}

}

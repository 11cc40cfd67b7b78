package io.github.aiobservability.budget;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import io.github.aiobservability.metrics.AiMetricLabels;
import io.github.aiobservability.metrics.AiMetricNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Exports when each budget's current period ends, as
 * {@code ai_budget_period_end_timestamp_seconds{budget, period}}: the rules need it to
 * tell whether, at the current rate of spend, a budget runs out before its period does,
 * and PromQL knows neither the budgets' time zone nor their periods. Every scope value of
 * a budget shares its period, so there is one series per budget.
 */
public class BudgetPeriodGauges implements MeterBinder {

	private final List<Budget> budgets;

	private final Clock clock;

	private final ZoneId zone;

	private final Tags staticTags;

	/**
	 * Creates the gauges.
	 * @param budgets the budgets
	 * @param clock the time
	 * @param zone where a period's midnight is
	 * @param staticTags the tags of every ai_* meter
	 */
	public BudgetPeriodGauges(List<Budget> budgets, Clock clock, ZoneId zone, Tags staticTags) {
		this.budgets = List.copyOf(budgets);
		this.clock = clock;
		this.zone = zone;
		this.staticTags = staticTags;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (Budget budget : this.budgets) {
			BudgetPeriod period = budget.period();
			Gauge.builder(AiMetricNames.BUDGET_PERIOD_END.value(), this, (gauges) -> gauges.end(period))
				.description("When the budget's current period ends, in the budgets' time zone")
				.tags(this.staticTags)
				.tag(AiMetricLabels.BUDGET, budget.name())
				.tag(AiMetricLabels.PERIOD, period.name().toLowerCase(Locale.ROOT))
				.baseUnit("seconds")
				.strongReference(true)
				.register(registry);
		}
	}

	private double end(BudgetPeriod period) {
		return period.windowOf(this.clock.instant(), this.zone).end().getEpochSecond();
	}

}

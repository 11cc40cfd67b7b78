package io.github.aiobservability.budget;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.github.aiobservability.autoconfigure.AiObservabilityAutoConfiguration;
import io.github.aiobservability.autoconfigure.budget.AiBudgetsAutoConfiguration;
import io.github.aiobservability.autoconfigure.cost.AiCostAutoConfiguration;
import io.github.aiobservability.test.MutableClock;
import io.github.aiobservability.test.PrometheusScrape;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When each budget's period ends, as the forecast rules read it: in the budgets' zone,
 * moving on once a period is over.
 */
class BudgetPeriodGaugesTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	@Test
	void eachBudgetsGaugeIsTheEndOfItsCurrentPeriodInTheBudgetsZone() {
		// 23:30 on 30 November in Shanghai.
		MutableClock clock = new MutableClock(Instant.parse("2026-11-30T15:30:00Z"));
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new BudgetPeriodGauges(
				List.of(budget("tenant-daily", BudgetPeriod.DAY), budget("app-monthly", BudgetPeriod.MONTH)), clock,
				SHANGHAI, Tags.of("application", "shop"))
			.bindTo(registry);

		assertThat(end(registry, "tenant-daily")).isEqualTo(Instant.parse("2026-11-30T16:00:00Z"));
		assertThat(end(registry, "app-monthly")).isEqualTo(Instant.parse("2026-11-30T16:00:00Z"));
		assertThat(
				registry.get("ai.budget.period.end.timestamp").tag("budget", "app-monthly").gauge().getId().getTags())
			.isEqualTo(Tags.of("application", "shop", "budget", "app-monthly", "period", "month").stream().toList());

		clock.set(Instant.parse("2026-11-30T16:00:00Z"));

		assertThat(end(registry, "tenant-daily")).isEqualTo(Instant.parse("2026-12-01T16:00:00Z"));
		assertThat(end(registry, "app-monthly")).isEqualTo(Instant.parse("2026-12-31T16:00:00Z"));
	}

	@Test
	void aScrapeShowsOneSeriesPerBudgetInSeconds() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					PrometheusMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
					AiObservabilityAutoConfiguration.class, AiCostAutoConfiguration.class,
					AiBudgetsAutoConfiguration.class))
			.withPropertyValues("ai.observability.request-tags=tenant",
					"ai.observability.budgets.limits[0].name=tenant-daily",
					"ai.observability.budgets.limits[0].tag=tenant", "ai.observability.budgets.limits[0].limit=50",
					"ai.observability.budgets.limits[1].name=app-monthly",
					"ai.observability.budgets.limits[1].limit=3000", "ai.observability.budgets.limits[1].period=month")
			.run((context) -> {
				PrometheusScrape scrape = new PrometheusScrape(context.getBean(PrometheusMeterRegistry.class).scrape());

				assertThat(scrape.samples("ai_budget_period_end_timestamp_seconds")).hasSize(2);
				double now = System.currentTimeMillis() / 1000.0;
				assertThat(
						scrape.sum("ai_budget_period_end_timestamp_seconds", "budget", "tenant-daily", "period", "day"))
					.isBetween(now, now + 86_400);
				assertThat(scrape.sum("ai_budget_period_end_timestamp_seconds", "budget", "app-monthly", "period",
						"month"))
					.isBetween(now, now + 31 * 86_400);
			});
	}

	private static Budget budget(String name, BudgetPeriod period) {
		return new Budget(name, -1, 100, Map.of(), period, BudgetAction.ALERT, null);
	}

	private static Instant end(MeterRegistry registry, String budget) {
		return Instant
			.ofEpochSecond((long) registry.get("ai.budget.period.end.timestamp").tag("budget", budget).gauge().value());
	}

}

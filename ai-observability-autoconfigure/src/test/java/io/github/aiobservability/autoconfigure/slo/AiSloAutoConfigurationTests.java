package io.github.aiobservability.autoconfigure.slo;

import java.util.List;
import java.util.Map;

import io.github.aiobservability.autoconfigure.AiObservabilityAutoConfiguration;
import io.github.aiobservability.metrics.CallOutcome;
import io.github.aiobservability.metrics.Endpoint;
import io.github.aiobservability.metrics.ModelMetrics;
import io.github.aiobservability.test.InvalidValue;
import io.github.aiobservability.test.PrometheusScrape;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The objectives of {@code ai.observability.slos} as Boot binds and checks them, and
 * their gauges on Boot's Prometheus registry as the call meters add them.
 */
class AiSloAutoConfigurationTests {

	private static final String[] TWO_SLOS = { "ai.observability.slos[0].name=calls-succeed",
			"ai.observability.slos[0].sli=availability", "ai.observability.slos[0].objective=0.995",
			"ai.observability.slos[1].name=answers-in-10s", "ai.observability.slos[1].sli=latency",
			"ai.observability.slos[1].objective=0.99", "ai.observability.slos[1].threshold=10s",
			"ai.observability.slos[1].models=gpt-*, o3-mini", "ai.observability.slos[1].period=28d" };

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				PrometheusMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				AiObservabilityAutoConfiguration.class, AiSloAutoConfiguration.class));

	@Test
	void autoConfiguresSloGaugesWhenSpringAiAndAMeterRegistryArePresent() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(SloGauges.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("ai.observability.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SloGauges.class));
	}

	@Test
	void backsOffWhenMeterRegistryIsMissing() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AiSloAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SloGauges.class));
	}

	@Test
	void backsOffWhenSpringAiIsMissing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ChatModel.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SloGauges.class));
	}

	@Test
	void exportsEachObjectiveOfAModelOnceTheModelIsCalled() {
		this.contextRunner.withPropertyValues(TWO_SLOS)
			.withPropertyValues("ai.observability.tags.application=shop")
			.run((context) -> {
				PrometheusMeterRegistry registry = context.getBean(PrometheusMeterRegistry.class);
				assertThat(new PrometheusScrape(registry.scrape()).samples("ai_api_slo_objective")).isEmpty();

				ModelMetrics metrics = context.getBean(ModelMetrics.class);
				metrics.meters("gpt-4o-mini", "openai", Endpoint.CHAT, List.of());
				metrics.meters("deepseek-chat", "deepseek", Endpoint.CHAT, List.of());
				PrometheusScrape scrape = new PrometheusScrape(registry.scrape());

				assertThat(scrape.text()).contains(
						"ai_api_slo_objective{application=\"shop\",model=\"gpt-4o-mini\",sli=\"availability\",slo=\"calls-succeed\"} 0.995",
						"ai_api_slo_objective{application=\"shop\",model=\"gpt-4o-mini\",sli=\"latency\",slo=\"answers-in-10s\"} 0.99",
						"ai_api_slo_period_seconds{application=\"shop\",model=\"gpt-4o-mini\",sli=\"latency\",slo=\"answers-in-10s\"} 2419200.0",
						"ai_api_slo_threshold_seconds{application=\"shop\",le=\"10.0\",model=\"gpt-4o-mini\",sli=\"latency\",slo=\"answers-in-10s\"} 10.0");
				assertThat(scrape.samples("ai_api_slo_objective", "model", "deepseek-chat")).singleElement()
					.satisfies((sample) -> assertThat(sample.labels()).containsEntry("slo", "calls-succeed"));
				assertThat(scrape.sum("ai_api_slo_period_seconds", "model", "deepseek-chat")).isEqualTo(2592000);
				assertThat(scrape.samples("ai_api_slo_threshold_seconds", "model", "deepseek-chat")).isEmpty();
			});
	}

	@Test
	void theThresholdsLeIsTheLabelOfTheBucketThatCountsTheGoodCalls() {
		// Every boundary of both histograms, default and custom, in a real scrape of the
		// registry Boot configures: the rules join the bucket on this string.
		this.contextRunner
			.withPropertyValues("ai.observability.latency-buckets=250ms,1500ms,10s,2m",
					"ai.observability.time-to-first-token-buckets=50ms,100ms,1s,3s",
					"ai.observability.slos[0].name=answers", "ai.observability.slos[0].sli=latency",
					"ai.observability.slos[0].objective=0.99", "ai.observability.slos[0].threshold=1500ms",
					"ai.observability.slos[1].name=first-token", "ai.observability.slos[1].sli=time-to-first-token",
					"ai.observability.slos[1].objective=0.95", "ai.observability.slos[1].threshold=100ms",
					"ai.observability.slos[2].name=slow", "ai.observability.slos[2].sli=latency",
					"ai.observability.slos[2].objective=0.999", "ai.observability.slos[2].threshold=2m")
			.run((context) -> {
				ModelMetrics metrics = context.getBean(ModelMetrics.class);
				metrics.meters("gpt-4o", "openai", Endpoint.CHAT_STREAM, List.of())
					.recordOutcome(CallOutcome.NONE, 1_000_000_000L);
				metrics.meters("gpt-4o", "openai", Endpoint.CHAT_STREAM, List.of()).recordTimeToFirstToken(80_000_000L);
				PrometheusScrape scrape = new PrometheusScrape(context.getBean(PrometheusMeterRegistry.class).scrape());

				Map<String, String> histograms = Map.of("answers", "ai_api_request_duration_seconds_bucket", "slow",
						"ai_api_request_duration_seconds_bucket", "first-token",
						"ai_api_time_to_first_token_seconds_bucket");
				assertThat(scrape.samples("ai_api_slo_threshold_seconds")).hasSize(3).allSatisfy((threshold) -> {
					String le = threshold.labels().get("le");
					String histogram = histograms.get(threshold.labels().get("slo"));
					assertThat(scrape.samples(histogram, "le", le)).as(histogram + "{le=\"" + le + "\"}").isNotEmpty();
				});
				assertThat(scrape.samples("ai_api_slo_threshold_seconds", "le", "1.5")).hasSize(1);
				assertThat(scrape.samples("ai_api_slo_threshold_seconds", "le", "120.0")).hasSize(1);
				assertThat(scrape.samples("ai_api_slo_threshold_seconds", "le", "0.1")).hasSize(1);
			});
	}

	@Test
	void acceptsObjectivesOfEveryKind() {
		this.contextRunner.withPropertyValues(TWO_SLOS)
			.withPropertyValues("ai.observability.slos[2].name=first-token-in-3s",
					"ai.observability.slos[2].sli=time-to-first-token", "ai.observability.slos[2].objective=0.95",
					"ai.observability.slos[2].threshold=3s", "ai.observability.slos[2].period=7d")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void failsOnAnObjectiveOutOfRangeOrUnset() {
		assertStartupFails(slo("objective=1"), "ai.observability.slos[0].objective", "1.0");
		assertStartupFails(slo("objective=0"), "ai.observability.slos[0].objective", "0.0");
		assertStartupFails(slo("objective=99.5"), "ai.observability.slos[0].objective", "99.5");
		assertStartupFails(new String[] { "ai.observability.slos[0].name=calls-succeed",
				"ai.observability.slos[0].sli=availability" }, "ai.observability.slos[0].objective", "(unset)");
	}

	@Test
	void failsOnABlankMalformedOrDuplicateName() {
		assertStartupFails(slo("name= "), "ai.observability.slos[0].name", "");
		assertStartupFails(slo("name=calls succeed"), "ai.observability.slos[0].name", "calls succeed");
		String[] twice = { "ai.observability.slos[0].name=calls", "ai.observability.slos[0].sli=availability",
				"ai.observability.slos[0].objective=0.99", "ai.observability.slos[1].name=calls",
				"ai.observability.slos[1].sli=availability", "ai.observability.slos[1].objective=0.999" };
		assertStartupFails(twice, "ai.observability.slos[1].name", "calls");
	}

	@Test
	void failsOnAMissingOrUnknownSli() {
		assertStartupFails(new String[] { "ai.observability.slos[0].name=calls-succeed",
				"ai.observability.slos[0].objective=0.995" }, "ai.observability.slos[0].sli", "(unset)");
		this.contextRunner.withPropertyValues(slo("sli=uptime")).run((context) -> {
			assertThat(context).hasFailed();
			Throwable cause = context.getStartupFailure();
			while (cause != null && !(cause instanceof BindException)) {
				cause = cause.getCause();
			}
			assertThat(cause).isInstanceOf(BindException.class);
			assertThat(((BindException) cause).getProperty().getName()).hasToString("ai.observability.slos[0].sli");
		});
	}

	@Test
	void failsOnALatencyThresholdThatIsNotABucketBoundaryNamingTheBuckets() {
		this.contextRunner.withPropertyValues(latency("latency", "threshold=8s")).run((context) -> {
			assertThat(context).hasFailed();
			InvalidValue.assertInvalid(context.getStartupFailure(), "ai.observability.slos[0].threshold", "PT8S",
					"ai.observability.latency-buckets (100ms, 250ms, 500ms, 1s, 2s, 5s, 10s, 20s, 30s, 1m, 2m)");
		});
		this.contextRunner.withPropertyValues(latency("time-to-first-token", "threshold=10s"))
			.withPropertyValues("ai.observability.time-to-first-token-buckets=1s,2s")
			.run((context) -> {
				assertThat(context).hasFailed();
				InvalidValue.assertInvalid(context.getStartupFailure(), "ai.observability.slos[0].threshold", "PT10S",
						"ai.observability.time-to-first-token-buckets (1s, 2s)");
			});
		assertStartupFails(latency("latency"), "ai.observability.slos[0].threshold", "(unset)");
	}

	@Test
	void failsOnAThresholdOfAnAvailabilityObjective() {
		assertStartupFails(slo("threshold=10s"), "ai.observability.slos[0].threshold", "PT10S");
	}

	@Test
	void failsOnAMalformedModelPatternOrNoModel() {
		assertStartupFails(slo("models=gpt 4o"), "ai.observability.slos[0].models[0]", "gpt 4o");
		assertStartupFails(slo("models="), "ai.observability.slos[0].models", "[]");
	}

	@Test
	void failsOnAPeriodOutOfRange() {
		assertStartupFails(slo("period=1d"), "ai.observability.slos[0].period", "PT24H");
		assertStartupFails(slo("period=90d"), "ai.observability.slos[0].period", "PT2160H");
	}

	/** An availability objective with one property more or overridden. */
	private static String[] slo(String property) {
		return new String[] { "ai.observability.slos[0].name=calls-succeed",
				"ai.observability.slos[0].sli=availability", "ai.observability.slos[0].objective=0.995",
				"ai.observability.slos[0]." + property };
	}

	/** A latency objective of a kind, with properties more. */
	private static String[] latency(String sli, String... properties) {
		String[] base = { "ai.observability.slos[0].name=answers", "ai.observability.slos[0].sli=" + sli,
				"ai.observability.slos[0].objective=0.99" };
		String[] all = new String[base.length + properties.length];
		System.arraycopy(base, 0, all, 0, base.length);
		for (int i = 0; i < properties.length; i++) {
			all[base.length + i] = "ai.observability.slos[0]." + properties[i];
		}
		return all;
	}

	private void assertStartupFails(String[] properties, String name, String value) {
		InvalidValue.assertStartupFails(this.contextRunner, properties, name, value);
	}

}

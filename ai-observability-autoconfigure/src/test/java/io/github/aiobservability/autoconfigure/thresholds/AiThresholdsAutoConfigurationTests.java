package io.github.aiobservability.autoconfigure.thresholds;

import java.util.List;

import io.github.aiobservability.autoconfigure.AiObservabilityAutoConfiguration;
import io.github.aiobservability.metrics.Endpoint;
import io.github.aiobservability.metrics.ModelMetrics;
import io.github.aiobservability.test.InvalidValue;
import io.github.aiobservability.test.PrometheusScrape;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The threshold gauges as Boot binds them to its Prometheus registry, and the per-model
 * ones as the call meters add them.
 */
class AiThresholdsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				PrometheusMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				AiObservabilityAutoConfiguration.class, AiThresholdsAutoConfiguration.class));

	@Test
	void autoConfiguresThresholdGaugesWhenSpringAiAndAMeterRegistryArePresent() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(ThresholdGauges.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("ai.observability.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ThresholdGauges.class));
	}

	@Test
	void backsOffWhenMeterRegistryIsMissing() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AiThresholdsAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ThresholdGauges.class));
	}

	@Test
	void backsOffWhenSpringAiIsMissing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ChatModel.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ThresholdGauges.class));
	}

	@Test
	void exportsTheApplicationsThresholdsWithAnEmptyModel() {
		this.contextRunner.withPropertyValues("ai.observability.thresholds.latency-p99=8s").run((context) -> {
			PrometheusScrape scrape = new PrometheusScrape(context.getBean(PrometheusMeterRegistry.class).scrape());

			assertThat(scrape.samples("ai_api_threshold")).hasSize(11)
				.allSatisfy((sample) -> assertThat(sample.labels()).containsEntry("model", ""));
			assertThat(scrape.sum("ai_api_threshold", "name", "latency_p99_seconds")).isEqualTo(8);
		});
	}

	@Test
	void exportsAModelsOwnThresholdsOnceTheModelIsCalled() {
		this.contextRunner
			.withPropertyValues("ai.observability.thresholds.models[0].model=o3-*",
					"ai.observability.thresholds.models[0].latency-p99=60s",
					"ai.observability.thresholds.models[0].error-rate=0.2",
					"ai.observability.thresholds.models[1].model=deepseek-reasoner",
					"ai.observability.thresholds.models[1].time-to-first-token-p95=20s")
			.run((context) -> {
				PrometheusMeterRegistry registry = context.getBean(PrometheusMeterRegistry.class);
				assertThat(new PrometheusScrape(registry.scrape()).samples("ai_api_threshold")).hasSize(11);

				context.getBean(ModelMetrics.class).meters("o3-mini", "openai", Endpoint.CHAT, List.of());
				PrometheusScrape scrape = new PrometheusScrape(registry.scrape());

				assertThat(scrape.samples("ai_api_threshold", "model", "o3-mini")).hasSize(2);
				assertThat(scrape.sum("ai_api_threshold", "model", "o3-mini", "name", "latency_p99_seconds"))
					.isEqualTo(60);
				assertThat(scrape.sum("ai_api_threshold", "model", "o3-mini", "name", "error_rate")).isEqualTo(0.2);
				assertThat(scrape.samples("ai_api_threshold", "model", "deepseek-reasoner")).isEmpty();
			});
	}

	@Test
	void failsOnAThresholdOutOfRange() {
		assertStartupFails("ai.observability.thresholds.error-rate=1.5", "ai.observability.thresholds.error-rate",
				"1.5");
		assertStartupFails(
				new String[] { "ai.observability.thresholds.daily-cost-warning=800",
						"ai.observability.thresholds.daily-cost-critical=700" },
				"ai.observability.thresholds.daily-cost-critical", "700.0");
		assertStartupFails("ai.observability.thresholds.rate-limit-headroom=0",
				"ai.observability.thresholds.rate-limit-headroom", "0.0");
		assertStartupFails("ai.observability.thresholds.rate-limit-headroom=1.2",
				"ai.observability.thresholds.rate-limit-headroom", "1.2");
		assertStartupFails("ai.observability.thresholds.retries-per-request=-1",
				"ai.observability.thresholds.retries-per-request", "-1.0");
	}

	@Test
	void acceptsPerModelThresholds() {
		this.contextRunner
			.withPropertyValues("ai.observability.thresholds.models[0].model=o3-*",
					"ai.observability.thresholds.models[0].latency-p99=60s",
					"ai.observability.thresholds.models[0].time-to-first-token-p95=30s",
					"ai.observability.thresholds.models[0].error-rate=1",
					"ai.observability.thresholds.models[0].rate-limit-headroom=0.25",
					"ai.observability.thresholds.models[1].model=deepseek-reasoner",
					"ai.observability.thresholds.models[1].latency-p99=90s")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void failsOnAPerModelThresholdWithAMalformedOrMissingModel() {
		assertStartupFails(
				new String[] { "ai.observability.thresholds.models[0].model=o3 mini",
						"ai.observability.thresholds.models[0].latency-p99=60s" },
				"ai.observability.thresholds.models[0].model", "o3 mini");
		assertStartupFails(
				new String[] { "ai.observability.thresholds.models[0].model=o3-mini",
						"ai.observability.thresholds.models[0].latency-p99=60s",
						"ai.observability.thresholds.models[1].latency-p99=30s" },
				"ai.observability.thresholds.models[1].model", "");
		assertStartupFails(
				new String[] { "ai.observability.thresholds.models[0].model= ",
						"ai.observability.thresholds.models[0].error-rate=0.2" },
				"ai.observability.thresholds.models[0].model", "");
	}

	@Test
	void failsOnAPerModelThresholdThatSetsNoThreshold() {
		assertStartupFails("ai.observability.thresholds.models[0].model=o3-mini",
				"ai.observability.thresholds.models[0]", "o3-mini");
	}

	@Test
	void failsOnAPerModelThresholdOutOfRange() {
		String model = "ai.observability.thresholds.models[0].model=o3-*";
		assertStartupFails(new String[] { model, "ai.observability.thresholds.models[0].latency-p99=0s" },
				"ai.observability.thresholds.models[0].latency-p99", "PT0S");
		assertStartupFails(new String[] { model, "ai.observability.thresholds.models[0].latency-p99=-5s" },
				"ai.observability.thresholds.models[0].latency-p99", "PT-5S");
		assertStartupFails(new String[] { model, "ai.observability.thresholds.models[0].time-to-first-token-p95=0ms" },
				"ai.observability.thresholds.models[0].time-to-first-token-p95", "PT0S");
		assertStartupFails(new String[] { model, "ai.observability.thresholds.models[0].error-rate=0" },
				"ai.observability.thresholds.models[0].error-rate", "0.0");
		assertStartupFails(new String[] { model, "ai.observability.thresholds.models[0].error-rate=1.5" },
				"ai.observability.thresholds.models[0].error-rate", "1.5");
		assertStartupFails(new String[] { model, "ai.observability.thresholds.models[0].rate-limit-headroom=-0.1" },
				"ai.observability.thresholds.models[0].rate-limit-headroom", "-0.1");
		assertStartupFails(new String[] { model, "ai.observability.thresholds.models[0].rate-limit-headroom=1.2" },
				"ai.observability.thresholds.models[0].rate-limit-headroom", "1.2");
	}

	private void assertStartupFails(String property, String name, String value) {
		assertStartupFails(new String[] { property }, name, value);
	}

	private void assertStartupFails(String[] properties, String name, String value) {
		InvalidValue.assertStartupFails(this.contextRunner, properties, name, value);
	}

}

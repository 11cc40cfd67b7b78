package io.github.aiobservability.autoconfigure.thresholds;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

import io.github.aiobservability.metrics.Endpoint;
import io.github.aiobservability.metrics.HistogramBuckets;
import io.github.aiobservability.metrics.ModelMetrics;
import io.github.aiobservability.test.LogText;
import io.github.aiobservability.test.PrometheusScrape;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The {@code ai_api_threshold} gauges of the application and of the models with their own
 * thresholds, on real registries, fed by the call meters as calls would feed them.
 */
@ExtendWith(OutputCaptureExtension.class)
class ThresholdGaugesTests {

	private static final HistogramBuckets BUCKETS = new HistogramBuckets(List.of(Duration.ofSeconds(1)),
			List.of(Duration.ofSeconds(1)), List.of(Duration.ofSeconds(1)));

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void exportsAModelsOwnThresholdOnceItsLabelAppearsOnTheCallMeters() {
		ThresholdsProperties properties = new ThresholdsProperties();
		properties.getModels().add(model("o3-*", (entry) -> entry.setLatencyP99(Duration.ofSeconds(60))));
		ThresholdGauges gauges = new ThresholdGauges(properties, Tags.of("application", "checkout"));
		gauges.bindTo(this.registry);
		ModelMetrics metrics = metrics(this.registry, gauges);

		assertThat(modelThresholds(this.registry)).isEmpty();
		metrics.meters("o3-mini", "openai", Endpoint.CHAT, List.of());

		Gauge gauge = this.registry.get("ai.api.threshold").tags("model", "o3-mini").gauge();
		Tags tags = Tags.of("application", "checkout", "model", "o3-mini", "name", "latency_p99_seconds");
		assertThat(gauge.getId().getTags()).isEqualTo(tags.stream().toList());
		assertThat(gauge.value()).isEqualTo(60);
	}

	@Test
	void theFirstMatchingEntryWinsAndWhatItLeavesUnsetGetsNoGauge() {
		ThresholdsProperties properties = new ThresholdsProperties();
		properties.getModels().add(model("o3-*", (entry) -> entry.setLatencyP99(Duration.ofSeconds(60))));
		properties.getModels().add(model("o*", (entry) -> {
			entry.setLatencyP99(Duration.ofSeconds(30));
			entry.setErrorRate(0.2);
		}));
		ThresholdGauges gauges = new ThresholdGauges(properties, Tags.empty());
		gauges.bindTo(this.registry);
		ModelMetrics metrics = metrics(this.registry, gauges);

		metrics.meters("o3-mini", "openai", Endpoint.CHAT, List.of());
		metrics.inFlight("o1", "openai", Endpoint.CHAT_STREAM);

		// o3-mini matches both: the first sets no error rate, so the application's
		// applies.
		assertThat(modelThresholds(this.registry)).containsOnly(entry("o3-mini/latency_p99_seconds", 60.0),
				entry("o1/latency_p99_seconds", 30.0), entry("o1/error_rate", 0.2));
	}

	@Test
	void modelsThatMatchNoEntryAndPlaceholderLabelsKeepTheApplicationsThresholds() {
		ThresholdsProperties properties = new ThresholdsProperties();
		properties.getModels().add(model("*", (entry) -> entry.setRateLimitHeadroom(0.3)));
		properties.getModels().add(model("never-called", (entry) -> entry.setErrorRate(0.5)));
		ThresholdGauges gauges = new ThresholdGauges(properties, Tags.empty());
		gauges.bindTo(this.registry);
		ModelMetrics metrics = metrics(this.registry, gauges);

		metrics.meters("unknown", "openai", Endpoint.CHAT, List.of());
		metrics.meters("other", "openai", Endpoint.CHAT, List.of());
		metrics.meters("GPT-4o", "openai", Endpoint.CHAT, List.of());

		assertThat(modelThresholds(this.registry)).containsOnly(entry("GPT-4o/rate_limit_headroom", 0.3));
		assertThat(this.registry.find("ai.api.threshold").tag("model", "").gauges()).hasSize(11);
	}

	@Test
	void aModelSeenBeforeTheGaugesAreBoundGetsItsGaugesWhenTheyAre() {
		ThresholdsProperties properties = new ThresholdsProperties();
		properties.getModels().add(model("deepseek-reasoner", (entry) -> {
			entry.setTimeToFirstTokenP95(Duration.ofSeconds(20));
			entry.setLatencyP99(Duration.ofMillis(45_500));
		}));
		ThresholdGauges gauges = new ThresholdGauges(properties, Tags.empty());
		ModelMetrics metrics = metrics(this.registry, gauges);

		metrics.meters("deepseek-reasoner", "deepseek", Endpoint.CHAT_STREAM, List.of());
		assertThat(modelThresholds(this.registry)).isEmpty();
		gauges.bindTo(this.registry);

		assertThat(modelThresholds(this.registry)).containsOnly(
				entry("deepseek-reasoner/time_to_first_token_p95_seconds", 20.0),
				entry("deepseek-reasoner/latency_p99_seconds", 45.5));
	}

	@Test
	void aScrapeShowsTheApplicationsThresholdsWithAnEmptyModelNextToAModelsOwn() {
		PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		ThresholdsProperties properties = new ThresholdsProperties();
		properties.setLatencyP99(Duration.ofSeconds(8));
		properties.getModels().add(model("o3-mini", (entry) -> entry.setLatencyP99(Duration.ofSeconds(60))));
		ThresholdGauges gauges = new ThresholdGauges(properties, Tags.of("application", "checkout"));
		gauges.bindTo(prometheus);
		ModelMetrics metrics = metrics(prometheus, gauges);
		metrics.meters("o3-mini", "openai", Endpoint.CHAT, List.of());
		metrics.meters("gpt-4o-mini", "openai", Endpoint.CHAT, List.of());

		PrometheusScrape scrape = new PrometheusScrape(prometheus.scrape());

		assertThat(scrape.text()).contains(
				"ai_api_threshold{application=\"checkout\",model=\"\",name=\"latency_p99_seconds\"} 8.0",
				"ai_api_threshold{application=\"checkout\",model=\"o3-mini\",name=\"latency_p99_seconds\"} 60.0");
		assertThat(scrape.samples("ai_api_threshold")).hasSize(11 + 1);
		assertThat(scrape.samples("ai_api_threshold", "model", "")).hasSize(11);
		assertThat(scrape.samples("ai_api_threshold", "model", "gpt-4o-mini")).isEmpty();
	}

	@Test
	void aRegistryThatRefusesAModelsGaugesFailsNeitherTheCallNorTheOtherGauges(CapturedOutput output) {
		SimpleMeterRegistry refusing = new SimpleMeterRegistry() {
			@Override
			protected <T> Gauge newGauge(Meter.Id id, T obj, ToDoubleFunction<T> valueFunction) {
				if ("error_rate".equals(id.getTag("name")) && "o3-mini".equals(id.getTag("model"))) {
					throw new IllegalStateException("registry refuses " + id);
				}
				return super.newGauge(id, obj, valueFunction);
			}
		};
		ThresholdsProperties properties = new ThresholdsProperties();
		properties.getModels().add(model("o3-mini", (entry) -> {
			entry.setErrorRate(0.1);
			entry.setLatencyP99(Duration.ofSeconds(60));
		}));
		ThresholdGauges gauges = new ThresholdGauges(properties, Tags.empty());
		gauges.bindTo(refusing);
		ModelMetrics metrics = metrics(refusing, gauges);

		metrics.meters("o3-mini", "openai", Endpoint.CHAT, List.of());
		metrics.meters("o3-mini", "openai", Endpoint.CHAT_STREAM, List.of());

		assertThat(refusing.find("ai.api.requests").tag("model", "o3-mini").meters()).isNotEmpty();
		assertThat(modelThresholds(refusing)).containsOnly(entry("o3-mini/latency_p99_seconds", 60.0));
		assertThat(LogText.count(output.getAll(),
				"Could not register the per-model ai_api_threshold gauges [error_rate] of model 'o3-mini'"))
			.isEqualTo(1);
	}

	private static ModelMetrics metrics(MeterRegistry registry, ThresholdGauges gauges) {
		return new ModelMetrics(registry, Tags.empty(), List.of(), BUCKETS, 100, "ai.observability.max-label-sets",
				List.of(gauges));
	}

	private static ModelThresholdsProperties model(String model, Consumer<ModelThresholdsProperties> thresholds) {
		ModelThresholdsProperties entry = new ModelThresholdsProperties();
		entry.setModel(model);
		thresholds.accept(entry);
		return entry;
	}

	/**
	 * The gauges of models' own thresholds, as model/name to value.
	 */
	private static Map<String, Double> modelThresholds(MeterRegistry registry) {
		Map<String, Double> thresholds = new TreeMap<>();
		for (Gauge gauge : registry.find("ai.api.threshold").gauges()) {
			String model = gauge.getId().getTag("model");
			if (!model.isEmpty()) {
				thresholds.put(model + "/" + gauge.getId().getTag("name"), gauge.value());
			}
		}
		return thresholds;
	}

}

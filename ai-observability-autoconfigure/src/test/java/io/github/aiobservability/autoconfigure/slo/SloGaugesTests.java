package io.github.aiobservability.autoconfigure.slo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

import io.github.aiobservability.metrics.Endpoint;
import io.github.aiobservability.metrics.HistogramBuckets;
import io.github.aiobservability.metrics.ModelMetrics;
import io.github.aiobservability.test.LogText;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The {@code ai_api_slo_*} gauges on real registries, fed by the call meters as calls
 * would feed them.
 */
@ExtendWith(OutputCaptureExtension.class)
class SloGaugesTests {

	private static final List<Duration> BUCKETS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(10));

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void aModelGetsTheGaugesOfEveryObjectiveWhoseModelsMatchIt() {
		SloGauges gauges = new SloGauges(List.of(availability("calls", 0.995, "*"),
				latency("answers", 0.99, Duration.ofSeconds(10), "gpt-*", "o3-mini")), Tags.empty());
		gauges.bindTo(this.registry);
		ModelMetrics metrics = metrics(this.registry, gauges);

		metrics.meters("GPT-4o", "openai", Endpoint.CHAT, List.of());
		metrics.inFlight("o3-mini", "openai", Endpoint.CHAT_STREAM);
		metrics.meters("deepseek-chat", "deepseek", Endpoint.CHAT, List.of());

		assertThat(objectives(this.registry)).containsOnly(entry("GPT-4o/calls", 0.995), entry("GPT-4o/answers", 0.99),
				entry("o3-mini/calls", 0.995), entry("o3-mini/answers", 0.99), entry("deepseek-chat/calls", 0.995));
		assertThat(this.registry.find("ai.api.slo.threshold").gauges()).hasSize(2)
			.allSatisfy((gauge) -> assertThat(gauge.getId().getTag("le")).isEqualTo("10.0"));
		assertThat(this.registry.find("ai.api.slo.period").gauges()).hasSize(5)
			.allSatisfy((gauge) -> assertThat(gauge.value()).isEqualTo(30 * 86400));
	}

	@Test
	void theGaugesCarryTheStaticTagsAndTheLabelsTheRulesJoinOn() {
		SloGauges gauges = new SloGauges(List.of(latency("answers", 0.99, Duration.ofMillis(2500), "*")),
				Tags.of("application", "checkout"));
		gauges.bindTo(this.registry);
		metrics(this.registry, gauges).meters("gpt-4o", "openai", Endpoint.CHAT, List.of());

		Gauge threshold = this.registry.get("ai.api.slo.threshold").gauge();
		assertThat(threshold.getId().getTags()).isEqualTo(
				Tags.of("application", "checkout", "le", "2.5", "model", "gpt-4o", "sli", "latency", "slo", "answers")
					.stream()
					.toList());
		assertThat(threshold.value()).isEqualTo(2.5);
		assertThat(this.registry.get("ai.api.slo.objective").gauge().getId().getTags())
			.isEqualTo(Tags.of("application", "checkout", "model", "gpt-4o", "sli", "latency", "slo", "answers")
				.stream()
				.toList());
	}

	@Test
	void placeholderModelLabelsAreModelsLikeAnyOther() {
		SloGauges gauges = new SloGauges(List.of(availability("calls", 0.99, "*")), Tags.empty());
		gauges.bindTo(this.registry);
		ModelMetrics metrics = metrics(this.registry, gauges);

		metrics.meters("unknown", "openai", Endpoint.CHAT, List.of());
		metrics.meters("other", "openai", Endpoint.CHAT, List.of());

		assertThat(objectives(this.registry)).containsOnlyKeys("unknown/calls", "other/calls");
	}

	@Test
	void aModelSeenBeforeTheGaugesAreBoundGetsItsGaugesWhenTheyAre() {
		SloGauges gauges = new SloGauges(List.of(availability("calls", 0.999, "deepseek-*")), Tags.empty());
		ModelMetrics metrics = metrics(this.registry, gauges);

		metrics.meters("deepseek-reasoner", "deepseek", Endpoint.CHAT, List.of());
		assertThat(objectives(this.registry)).isEmpty();
		gauges.bindTo(this.registry);

		assertThat(objectives(this.registry)).containsOnly(entry("deepseek-reasoner/calls", 0.999));
	}

	@Test
	void aRegistryThatRefusesAnObjectivesGaugesFailsNeitherTheCallNorTheOtherObjectives(CapturedOutput output) {
		SimpleMeterRegistry refusing = new SimpleMeterRegistry() {
			@Override
			protected <T> Gauge newGauge(Meter.Id id, T obj, ToDoubleFunction<T> valueFunction) {
				if ("answers".equals(id.getTag("slo"))) {
					throw new IllegalStateException("registry refuses " + id);
				}
				return super.newGauge(id, obj, valueFunction);
			}
		};
		SloGauges gauges = new SloGauges(
				List.of(latency("answers", 0.99, Duration.ofSeconds(1), "*"), availability("calls", 0.995, "*")),
				Tags.empty());
		gauges.bindTo(refusing);
		ModelMetrics metrics = metrics(refusing, gauges);

		metrics.meters("gpt-4o", "openai", Endpoint.CHAT, List.of());
		metrics.meters("gpt-4o", "openai", Endpoint.CHAT_STREAM, List.of());

		assertThat(refusing.find("ai.api.requests").tag("model", "gpt-4o").meters()).isNotEmpty();
		assertThat(objectives(refusing)).containsOnly(entry("gpt-4o/calls", 0.995));
		assertThat(LogText.count(output.getAll(),
				"Could not register the ai_api_slo_* gauges of objective 'answers' for model 'gpt-4o'"))
			.isEqualTo(1);
	}

	@Test
	void leIsTheBoundInSecondsAsJavaPrintsADouble() {
		assertThat(SloGauges.le(Duration.ofSeconds(10))).isEqualTo("10.0");
		assertThat(SloGauges.le(Duration.ofMillis(250))).isEqualTo("0.25");
		assertThat(SloGauges.le(Duration.ofMinutes(2))).isEqualTo("120.0");
	}

	private static ModelMetrics metrics(MeterRegistry registry, SloGauges gauges) {
		return new ModelMetrics(registry, Tags.empty(), List.of(), new HistogramBuckets(BUCKETS, BUCKETS, BUCKETS), 100,
				"ai.observability.max-label-sets", List.of(gauges));
	}

	private static SloProperties availability(String name, double objective, String... models) {
		SloProperties slo = new SloProperties();
		slo.setName(name);
		slo.setSli(SloProperties.Sli.AVAILABILITY);
		slo.setObjective(objective);
		slo.setModels(List.of(models));
		return slo;
	}

	private static SloProperties latency(String name, double objective, Duration threshold, String... models) {
		SloProperties slo = availability(name, objective, models);
		slo.setSli(SloProperties.Sli.LATENCY);
		slo.setThreshold(threshold);
		return slo;
	}

	/** The objective gauges, as model/slo to value. */
	private static Map<String, Double> objectives(MeterRegistry registry) {
		Map<String, Double> objectives = new TreeMap<>();
		for (Gauge gauge : registry.find("ai.api.slo.objective").gauges()) {
			objectives.put(gauge.getId().getTag("model") + "/" + gauge.getId().getTag("slo"), gauge.value());
		}
		return objectives;
	}

}

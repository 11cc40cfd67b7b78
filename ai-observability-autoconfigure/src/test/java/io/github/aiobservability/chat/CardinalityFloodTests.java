package io.github.aiobservability.chat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.aiobservability.test.InMemoryChatModel;
import io.github.aiobservability.test.LogText;
import io.github.aiobservability.test.StarterFixture;
import io.micrometer.core.instrument.Meter;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 100,000 distinct tenants and 10,000 distinct model names: the series stay bounded by
 * the caps and each cap warns once.
 */
@ExtendWith(OutputCaptureExtension.class)
class CardinalityFloodTests {

	private static final int CAP = 100;

	private String tenant = "";

	private String feature = "";

	@Test
	void aFloodOfTenantsAndModelsStaysWithinTheCaps(CapturedOutput output) {
		PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig()
			.observationHandler(
					StarterFixture.handler(meters, List.of("tenant"), (prompt) -> Map.of("tenant", this.tenant), CAP));
		InMemoryChatModel model = new InMemoryChatModel(observations, 10);

		for (int i = 0; i < 100_000; i++) {
			this.tenant = "tenant-" + i;
			model.call(new Prompt("hi", ChatOptions.builder().model("model-" + (i % 10_000)).build()));
		}

		Set<String> tenants = new HashSet<>();
		Set<String> models = new HashSet<>();
		double requests = 0;
		for (Meter meter : meters.find("ai.api.requests").meters()) {
			tenants.add(meter.getId().getTag("tenant"));
			models.add(meter.getId().getTag("model"));
			requests += meters.get("ai.api.requests").tags(meter.getId().getTags()).counter().count();
		}
		assertThat(requests).isEqualTo(100_000);
		assertThat(tenants).hasSize(CAP + 1).contains("other");
		assertThat(models).hasSize(CAP + 1).contains("other");
		// The first 100 calls pair a new model with a new tenant; then (other, other);
		// once the model names wrap around, each of the 100 kept models with tenant
		// other: 201 label sets, each with its ten pre-created outcomes, not 100,000.
		assertThat(meters.find("ai.api.requests").meters()).hasSize((2 * CAP + 1) * 10);
		assertThat(meters.getMeters()).hasSizeLessThan(5_000);
		assertThat(meters.scrape().length()).isLessThan(5_000_000);
		assertThat(LogText.count(output.getAll(), "Label 'tenant' reached its cap")).isEqualTo(1);
		assertThat(LogText.count(output.getAll(), "Label 'model' reached its cap")).isEqualTo(1);
		assertThat(LogText.count(output.getAll(), "has no price")).isLessThanOrEqualTo(CAP + 1);
	}

	@Test
	void combinationsOfTagsWithinTheirCapsStopAtTheLabelSetCap(CapturedOutput output) {
		PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig()
			.observationHandler(StarterFixture.handler(meters, List.of("tenant", "feature"),
					(prompt) -> Map.of("tenant", this.tenant, "feature", this.feature), CAP));
		InMemoryChatModel model = new InMemoryChatModel(observations, 10);
		List<String> modelNames = List.of("gpt-4o-mini", "gpt-4o", "deepseek-chat");

		// Each value stays within its own cap of 100, yet the 30,000 calls are 30,000
		// distinct (model, tenant, feature) combinations.
		for (int i = 0; i < 30_000; i++) {
			this.tenant = "tenant-" + (i % 100);
			this.feature = "feature-" + (i / 100 % 100);
			model.call(new Prompt("hi", ChatOptions.builder().model(modelNames.get(i % 3)).build()));
		}

		Set<List<String>> labelSets = new HashSet<>();
		double requests = 0;
		double overflowRequests = 0;
		for (Meter meter : meters.find("ai.api.requests").meters()) {
			Meter.Id id = meter.getId();
			labelSets.add(List.of(id.getTag("model"), id.getTag("tenant"), id.getTag("feature")));
			double count = meters.get("ai.api.requests").tags(id.getTags()).counter().count();
			requests += count;
			if ("other".equals(id.getTag("tenant"))) {
				assertThat(id.getTag("feature")).isEqualTo("other");
				overflowRequests += count;
			}
		}
		assertThat(requests).isEqualTo(30_000);
		// 1,000 label sets admitted, then one overflow set per model keeps the model.
		assertThat(labelSets).hasSize(StarterFixture.MAX_LABEL_SETS + modelNames.size());
		assertThat(overflowRequests).isEqualTo(30_000 - StarterFixture.MAX_LABEL_SETS);
		assertThat(meters.get("ai.token.usage.input")
			.tag("tenant", "other")
			.tag("model", "deepseek-chat")
			.counter()
			.count()).isPositive();
		assertThat(LogText.count(output.getAll(), "ai.observability.max-label-sets")).isEqualTo(1);
	}

}

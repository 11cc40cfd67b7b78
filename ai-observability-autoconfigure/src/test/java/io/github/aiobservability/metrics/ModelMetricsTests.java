package io.github.aiobservability.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.aiobservability.test.LogText;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ModelMetricsTests {

	private static final HistogramBuckets BUCKETS = new HistogramBuckets(List.of(Duration.ofSeconds(1)),
			List.of(Duration.ofSeconds(1)), List.of(Duration.ofSeconds(1)));

	private static final String MAX_LABEL_SETS = "ai.observability.max-label-sets";

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void reusesTheMetersOfALabelSet() {
		ModelMetrics metrics = metrics(10);

		LabelSetMeters first = metrics.meters("gpt-4o", "openai", Endpoint.CHAT, List.of("acme"));

		assertThat(metrics.meters("gpt-4o", "openai", Endpoint.CHAT, List.of("acme"))).isSameAs(first);
		assertThat(metrics.meters("gpt-4o", "openai", Endpoint.CHAT_STREAM, List.of("acme"))).isNotSameAs(first);
	}

	@Test
	void foldsRequestTagsIntoOtherPastTheLabelSetCapAndKeepsTheModel(CapturedOutput output) {
		ModelMetrics metrics = metrics(2);
		LabelSetMeters acme = metrics.meters("gpt-4o", "openai", Endpoint.CHAT, List.of("acme"));
		metrics.meters("gpt-4o", "openai", Endpoint.CHAT, List.of("globex"));

		LabelSetMeters initech = metrics.meters("gpt-4o", "openai", Endpoint.CHAT, List.of("initech"));
		LabelSetMeters umbrella = metrics.meters("gpt-4o", "openai", Endpoint.CHAT, List.of("umbrella"));
		metrics.meters("deepseek-chat", "deepseek", Endpoint.CHAT, List.of("acme")).recordOutcome(CallOutcome.NONE, 1);

		assertThat(metrics.meters("gpt-4o", "openai", Endpoint.CHAT, List.of("acme"))).isSameAs(acme);
		assertThat(umbrella).isSameAs(initech);
		assertThat(this.registry.get("ai.api.requests")
			.tags("model", "deepseek-chat", "provider", "deepseek", "tenant", "other", "error_type", "none")
			.counter()
			.count()).isEqualTo(1);
		assertThat(labelSets()).containsExactlyInAnyOrder(List.of("gpt-4o", "acme"), List.of("gpt-4o", "globex"),
				List.of("gpt-4o", "other"), List.of("deepseek-chat", "other"));
		assertThat(LogText.count(output.getAll(), "Raise " + MAX_LABEL_SETS + " if these combinations are expected"))
			.isEqualTo(1);
	}

	@Test
	void admitsExactlyTheCapOfLabelSetsUnderConcurrency() throws Exception {
		ModelMetrics metrics = metrics(100);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		List<Future<?>> workers = new ArrayList<>();
		for (int thread = 0; thread < 8; thread++) {
			int offset = thread;
			workers.add(pool.submit(() -> {
				for (int i = 0; i < 1_000; i++) {
					metrics.meters("gpt-4o", "openai", Endpoint.CHAT, List.of("tenant-" + (i * 8 + offset)));
				}
			}));
		}
		for (Future<?> worker : workers) {
			worker.get(30, TimeUnit.SECONDS);
		}
		pool.shutdown();

		Set<List<String>> labelSets = labelSets();
		assertThat(labelSets).hasSize(100 + 1).contains(List.of("gpt-4o", "other"));
	}

	@Test
	void aLabelSetThatFailsToRegisterPartWayStillUsesItsSlot() {
		// Refuses a meter registered after the ten request counters, so each failed label
		// set leaves those behind: the cap must bound them too.
		SimpleMeterRegistry refusing = new SimpleMeterRegistry() {
			@Override
			protected Counter newCounter(Meter.Id id) {
				if (id.getName().equals("ai.token.usage.input") && id.getTag("tenant").startsWith("bad-")) {
					throw new IllegalStateException("registry refuses " + id);
				}
				return super.newCounter(id);
			}
		};
		ModelMetrics metrics = new ModelMetrics(refusing, Tags.empty(), List.of("tenant"), BUCKETS, 3, MAX_LABEL_SETS,
				List.of());
		int failures = 0;
		for (int i = 0; i < 100; i++) {
			try {
				metrics.meters("gpt-4o", "openai", Endpoint.CHAT, List.of("bad-" + i));
			}
			catch (IllegalStateException ex) {
				failures++;
			}
		}

		assertThat(failures).isEqualTo(3);
		assertThat(refusing.find("ai.api.requests").meters()).extracting((meter) -> meter.getId().getTag("tenant"))
			.containsOnly("bad-0", "bad-1", "bad-2", "other");
	}

	@Test
	void neverFoldsWhenThereAreNoRequestTags(CapturedOutput output) {
		ModelMetrics metrics = new ModelMetrics(this.registry, Tags.empty(), List.of(), BUCKETS, 1, MAX_LABEL_SETS,
				List.of());

		LabelSetMeters first = metrics.meters("gpt-4o", "openai", Endpoint.CHAT, List.of());
		LabelSetMeters second = metrics.meters("deepseek-chat", "deepseek", Endpoint.CHAT, List.of());

		assertThat(second).isNotSameAs(first);
		assertThat(this.registry.find("ai.api.requests").tag("model", "deepseek-chat").meters()).isNotEmpty();
		assertThat(output.getAll()).doesNotContain("max-label-sets");
	}

	@Test
	void tellsTheListenersOfEachModelLabelOnceWhenItFirstGetsMeters() {
		List<String> heard = new ArrayList<>();
		ModelMetrics metrics = new ModelMetrics(this.registry, Tags.empty(), List.of("tenant"), BUCKETS, 10,
				MAX_LABEL_SETS, List.of(heard::add));

		metrics.inFlight("o3-mini", "openai", Endpoint.CHAT);
		metrics.meters("o3-mini", "openai", Endpoint.CHAT, List.of("acme"));
		metrics.meters("o3-mini", "openai", Endpoint.CHAT_STREAM, List.of("globex"));
		metrics.meters("gpt-4o", "openai", Endpoint.CHAT, List.of("acme"));
		for (int i = 0; i < 3; i++) {
			metrics.inFlight("o3-mini", "openai", Endpoint.CHAT);
			metrics.meters("gpt-4o", "openai", Endpoint.CHAT, List.of("acme"));
		}

		assertThat(heard).containsExactly("o3-mini", "gpt-4o");
	}

	@Test
	void aListenerThatThrowsFailsNeitherTheCallNorTheOtherListeners(CapturedOutput output) {
		List<String> heard = new ArrayList<>();
		ModelMetrics metrics = new ModelMetrics(this.registry, Tags.empty(), List.of(), BUCKETS, 10, MAX_LABEL_SETS,
				List.of((model) -> {
					throw new IllegalStateException("listener fails");
				}, heard::add));

		LabelSetMeters meters = metrics.meters("o3-mini", "openai", Endpoint.CHAT, List.of());
		meters.recordOutcome(CallOutcome.NONE, 1);
		metrics.meters("gpt-4o", "openai", Endpoint.CHAT, List.of());

		Counter successes = this.registry.get("ai.api.requests")
			.tags("model", "o3-mini", "error_type", "none")
			.counter();
		assertThat(successes.count()).isEqualTo(1);
		assertThat(heard).containsExactly("o3-mini", "gpt-4o");
		assertThat(output.getAll().split("failed for model", -1)).hasSize(2);
	}

	private ModelMetrics metrics(int maxLabelSets) {
		return new ModelMetrics(this.registry, Tags.empty(), List.of("tenant"), BUCKETS, maxLabelSets, MAX_LABEL_SETS,
				List.of());
	}

	private Set<List<String>> labelSets() {
		Set<List<String>> labelSets = new HashSet<>();
		for (Meter meter : this.registry.find("ai.api.requests").meters()) {
			labelSets.add(List.of(meter.getId().getTag("model"), meter.getId().getTag("tenant")));
		}
		return labelSets;
	}

}

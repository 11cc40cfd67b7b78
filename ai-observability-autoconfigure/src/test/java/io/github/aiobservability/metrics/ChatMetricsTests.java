package io.github.aiobservability.metrics;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChatMetricsTests {

	private static final List<Duration> BUCKETS = List.of(Duration.ofSeconds(1));

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void reusesTheMetersOfALabelSet() {
		ChatMetrics metrics = metrics(10);

		CallMeters first = metrics.meters("gpt-4o", "openai", Endpoint.CHAT, List.of("acme"));

		assertThat(metrics.meters("gpt-4o", "openai", Endpoint.CHAT, List.of("acme"))).isSameAs(first);
		assertThat(metrics.meters("gpt-4o", "openai", Endpoint.CHAT_STREAM, List.of("acme"))).isNotSameAs(first);
	}

	@Test
	void foldsRequestTagsIntoOtherPastTheLabelSetCapAndKeepsTheModel() {
		ChatMetrics metrics = metrics(2);
		CallMeters acme = metrics.meters("gpt-4o", "openai", Endpoint.CHAT, List.of("acme"));
		metrics.meters("gpt-4o", "openai", Endpoint.CHAT, List.of("globex"));

		CallMeters initech = metrics.meters("gpt-4o", "openai", Endpoint.CHAT, List.of("initech"));
		CallMeters umbrella = metrics.meters("gpt-4o", "openai", Endpoint.CHAT, List.of("umbrella"));
		metrics.meters("deepseek-chat", "deepseek", Endpoint.CHAT, List.of("acme")).recordOutcome(ErrorType.NONE, 1);

		assertThat(metrics.meters("gpt-4o", "openai", Endpoint.CHAT, List.of("acme"))).isSameAs(acme);
		assertThat(umbrella).isSameAs(initech);
		assertThat(this.registry.get("ai.api.requests")
			.tags("model", "deepseek-chat", "provider", "deepseek", "tenant", "other", "error_type", "none")
			.counter()
			.count()).isEqualTo(1);
		assertThat(labelSets()).containsExactlyInAnyOrder(List.of("gpt-4o", "acme"), List.of("gpt-4o", "globex"),
				List.of("gpt-4o", "other"), List.of("deepseek-chat", "other"));
	}

	@Test
	void admitsExactlyTheCapOfLabelSetsUnderConcurrency() throws InterruptedException {
		ChatMetrics metrics = metrics(100);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		for (int thread = 0; thread < 8; thread++) {
			int offset = thread;
			pool.execute(() -> {
				for (int i = 0; i < 1_000; i++) {
					metrics.meters("gpt-4o", "openai", Endpoint.CHAT, List.of("tenant-" + (i * 8 + offset)));
				}
			});
		}
		pool.shutdown();
		assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

		Set<List<String>> labelSets = labelSets();
		assertThat(labelSets).hasSize(100 + 1).contains(List.of("gpt-4o", "other"));
	}

	private ChatMetrics metrics(int maxLabelSets) {
		return new ChatMetrics(this.registry, Tags.empty(), List.of("tenant"), BUCKETS, BUCKETS, "USD", maxLabelSets);
	}

	private Set<List<String>> labelSets() {
		Set<List<String>> labelSets = new HashSet<>();
		for (Meter meter : this.registry.find("ai.api.requests").meters()) {
			labelSets.add(List.of(meter.getId().getTag("model"), meter.getId().getTag("tenant")));
		}
		return labelSets;
	}

}

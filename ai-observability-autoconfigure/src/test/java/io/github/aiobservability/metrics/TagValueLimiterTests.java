package io.github.aiobservability.metrics;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TagValueLimiterTests {

	@Test
	void keepsValuesUpToTheCapThenRecordsOther() {
		TagValueLimiter limiter = new TagValueLimiter("tenant", 2, "ai.observability.max-tag-values");

		assertThat(limiter.limit("acme")).isEqualTo("acme");
		assertThat(limiter.limit("globex")).isEqualTo("globex");
		assertThat(limiter.limit("initech")).isEqualTo("other");
		assertThat(limiter.limit("acme")).isEqualTo("acme");
	}

	@Test
	void placeholdersNeverUseASlot() {
		TagValueLimiter limiter = new TagValueLimiter("tenant", 1, "ai.observability.max-tag-values");

		assertThat(limiter.limit("none")).isEqualTo("none");
		assertThat(limiter.limit("unknown")).isEqualTo("unknown");
		assertThat(limiter.limit("acme")).isEqualTo("acme");
	}

	@Test
	void holdsTheCapExactlyUnderConcurrency() throws InterruptedException {
		TagValueLimiter limiter = new TagValueLimiter("tenant", 100, "ai.observability.max-tag-values");
		Set<String> recorded = java.util.concurrent.ConcurrentHashMap.newKeySet();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		for (int thread = 0; thread < 8; thread++) {
			int offset = thread;
			pool.execute(() -> {
				for (int i = 0; i < 10_000; i++) {
					recorded.add(limiter.limit("tenant-" + (i * 8 + offset)));
				}
			});
		}
		pool.shutdown();
		assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

		Set<String> kept = new HashSet<>(recorded);
		kept.remove("other");
		assertThat(kept).hasSize(100);
		assertThat(recorded).contains("other");
	}

}

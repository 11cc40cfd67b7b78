package io.github.aiobservability.budget;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.aiobservability.test.FakeOpenAiServer;
import io.github.aiobservability.test.RedisCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.github.aiobservability.budget.RedisBudgetApp.CALL_USD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Budgets shared through a Redis Cluster of three masters (real {@code redis-server}
 * processes joined by {@code redis-cli --cluster create}), configured only through Spring
 * Boot's {@code spring.data.redis.cluster.nodes}: the store works as with one server,
 * since the key prefix's hash tag puts all of an application's keys, write identities
 * included, in one slot.
 */
class RedisClusterBudgetTests {

	private static final FakeOpenAiServer openAi = FakeOpenAiServer.startOnLoopback();

	private final List<RedisBudgetApp> apps = new ArrayList<>();

	private RedisCluster cluster;

	@AfterEach
	void stopEverything() {
		this.apps.forEach(RedisBudgetApp::close);
		if (this.cluster != null) {
			this.cluster.close();
		}
	}

	@AfterAll
	static void stopProvider() {
		openAi.close();
	}

	@Test
	void twoInstancesHoldConcurrentCallsToOneSharedSpendExactly() {
		this.cluster = RedisCluster.startOnLoopback(3);
		RedisBudgetApp a = start();
		RedisBudgetApp b = start();
		List<RedisBudgetApp> threads = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			threads.add(a);
			threads.add(b);
		}

		for (String tenant : List.of("initech", "globex")) {
			int calls = Load.untilRejected(threads, tenant);
			double spent = shared(tenant);
			assertThat(spent).as(tenant).isGreaterThanOrEqualTo(0.5).isLessThan(0.5 + threads.size() * CALL_USD);
			assertThat(spent).as(tenant + ": every call let through, once").isCloseTo(calls * CALL_USD, within(1e-9));
			assertThat(a.cost(tenant) + b.cost(tenant)).as(tenant + ": what the instances recorded")
				.isCloseTo(spent, within(1e-9));
			a.rejects(tenant);
			b.rejects(tenant);
		}
		assertThat(a.storeFailures()).isZero();
		assertThat(b.storeFailures()).isZero();

		Map<Integer, Map<String, String>> keys = this.cluster.keysByNode("{ai-observability}:*");
		assertThat(keys.values()).as("nodes holding the application's keys")
			.filteredOn((held) -> !held.isEmpty())
			.singleElement()
			.satisfies((held) -> assertThat(held.keySet()).anyMatch((key) -> key.contains("#write:"))
				.anyMatch((key) -> key.startsWith(RedisBudgetApp.KEYS + "initech:")));
	}

	/** The tenant's spend of today as the cluster holds it, read from every node. */
	private double shared(String tenant) {
		List<String> values = new ArrayList<>();
		this.cluster.keysByNode(RedisBudgetApp.KEYS + tenant + ":*")
			.values()
			.forEach((held) -> values.addAll(held.values()));
		assertThat(values).as("keys of " + tenant).hasSizeLessThanOrEqualTo(1);
		return values.isEmpty() ? 0 : Double.parseDouble(values.get(0));
	}

	private RedisBudgetApp start() {
		RedisBudgetApp app = RedisBudgetApp.start(openAi, "0.50",
				List.of("spring.data.redis.cluster.nodes=" + this.cluster.nodeAddresses()));
		this.apps.add(app);
		return app;
	}

}

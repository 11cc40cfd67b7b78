package io.github.aiobservability.budget;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.aiobservability.test.FakeOpenAiServer;
import io.github.aiobservability.test.RedisSentinels;
import io.github.aiobservability.test.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.github.aiobservability.budget.RedisBudgetApp.CALL_USD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Budgets shared through a Redis watched by Sentinels (a master, its replica, three
 * Sentinels, each a real {@code redis-server}), configured only through Spring Boot's
 * {@code spring.data.redis.sentinel.*}. Two instances call under load while the master is
 * killed: the Sentinels promote the replica, the calls go on, and the instances write
 * what they kept to the new master.
 * <p>
 * Redis replicates asynchronously: a write the master answered but had not yet sent to
 * its replica when it died is lost with it, and the instance that sent it has no way to
 * know. That is the documented bound: the writes of the moment before the master died, at
 * most one per calling thread, since each thread waits for its write's answer before its
 * next call and the master sends a write to its replica as it answers it. Nothing is
 * counted twice: a write sent again after the failover finds its identity on the new
 * master if the replica had it.
 */
class RedisSentinelBudgetTests {

	private static final FakeOpenAiServer openAi = FakeOpenAiServer.startOnLoopback();

	private static final int THREADS_PER_INSTANCE = 8;

	private final List<RedisBudgetApp> apps = new ArrayList<>();

	private RedisSentinels sentinels;

	@AfterEach
	void stopEverything() {
		this.apps.forEach(RedisBudgetApp::close);
		if (this.sentinels != null) {
			this.sentinels.close();
		}
	}

	@AfterAll
	static void stopProvider() {
		openAi.close();
	}

	@Test
	void callsGoOnThroughAFailoverAndTheSpendLostStaysWithinOneCallPerThread() {
		this.sentinels = RedisSentinels.startOnLoopback(Duration.ofSeconds(1));
		start();
		start();
		List<String> tenants = List.of("failover-a", "failover-b", "failover-c", "failover-d");
		RedisServer replica = this.sentinels.replica();

		Load load = Load.start(this.apps, THREADS_PER_INSTANCE, tenants);
		long failedOverAfter;
		try {
			load.awaitMoreCalls(200);
			this.sentinels.master().kill();
			long killed = System.nanoTime();
			await("the Sentinels promote the replica").atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> this.sentinels.masterPort() == replica.port());
			failedOverAfter = Duration.ofNanos(System.nanoTime() - killed).toMillis();
			load.awaitMoreCalls(200);
		}
		finally {
			load.stop();
		}
		assertThat(load.failures()).as("calls that failed").isEmpty();
		await("the instances wrote what they kept to the new master").atMost(Duration.ofSeconds(60))
			.until(() -> this.apps.stream().noneMatch((app) -> app.store().waiting()));

		double recorded = 0;
		double inRedis = 0;
		for (String tenant : tenants) {
			double tenantRecorded = this.apps.stream().mapToDouble((app) -> app.cost(tenant)).sum();
			double tenantInRedis = RedisBudgetApp.spend(replica, tenant);
			assertThat(tenantInRedis).as(tenant + ": nothing counted twice").isLessThan(tenantRecorded + 1e-9);
			recorded += tenantRecorded;
			inRedis += tenantInRedis;
		}
		int threads = this.apps.size() * THREADS_PER_INSTANCE;
		assertThat(recorded - inRedis).as("spend lost with the master").isLessThan(threads * CALL_USD + 1e-9);
		System.out
			.println("Redis failover under load, 2 instances x " + THREADS_PER_INSTANCE + " threads: " + load.calls()
					+ " calls, replica promoted " + failedOverAfter + " ms after the master died, " + "longest call "
					+ load.longest().toMillis() + " ms, recorded %.3f USD, in Redis %.3f USD, lost %d calls"
						.formatted(recorded, inRedis, Math.round((recorded - inRedis) / CALL_USD)));
	}

	private void start() {
		this.apps.add(RedisBudgetApp.start(openAi, "1000",
				List.of("spring.data.redis.sentinel.master=" + RedisSentinels.MASTER,
						"spring.data.redis.sentinel.nodes=" + this.sentinels.sentinelAddresses())));
	}

}

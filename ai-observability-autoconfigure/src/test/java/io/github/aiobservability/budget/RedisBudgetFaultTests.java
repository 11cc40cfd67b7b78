package io.github.aiobservability.budget;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.aiobservability.test.FakeOpenAiServer;
import io.github.aiobservability.test.LogText;
import io.github.aiobservability.test.RedisServer;
import io.github.aiobservability.test.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.github.aiobservability.budget.RedisBudgetApp.BUDGET;
import static io.github.aiobservability.budget.RedisBudgetApp.CALL_USD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Every cost reaches Redis once, whatever fails: two instances of an application (each
 * its own context, Spring AI's real OpenAI client, 8 calling threads) share a tenant
 * budget through a real {@code redis-server} reached through a TCP proxy the test
 * controls, while the test kills Redis and restarts it, hangs it, and stalls the
 * connection. After each fault, once the instances wrote what they kept, each tenant's
 * spend in Redis equals the sum of what both recorded in {@code ai_api_cost_total},
 * exactly, and no call failed.
 * <p>
 * Redis runs with an append-only file fsynced at every write: a killed Redis loses
 * nothing it answered, so exactness is what a restart must keep. Without persistence a
 * restarted Redis holds only what was written after the restart, which no instance can
 * restore: instances keep what Redis has not taken, not what it has.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisBudgetFaultTests {

	private static final FakeOpenAiServer openAi = FakeOpenAiServer.startOnLoopback();

	private static final int THREADS_PER_INSTANCE = 8;

	/** Far above what the tests spend: no call is refused. */
	private static final String NO_LIMIT = "1000";

	private final List<RedisBudgetApp> apps = new ArrayList<>();

	private RedisServer redis;

	private TcpProxy proxy;

	@AfterEach
	void stopEverything() {
		this.apps.forEach(RedisBudgetApp::close);
		if (this.proxy != null) {
			this.proxy.close();
		}
		if (this.redis != null) {
			this.redis.close();
		}
	}

	@AfterAll
	static void stopProvider() {
		openAi.close();
	}

	@Test
	void everyTenantsSpendIsExactAfterRedisIsKilledHungAndStalledUnderLoad() {
		this.redis = RedisServer.startOnLoopback("--appendonly", "yes", "--appendfsync", "always");
		this.proxy = TcpProxy.to(this.redis.port());
		RedisBudgetApp a = start(RedisBudgetApp.standalone(this.proxy.port()));
		RedisBudgetApp b = start(RedisBudgetApp.standalone(this.proxy.port()));
		List<String> figures = new ArrayList<>();

		figures.add(underLoad("killed (SIGKILL) and restarted on its append-only file", "kill", this.redis::kill,
				this.redis::start));
		figures.add(underLoad("hung (SIGSTOP, then SIGCONT)", "hang", this.redis::pause, this.redis::resume));
		figures.add(underLoad("connection stalled both ways by a TCP proxy", "stall", this.proxy::stall,
				this.proxy::resume));

		System.out.println("Redis faults under load, 2 instances x " + THREADS_PER_INSTANCE + " threads:\n"
				+ "| Fault | Calls | Longest call | Recorded (USD) | In Redis (USD) | Writes sent again | Found applied |\n"
				+ String.join("\n", figures));
	}

	@Test
	void aWriteSentAgainAfterItsAnswerStalledIsAppliedOnce() {
		this.redis = RedisServer.startOnLoopback();
		this.proxy = TcpProxy.to(this.redis.port());
		RedisBudgetApp a = start(RedisBudgetApp.standalone(this.proxy.port()));
		String tenant = "initech";
		a.chat(tenant);
		RedisBudgetStore store = a.store();

		// Redis takes the write and adds it; its answer never comes in time, so the
		// store sends the same write again.
		this.proxy.stallReplies();
		try {
			a.enforcer().costRecorded(List.of(tenant), CALL_USD);
			await().atMost(Duration.ofSeconds(30)).until(() -> store.resent() >= 1);
		}
		finally {
			this.proxy.resume();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> !store.waiting());

		assertThat(store.duplicates()).as("writes Redis found it had applied").isPositive();
		assertThat(shared(tenant)).isCloseTo(2 * CALL_USD, within(1e-9));
	}

	@Test
	void spendKeptDuringAnOutageIsWrittenWhenRedisAnswersWithoutAnotherCall() {
		this.redis = RedisServer.startOnLoopback();
		RedisBudgetApp a = start(RedisBudgetApp.standalone(this.redis.port()));
		String tenant = "globex";
		a.chat(tenant);

		this.redis.stop();
		a.chat(tenant);
		a.chat(tenant);
		assertThat(a.store().waiting()).isTrue();
		this.redis.start();

		await().atMost(Duration.ofSeconds(30)).until(() -> !a.store().waiting());
		assertThat(shared(tenant)).isCloseTo(3 * CALL_USD, within(1e-9));
		assertThat(shared(tenant)).isCloseTo(a.cost(tenant), within(1e-9));
	}

	@Test
	void aGracefulShutdownWaitsForRedisToTakeTheSpendKeptDuringAnOutage() throws Exception {
		this.redis = RedisServer.startOnLoopback();
		RedisBudgetApp a = start(RedisBudgetApp.standalone(this.redis.port()),
				"ai.observability.budgets.redis-shutdown-timeout=60s");
		String tenant = "hooli";
		a.chat(tenant);
		this.redis.stop();
		a.chat(tenant);
		a.chat(tenant);
		RedisBudgetStore store = a.store();

		CompletableFuture<Void> closed = CompletableFuture.runAsync(a::close);
		await().atMost(Duration.ofSeconds(30)).until(store::stopping);
		assertThat(closed).as("the shutdown waits for Redis").isNotDone();
		this.redis.start();
		closed.get(60, TimeUnit.SECONDS);

		// Read when the close returned: the shutdown waited until Redis had it.
		assertThat(shared(tenant)).isCloseTo(3 * CALL_USD, within(1e-9));
		assertThat(store.dropped(BUDGET)).isZero();
	}

	@Test
	void spendThatCannotReachRedisBeforeShutdownIsCountedAndLogged(CapturedOutput output) {
		this.redis = RedisServer.startOnLoopback();
		RedisBudgetApp a = start(RedisBudgetApp.standalone(this.redis.port()),
				"ai.observability.budgets.redis-shutdown-timeout=1s");
		String tenant = "umbrella";
		a.chat(tenant);
		this.redis.stop();
		a.chat(tenant);
		a.chat(tenant);
		RedisBudgetStore store = a.store();
		assertThat(a.dropped()).isZero();

		a.close();

		assertThat(store.dropped(BUDGET)).isCloseTo(2 * CALL_USD, within(1e-9));
		assertThat(LogText.count(output.getAll(), "could not add spend of")).isEqualTo(1);
		assertThat(output.getAll()).contains("ai.observability.budgets.redis-shutdown-timeout",
				"ai_budget_spend_dropped_total");
		this.redis.start();
		assertThat(shared(tenant)).isCloseTo(CALL_USD, within(1e-9));
	}

	@Test
	void spendBeyondTheBacklogLimitIsDroppedCountedAndLogged(CapturedOutput output) {
		this.redis = RedisServer.startOnLoopback();
		RedisBudgetApp a = start(RedisBudgetApp.standalone(this.redis.port()),
				"ai.observability.budgets.redis-backlog-limit=2");
		List<String> tenants = List.of("wayne", "stark", "tyrell", "cyberdyne");
		a.chat("acme");

		this.redis.stop();
		tenants.forEach(a::chat);
		assertThat(a.dropped()).as("spend of the keys beyond the first two").isCloseTo(2 * CALL_USD, within(1e-9));
		assertThat(LogText.count(output.getAll(), "keeps the spend of at most 2 keys")).isEqualTo(1);
		this.redis.start();

		await().atMost(Duration.ofSeconds(30)).until(() -> !a.store().waiting());
		assertThat(shared("wayne")).isCloseTo(CALL_USD, within(1e-9));
		assertThat(shared("stark")).isCloseTo(CALL_USD, within(1e-9));
		assertThat(shared("tyrell")).isZero();
		assertThat(shared("cyberdyne")).isZero();
		double inRedis = tenants.stream().mapToDouble(this::shared).sum();
		double recorded = tenants.stream().mapToDouble(a::cost).sum();
		assertThat(inRedis + a.dropped()).as("in Redis or counted as dropped").isCloseTo(recorded, within(1e-9));
	}

	/**
	 * Runs the load on a few tenants of its own, injects a fault until every instance
	 * noticed it (so it lasts longer than the 250ms timeout), ends it, and checks every
	 * tenant once the load ended and the instances wrote what they kept.
	 * @return the figures, as a Markdown table row
	 */
	private String underLoad(String fault, String name, Runnable inject, Runnable end) {
		List<String> tenants = List.of(name + "-a", name + "-b", name + "-c", name + "-d");
		long resentBefore = resent();
		long duplicatesBefore = duplicates();
		Load load = Load.start(this.apps, THREADS_PER_INSTANCE, tenants);
		try {
			load.awaitMoreCalls(200);
			List<Double> failuresBefore = this.apps.stream().map(RedisBudgetApp::storeFailures).toList();
			inject.run();
			try {
				await(fault + " is noticed by every instance").atMost(Duration.ofSeconds(30))
					.pollInterval(Duration.ofMillis(20))
					.until(() -> {
						for (int i = 0; i < this.apps.size(); i++) {
							if (this.apps.get(i).storeFailures() <= failuresBefore.get(i)) {
								return false;
							}
						}
						return true;
					});
				load.awaitMoreCalls(50);
			}
			finally {
				end.run();
			}
			load.awaitMoreCalls(200);
		}
		finally {
			load.stop();
		}
		assertThat(load.failures()).as("calls that failed").isEmpty();
		await(fault + ": every tenant's spend in Redis is what the instances recorded").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> {
				for (RedisBudgetApp app : this.apps) {
					assertThat(app.store().waiting()).as("spend waits to be written").isFalse();
				}
				for (String tenant : tenants) {
					assertThat(shared(tenant)).as(tenant).isCloseTo(recorded(tenant), within(1e-9));
				}
			});
		double recorded = tenants.stream().mapToDouble(this::recorded).sum();
		double inRedis = tenants.stream().mapToDouble(this::shared).sum();
		assertThat(this.apps).allSatisfy((app) -> assertThat(app.dropped()).isZero());
		return "| Redis " + fault + " | " + load.calls() + " | " + load.longest().toMillis() + " ms | "
				+ "%.3f | %.3f | %d | %d |".formatted(recorded, inRedis, resent() - resentBefore,
						duplicates() - duplicatesBefore);
	}

	/** What both instances recorded in {@code ai_api_cost_total} for a tenant. */
	private double recorded(String tenant) {
		return this.apps.stream().mapToDouble((app) -> app.cost(tenant)).sum();
	}

	private long resent() {
		return this.apps.stream().mapToLong((app) -> app.store().resent()).sum();
	}

	private long duplicates() {
		return this.apps.stream().mapToLong((app) -> app.store().duplicates()).sum();
	}

	/** The tenant's spend of today as Redis holds it, read without the applications. */
	private double shared(String tenant) {
		return RedisBudgetApp.spend(this.redis, tenant);
	}

	private RedisBudgetApp start(List<String> redis, String... more) {
		RedisBudgetApp app = RedisBudgetApp.start(openAi, NO_LIMIT, redis, more);
		this.apps.add(app);
		return app;
	}

}

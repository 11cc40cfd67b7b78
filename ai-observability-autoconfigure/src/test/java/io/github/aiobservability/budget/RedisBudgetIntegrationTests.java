package io.github.aiobservability.budget;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.aiobservability.test.FakeOpenAiServer;
import io.github.aiobservability.test.LogText;
import io.github.aiobservability.test.PrometheusScrape;
import io.github.aiobservability.test.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.github.aiobservability.budget.RedisBudgetApp.BUDGET;
import static io.github.aiobservability.budget.RedisBudgetApp.CALL_USD;
import static io.github.aiobservability.budget.RedisBudgetApp.MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Budgets shared through a real Redis by two instances of an application, each its own
 * application context with Spring AI's real OpenAI client (default retries) against the
 * fake provider: one spend across instances and restarts, concurrent calls held to the
 * documented overshoot, and calls that go on when Redis stops or hangs. The faults under
 * load, Cluster and Sentinel have tests of their own.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisBudgetIntegrationTests {

	private static final FakeOpenAiServer openAi = FakeOpenAiServer.startOnLoopback();

	/**
	 * A tenant whose limit is never reached, whose calls keep an instance talking to
	 * Redis.
	 */
	private static final String UNLIMITED = "acme";

	/**
	 * How long a call may take while Redis is down or hung: well above the 250ms timeout.
	 */
	private static final Duration CALL_WITHIN = Duration.ofSeconds(1);

	private static final String OUTAGE_WARNING = "The budget store cannot reach Redis";

	private static final String RECOVERED = "Redis answers the budget store again";

	private final List<RedisBudgetApp> apps = new ArrayList<>();

	private RedisServer redis;

	@BeforeEach
	void startRedis() {
		this.redis = RedisServer.startOnLoopback();
	}

	@AfterEach
	void stopApplicationsAndRedis() {
		this.apps.forEach(RedisBudgetApp::close);
		if (this.redis != null) {
			this.redis.close();
		}
	}

	@AfterAll
	static void stopProvider() {
		openAi.close();
	}

	@Test
	void callsOnOneInstanceCountTowardTheLimitOnAnother() {
		RedisBudgetApp a = start("0.10");
		RedisBudgetApp b = start("0.10");
		String tenant = "initech";
		for (int i = 0; i < 4; i++) {
			a.chat(tenant);
		}

		b.rejects(tenant);
		assertThat(requests(tenant)).as("B's refused call reaches no provider").isEqualTo(4);
		a.rejects(tenant);
		assertThat(requests(tenant)).isEqualTo(4);
		assertThat(shared(tenant)).isCloseTo(4 * CALL_USD, within(1e-9));
		for (RedisBudgetApp app : List.of(a, b)) {
			PrometheusScrape scrape = app.scrape();
			assertThat(scrape.sum("ai_budget_spent", "budget", BUDGET, "scope_value", tenant)).isCloseTo(4 * CALL_USD,
					within(1e-9));
			assertThat(scrape.sum("ai_budget_limit", "budget", BUDGET, "scope_value", tenant)).isEqualTo(0.10);
			assertThat(scrape.sum("ai_budget_actions_total", "budget", BUDGET, "action", "reject")).isEqualTo(1);
			assertThat(scrape.sum("ai_budget_store_failures_total")).isZero();
			assertThat(scrape.samples("ai_budget_spend_dropped_total", "budget", BUDGET)).as("created before a drop")
				.singleElement()
				.satisfies((sample) -> assertThat(sample.value()).isZero());
		}
	}

	@Test
	void holdsConcurrentCallsOnTwoInstancesToOneLimitWithinTheDocumentedOvershoot() {
		RedisBudgetApp a = start("1.00");
		RedisBudgetApp b = start("1.00");
		List<RedisBudgetApp> threads = List.of(a, a, a, a, b, b, b, b);
		for (int round = 0; round < 3; round++) {
			String tenant = "race-" + round;
			int calls = Load.untilRejected(threads, tenant);

			double spent = shared(tenant);
			assertThat(spent).as("round " + round)
				.isGreaterThanOrEqualTo(1.00)
				.isLessThan(1.00 + threads.size() * CALL_USD);
			assertThat(spent).as("round " + round + ": every call let through")
				.isCloseTo(calls * CALL_USD, within(1e-9));
			assertThat(a.cost(tenant) + b.cost(tenant)).as("round " + round + ": every call priced")
				.isCloseTo(spent, within(1e-9));
			assertThat(requests(tenant)).as("round " + round + ": no refused call reaches the provider")
				.isEqualTo(calls);
		}
		assertThat(a.storeFailures()).isZero();
		assertThat(b.storeFailures()).isZero();
	}

	@Test
	void callsGoOnWhileRedisIsStoppedAndTheSpendRecordedMeanwhileIsSharedWhenItIsBack(CapturedOutput output) {
		RedisBudgetApp a = start("0.10", "ai.observability.budgets.limits[0].overrides." + UNLIMITED + "=1000");
		RedisBudgetApp b = start("0.10", "ai.observability.budgets.limits[0].overrides." + UNLIMITED + "=1000");
		String tenant = "globex";
		b.chat(tenant);
		a.chat(tenant);
		a.chat(UNLIMITED);

		this.redis.stop();
		List<Duration> durations = new CopyOnWriteArrayList<>();
		durations.add(a.timedChat(tenant));
		durations.add(a.timedChat(tenant));
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			durations.add(a.timedChat(UNLIMITED));
			return a.storeFailures() >= 3;
		});
		// Held to what A knows: the two calls it let through reached the limit.
		a.rejects(tenant);
		assertThat(durations).allSatisfy((duration) -> assertThat(duration).isLessThan(CALL_WITHIN));
		assertThat(LogText.count(output.getAll(), OUTAGE_WARNING)).isEqualTo(1);

		this.redis.start();
		// A writes what it recorded during the outage once Redis answers, without
		// another call.
		await().atMost(Duration.ofSeconds(30)).until(() -> shared(tenant) >= 4 * CALL_USD - 1e-9);
		await().atMost(Duration.ofSeconds(10)).until(() -> LogText.count(output.getAll(), RECOVERED) == 1);
		b.awaitRedis();
		b.rejects(tenant);
		assertThat(requests(tenant)).isEqualTo(4);
		assertThat(b.spent(tenant)).isCloseTo(4 * CALL_USD, within(1e-9));
		assertNothingLostOrCountedTwice(a, b, tenant, UNLIMITED);
		assertThat(b.storeFailures()).isZero();
		assertThat(LogText.count(output.getAll(), OUTAGE_WARNING)).isEqualTo(1);
	}

	@Test
	void aHungRedisHoldsNoCallUpBeyondTheTimeout(CapturedOutput output) {
		RedisBudgetApp a = start("0.10", "ai.observability.budgets.limits[0].overrides." + UNLIMITED + "=1000");
		RedisBudgetApp b = start("0.10", "ai.observability.budgets.limits[0].overrides." + UNLIMITED + "=1000");
		String tenant = "hooli";
		a.chat(tenant);

		this.redis.pause();
		List<Duration> durations = new CopyOnWriteArrayList<>();
		try {
			durations.add(a.timedChat(tenant));
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				durations.add(a.timedChat(UNLIMITED));
				return a.storeFailures() >= 3;
			});
		}
		finally {
			this.redis.resume();
		}
		assertThat(durations).allSatisfy((duration) -> assertThat(duration).isLessThan(CALL_WITHIN));
		assertThat(LogText.count(output.getAll(), OUTAGE_WARNING)).isEqualTo(1);

		await().atMost(Duration.ofSeconds(30)).until(() -> shared(tenant) >= 2 * CALL_USD - 1e-9);
		await().atMost(Duration.ofSeconds(10)).until(() -> LogText.count(output.getAll(), RECOVERED) == 1);
		b.chat(tenant);
		b.chat(tenant);
		a.rejects(tenant);
		assertThat(requests(tenant)).isEqualTo(4);
		assertNothingLostOrCountedTwice(a, b, tenant, UNLIMITED);
		assertThat(b.storeFailures()).isZero();
	}

	@Test
	void aRestartedInstanceLosesNothingRedisHolds() {
		RedisBudgetApp a = start("0.10");
		RedisBudgetApp b = start("0.10");
		String tenant = "umbrella";
		a.chat(tenant);
		a.chat(tenant);
		b.chat(tenant);
		b.chat(tenant);

		a.close();
		RedisBudgetApp restarted = start("0.10");
		restarted.rejects(tenant);
		assertThat(requests(tenant)).isEqualTo(4);
		assertThat(restarted.spent(tenant)).isCloseTo(4 * CALL_USD, within(1e-9));
		restarted.chat("wayne");
		assertThat(shared("wayne")).isCloseTo(CALL_USD, within(1e-9));
	}

	private void assertNothingLostOrCountedTwice(RedisBudgetApp a, RedisBudgetApp b, String... tenants) {
		for (String tenant : tenants) {
			assertThat(shared(tenant)).as(tenant).isCloseTo(a.cost(tenant) + b.cost(tenant), within(1e-9));
		}
	}

	/** The requests the provider got for a tenant's calls. */
	private static long requests(String tenant) {
		return openAi.attempts(MODEL)
			.stream()
			.filter((attempt) -> attempt.instruction().equals(RedisBudgetApp.message(tenant)))
			.count();
	}

	/** The tenant's spend of today as Redis holds it, read without the applications. */
	private double shared(String tenant) {
		return RedisBudgetApp.spend(this.redis, tenant);
	}

	private RedisBudgetApp start(String limit, String... more) {
		RedisBudgetApp app = RedisBudgetApp.start(openAi, limit, RedisBudgetApp.standalone(this.redis.port()), more);
		this.apps.add(app);
		return app;
	}

}

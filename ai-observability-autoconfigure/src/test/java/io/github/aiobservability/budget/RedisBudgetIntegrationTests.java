package io.github.aiobservability.budget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.aiobservability.test.FakeOpenAiServer;
import io.github.aiobservability.test.LogText;
import io.github.aiobservability.test.PrometheusScrape;
import io.github.aiobservability.test.RedisServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Budgets shared through a real Redis by two instances of an application, each its own
 * application context with Spring AI's real OpenAI client (default retries) against the
 * fake provider: one spend across instances and restarts, concurrent calls held to the
 * documented overshoot, and calls that go on when Redis stops or hangs.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisBudgetIntegrationTests {

	private static final FakeOpenAiServer openAi = FakeOpenAiServer.startOnLoopback();

	private static final String MODEL = "budget-model";

	private static final String BUDGET = "tenant-daily";

	/** Every call: 21 prompt and 7 completion tokens at 1000 per million each. */
	private static final double CALL_USD = (FakeOpenAiServer.PROMPT_TOKENS + FakeOpenAiServer.COMPLETION_TOKENS) * 1000
			/ 1e6;

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

	private final List<App> apps = new ArrayList<>();

	private RedisServer redis;

	@BeforeEach
	void startRedis() {
		this.redis = RedisServer.startOnLoopback();
	}

	@AfterEach
	void stopApplicationsAndRedis() {
		this.apps.forEach(App::close);
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
		App a = start("0.10");
		App b = start("0.10");
		String tenant = "initech";
		for (int i = 0; i < 4; i++) {
			a.chat(tenant);
		}

		b.rejects(tenant);
		assertThat(requests(tenant)).as("B's refused call reaches no provider").isEqualTo(4);
		a.rejects(tenant);
		assertThat(requests(tenant)).isEqualTo(4);
		assertThat(shared(tenant)).isCloseTo(4 * CALL_USD, within(1e-9));
		for (App app : List.of(a, b)) {
			PrometheusScrape scrape = app.scrape();
			assertThat(scrape.sum("ai_budget_spent", "budget", BUDGET, "scope_value", tenant)).isCloseTo(4 * CALL_USD,
					within(1e-9));
			assertThat(scrape.sum("ai_budget_limit", "budget", BUDGET, "scope_value", tenant)).isEqualTo(0.10);
			assertThat(scrape.sum("ai_budget_actions_total", "budget", BUDGET, "action", "reject")).isEqualTo(1);
			assertThat(scrape.sum("ai_budget_store_failures_total")).isZero();
		}
	}

	@Test
	void holdsConcurrentCallsOnTwoInstancesToOneLimitWithinTheDocumentedOvershoot() throws Exception {
		App a = start("1.00");
		App b = start("1.00");
		List<App> threads = List.of(a, a, a, a, b, b, b, b);
		ExecutorService executor = Executors.newFixedThreadPool(threads.size());
		try {
			for (int round = 0; round < 3; round++) {
				String tenant = "race-" + round;
				CountDownLatch go = new CountDownLatch(1);
				List<Future<Integer>> letThrough = new ArrayList<>();
				for (App app : threads) {
					letThrough.add(executor.submit(() -> {
						go.await();
						return app.callsUntilRejected(tenant);
					}));
				}
				go.countDown();
				int calls = 0;
				for (Future<Integer> result : letThrough) {
					calls += result.get(60, TimeUnit.SECONDS);
				}

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
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(a.storeFailures()).isZero();
		assertThat(b.storeFailures()).isZero();
	}

	@Test
	void callsGoOnWhileRedisIsStoppedAndTheSpendRecordedMeanwhileIsSharedWhenItIsBack(CapturedOutput output) {
		App a = start("0.10", "ai.observability.budgets.limits[0].overrides." + UNLIMITED + "=1000");
		App b = start("0.10", "ai.observability.budgets.limits[0].overrides." + UNLIMITED + "=1000");
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
		// A writes what it recorded during the outage once Redis answers one of its
		// calls.
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			a.chat(UNLIMITED);
			return shared(tenant) >= 4 * CALL_USD - 1e-9;
		});
		assertThat(LogText.count(output.getAll(), RECOVERED)).isEqualTo(1);
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
		App a = start("0.10", "ai.observability.budgets.limits[0].overrides." + UNLIMITED + "=1000");
		App b = start("0.10", "ai.observability.budgets.limits[0].overrides." + UNLIMITED + "=1000");
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

		await().atMost(Duration.ofSeconds(30)).until(() -> {
			a.chat(UNLIMITED);
			return shared(tenant) >= 2 * CALL_USD - 1e-9;
		});
		assertThat(LogText.count(output.getAll(), RECOVERED)).isEqualTo(1);
		b.chat(tenant);
		b.chat(tenant);
		a.rejects(tenant);
		assertThat(requests(tenant)).isEqualTo(4);
		assertNothingLostOrCountedTwice(a, b, tenant, UNLIMITED);
		assertThat(b.storeFailures()).isZero();
	}

	@Test
	void aRestartedInstanceLosesNothingRedisHolds() {
		App a = start("0.10");
		App b = start("0.10");
		String tenant = "umbrella";
		a.chat(tenant);
		a.chat(tenant);
		b.chat(tenant);
		b.chat(tenant);

		a.close();
		App restarted = start("0.10");
		restarted.rejects(tenant);
		assertThat(requests(tenant)).isEqualTo(4);
		assertThat(restarted.spent(tenant)).isCloseTo(4 * CALL_USD, within(1e-9));
		restarted.chat("wayne");
		assertThat(shared("wayne")).isCloseTo(CALL_USD, within(1e-9));
	}

	private void assertNothingLostOrCountedTwice(App a, App b, String... tenants) {
		for (String tenant : tenants) {
			assertThat(shared(tenant)).as(tenant).isCloseTo(a.cost(tenant) + b.cost(tenant), within(1e-9));
		}
	}

	/** The requests the provider got for a tenant's calls. */
	private static long requests(String tenant) {
		return openAi.attempts(MODEL)
			.stream()
			.filter((attempt) -> attempt.instruction().equals(message(tenant)))
			.count();
	}

	private static String message(String tenant) {
		return "a question from " + tenant;
	}

	/** The tenant's spend of today as Redis holds it, read without the applications. */
	private double shared(String tenant) {
		try {
			List<?> keys = (List<?>) this.redis.command("KEYS",
					"{ai-observability}:budget:" + BUDGET + ":" + tenant + ":*");
			assertThat(keys).as("keys of " + tenant).hasSizeLessThanOrEqualTo(1);
			return keys.isEmpty() ? 0 : Double.parseDouble(this.redis.get((String) keys.get(0)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private App start(String limit, String... more) {
		List<String> properties = new ArrayList<>(List.of("spring.ai.openai.api-key=test-key",
				"spring.ai.openai.base-url=" + openAi.baseUrl(), "spring.ai.openai.chat.model=" + MODEL,
				"ai.observability.currency=USD", "ai.observability.prices[0].model=" + MODEL,
				"ai.observability.prices[0].input=1000", "ai.observability.prices[0].output=1000",
				"ai.observability.request-tags=tenant", "ai.observability.budgets.store=redis",
				"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + this.redis.port(),
				"ai.observability.budgets.limits[0].name=" + BUDGET, "ai.observability.budgets.limits[0].tag=tenant",
				"ai.observability.budgets.limits[0].limit=" + limit,
				"ai.observability.budgets.limits[0].action=reject"));
		properties.addAll(List.of(more));
		App app = new App(new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run());
		this.apps.add(app);
		return app;
	}

	/**
	 * One instance of the application, and what a test does with it.
	 */
	private record App(ConfigurableApplicationContext context) {

		void chat(String tenant) {
			this.context.getBean(ChatClient.Builder.class)
				.build()
				.prompt()
				.user(message(tenant))
				.options(OpenAiChatOptions.builder().model(MODEL))
				.advisors((advisors) -> advisors.param("tenant", tenant))
				.call()
				.content();
		}

		Duration timedChat(String tenant) {
			long start = System.nanoTime();
			chat(tenant);
			return Duration.ofNanos(System.nanoTime() - start);
		}

		void rejects(String tenant) {
			assertThatExceptionOfType(BudgetExceededException.class).isThrownBy(() -> chat(tenant)).satisfies((ex) -> {
				assertThat(ex.getBudget()).isEqualTo(BUDGET);
				assertThat(ex.getScopeValue()).isEqualTo(tenant);
			});
		}

		/** Calls until refused; how many calls were let through. */
		int callsUntilRejected(String tenant) {
			for (int calls = 0; calls < 200; calls++) {
				try {
					chat(tenant);
				}
				catch (BudgetExceededException ex) {
					return calls;
				}
			}
			throw new AssertionError("200 calls of " + tenant + " let through: the budget holds nothing");
		}

		/** Until this instance's Redis connection answers again. */
		void awaitRedis() {
			StringRedisTemplate redis = this.context.getBean(StringRedisTemplate.class);
			await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
				redis.hasKey("any");
				return true;
			});
		}

		PrometheusScrape scrape() {
			return new PrometheusScrape(this.context.getBean(PrometheusMeterRegistry.class).scrape());
		}

		double spent(String tenant) {
			return scrape().sum("ai_budget_spent", "budget", BUDGET, "scope_value", tenant);
		}

		double cost(String tenant) {
			return scrape().sum("ai_api_cost_total", "tenant", tenant);
		}

		double storeFailures() {
			return scrape().sum("ai_budget_store_failures_total");
		}

		void close() {
			this.context.close();
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}

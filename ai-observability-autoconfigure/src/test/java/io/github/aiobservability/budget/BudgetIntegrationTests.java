package io.github.aiobservability.budget;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.aiobservability.model.RequestTagContributor;
import io.github.aiobservability.test.FakeOpenAiServer;
import io.github.aiobservability.test.MutableClock;
import io.github.aiobservability.test.PrometheusScrape;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * Budgets kept in memory, with Spring AI's real OpenAI client (default retries) against a
 * fake provider: every call reports 21 input and 7 output tokens, priced at 1000 USD per
 * million each for {@code budget-model}, so a call costs 0.028 USD.
 */
class BudgetIntegrationTests {

	private static final FakeOpenAiServer openAi = FakeOpenAiServer.startOnLoopback();

	private static final double CALL_USD = 28 * 1000 / 1e6;

	/** 2026-11-28 23:59 in Shanghai (UTC+8). */
	private static final Instant BEFORE_MIDNIGHT_IN_SHANGHAI = Instant.parse("2026-11-28T15:59:00Z");

	@AfterAll
	static void stopProvider() {
		openAi.close();
	}

	@Test
	void rejectsATenantThatSpentItsDailyLimitWithoutCallingTheProviderAndLetsOthersThrough() {
		try (ConfigurableApplicationContext context = run(new MutableClock(BEFORE_MIDNIGHT_IN_SHANGHAI),
				"ai.observability.budgets.limits[0].name=tenant-daily", "ai.observability.budgets.limits[0].tag=tenant",
				"ai.observability.budgets.limits[0].limit=0.1", "ai.observability.budgets.limits[0].action=reject",
				"ai.observability.budgets.limits[0].overrides.globex=1")) {
			App app = new App(context);
			for (int i = 0; i < 4; i++) {
				app.chat("reject-model", "acme");
			}
			int requestsBefore = openAi.attempts("reject-model").size();

			assertThatExceptionOfType(BudgetExceededException.class).isThrownBy(() -> app.chat("reject-model", "acme"))
				.satisfies((ex) -> {
					assertThat(ex.getBudget()).isEqualTo("tenant-daily");
					assertThat(ex.getScopeValue()).isEqualTo("acme");
					assertThat(ex.getResetsAt()).isEqualTo(Instant.parse("2026-11-29T00:00:00Z"));
					assertThat(ex.getMessage()).contains("tenant-daily", "acme", "0.1000 USD", "2026-11-29T00:00:00Z")
						.doesNotContain("hello");
				});
			assertThatExceptionOfType(BudgetExceededException.class)
				.isThrownBy(() -> app.stream("reject-model", "acme"));
			assertThat(openAi.attempts("reject-model")).hasSize(requestsBefore);
			app.chat("reject-model", "globex");
			app.stream("reject-model", "globex");

			PrometheusScrape scrape = app.scrape();
			assertThat(scrape.sum("ai_budget_spent", "budget", "tenant-daily", "scope_value", "acme"))
				.isCloseTo(4 * CALL_USD, within(1e-12));
			assertThat(scrape.sum("ai_budget_limit", "budget", "tenant-daily", "scope_value", "acme")).isEqualTo(0.1);
			assertThat(scrape.sum("ai_budget_spent", "budget", "tenant-daily", "scope_value", "globex"))
				.isCloseTo(2 * CALL_USD, within(1e-12));
			assertThat(scrape.sum("ai_budget_limit", "budget", "tenant-daily", "scope_value", "globex")).isEqualTo(1);
			assertThat(scrape.sum("ai_budget_actions_total", "budget", "tenant-daily", "action", "reject"))
				.isEqualTo(2);
			assertThat(scrape.sum("ai_api_cost_total", "model", "reject-model", "tenant", "acme"))
				.isCloseTo(4 * CALL_USD, within(1e-12));
		}
	}

	@Test
	void fallsBackToTheCheaperModelOnceTheApplicationsBudgetIsSpent() {
		try (ConfigurableApplicationContext context = run(new MutableClock(BEFORE_MIDNIGHT_IN_SHANGHAI),
				"ai.observability.budgets.limits[0].name=app-daily", "ai.observability.budgets.limits[0].limit=0.05",
				"ai.observability.budgets.limits[0].action=fallback",
				"ai.observability.budgets.limits[0].fallback-model=cheap-model")) {
			App app = new App(context);
			app.chat("dear-model", "acme");
			app.chat("dear-model", "acme");
			int cheapBefore = openAi.attempts("cheap-model").size();

			app.chat("dear-model", "acme");
			app.stream("dear-model", "globex");

			assertThat(openAi.attempts("cheap-model")).hasSize(cheapBefore + 2);
			PrometheusScrape scrape = app.scrape();
			assertThat(scrape.sum("ai_api_cost_total", "model", "dear-model")).isCloseTo(2 * CALL_USD, within(1e-12));
			assertThat(scrape.sum("ai_api_cost_total", "model", "cheap-model")).isCloseTo(2 * 28 * 1 / 1e6,
					within(1e-12));
			assertThat(scrape.sum("ai_budget_actions_total", "budget", "app-daily", "action", "fallback")).isEqualTo(2);
			assertThat(scrape.sum("ai_budget_spent", "budget", "app-daily", "scope_value", "application"))
				.isCloseTo(2 * CALL_USD + 2 * 28 / 1e6, within(1e-12));
		}
	}

	@Test
	void aContributedTagIsResolvedOnceForTheBudgetAndTheMetricsOfEachCall() {
		// A contributor that answers differently each time it is asked, as one reading a
		// clock or a rotating header would: asked twice, the budget would be checked for
		// one tenant and the call recorded for another.
		AtomicInteger asked = new AtomicInteger();
		RequestTagContributor contributor = (request) -> Map.of("tenant", "tenant-" + asked.incrementAndGet());
		try (ConfigurableApplicationContext context = run(new MutableClock(BEFORE_MIDNIGHT_IN_SHANGHAI),
				(app) -> app.getBeanFactory().registerSingleton("rotatingTenants", contributor),
				"ai.observability.budgets.limits[0].name=tenant-daily", "ai.observability.budgets.limits[0].tag=tenant",
				"ai.observability.budgets.limits[0].limit=0.04", "ai.observability.budgets.limits[0].action=reject")) {
			ChatClient client = context.getBean(ChatClient.Builder.class).build();

			client.prompt().user("hello").options(OpenAiChatOptions.builder().model("once-model")).call().content();
			client.prompt()
				.user("hello")
				.options(OpenAiChatOptions.builder().model("once-model"))
				.stream()
				.content()
				.blockLast(Duration.ofSeconds(10));

			assertThat(asked).hasValue(2);
			PrometheusScrape scrape = new PrometheusScrape(context.getBean(PrometheusMeterRegistry.class).scrape());
			for (String tenant : List.of("tenant-1", "tenant-2")) {
				assertThat(scrape.sum("ai_api_requests_total", "model", "once-model", "tenant", tenant)).as(tenant)
					.isEqualTo(1);
				assertThat(scrape.sum("ai_budget_spent", "budget", "tenant-daily", "scope_value", tenant)).as(tenant)
					.isCloseTo(CALL_USD, within(1e-12));
			}
		}
	}

	@Test
	void startsAFreshDayAtMidnightInTheConfiguredZone() {
		MutableClock clock = new MutableClock(BEFORE_MIDNIGHT_IN_SHANGHAI);
		try (ConfigurableApplicationContext context = run(clock, "ai.observability.budgets.zone=Asia/Shanghai",
				"ai.observability.budgets.limits[0].name=tenant-daily", "ai.observability.budgets.limits[0].tag=tenant",
				"ai.observability.budgets.limits[0].limit=0.05", "ai.observability.budgets.limits[0].action=reject",
				"ai.observability.budgets.limits[1].name=tenant-monthly",
				"ai.observability.budgets.limits[1].tag=tenant", "ai.observability.budgets.limits[1].limit=10",
				"ai.observability.budgets.limits[1].period=month")) {
			App app = new App(context);
			app.chat("rollover-model", "acme");
			app.chat("rollover-model", "acme");
			assertThatExceptionOfType(BudgetExceededException.class)
				.isThrownBy(() -> app.chat("rollover-model", "acme"))
				.satisfies((ex) -> assertThat(ex.getResetsAt()).isEqualTo(Instant.parse("2026-11-28T16:00:00Z")));

			clock.set(Instant.parse("2026-11-28T15:59:59.999Z"));
			assertThatExceptionOfType(BudgetExceededException.class)
				.isThrownBy(() -> app.chat("rollover-model", "acme"));

			clock.set(Instant.parse("2026-11-28T16:00:00Z"));
			assertThat(app.scrape().sum("ai_budget_spent", "budget", "tenant-daily", "scope_value", "acme")).isZero();
			app.chat("rollover-model", "acme");

			PrometheusScrape scrape = app.scrape();
			assertThat(scrape.sum("ai_budget_spent", "budget", "tenant-daily", "scope_value", "acme"))
				.isCloseTo(CALL_USD, within(1e-12));
			// November 29th in Shanghai: the month goes on and keeps all three calls.
			assertThat(scrape.sum("ai_budget_spent", "budget", "tenant-monthly", "scope_value", "acme"))
				.isCloseTo(3 * CALL_USD, within(1e-12));
		}
	}

	@Test
	void concurrentCallsOvershootTheLimitByNoMoreThanOneCallPerThread() throws Exception {
		int threads = 8;
		try (ConfigurableApplicationContext context = run(new MutableClock(BEFORE_MIDNIGHT_IN_SHANGHAI),
				"ai.observability.budgets.limits[0].name=tenant-daily", "ai.observability.budgets.limits[0].tag=tenant",
				"ai.observability.budgets.limits[0].limit=0.5", "ai.observability.budgets.limits[0].action=reject")) {
			App app = new App(context);
			for (int round = 0; round < 3; round++) {
				String tenant = "tenant-" + round;
				java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
				java.util.concurrent.atomic.AtomicInteger admitted = new java.util.concurrent.atomic.AtomicInteger();
				List<java.util.concurrent.Future<?>> workers = new ArrayList<>();
				for (int t = 0; t < threads; t++) {
					workers.add(pool.submit(() -> {
						while (true) {
							try {
								app.chat("concurrent-model", tenant);
								admitted.incrementAndGet();
							}
							catch (BudgetExceededException ex) {
								return null;
							}
						}
					}));
				}
				for (java.util.concurrent.Future<?> worker : workers) {
					worker.get(60, java.util.concurrent.TimeUnit.SECONDS);
				}
				pool.shutdown();

				double spent = app.scrape().sum("ai_budget_spent", "budget", "tenant-daily", "scope_value", tenant);
				assertThat(spent).as("round " + round).isCloseTo(admitted.get() * CALL_USD, within(1e-9));
				assertThat(spent).as("round " + round).isGreaterThanOrEqualTo(0.5).isLessThan(0.5 + threads * CALL_USD);
			}
		}
	}

	private static ConfigurableApplicationContext run(MutableClock clock, String... budgets) {
		return run(clock, (context) -> {
		}, budgets);
	}

	private static ConfigurableApplicationContext run(MutableClock clock,
			ApplicationContextInitializer<ConfigurableApplicationContext> beans, String... budgets) {
		List<String> properties = new ArrayList<>(List.of("spring.ai.openai.api-key=test-key",
				"spring.ai.openai.base-url=" + openAi.baseUrl(), "spring.ai.openai.chat.model=gpt-4o-mini",
				"ai.observability.currency=USD", "ai.observability.request-tags=tenant",
				"ai.observability.prices[0].model=cheap-model", "ai.observability.prices[0].input=1",
				"ai.observability.prices[0].output=1", "ai.observability.prices[1].model=*-model",
				"ai.observability.prices[1].input=1000", "ai.observability.prices[1].output=1000"));
		properties.addAll(List.of(budgets));
		return new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.initializers((context) -> context.getBeanFactory().registerSingleton("testClock", clock), beans)
			.properties(properties.toArray(String[]::new))
			.run();
	}

	/**
	 * What a test does with its application.
	 */
	private record App(ConfigurableApplicationContext context) {

		void chat(String model, String tenant) {
			client().prompt()
				.user("hello")
				.advisors((advisors) -> advisors.param("tenant", tenant))
				.options(OpenAiChatOptions.builder().model(model))
				.call()
				.content();
		}

		void stream(String model, String tenant) {
			client().prompt()
				.user("hello")
				.advisors((advisors) -> advisors.param("tenant", tenant))
				.options(OpenAiChatOptions.builder().model(model))
				.stream()
				.content()
				.blockLast(Duration.ofSeconds(10));
		}

		private ChatClient client() {
			return this.context.getBean(ChatClient.Builder.class).build();
		}

		PrometheusScrape scrape() {
			return new PrometheusScrape(this.context.getBean(PrometheusMeterRegistry.class).scrape());
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}

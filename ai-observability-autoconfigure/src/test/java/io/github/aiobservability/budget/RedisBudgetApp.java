package io.github.aiobservability.budget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.aiobservability.test.FakeOpenAiServer;
import io.github.aiobservability.test.PrometheusScrape;
import io.github.aiobservability.test.RedisServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * One instance of an application whose tenant budget is kept in Redis: its own
 * application context with Spring AI's real OpenAI client (default retries) against the
 * fake provider, and what a test does with it.
 */
final class RedisBudgetApp implements AutoCloseable {

	static final String MODEL = "budget-model";

	static final String BUDGET = "tenant-daily";

	/** Every call: 21 prompt and 7 completion tokens at 1000 per million each. */
	static final double CALL_USD = (FakeOpenAiServer.PROMPT_TOKENS + FakeOpenAiServer.COMPLETION_TOKENS) * 1000 / 1e6;

	/** Where the tests' Redis keys of the budget start. */
	static final String KEYS = "{ai-observability}:budget:" + BUDGET + ":";

	private final ConfigurableApplicationContext context;

	private RedisBudgetApp(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts an instance with a tenant budget whose action is reject.
	 * @param openAi the provider
	 * @param limit each tenant's limit in USD
	 * @param redis how it reaches Redis ({@code spring.data.redis.*})
	 * @param more further properties
	 * @return the running instance
	 */
	static RedisBudgetApp start(FakeOpenAiServer openAi, String limit, List<String> redis, String... more) {
		List<String> properties = new ArrayList<>(List.of("spring.ai.openai.api-key=test-key",
				"spring.ai.openai.base-url=" + openAi.baseUrl(), "spring.ai.openai.chat.model=" + MODEL,
				"ai.observability.currency=USD", "ai.observability.prices[0].model=" + MODEL,
				"ai.observability.prices[0].input=1000", "ai.observability.prices[0].output=1000",
				"ai.observability.request-tags=tenant", "ai.observability.budgets.store=redis",
				"ai.observability.budgets.limits[0].name=" + BUDGET, "ai.observability.budgets.limits[0].tag=tenant",
				"ai.observability.budgets.limits[0].limit=" + limit,
				"ai.observability.budgets.limits[0].action=reject"));
		properties.addAll(redis);
		properties.addAll(List.of(more));
		return new RedisBudgetApp(new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run());
	}

	/**
	 * The properties of a single Redis on this machine.
	 * @param port its port on 127.0.0.1
	 * @return {@code spring.data.redis.host} and {@code port}
	 */
	static List<String> standalone(int port) {
		return List.of("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + port);
	}

	/**
	 * A tenant's spend of today as one Redis server holds it, read without the
	 * applications.
	 * @param redis the server
	 * @param tenant the tenant
	 * @return the spend, 0 when it has no key
	 */
	static double spend(RedisServer redis, String tenant) {
		try {
			List<?> keys = (List<?>) redis.command("KEYS", KEYS + tenant + ":*");
			assertThat(keys).as("keys of " + tenant).hasSizeLessThanOrEqualTo(1);
			return keys.isEmpty() ? 0 : Double.parseDouble(redis.get((String) keys.get(0)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String message(String tenant) {
		return "a question from " + tenant;
	}

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

	/** What this instance recorded in {@code ai_api_cost_total} for a tenant. */
	double cost(String tenant) {
		return scrape().sum("ai_api_cost_total", "tenant", tenant);
	}

	double storeFailures() {
		return scrape().sum("ai_budget_store_failures_total");
	}

	double dropped() {
		return scrape().sum("ai_budget_spend_dropped_total", "budget", BUDGET);
	}

	RedisBudgetStore store() {
		return this.context.getBean(RedisBudgetStore.class);
	}

	BudgetEnforcer enforcer() {
		return this.context.getBean(BudgetEnforcer.class);
	}

	@Override
	public void close() {
		this.context.close();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}

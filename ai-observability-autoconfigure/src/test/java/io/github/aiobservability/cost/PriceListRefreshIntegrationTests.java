package io.github.aiobservability.cost;

import java.time.Duration;
import java.util.List;

import io.github.aiobservability.test.FakeOpenAiServer;
import io.github.aiobservability.test.FakePriceListServer;
import io.github.aiobservability.test.LogText;
import io.github.aiobservability.test.PrometheusScrape;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.OpenAiEmbeddingOptions;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * A price list in LiteLLM's format served over HTTP, read by the starter at startup and
 * on refresh, with Spring AI's real OpenAI client (default retries) pricing calls from
 * it. Each test runs its own application, as each starts from a different state of the
 * list.
 */
@ExtendWith(OutputCaptureExtension.class)
class PriceListRefreshIntegrationTests {

	private static final FakeOpenAiServer openAi = FakeOpenAiServer.startOnLoopback();

	/**
	 * Usage the fake provider reports for every call: 21 input, 5 cached, 7 output, 3
	 * reasoning.
	 */
	private static final double CHAT_USD = ((21 - 5) * 2 + 5 * 0.5 + 7 * 8) / 1e6;

	private static final double REASONER_USD = (21 * 1 + (7 - 3) * 4 + 3 * 12) / 1e6;

	/** Above the 200k tier: 250,000 input tokens at 3, 7 output at 6. */
	private static final double LONG_USD = (FakeOpenAiServer.LONG_PROMPT_TOKENS * 3 + 7 * 6) / 1e6;

	/** Two inputs of 3 tokens each at 0.1. */
	private static final double EMBED_USD = 2 * FakeOpenAiServer.EMBEDDING_TOKENS_PER_INPUT * 0.1 / 1e6;

	private static final String WARNING = "Could not load the price list";

	@AfterAll
	static void stopProvider() {
		openAi.close();
	}

	@Test
	void pricesCallsFromTheListLoadedAtStartup() {
		try (FakePriceListServer prices = FakePriceListServer.start(litellmList(2, ""));
				ConfigurableApplicationContext context = run(prices, null)) {
			App app = new App(context);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> app.scrape().sum("ai_api_price_catalogue_models", "source", prices.url()) == 5);

			app.chat("acme-chat", "hi");
			app.chat("acme-reasoner", "hi");
			app.chat("acme-long", "long-prompt");
			app.embed("acme-embed");
			app.chat("gpt-4o-mini", "hi");

			PrometheusScrape scrape = app.scrape();
			assertThat(scrape.sum("ai_api_cost_total", "model", "acme-chat")).isCloseTo(CHAT_USD, within(1e-15));
			assertThat(scrape.sum("ai_api_cost_total", "model", "acme-reasoner")).isCloseTo(REASONER_USD,
					within(1e-15));
			assertThat(scrape.sum("ai_api_cost_total", "model", "acme-long")).isCloseTo(LONG_USD, within(1e-12));
			assertThat(scrape.sum("ai_api_cost_total", "model", "acme-embed")).isCloseTo(EMBED_USD, within(1e-15));
			// The list's price wins over the bundled catalogue's 0.15 / 0.60.
			assertThat(scrape.sum("ai_api_cost_total", "model", "gpt-4o-mini"))
				.isCloseTo(((21 - 5) * 0.3 + 5 * 0.15 + 7 * 1.2) / 1e6, within(1e-15));
			assertThat(scrape.sum("ai_api_unpriced_requests_total")).isZero();
			assertThat(scrape.sum("ai_api_price_catalogue_last_refresh_successful", "source", prices.url()))
				.isEqualTo(1);
			assertThat(scrape.sum("ai_api_price_catalogue_loaded_timestamp_seconds", "source", prices.url()))
				.isCloseTo(System.currentTimeMillis() / 1000.0, within(60.0));
			assertThat(scrape.sum("ai_api_price_catalogue_models", "source", "bundled")).isGreaterThan(30);
			assertThat(scrape.sum("ai_api_price_catalogue_refresh_failures_total")).isZero();
		}
	}

	@Test
	void appliesAChangedListAfterTheRefreshIntervalAndAsksOnlyForChanges() {
		try (FakePriceListServer prices = FakePriceListServer.start(litellmList(2, ""));
				ConfigurableApplicationContext context = run(prices, "1s")) {
			App app = new App(context);
			await().atMost(Duration.ofSeconds(10)).until(() -> prices.notModified() >= 2);
			app.chat("acme-chat", "hi");
			assertThat(app.scrape().sum("ai_api_cost_total", "model", "acme-chat")).isCloseTo(CHAT_USD, within(1e-15));

			// The input price doubles and a model is published.
			prices.serve(litellmList(4, NEW_MODEL));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> app.scrape().sum("ai_api_price_catalogue_models", "source", prices.url()) == 6);
			app.chat("acme-chat", "hi");
			app.chat("acme-new", "hi");

			PrometheusScrape scrape = app.scrape();
			double doubled = ((21 - 5) * 4 + 5 * 0.5 + 7 * 8) / 1e6;
			assertThat(scrape.sum("ai_api_cost_total", "model", "acme-chat")).isCloseTo(CHAT_USD + doubled,
					within(1e-15));
			assertThat(scrape.sum("ai_api_cost_total", "model", "acme-new")).isCloseTo((16 * 1 + 5 * 1 + 7 * 1) / 1e6,
					within(1e-15));
			assertThat(scrape.sum("ai_api_price_catalogue_refresh_failures_total")).isZero();
		}
	}

	@Test
	void startsOnTheBundledCatalogueWhenTheListIsDownAndLoadsItWhenItComesBack(CapturedOutput output) {
		try (FakePriceListServer prices = FakePriceListServer.start(litellmList(2, ""))) {
			prices.down();
			try (ConfigurableApplicationContext context = run(prices, "1s")) {
				App app = new App(context);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> app.scrape().sum("ai_api_price_catalogue_refresh_failures_total") >= 2);

				app.chat("gpt-4o-mini", "hi");
				app.chat("acme-chat", "hi");
				PrometheusScrape scrape = app.scrape();
				assertThat(scrape.sum("ai_api_cost_total", "model", "gpt-4o-mini"))
					.isCloseTo(((21 - 5) * 0.15 + 5 * 0.075 + 7 * 0.6) / 1e6, within(1e-15));
				assertThat(scrape.sum("ai_api_unpriced_requests_total", "model", "acme-chat")).isEqualTo(1);
				assertThat(scrape.sum("ai_api_price_catalogue_last_refresh_successful", "source", prices.url()))
					.isZero();
				assertThat(LogText.count(output.getAll(), WARNING)).isEqualTo(1);
				assertThat(output.getAll()).contains("pricing from the bundled catalogue until it loads");

				prices.up();
				await().atMost(Duration.ofSeconds(10))
					.until(() -> app.scrape().sum("ai_api_price_catalogue_models", "source", prices.url()) == 5);
				app.chat("acme-chat", "hi");
				assertThat(app.scrape().sum("ai_api_cost_total", "model", "acme-chat")).isCloseTo(CHAT_USD,
						within(1e-15));
				assertThat(LogText.count(output.getAll(), WARNING)).isEqualTo(1);
				assertThat(output.getAll()).contains("loads again");
			}
		}
	}

	@Test
	void keepsTheLastGoodPricesWhenARefreshFailsOrIsRejected(CapturedOutput output) {
		String good = litellmList(2, "");
		try (FakePriceListServer prices = FakePriceListServer.start(good);
				ConfigurableApplicationContext context = run(prices, "1s")) {
			App app = new App(context);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> app.scrape().sum("ai_api_price_catalogue_models", "source", prices.url()) == 5);
			List<Runnable> failures = List.of(() -> prices.failWith(503),
					() -> prices.serve(good.substring(0, good.length() / 2)),
					() -> prices.serve(litellmList(4, "").replace("\"input_cost_per_token\": 1e-07",
							"\"input_cost_per_token\": -1e-07")),
					() -> prices.serve("{ \"acme-chat\": " + ACME_CHAT.formatted(4) + " }"));

			double failuresBefore = 0;
			for (int i = 0; i < failures.size(); i++) {
				failures.get(i).run();
				double before = failuresBefore;
				await().atMost(Duration.ofSeconds(10))
					.until(() -> app.scrape().sum("ai_api_price_catalogue_refresh_failures_total") >= before + 2);
				app.chat("acme-chat", "hi");
				app.embed("acme-embed");
				PrometheusScrape scrape = app.scrape();
				assertThat(scrape.sum("ai_api_cost_total", "model", "acme-chat")).as("after failure " + i)
					.isCloseTo((i + 1) * CHAT_USD, within(1e-15));
				assertThat(scrape.sum("ai_api_cost_total", "model", "acme-embed")).as("after failure " + i)
					.isCloseTo((i + 1) * EMBED_USD, within(1e-15));
				assertThat(scrape.sum("ai_api_price_catalogue_last_refresh_successful", "source", prices.url()))
					.isZero();
				assertThat(LogText.count(output.getAll(), WARNING)).as("warnings after failure " + i).isEqualTo(i + 1);

				prices.serve(good);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> app.scrape()
						.sum("ai_api_price_catalogue_last_refresh_successful", "source", prices.url()) == 1);
				failuresBefore = app.scrape().sum("ai_api_price_catalogue_refresh_failures_total");
			}
			assertThat(output.getAll()).contains("(IOException: HTTP 503)", "(rejected: not valid JSON",
					"has a negative input price -0.1", "taken for a truncated list");
		}
	}

	@Test
	void aListThatStallsTimesOutWithoutHoldingUpStartupOrCalls(CapturedOutput output) {
		try (FakePriceListServer prices = FakePriceListServer.start(litellmList(2, ""))) {
			prices.stall(5_000);
			try (ConfigurableApplicationContext context = run(prices, "1s",
					"ai.observability.price-catalogue.timeout=500ms")) {
				App app = new App(context);
				// Started while the list stalls: calls are priced from the bundled
				// catalogue.
				app.chat("gpt-4o-mini", "hi");
				assertThat(app.scrape().sum("ai_api_cost_total", "model", "gpt-4o-mini"))
					.isCloseTo(((21 - 5) * 0.15 + 5 * 0.075 + 7 * 0.6) / 1e6, within(1e-15));
				await().atMost(Duration.ofSeconds(10))
					.until(() -> app.scrape().sum("ai_api_price_catalogue_refresh_failures_total") >= 1);
				assertThat(output.getAll()).contains("HttpTimeoutException");

				prices.stall(0);
				await().atMost(Duration.ofSeconds(15))
					.until(() -> app.scrape().sum("ai_api_price_catalogue_models", "source", prices.url()) == 5);
				assertThat(LogText.count(output.getAll(), WARNING)).isEqualTo(1);
			}
		}
	}

	/** One model the first lists lack. */
	private static final String NEW_MODEL = """
			"acme-new": { "litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 1e-06,
				"output_cost_per_token": 1e-06 },
			""";

	private static final String ACME_CHAT = """
			{ "litellm_provider": "openai", "mode": "chat", "input_cost_per_token": %se-06,
				"output_cost_per_token": 8e-06, "cache_read_input_token_cost": 5e-07 }""";

	/**
	 * A list in LiteLLM's format: its sample entry, five models, and more.
	 * @param chatInputPerMillion acme-chat's input price per million tokens
	 * @param more further entries, each followed by a comma
	 */
	private static String litellmList(int chatInputPerMillion, String more) {
		return """
				{
					"sample_spec": { "input_cost_per_token": 0.0, "litellm_provider": "one of https://docs.litellm.ai/docs/providers",
						"mode": "one of: chat, embedding, completion" },
					%s
					"acme-chat": %s,
					"acme-reasoner": { "litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 1e-06,
						"output_cost_per_token": 4e-06, "output_cost_per_reasoning_token": 1.2e-05 },
					"acme-long": { "litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 1e-06,
						"output_cost_per_token": 2e-06, "input_cost_per_token_above_200k_tokens": 3e-06,
						"output_cost_per_token_above_200k_tokens": 6e-06 },
					"acme-embed": { "litellm_provider": "openai", "mode": "embedding", "input_cost_per_token": 1e-07,
						"output_cost_per_token": 0.0 },
					"gpt-4o-mini": { "litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 3e-07,
						"output_cost_per_token": 1.2e-06, "cache_read_input_token_cost": 1.5e-07 },
					"dall-e-3": { "litellm_provider": "openai", "mode": "image_generation", "output_cost_per_image": 0.04 }
				}
				"""
			.formatted(more, ACME_CHAT.formatted(chatInputPerMillion));
	}

	private static ConfigurableApplicationContext run(FakePriceListServer prices, String refreshInterval,
			String... more) {
		List<String> properties = new java.util.ArrayList<>(List.of("spring.ai.openai.api-key=test-key",
				"spring.ai.openai.base-url=" + openAi.baseUrl(), "spring.ai.openai.chat.model=gpt-4o-mini",
				"ai.observability.currency=USD", "ai.observability.price-catalogue.location=" + prices.url()));
		if (refreshInterval != null) {
			properties.add("ai.observability.price-catalogue.refresh-interval=" + refreshInterval);
		}
		properties.addAll(List.of(more));
		return new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run();
	}

	/**
	 * What a test does with its application.
	 */
	private record App(ConfigurableApplicationContext context) {

		void chat(String model, String message) {
			this.context.getBean(ChatClient.Builder.class)
				.build()
				.prompt()
				.user(message)
				.options(OpenAiChatOptions.builder().model(model))
				.call()
				.content();
		}

		void embed(String model) {
			this.context.getBean(EmbeddingModel.class)
				.call(new EmbeddingRequest(List.of("a document", "a question"),
						OpenAiEmbeddingOptions.builder().model(model).build()));
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

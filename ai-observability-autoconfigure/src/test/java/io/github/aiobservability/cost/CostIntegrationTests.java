package io.github.aiobservability.cost;

import java.time.Duration;

import io.github.aiobservability.test.FakeOpenAiApplicationTests;
import io.github.aiobservability.test.FakeOpenAiServer;
import io.github.aiobservability.test.PrometheusScrape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.github.aiobservability.test.FakeOpenAiApplicationTests.API_KEY;
import static io.github.aiobservability.test.FakeOpenAiApplicationTests.EXPOSE_PROMETHEUS;
import static io.github.aiobservability.test.FakeOpenAiApplicationTests.MODEL;
import static io.github.aiobservability.test.FakeOpenAiApplicationTests.NO_RETRIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Cost end to end: the real OpenAI client, a fake server reporting known usage with
 * cached tokens, prices in application properties, the Prometheus scrape.
 */
@SpringBootTest(classes = CostIntegrationTests.Application.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { API_KEY, MODEL, NO_RETRIES, EXPOSE_PROMETHEUS, "ai.observability.currency=CNY",
				"ai.observability.exchange-rates.USD=7", "ai.observability.prices[0].model=cost-model",
				"ai.observability.prices[0].input=2", "ai.observability.prices[0].output=8",
				"ai.observability.prices[0].cache-read=0.5", "ai.observability.prices[0].currency=USD",
				"ai.observability.prices[1].model=stream-cost-*", "ai.observability.prices[1].input=2",
				"ai.observability.prices[1].output=8", "ai.observability.prices[1].cache-read=0.5",
				"ai.observability.prices[1].currency=USD", "ai.observability.thresholds.error-rate=0.02",
				"ai.observability.thresholds.daily-cost-warning=50",
				"ai.observability.thresholds.models[0].model=slow-*",
				"ai.observability.thresholds.models[0].latency-p99=60s" })
@ExtendWith(OutputCaptureExtension.class)
class CostIntegrationTests extends FakeOpenAiApplicationTests {

	/**
	 * One call: 21 prompt tokens of which 5 cached, 7 completion tokens, at 2 / 0.5 / 8
	 * USD per million, 7 CNY per USD.
	 */
	private static final double COST_PER_CALL = ((21 - 5) * 2 + 5 * 0.5 + 7 * 8) / 1e6 * 7;

	@Autowired
	private ChatClient.Builder chatClientBuilder;

	@LocalServerPort
	private int port;

	@Test
	void costOfAThousandCallsEqualsTheHandComputedTotal() {
		ChatClient chatClient = this.chatClientBuilder.build();
		for (int i = 0; i < 1000; i++) {
			chatClient.prompt().user("hi").options(OpenAiChatOptions.builder().model("cost-model")).call().content();
		}

		PrometheusScrape scrape = PrometheusScrape.fetch(this.port);
		assertThat(scrape.sum("ai_api_cost_total", "model", "cost-model", "currency", "CNY"))
			.isCloseTo(1000 * COST_PER_CALL, within(1e-9));
		assertThat(scrape.sum("ai_token_usage_cache_read_total", "model", "cost-model"))
			.isEqualTo(1000.0 * FakeOpenAiServer.CACHED_TOKENS);
		assertThat(scrape.sum("ai_token_usage_input_total", "model", "cost-model"))
			.isEqualTo(1000.0 * FakeOpenAiServer.PROMPT_TOKENS);
		assertThat(scrape.samples("ai_api_unpriced_requests_total", "model", "cost-model")).isEmpty();
	}

	@Test
	void aStreamKeepsItsCachedTokensAndIsPricedLikeACall() {
		this.chatClientBuilder.build()
			.prompt()
			.user("stream it")
			.options(OpenAiChatOptions.builder().model("stream-cost-model"))
			.stream()
			.content()
			.blockLast();

		// Recording ends on Spring AI's threads, just after the caller sees the stream
		// end.
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			PrometheusScrape scrape = PrometheusScrape.fetch(this.port);
			assertThat(scrape.sum("ai_token_usage_cache_read_total", "model", "stream-cost-model", "endpoint",
					"chat_stream"))
				.isEqualTo(FakeOpenAiServer.CACHED_TOKENS);
			assertThat(scrape.sum("ai_api_cost_total", "model", "stream-cost-model", "endpoint", "chat_stream"))
				.isCloseTo(COST_PER_CALL, within(1e-12));
		});
	}

	@Test
	void anUnknownModelRecordsNoCostCountsAsUnpricedAndWarnsOnce(CapturedOutput output) {
		ChatClient chatClient = this.chatClientBuilder.build();
		for (int i = 0; i < 3; i++) {
			chatClient.prompt().user("hi").options(OpenAiChatOptions.builder().model("mystery-model")).call().content();
		}

		PrometheusScrape scrape = PrometheusScrape.fetch(this.port);
		assertThat(scrape.sum("ai_api_unpriced_requests_total", "model", "mystery-model", "provider", "openai"))
			.isEqualTo(3);
		assertThat(scrape.sum("ai_api_cost_total", "model", "mystery-model")).isZero();
		assertThat(output.getAll().split("Model 'mystery-model'", -1)).hasSize(2);
		assertThat(output.getAll()).contains("ai.observability.prices");
	}

	@Test
	void exportsTheConfiguredThresholdsForTheAlertRules() {
		PrometheusScrape scrape = PrometheusScrape.fetch(this.port);

		// The application's thresholds carry an empty model: Prometheus stores no label.
		assertThat(scrape.sum("ai_api_threshold", "model", "", "name", "error_rate")).isEqualTo(0.02);
		assertThat(scrape.sum("ai_api_threshold", "model", "", "name", "daily_cost_warning")).isEqualTo(50);
		assertThat(scrape.sum("ai_api_threshold", "model", "", "name", "daily_cost_critical")).isEqualTo(1000);
		assertThat(scrape.sum("ai_api_threshold", "model", "", "name", "latency_p99_seconds")).isEqualTo(10);
		assertThat(scrape.sum("ai_api_threshold", "model", "", "name", "input_tokens_per_minute")).isEqualTo(1_000_000);
		assertThat(scrape.sum("ai_api_threshold", "model", "", "name", "rate_limit_headroom")).isEqualTo(0.1);
		assertThat(scrape.sum("ai_api_threshold", "model", "", "name", "retries_per_request")).isEqualTo(0.1);
		assertThat(scrape.samples("ai_api_threshold", "model", "")).hasSize(11);
	}

	@Test
	void exportsAModelsOwnThresholdOnceItIsCalled() {
		assertThat(PrometheusScrape.fetch(this.port).samples("ai_api_threshold", "model", "slow-model")).isEmpty();

		this.chatClientBuilder.build()
			.prompt()
			.user("hi")
			.options(OpenAiChatOptions.builder().model("slow-model"))
			.call()
			.content();

		PrometheusScrape scrape = PrometheusScrape.fetch(this.port);
		assertThat(scrape.samples("ai_api_threshold", "model", "slow-model")).singleElement()
			.satisfies((sample) -> assertThat(sample.labels()).containsEntry("name", "latency_p99_seconds"))
			.satisfies((sample) -> assertThat(sample.value()).isEqualTo(60));
		assertThat(scrape.samples("ai_api_threshold", "model", "cost-model")).isEmpty();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}

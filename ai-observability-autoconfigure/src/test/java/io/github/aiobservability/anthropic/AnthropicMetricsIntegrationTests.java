package io.github.aiobservability.anthropic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.anthropic.errors.RateLimitException;
import io.github.aiobservability.test.FakeAnthropicApplicationTests;
import io.github.aiobservability.test.FakeAnthropicServer;
import io.github.aiobservability.test.PrometheusScrape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.github.aiobservability.test.FakeAnthropicApplicationTests.API_KEY;
import static io.github.aiobservability.test.FakeAnthropicApplicationTests.CHAT_MODEL;
import static io.github.aiobservability.test.FakeAnthropicApplicationTests.MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Spring AI's real Anthropic client, from its starter with its default retries (2),
 * against a server that follows Anthropic's documented wire format: a stream reports its
 * input and cache counts in {@code message_start} only, and its output in
 * {@code message_delta}.
 */
@SpringBootTest(classes = AnthropicMetricsIntegrationTests.Application.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { CHAT_MODEL, API_KEY, MODEL, "management.endpoints.web.exposure.include=prometheus",
				"ai.observability.currency=USD", "ai.observability.prices[0].model=claude-priced-*",
				"ai.observability.prices[0].input=3", "ai.observability.prices[0].cache-read=0.3",
				"ai.observability.prices[0].cache-write=3.75", "ai.observability.prices[0].output=15" })
class AnthropicMetricsIntegrationTests extends FakeAnthropicApplicationTests {

	/**
	 * Every input token the model processed: uncached, read from and written to the
	 * cache.
	 */
	private static final int INPUT = FakeAnthropicServer.INPUT_TOKENS + FakeAnthropicServer.CACHE_READ_INPUT_TOKENS
			+ FakeAnthropicServer.CACHE_CREATION_INPUT_TOKENS;

	private static final double COST = (FakeAnthropicServer.INPUT_TOKENS * 3
			+ FakeAnthropicServer.CACHE_READ_INPUT_TOKENS * 0.3 + FakeAnthropicServer.CACHE_CREATION_INPUT_TOKENS * 3.75
			+ FakeAnthropicServer.OUTPUT_TOKENS * 15) / 1e6;

	@Autowired
	private ChatClient.Builder chatClientBuilder;

	@Autowired
	private ChatModel chatModel;

	@LocalServerPort
	private int port;

	@AfterEach
	void restoreRateLimits() {
		server.reset();
	}

	@Test
	void aCallRecordsItsInputCacheAndOutputTokensAndCost() {
		assertThat(call("claude-priced-call", "hi")).isEqualTo(FakeAnthropicServer.ANSWER);

		assertTokensAndCost(PrometheusScrape.fetch(this.port), "claude-priced-call", "chat", 1);
	}

	@Test
	void chatClientStreamsRunningTogetherEachRecordTheirCacheCountsAndTimeToFirstToken() throws Exception {
		ExecutorService callers = Executors.newFixedThreadPool(4);
		try {
			for (int round = 0; round < 3; round++) {
				String model = "claude-priced-stream-" + round;
				List<Future<String>> streams = new ArrayList<>();
				for (int i = 0; i < 12; i++) {
					streams.add(callers.submit(() -> stream(model, "hi")));
				}
				for (Future<String> stream : streams) {
					assertThat(stream.get()).isEqualTo(FakeAnthropicServer.ANSWER);
				}
				await().untilAsserted(() -> {
					PrometheusScrape scrape = PrometheusScrape.fetch(this.port);
					assertTokensAndCost(scrape, model, "chat_stream", 12);
					assertThat(scrape.sum("ai_api_time_to_first_token_seconds_count", "model", model)).isEqualTo(12);
				});
			}
		}
		finally {
			callers.shutdownNow();
		}
	}

	@Test
	void aDirectStreamRecordsItsCacheCountsToo() {
		String answer = String.join("", this.chatModel
			.stream(new Prompt("hi", AnthropicChatOptions.builder().model("claude-priced-direct").build()))
			.map((response) -> (response.getResult() != null && response.getResult().getOutput().getText() != null)
					? response.getResult().getOutput().getText() : "")
			.collectList()
			.block());

		assertThat(answer).isEqualTo(FakeAnthropicServer.ANSWER);
		await().untilAsserted(
				() -> assertTokensAndCost(PrometheusScrape.fetch(this.port), "claude-priced-direct", "chat_stream", 1));
	}

	@Test
	void countsTheAttemptsTheClientRetriedAfter429And529() {
		assertThat(call("claude-attempts", "script:429,529,200 hi")).isEqualTo(FakeAnthropicServer.ANSWER);
		assertThat(stream("claude-attempts", "script:529,200 hi")).isEqualTo(FakeAnthropicServer.ANSWER);

		await().untilAsserted(() -> {
			PrometheusScrape scrape = PrometheusScrape.fetch(this.port);
			assertAttempts(scrape, "chat", "429", "rate_limited", "first", 1);
			assertAttempts(scrape, "chat", "529", "server_error", "retry", 1);
			assertAttempts(scrape, "chat", "200", "none", "retry", 1);
			assertAttempts(scrape, "chat_stream", "529", "server_error", "first", 1);
			assertAttempts(scrape, "chat_stream", "200", "none", "retry", 1);
			assertThat(scrape.sum("ai_api_requests_total", "model", "claude-attempts", "status", "success"))
				.isEqualTo(2);
			assertThat(scrape.sum("ai_api_requests_total", "model", "claude-attempts", "status", "error")).isZero();
		});
	}

	@Test
	void aCallRateLimitedOnEveryAttemptCountsThreeAttemptsAndOneFailedRequest() {
		assertThatThrownBy(() -> call("claude-429x3", "fault:429")).isInstanceOf(RateLimitException.class);

		PrometheusScrape scrape = PrometheusScrape.fetch(this.port);
		assertThat(scrape.sum("ai_api_attempts_total", "model", "claude-429x3", "status_code", "429")).isEqualTo(3);
		assertThat(scrape.sum("ai_api_requests_total", "model", "claude-429x3", "error_type", "rate_limited"))
			.isEqualTo(1);
	}

	@Test
	void exportsTheHeadroomOfEveryResourceAnthropicReports() {
		server.rateLimits(new FakeAnthropicServer.RateLimits(limit(50, 12), limit(90_000, 45_000), limit(40_000, 3_000),
				limit(8_000, 7_500)));
		call("claude-headroom", "hi");

		PrometheusScrape scrape = PrometheusScrape.fetch(this.port);
		assertThat(headroom(scrape, "ai_api_rate_limit_remaining", "requests")).isEqualTo(12);
		assertThat(headroom(scrape, "ai_api_rate_limit_limit", "requests")).isEqualTo(50);
		assertThat(headroom(scrape, "ai_api_rate_limit_remaining", "tokens")).isEqualTo(45_000);
		assertThat(headroom(scrape, "ai_api_rate_limit_remaining", "input_tokens")).isEqualTo(3_000);
		assertThat(headroom(scrape, "ai_api_rate_limit_limit", "input_tokens")).isEqualTo(40_000);
		assertThat(headroom(scrape, "ai_api_rate_limit_remaining", "output_tokens")).isEqualTo(7_500);

		server.rateLimits(new FakeAnthropicServer.RateLimits(limit(50, 11), limit(90_000, 44_000), limit(40_000, 2_000),
				limit(8_000, 7_000)));
		stream("claude-headroom", "hi");

		await().untilAsserted(() -> {
			PrometheusScrape later = PrometheusScrape.fetch(this.port);
			assertThat(headroom(later, "ai_api_rate_limit_remaining", "requests")).isEqualTo(11);
			assertThat(headroom(later, "ai_api_rate_limit_remaining", "input_tokens")).isEqualTo(2_000);
		});
	}

	private void assertTokensAndCost(PrometheusScrape scrape, String model, String endpoint, int calls) {
		String[] labels = { "model", model, "provider", "anthropic", "endpoint", endpoint };
		assertThat(scrape.sum("ai_api_requests_total", with(labels, "status", "success"))).isEqualTo(calls);
		assertThat(scrape.sum("ai_token_usage_input_total", labels)).isEqualTo(calls * INPUT);
		assertThat(scrape.sum("ai_token_usage_cache_read_total", labels))
			.isEqualTo(calls * FakeAnthropicServer.CACHE_READ_INPUT_TOKENS);
		assertThat(scrape.sum("ai_token_usage_cache_write_total", labels))
			.isEqualTo(calls * FakeAnthropicServer.CACHE_CREATION_INPUT_TOKENS);
		assertThat(scrape.sum("ai_token_usage_output_total", labels))
			.isEqualTo(calls * FakeAnthropicServer.OUTPUT_TOKENS);
		assertThat(scrape.sum("ai_api_cost_total", with(labels, "currency", "USD"))).isCloseTo(calls * COST,
				within(1e-12));
		assertThat(scrape.sum("ai_token_usage_estimated_total", labels)).isZero();
	}

	private static void assertAttempts(PrometheusScrape scrape, String endpoint, String statusCode, String errorType,
			String attempt, int expected) {
		assertThat(scrape.sum("ai_api_attempts_total", "model", "claude-attempts", "provider", "anthropic", "endpoint",
				endpoint, "status_code", statusCode, "error_type", errorType, "attempt", attempt))
			.as("%s %s %s", endpoint, statusCode, attempt)
			.isEqualTo(expected);
	}

	private static double headroom(PrometheusScrape scrape, String name, String resource) {
		return scrape.sum(name, "model", "claude-headroom", "provider", "anthropic", "resource", resource);
	}

	private static FakeAnthropicServer.Limit limit(long limit, long remaining) {
		return new FakeAnthropicServer.Limit(limit, remaining, Duration.ofSeconds(60));
	}

	private static String[] with(String[] labels, String... more) {
		String[] all = new String[labels.length + more.length];
		System.arraycopy(labels, 0, all, 0, labels.length);
		System.arraycopy(more, 0, all, labels.length, more.length);
		return all;
	}

	private String call(String model, String instruction) {
		return this.chatClientBuilder.build()
			.prompt()
			.user(instruction)
			.options(AnthropicChatOptions.builder().model(model))
			.call()
			.content();
	}

	private String stream(String model, String instruction) {
		return String.join("",
				this.chatClientBuilder.build()
					.prompt()
					.user(instruction)
					.options(AnthropicChatOptions.builder().model(model))
					.stream()
					.content()
					.collectList()
					.block());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}

package io.github.aiobservability.gemini;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.google.genai.Client;
import com.google.genai.errors.ClientException;
import com.google.genai.errors.ServerException;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import io.github.aiobservability.test.Attempt;
import io.github.aiobservability.test.FakeGeminiApplicationTests;
import io.github.aiobservability.test.FakeGeminiServer;
import io.github.aiobservability.test.PrometheusScrape;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.google.genai.GoogleGenAiChatOptions;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static io.github.aiobservability.test.FakeGeminiApplicationTests.CHAT_MODEL;
import static io.github.aiobservability.test.FakeGeminiApplicationTests.MODEL;
import static io.github.aiobservability.test.PrometheusScrape.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Spring AI's real Google GenAI chat model (the {@code google-genai} SDK under Spring
 * AI's {@code GoogleGenAiChatModel}) against a server that follows the Gemini API's
 * documented wire format. The application builds its own {@code Client}, as the README
 * shows, on the starter's HTTP client, with the SDK's retries (3 attempts, a few
 * milliseconds apart). Gemini counts cached tokens inside the prompt, thinking tokens on
 * top of the candidates and tool-use prompt tokens on top of the prompt.
 */
@SpringBootTest(classes = GeminiMetricsIntegrationTests.Application.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { CHAT_MODEL, MODEL, "management.endpoints.web.exposure.include=prometheus",
				"ai.observability.currency=USD", "ai.observability.prices[0].model=gemini-priced-*",
				"ai.observability.prices[0].input=0.3", "ai.observability.prices[0].cache-read=0.03",
				"ai.observability.prices[0].output=2.5" })
class GeminiMetricsIntegrationTests extends FakeGeminiApplicationTests {

	/** The SDK's attempts per call: the first and two retries. */
	private static final int ATTEMPTS = 3;

	private static final int OUTPUT = FakeGeminiServer.CANDIDATES_TOKENS + FakeGeminiServer.THOUGHTS_TOKENS;

	@Autowired
	private ChatClient.Builder chatClientBuilder;

	@LocalServerPort
	private int port;

	@Test
	void aCallRecordsItsPromptCacheReadsThinkingAndCost() {
		assertThat(call("gemini-priced-call", "hi", false)).isEqualTo(FakeGeminiServer.ANSWER);

		assertTokensAndCost(scrape(), "gemini-priced-call", "chat", 1, 0);
	}

	@Test
	void chatClientStreamsRunningTogetherEachRecordTheirThinkingAndCacheReads() throws Exception {
		ExecutorService callers = Executors.newFixedThreadPool(4);
		try {
			for (int round = 0; round < 3; round++) {
				String model = "gemini-priced-stream-" + round;
				boolean thoughts = round == 1;
				List<Future<String>> streams = new ArrayList<>();
				for (int i = 0; i < 12; i++) {
					streams.add(callers.submit(() -> stream(model, "hi", thoughts)));
				}
				for (Future<String> stream : streams) {
					assertThat(stream.get())
						.isEqualTo((thoughts ? FakeGeminiServer.THOUGHT : "") + FakeGeminiServer.ANSWER);
				}
				await().untilAsserted(() -> {
					PrometheusScrape scrape = scrape();
					assertTokensAndCost(scrape, model, "chat_stream", 12, 0);
					assertThat(scrape.sum("ai_api_time_to_first_token_seconds_count", "model", model)).isEqualTo(12);
					assertThat(inFlight(scrape, model, "chat_stream")).isZero();
				});
			}
		}
		finally {
			callers.shutdownNow();
		}
	}

	@Test
	void eachRoundTripOfAToolCallRecordsItsToolUsePromptAsInput() {
		String answer = this.chatClientBuilder.build()
			.prompt()
			.user("What is the weather in Rome?")
			.options(GoogleGenAiChatOptions.builder().model("gemini-priced-tools"))
			.tools(new WeatherTools())
			.call()
			.content();

		assertThat(answer).isEqualTo(FakeGeminiServer.ANSWER);
		assertThat(server.attempts("gemini-priced-tools")).hasSize(2);
		assertTokensAndCost(scrape(), "gemini-priced-tools", "chat", 2, FakeGeminiServer.TOOL_USE_PROMPT_TOKENS);
	}

	@Test
	void pricesGeminiModelsFromTheCatalogueByContextTier() {
		call("gemini-2.5-pro", "long-prompt", false);
		call("gemini-2.5-flash-lite", "hi", false);

		PrometheusScrape scrape = scrape();
		// gemini-2.5-pro above 200k prompt tokens: 2.50 input, 0.25 cache read, 15.00
		// output per million.
		double longPrompt = ((FakeGeminiServer.LONG_PROMPT_TOKENS - FakeGeminiServer.CACHED_CONTENT_TOKENS) * 2.5
				+ FakeGeminiServer.CACHED_CONTENT_TOKENS * 0.25 + OUTPUT * 15.0) / 1e6;
		assertThat(scrape.sum("ai_api_cost_total", "model", "gemini-2.5-pro", "provider", "gemini"))
			.isCloseTo(longPrompt, within(1e-9));
		// gemini-2.5-flash-lite: 0.10 input, 0.01 cache read, 0.40 output per million.
		double flashLite = ((FakeGeminiServer.PROMPT_TOKENS - FakeGeminiServer.CACHED_CONTENT_TOKENS) * 0.1
				+ FakeGeminiServer.CACHED_CONTENT_TOKENS * 0.01 + OUTPUT * 0.4) / 1e6;
		assertThat(scrape.sum("ai_api_cost_total", "model", "gemini-2.5-flash-lite")).isCloseTo(flashLite,
				within(1e-12));
		assertThat(scrape.sum("ai_api_unpriced_requests_total", "model", "gemini-2.5-pro")).isZero();
		assertThat(scrape.sum("ai_api_unpriced_requests_total", "model", "gemini-2.5-flash-lite")).isZero();
	}

	@Test
	void countsEveryAttemptOfTheSdksRetries() {
		assertThat(call("gemini-attempts", "script:503,429,200 hi", false)).isEqualTo(FakeGeminiServer.ANSWER);
		assertThat(stream("gemini-attempts", "script:503,200 hi", false)).isEqualTo(FakeGeminiServer.ANSWER);

		assertThat(server.attempts("gemini-attempts")).extracting(Attempt::status)
			.containsExactly(503, 429, 200, 503, 200);
		await().untilAsserted(() -> {
			PrometheusScrape scrape = scrape();
			assertAttempts(scrape, "gemini-attempts", "chat", "503", "server_error", "first", 1);
			assertAttempts(scrape, "gemini-attempts", "chat", "429", "rate_limited", "retry", 1);
			assertAttempts(scrape, "gemini-attempts", "chat", "200", "none", "retry", 1);
			assertAttempts(scrape, "gemini-attempts", "chat_stream", "503", "server_error", "first", 1);
			assertAttempts(scrape, "gemini-attempts", "chat_stream", "200", "none", "retry", 1);
			assertThat(scrape.sum("ai_api_requests_total", "model", "gemini-attempts", "status", "success"))
				.isEqualTo(2);
		});
	}

	@Test
	void aCallRateLimitedOnEveryAttemptIsOneRateLimitedRequestOfThreeAttempts() {
		assertThatThrownBy(() -> call("gemini-429", "fault:429", false)).hasRootCauseInstanceOf(ClientException.class);

		PrometheusScrape scrape = scrape();
		assertAttempts(scrape, "gemini-429", "chat", "429", "rate_limited", "first", 1);
		assertAttempts(scrape, "gemini-429", "chat", "429", "rate_limited", "retry", ATTEMPTS - 1);
		assertThat(scrape.sum("ai_api_requests_total", "model", "gemini-429", "error_type", "rate_limited"))
			.isEqualTo(1);
		assertThat(inFlight(scrape, "gemini-429", "chat")).isZero();
	}

	@Test
	void streamsWhoseRequestFailsLeaveNothingInFlightAndCountTheirFailure() throws Exception {
		ExecutorService callers = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> streams = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				String fault = (i % 2 == 0) ? "fault:503" : "fault:429";
				streams.add(callers.submit(() -> assertThatThrownBy(() -> stream("gemini-failed-stream", fault, false))
					.hasRootCauseInstanceOf((fault.endsWith("503")) ? ServerException.class : ClientException.class)));
			}
			for (Future<?> stream : streams) {
				stream.get();
			}
		}
		finally {
			callers.shutdownNow();
		}

		PrometheusScrape scrape = scrape();
		assertThat(inFlight(scrape, "gemini-failed-stream", "chat_stream")).isZero();
		assertThat(scrape.sum("ai_api_requests_total", "model", "gemini-failed-stream", "error_type", "server_error"))
			.isEqualTo(4);
		assertThat(scrape.sum("ai_api_requests_total", "model", "gemini-failed-stream", "error_type", "rate_limited"))
			.isEqualTo(4);
		assertThat(scrape.sum("ai_api_attempts_total", "model", "gemini-failed-stream")).isEqualTo(8 * ATTEMPTS);
	}

	@Test
	void aStreamThatFailsMidwayIsAServerErrorAndLeavesNothingInFlight() {
		// Gemini's error event, thrown by the SDK as the stream is read.
		assertThatThrownBy(() -> stream("gemini-overloaded", "fault:overloaded-stream", false))
			.isInstanceOf(ServerException.class);

		await().untilAsserted(() -> {
			PrometheusScrape scrape = scrape();
			assertThat(scrape.sum("ai_api_requests_total", "model", "gemini-overloaded", "error_type", "server_error"))
				.isEqualTo(1);
			assertThat(inFlight(scrape, "gemini-overloaded", "chat_stream")).isZero();
			assertAttempts(scrape, "gemini-overloaded", "chat_stream", "200", "none", "first", 1);
		});
	}

	private void assertTokensAndCost(PrometheusScrape scrape, String model, String endpoint, int calls,
			int toolUsePromptTokens) {
		String[] labels = { "model", model, "provider", "gemini", "endpoint", endpoint };
		assertThat(scrape.sum("ai_api_requests_total", with(labels, "status", "success"))).isEqualTo(calls);
		assertThat(scrape.sum("ai_token_usage_input_total", labels))
			.isEqualTo(calls * (FakeGeminiServer.PROMPT_TOKENS + toolUsePromptTokens));
		assertThat(scrape.sum("ai_token_usage_cache_read_total", labels))
			.isEqualTo(calls * FakeGeminiServer.CACHED_CONTENT_TOKENS);
		assertThat(scrape.sum("ai_token_usage_output_total", labels)).isEqualTo(calls * OUTPUT);
		assertThat(scrape.sum("ai_token_usage_reasoning_total", labels))
			.isEqualTo(calls * FakeGeminiServer.THOUGHTS_TOKENS);
		assertThat(scrape.sum("ai_api_cost_total", with(labels, "currency", "USD")))
			.isCloseTo(calls * cost(FakeGeminiServer.PROMPT_TOKENS, toolUsePromptTokens), within(1e-12));
		assertThat(scrape.sum("ai_token_usage_estimated_total", labels)).isZero();
	}

	/**
	 * At the configured prices: uncached input 0.30, cache reads 0.03, output (thinking
	 * included) 2.50 per million tokens.
	 */
	private static double cost(int promptTokens, int toolUsePromptTokens) {
		return ((promptTokens - FakeGeminiServer.CACHED_CONTENT_TOKENS + toolUsePromptTokens) * 0.3
				+ FakeGeminiServer.CACHED_CONTENT_TOKENS * 0.03 + OUTPUT * 2.5) / 1e6;
	}

	private static void assertAttempts(PrometheusScrape scrape, String model, String endpoint, String statusCode,
			String errorType, String attempt, int expected) {
		assertThat(scrape.sum("ai_api_attempts_total", "model", model, "provider", "gemini", "endpoint", endpoint,
				"status_code", statusCode, "error_type", errorType, "attempt", attempt))
			.as("%s %s %s %s", endpoint, statusCode, errorType, attempt)
			.isEqualTo(expected);
	}

	private static double inFlight(PrometheusScrape scrape, String model, String endpoint) {
		return scrape.sum("ai_api_requests_in_flight", "model", model, "endpoint", endpoint);
	}

	private PrometheusScrape scrape() {
		return PrometheusScrape.fetch(this.port);
	}

	private String call(String model, String instruction, boolean thoughts) {
		return this.chatClientBuilder.build()
			.prompt()
			.user(instruction)
			.options(options(model, thoughts))
			.call()
			.content();
	}

	private String stream(String model, String instruction, boolean thoughts) {
		return String.join("",
				this.chatClientBuilder.build()
					.prompt()
					.user(instruction)
					.options(options(model, thoughts))
					.stream()
					.content()
					.collectList()
					.block());
	}

	private static GoogleGenAiChatOptions.Builder options(String model, boolean thoughts) {
		GoogleGenAiChatOptions.Builder options = GoogleGenAiChatOptions.builder().model(model);
		return thoughts ? options.includeThoughts(true).thinkingBudget(1024) : options;
	}

	static class WeatherTools {

		@Tool(description = "Current weather of a city")
		String weather(String city) {
			return "Sunny, 24 degrees in " + city;
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

		/**
		 * The application's own Client, as the README shows: the Gemini API on the fake,
		 * with short retries, on the starter's HTTP client.
		 */
		@Bean
		Client googleGenAiClient(GeminiHttpClient geminiHttpClient) {
			return Client.builder()
				.apiKey("test-key")
				.httpOptions(HttpOptions.builder()
					.baseUrl(server.baseUrl())
					.retryOptions(HttpRetryOptions.builder().attempts(ATTEMPTS).initialDelay(0.01).maxDelay(0.02))
					.build())
				.clientOptions(geminiHttpClient.clientOptions())
				.build();
		}

	}

}

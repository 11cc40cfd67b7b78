package io.github.aiobservability.chat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import io.github.aiobservability.test.FakeOpenAiApplicationTests;
import io.github.aiobservability.test.FakeOpenAiServer;
import io.github.aiobservability.test.PrometheusScrape;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.tokenizer.JTokkitTokenCountEstimator;
import org.springframework.ai.tokenizer.TokenCountEstimator;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.github.aiobservability.test.FakeOpenAiApplicationTests.API_KEY;
import static io.github.aiobservability.test.FakeOpenAiApplicationTests.MODEL;
import static io.github.aiobservability.test.FakeOpenAiApplicationTests.NO_RETRIES;
import static io.github.aiobservability.test.FakeOpenAiApplicationTests.EXPOSE_PROMETHEUS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The starter in a real Spring Boot application with Spring AI's OpenAI starter (the
 * official openai-java client) calling a fake OpenAI-compatible server over HTTP,
 * asserted on the text Prometheus would scrape. Each test uses its own model name, so its
 * series start at zero whatever ran before.
 */
@SpringBootTest(classes = ChatMetricsIntegrationTests.Application.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { API_KEY, MODEL, NO_RETRIES,
				EXPOSE_PROMETHEUS, "ai.observability.request-tags=tenant", "ai.observability.tags.application=it" })
class ChatMetricsIntegrationTests extends FakeOpenAiApplicationTests {

	@Autowired
	private ChatClient.Builder chatClientBuilder;

	@Autowired
	private ChatModel chatModel;

	@Autowired
	private ObservationRegistry observationRegistry;

	@Autowired
	private StreamChunksAdvisor streamChunksAdvisor;

	@LocalServerPort
	private int port;

	@Test
	void countsASyncCallWithTheTokensTheProviderReported() {
		String answer = this.chatClientBuilder.build()
			.prompt()
			.user("What is the capital of France?")
			.options(model("sync-model"))
			.call()
			.content();

		assertThat(answer).isEqualTo(FakeOpenAiServer.ANSWER);
		PrometheusScrape scrape = scrape();
		String[] series = { "model", "sync-model", "provider", "openai", "endpoint", "chat", "application", "it" };
		assertThat(scrape.sum("ai_api_requests_total", with(series, "status", "success", "error_type", "none")))
			.isEqualTo(1);
		assertThat(scrape.sum("ai_api_request_duration_seconds_count", with(series, "status", "success"))).isEqualTo(1);
		assertThat(scrape.sum("ai_token_usage_input_total", series)).isEqualTo(FakeOpenAiServer.PROMPT_TOKENS);
		assertThat(scrape.sum("ai_token_usage_output_total", series)).isEqualTo(FakeOpenAiServer.COMPLETION_TOKENS);
		assertThat(scrape.samples("ai_token_usage_estimated_total", series)).isEmpty();
		assertThat(scrape.sum("ai_api_requests_in_flight", "model", "sync-model")).isZero();
	}

	@Test
	void preCreatesEveryOutcomeSoTheFirstErrorIsVisibleToIncrease() {
		this.chatClientBuilder.build().prompt().user("hello").options(model("precreate-model")).call().content();

		PrometheusScrape scrape = scrape();
		assertThat(scrape.samples("ai_api_requests_total", "model", "precreate-model", "error_type", "unauthorized"))
			.singleElement()
			.satisfies((sample) -> assertThat(sample.value()).isZero());
		assertThat(scrape.samples("ai_api_requests_total", "model", "precreate-model")).hasSize(10);
	}

	@Test
	void classifiesProviderFailuresAndPassesTheSdkExceptionThrough() {
		assertFailure("fault:429", "rate-model", RateLimitException.class, "rate_limited");
		assertFailure("fault:401", "key-model", UnauthorizedException.class, "unauthorized");
		assertFailure("fault:403", "forbidden-model", PermissionDeniedException.class, "forbidden");
		assertFailure("fault:500", "server-model", InternalServerException.class, "server_error");
		assertFailure("fault:422", "client-model", RuntimeException.class, "client_error");
	}

	@Test
	void classifiesATimeout() {
		OpenAiChatOptions.Builder options = model("timeout-model").timeout(Duration.ofMillis(300));

		assertThatThrownBy(
				() -> this.chatClientBuilder.build().prompt().user("fault:slow").options(options).call().content())
			.isInstanceOf(OpenAIIoException.class);

		assertThat(scrape().sum("ai_api_requests_total", "model", "timeout-model", "status", "error", "error_type",
				"timeout"))
			.isEqualTo(1);
	}

	@Test
	void recordsTimeToFirstTokenAndTokensOfAStream() {
		List<String> chunks = this.chatClientBuilder.build()
			.prompt()
			.user("Stream me the answer")
			.options(model("stream-model"))
			.stream()
			.content()
			.collectList()
			.block();

		assertThat(String.join("", chunks)).isEqualTo(FakeOpenAiServer.ANSWER);
		// Recording ends on Spring AI's threads, just after the caller sees the stream
		// end.
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			PrometheusScrape scrape = scrape();
			String[] series = { "model", "stream-model", "provider", "openai", "endpoint", "chat_stream" };
			assertThat(scrape.sum("ai_api_requests_total", with(series, "status", "success"))).isEqualTo(1);
			assertThat(scrape.sum("ai_token_usage_input_total", series)).isEqualTo(FakeOpenAiServer.PROMPT_TOKENS);
			assertThat(scrape.sum("ai_token_usage_output_total", series)).isEqualTo(FakeOpenAiServer.COMPLETION_TOKENS);
			assertThat(scrape.sum("ai_api_time_to_first_token_seconds_count", "model", "stream-model")).isEqualTo(1);
			double ttft = scrape.sum("ai_api_time_to_first_token_seconds_sum", "model", "stream-model");
			double duration = scrape.sum("ai_api_request_duration_seconds_sum", "model", "stream-model");
			assertThat(ttft).isGreaterThanOrEqualTo(FakeOpenAiServer.FIRST_CHUNK_DELAY_MILLIS / 1000.0)
				.isLessThan(duration);
		});
	}

	@Test
	void countsAStreamTheConsumerCancelledAsCancelled() {
		List<String> firstTwo = this.chatClientBuilder.build()
			.prompt()
			.user("slow-stream please")
			.options(model("cancel-model"))
			.stream()
			.content()
			.take(2)
			.collectList()
			.block();

		assertThat(firstTwo).hasSize(2);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			PrometheusScrape scrape = scrape();
			assertThat(scrape.sum("ai_api_requests_total", "model", "cancel-model", "status", "cancelled", "error_type",
					"cancelled"))
				.isEqualTo(1);
			assertThat(scrape.sum("ai_api_requests_total", "model", "cancel-model", "status", "success")).isZero();
			assertThat(scrape.sum("ai_api_requests_in_flight", "model", "cancel-model")).isZero();
		});
	}

	@Test
	void countsAFailedStreamByTheSdkErrorItWraps() {
		assertThatThrownBy(() -> this.chatClientBuilder.build()
			.prompt()
			.user("fault:429")
			.options(model("stream-error-model"))
			.stream()
			.content()
			.blockLast()).hasRootCauseInstanceOf(RateLimitException.class);

		// Recording ends on Spring AI's threads, just after the caller sees the stream
		// end.
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			PrometheusScrape scrape = scrape();
			assertThat(scrape.sum("ai_api_requests_total", "model", "stream-error-model", "endpoint", "chat_stream",
					"status", "error", "error_type", "rate_limited"))
				.isEqualTo(1);
			assertThat(scrape.sum("ai_api_requests_in_flight", "model", "stream-error-model")).isZero();
		});
	}

	@Test
	void countsEachRoundTripOnceWhicheverWayTheModelIsCalled() {
		int before = server.requestCount();
		this.chatClientBuilder.build().prompt().user("hi").options(model("paths-model")).call().content();
		ChatClient.create(this.chatModel).prompt().user("hi").options(model("paths-model")).call().content();
		this.chatModel.call(new Prompt("hi", model("paths-model").build()));
		this.chatModel.stream(new Prompt("hi", model("paths-model").build())).blockLast();

		// Recording ends on Spring AI's threads, just after the caller sees the stream
		// end.
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			PrometheusScrape scrape = scrape();
			assertThat(server.requestCount() - before).isEqualTo(4);
			assertThat(scrape.sum("ai_api_requests_total", "model", "paths-model", "endpoint", "chat")).isEqualTo(3);
			assertThat(scrape.sum("ai_api_requests_total", "model", "paths-model", "endpoint", "chat_stream"))
				.isEqualTo(1);
		});
	}

	@Test
	void aHandBuiltChatClientGetsTagsAndTimeToFirstTokenWithTheDocumentedLine() {
		ChatClient chatClient = ChatClient.builder(this.chatModel, this.observationRegistry, null, null)
			.defaultAdvisors(this.streamChunksAdvisor)
			.build();

		chatClient.prompt()
			.user("hi")
			.options(model("hand-built-model"))
			.advisors((advisors) -> advisors.param("tenant", "hand-built"))
			.stream()
			.content()
			.blockLast();

		// Recording ends on Spring AI's threads, just after the caller sees the stream
		// end.
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			PrometheusScrape scrape = scrape();
			assertThat(scrape.sum("ai_api_requests_total", "model", "hand-built-model", "tenant", "hand-built",
					"status", "success"))
				.isEqualTo(1);
			assertThat(scrape.sum("ai_api_time_to_first_token_seconds_count", "model", "hand-built-model", "tenant",
					"hand-built"))
				.isEqualTo(1);
		});
	}

	@Test
	void aChatModelThatIsNotABeanIsCountedWhenGivenTheObservationRegistry() {
		ChatModel unmanaged = OpenAiChatModel.builder()
			.options(OpenAiChatOptions.builder()
				.baseUrl(server.baseUrl())
				.apiKey("test-key")
				.model("unmanaged-model")
				.maxRetries(0)
				.build())
			.observationRegistry(this.observationRegistry)
			.build();

		unmanaged.call(new Prompt("hi"));

		assertThat(scrape().sum("ai_api_requests_total", "model", "unmanaged-model", "status", "success")).isEqualTo(1);
	}

	@Test
	void countsEveryRoundTripOfAToolCallingExchange() {
		int before = server.requestCount();
		String answer = this.chatClientBuilder.build()
			.prompt()
			.user("weather? in Paris")
			.options(model("tool-model"))
			.tools(new WeatherTools())
			.call()
			.content();

		assertThat(answer).isEqualTo(FakeOpenAiServer.ANSWER);
		assertThat(server.requestCount() - before).isEqualTo(2);
		PrometheusScrape scrape = scrape();
		assertThat(scrape.sum("ai_api_requests_total", "model", "tool-model", "status", "success")).isEqualTo(2);
		assertThat(scrape.sum("ai_token_usage_input_total", "model", "tool-model"))
			.isEqualTo(2 * FakeOpenAiServer.PROMPT_TOKENS);
	}

	@Test
	void estimatesTokensOnlyWhenTheProviderReportsNone() {
		String question = "no-usage: how many tokens does this question take?";
		ChatResponse response = this.chatModel.call(new Prompt(question, model("estimate-model").build()));

		assertThat(response.getResult().getOutput().getText()).isEqualTo(FakeOpenAiServer.ANSWER);
		TokenCountEstimator tokenizer = new JTokkitTokenCountEstimator();
		PrometheusScrape scrape = scrape();
		double input = scrape.sum("ai_token_usage_input_total", "model", "estimate-model");
		double output = scrape.sum("ai_token_usage_output_total", "model", "estimate-model");
		assertThat(input).isEqualTo(tokenizer.estimate(question)).isPositive();
		assertThat(output).isEqualTo(tokenizer.estimate(FakeOpenAiServer.ANSWER)).isPositive();
		assertThat(scrape.sum("ai_token_usage_estimated_total", "model", "estimate-model", "direction", "input"))
			.isEqualTo(input);
		assertThat(scrape.sum("ai_token_usage_estimated_total", "model", "estimate-model", "direction", "output"))
			.isEqualTo(output);
	}

	@Test
	void countsConcurrentCallsExactly() throws InterruptedException {
		int threads = 8;
		int callsPerThread = 500;
		ChatClient chatClient = this.chatClientBuilder.build();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		AtomicInteger answered = new AtomicInteger();
		for (int t = 0; t < threads; t++) {
			pool.execute(() -> {
				for (int i = 0; i < callsPerThread; i++) {
					String answer = chatClient.prompt().user("hi").options(model("concurrent-model")).call().content();
					if (FakeOpenAiServer.ANSWER.equals(answer)) {
						answered.incrementAndGet();
					}
				}
			});
		}
		pool.shutdown();
		assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();

		int calls = threads * callsPerThread;
		assertThat(answered).hasValue(calls);
		PrometheusScrape scrape = scrape();
		assertThat(scrape.sum("ai_api_requests_total", "model", "concurrent-model", "status", "success"))
			.isEqualTo(calls);
		assertThat(scrape.sum("ai_api_request_duration_seconds_count", "model", "concurrent-model")).isEqualTo(calls);
		assertThat(scrape.sum("ai_token_usage_input_total", "model", "concurrent-model"))
			.isEqualTo((double) calls * FakeOpenAiServer.PROMPT_TOKENS);
		assertThat(scrape.sum("ai_token_usage_output_total", "model", "concurrent-model"))
			.isEqualTo((double) calls * FakeOpenAiServer.COMPLETION_TOKENS);
		assertThat(scrape.sum("ai_api_requests_in_flight", "model", "concurrent-model")).isZero();
	}

	@Test
	void neverPutsPromptsCompletionsKeysOrErrorMessagesIntoLabels() {
		assertThatThrownBy(() -> this.chatClientBuilder.build()
			.prompt()
			.user("fault:500 secret-prompt-text")
			.options(model("privacy-model"))
			.call()
			.content()).isInstanceOf(InternalServerException.class);
		this.chatClientBuilder.build()
			.prompt()
			.user("secret-prompt-text")
			.options(model("privacy-model"))
			.call()
			.content();

		String exposition = scrape().text();
		assertThat(exposition).contains("privacy-model")
			.doesNotContain("secret-prompt-text")
			.doesNotContain("Paris")
			.doesNotContain("test-key")
			.doesNotContain("injected failure");
	}

	private void assertFailure(String instruction, String model, Class<? extends Throwable> thrown, String errorType) {
		assertThatThrownBy(
				() -> this.chatClientBuilder.build().prompt().user(instruction).options(model(model)).call().content())
			.isInstanceOf(thrown);
		PrometheusScrape scrape = scrape();
		assertThat(scrape.sum("ai_api_requests_total", "model", model, "status", "error", "error_type", errorType))
			.as(instruction)
			.isEqualTo(1);
		assertThat(scrape.sum("ai_api_requests_total", "model", model)).isEqualTo(1);
		assertThat(scrape.sum("ai_api_request_duration_seconds_count", "model", model, "status", "error")).isEqualTo(1);
		assertThat(scrape.sum("ai_token_usage_input_total", "model", model)).isZero();
	}

	private static OpenAiChatOptions.Builder model(String name) {
		return OpenAiChatOptions.builder().model(name);
	}

	private PrometheusScrape scrape() {
		return PrometheusScrape.fetch(this.port);
	}

	static class WeatherTools {

		@Tool(description = "Current weather of a city")
		String weather(String city) {
			return "Sunny, 21 degrees in " + city;
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}

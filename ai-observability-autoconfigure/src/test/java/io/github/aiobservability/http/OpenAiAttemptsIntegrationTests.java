package io.github.aiobservability.http;

import java.util.List;

import com.openai.errors.RateLimitException;
import io.github.aiobservability.test.Attempt;
import io.github.aiobservability.test.FakeOpenAiApplicationTests;
import io.github.aiobservability.test.FakeOpenAiServer;
import io.github.aiobservability.test.PrometheusScrape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.github.aiobservability.test.FakeOpenAiApplicationTests.API_KEY;
import static io.github.aiobservability.test.FakeOpenAiApplicationTests.EXPOSE_PROMETHEUS;
import static io.github.aiobservability.test.FakeOpenAiApplicationTests.MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Every HTTP attempt of Spring AI's OpenAI client, with the client's default retries (3)
 * as real applications keep them, against a server that answers each attempt as scripted.
 * The request counter keeps meaning one round-trip as the caller saw it; the attempt
 * counter shows the 429s and 5xx the retries absorbed.
 */
@SpringBootTest(classes = OpenAiAttemptsIntegrationTests.Application.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { API_KEY, MODEL, EXPOSE_PROMETHEUS, "ai.observability.tags.application=it" })
class OpenAiAttemptsIntegrationTests extends FakeOpenAiApplicationTests {

	@Autowired
	private ChatClient.Builder chatClientBuilder;

	@LocalServerPort
	private int port;

	@AfterEach
	void restoreRateLimits() {
		server.reset();
	}

	@Test
	void aCallRetriedAfterA429CountsBothAttemptsAndOneSuccessfulRequest() {
		assertThat(call("attempts-429", "script:429,200 hi")).isEqualTo(FakeOpenAiServer.ANSWER);

		assertThat(statuses("attempts-429")).containsExactly(429, 200);
		PrometheusScrape scrape = PrometheusScrape.fetch(this.port);
		assertAttempts(scrape, "attempts-429", "chat", "429", "rate_limited", "first", 1);
		assertAttempts(scrape, "attempts-429", "chat", "200", "none", "retry", 1);
		assertAttempts(scrape, "attempts-429", "chat", "200", "none", "first", 0);
		assertThat(requests(scrape, "attempts-429", "chat", "success")).isEqualTo(1);
		assertThat(requests(scrape, "attempts-429", "chat", "error")).isZero();
	}

	@Test
	void aCallRetriedAfterA503CountsBothAttemptsAndOneSuccessfulRequest() {
		assertThat(call("attempts-503", "script:503,200 hi")).isEqualTo(FakeOpenAiServer.ANSWER);

		PrometheusScrape scrape = PrometheusScrape.fetch(this.port);
		assertAttempts(scrape, "attempts-503", "chat", "503", "server_error", "first", 1);
		assertAttempts(scrape, "attempts-503", "chat", "200", "none", "retry", 1);
		assertThat(requests(scrape, "attempts-503", "chat", "success")).isEqualTo(1);
	}

	@Test
	void aCallRateLimitedOnEveryAttemptCountsFourAttemptsAndOneFailedRequest() {
		assertThatThrownBy(() -> call("attempts-429x4", "fault:429")).isInstanceOf(RateLimitException.class);

		assertThat(statuses("attempts-429x4")).containsExactly(429, 429, 429, 429);
		PrometheusScrape scrape = PrometheusScrape.fetch(this.port);
		assertAttempts(scrape, "attempts-429x4", "chat", "429", "rate_limited", "first", 1);
		assertAttempts(scrape, "attempts-429x4", "chat", "429", "rate_limited", "retry", 3);
		assertThat(scrape.sum("ai_api_requests_total", "model", "attempts-429x4", "error_type", "rate_limited"))
			.isEqualTo(1);
		assertThat(requests(scrape, "attempts-429x4", "chat", "success")).isZero();
	}

	@Test
	void aStreamRetriedAfterA429CountsBothAttemptsUnderItsModel() {
		assertThat(stream("attempts-stream", "script:429,503,200 hi")).isEqualTo(FakeOpenAiServer.ANSWER);

		await().untilAsserted(() -> {
			PrometheusScrape scrape = PrometheusScrape.fetch(this.port);
			assertThat(requests(scrape, "attempts-stream", "chat_stream", "success")).isEqualTo(1);
			assertAttempts(scrape, "attempts-stream", "chat_stream", "429", "rate_limited", "first", 1);
			assertAttempts(scrape, "attempts-stream", "chat_stream", "503", "server_error", "retry", 1);
			assertAttempts(scrape, "attempts-stream", "chat_stream", "200", "none", "retry", 1);
			assertThat(scrape.sum("ai_api_attempts_total", "model", "attempts-stream")).isEqualTo(3);
		});
	}

	@Test
	void aStreamRateLimitedOnEveryAttemptCountsFourAttempts() {
		assertThatThrownBy(() -> stream("attempts-stream-429x4", "fault:429"))
			.hasRootCauseInstanceOf(RateLimitException.class);

		await().untilAsserted(() -> {
			PrometheusScrape scrape = PrometheusScrape.fetch(this.port);
			assertAttempts(scrape, "attempts-stream-429x4", "chat_stream", "429", "rate_limited", "first", 1);
			assertAttempts(scrape, "attempts-stream-429x4", "chat_stream", "429", "rate_limited", "retry", 3);
			assertThat(
					scrape.sum("ai_api_requests_total", "model", "attempts-stream-429x4", "error_type", "rate_limited"))
				.isEqualTo(1);
		});
	}

	@Test
	void exportsTheRateLimitsOfEachResponse() {
		server.rateLimits(new FakeOpenAiServer.RateLimits(60, 42, "1m", 150_000, 140_000, "6m0s"));
		call("rate-limits", "hi");

		PrometheusScrape scrape = PrometheusScrape.fetch(this.port);
		assertThat(rateLimit(scrape, "ai_api_rate_limit_limit", "rate-limits", "requests")).isEqualTo(60);
		assertThat(rateLimit(scrape, "ai_api_rate_limit_remaining", "rate-limits", "requests")).isEqualTo(42);
		assertThat(rateLimit(scrape, "ai_api_rate_limit_limit", "rate-limits", "tokens")).isEqualTo(150_000);
		assertThat(rateLimit(scrape, "ai_api_rate_limit_remaining", "rate-limits", "tokens")).isEqualTo(140_000);

		server.rateLimits(new FakeOpenAiServer.RateLimits(60, 7, "30s", 150_000, 9_000, "6m0s"));
		stream("rate-limits", "hi");

		await().untilAsserted(() -> {
			PrometheusScrape later = PrometheusScrape.fetch(this.port);
			assertThat(rateLimit(later, "ai_api_rate_limit_remaining", "rate-limits", "requests")).isEqualTo(7);
			assertThat(rateLimit(later, "ai_api_rate_limit_remaining", "rate-limits", "tokens")).isEqualTo(9_000);
		});
		assertThat(PrometheusScrape.fetch(this.port).samples("ai_api_rate_limit_remaining", "model", "rate-limits"))
			.allSatisfy((sample) -> assertThat(sample.labels()).containsEntry("provider", "openai")
				.containsEntry("application", "it"));
	}

	private String call(String model, String instruction) {
		return this.chatClientBuilder.build()
			.prompt()
			.user(instruction)
			.options(OpenAiChatOptions.builder().model(model))
			.call()
			.content();
	}

	private String stream(String model, String instruction) {
		return String.join("",
				this.chatClientBuilder.build()
					.prompt()
					.user(instruction)
					.options(OpenAiChatOptions.builder().model(model))
					.stream()
					.content()
					.collectList()
					.block());
	}

	private static List<Integer> statuses(String model) {
		return server.attempts(model).stream().map(Attempt::status).toList();
	}

	private static void assertAttempts(PrometheusScrape scrape, String model, String endpoint, String statusCode,
			String errorType, String attempt, int expected) {
		assertThat(scrape.sum("ai_api_attempts_total", "model", model, "provider", "openai", "endpoint", endpoint,
				"status_code", statusCode, "error_type", errorType, "attempt", attempt, "application", "it"))
			.as("%s %s %s %s", model, statusCode, errorType, attempt)
			.isEqualTo(expected);
	}

	private static double requests(PrometheusScrape scrape, String model, String endpoint, String status) {
		return scrape.sum("ai_api_requests_total", "model", model, "endpoint", endpoint, "status", status);
	}

	private static double rateLimit(PrometheusScrape scrape, String name, String model, String resource) {
		return scrape.sum(name, "model", model, "resource", resource);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}

package io.github.aiobservability.sample;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded provider's rate limits and the client's retries, with Spring AI's default
 * of 3 retries: OpenAI's rate-limit headers count down, a spent budget answers 429 with
 * {@code Retry-After}, and the client's retry succeeds once the window refills. Each test
 * has a model of its own, so its budget is its own; the window is 8 s instead of a minute
 * so that a refill comes quickly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = { "sample.demo-traffic.enabled=false", "sample.mock.faults.rate-limited=0",
				"sample.mock.faults.server-error=0", "sample.mock.faults.unavailable=0", "sample.mock.faults.slow=0",
				"sample.mock.faults.stream-cut=0", "sample.mock.rate-limit-window=8s",
				"sample.mock.models.counted.latency=10ms", "sample.mock.models.counted.tail-ratio=0",
				"sample.mock.models.counted.rate-limit.requests=3",
				"sample.mock.models.counted.rate-limit.tokens=100000", "sample.mock.models.few-tokens.latency=10ms",
				"sample.mock.models.few-tokens.tail-ratio=0", "sample.mock.models.few-tokens.rate-limit.tokens=150",
				"sample.mock.models.refilled.latency=10ms", "sample.mock.models.refilled.tail-ratio=0",
				"sample.mock.models.refilled.rate-limit.requests=2", "sample.mock.models.retried.latency=10ms",
				"sample.mock.models.retried.tail-ratio=0", "sample.mock.models.retried.rate-limit.requests=10",
				"sample.mock.models.always-limited.latency=10ms", "sample.mock.models.always-limited.tail-ratio=0",
				"sample.mock.models.always-limited.rate-limit.requests=4" })
class RateLimitTests {

	private static final int PORT = TestSocketUtils.findAvailableTcpPort();

	private static final JsonMapper json = JsonMapper.builder().build();

	private final SampleHttp http = new SampleHttp(PORT);

	@DynamicPropertySource
	static void port(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
	}

	@BeforeEach
	@AfterEach
	void noFaults() {
		assertThat(this.http.delete("/mock/faults").statusCode()).isEqualTo(200);
		assertThat(this.http.put("/mock/faults", "{}").statusCode()).isEqualTo(200);
	}

	@Test
	void rateLimitHeadersCountDownWithTrafficAndASpentBudgetAnswers429WithRetryAfter() {
		long tokensUsed = 0;
		for (int remaining = 2; remaining >= 0; remaining--) {
			HttpResponse<String> response = complete("counted");
			assertThat(response.statusCode()).isEqualTo(200);
			tokensUsed += read(response.body()).path("usage").path("total_tokens").asLong();
			assertThat(header(response, "x-ratelimit-limit-requests")).isEqualTo("3");
			assertThat(header(response, "x-ratelimit-remaining-requests")).isEqualTo(String.valueOf(remaining));
			assertThat(header(response, "x-ratelimit-limit-tokens")).isEqualTo("100000");
			assertThat(header(response, "x-ratelimit-remaining-tokens")).isEqualTo(String.valueOf(100000 - tokensUsed));
			assertThat(header(response, "x-ratelimit-reset-requests")).matches("\\d+(\\.\\d+)?s|\\d+ms");
			assertThat(header(response, "x-ratelimit-reset-tokens")).matches("\\d+(\\.\\d+)?s|\\d+ms");
		}

		HttpResponse<String> refused = complete("counted");

		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(Long.parseLong(header(refused, "Retry-After"))).isBetween(1L, 8L);
		assertThat(header(refused, "x-ratelimit-remaining-requests")).isEqualTo("0");
		assertThat(header(refused, "x-ratelimit-remaining-tokens")).isEqualTo(String.valueOf(100000 - tokensUsed));
		JsonNode error = read(refused.body()).path("error");
		assertThat(error.path("code").asString()).isEqualTo("rate_limit_exceeded");
		assertThat(error.path("type").asString()).isEqualTo("requests");
		assertThat(error.path("message").asString()).contains("Limit 3, Used 3, Requested 1");
	}

	@Test
	void aRequestWhoseTokensExceedThoseLeftIsRefusedOnTokens() {
		HttpResponse<String> response = complete("few-tokens");
		for (int i = 0; i < 10 && response.statusCode() == 200; i++) {
			response = complete("few-tokens");
		}

		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(read(response.body()).path("error").path("type").asString()).isEqualTo("tokens");
		assertThat(Long.parseLong(header(response, "x-ratelimit-remaining-requests"))).isPositive();
		assertThat(Long.parseLong(header(response, "x-ratelimit-remaining-tokens"))).isLessThan(150);
		assertThat(header(response, "Retry-After")).isNotBlank();
	}

	@Test
	void theClientsRetrySucceedsOnceTheWindowRefills() {
		assertThat(complete("refilled").statusCode()).isEqualTo(200);
		assertThat(complete("refilled").statusCode()).isEqualTo(200);
		assertThat(complete("refilled").statusCode()).isEqualTo(429);

		long start = System.nanoTime();
		HttpResponse<String> response = this.http.post("/api/chat",
				"{\"message\":\"hello\",\"model\":\"refilled\",\"tenant\":\"refill-tenant\"}");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(1));
		// The retry opened a new window: it and this probe are its two requests.
		assertThat(header(complete("refilled"), "x-ratelimit-remaining-requests")).isEqualTo("0");
		assertThat(this.http.metric("ai_api_requests_total", "tenant=\"refill-tenant\"", "status=\"success\""))
			.isEqualTo(1);
		assertThat(this.http.metric("ai_api_requests_total", "tenant=\"refill-tenant\"", "status=\"error\"")).isZero();
		// The starter saw the refused attempt the retry absorbed, and the headers of the
		// last answer.
		assertThat(this.http.metric("ai_api_attempts_total", "model=\"refilled\"", "status_code=\"429\"",
				"error_type=\"rate_limited\"", "attempt=\"first\""))
			.isEqualTo(1);
		assertThat(this.http.metric("ai_api_attempts_total", "model=\"refilled\"", "status_code=\"200\"",
				"attempt=\"retry\""))
			.isEqualTo(1);
		assertThat(this.http.metric("ai_api_rate_limit_limit", "model=\"refilled\"", "resource=\"requests\""))
			.isEqualTo(2);
		assertThat(this.http.metric("ai_api_rate_limit_remaining", "model=\"refilled\"", "resource=\"requests\""))
			.isEqualTo(1);
	}

	@Test
	void anInjected429FollowedBySuccessAnswersTheCaller200() {
		queueFaults("[\"rateLimited\"]");
		HttpResponse<String> call = this.http.post("/api/chat",
				"{\"message\":\"hello\",\"model\":\"retried\",\"tenant\":\"retried-tenant\"}");
		queueFaults("[\"rateLimited\"]");
		HttpResponse<String> stream = this.http.post("/api/chat/stream",
				"{\"message\":\"hello\",\"model\":\"retried\",\"tenant\":\"retried-tenant\"}");

		assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
		assertThat(stream.body()).contains("event:done").doesNotContain("event:error");
		// Two attempts each, then this probe: 10 - 4 - 1.
		assertThat(header(complete("retried"), "x-ratelimit-remaining-requests")).isEqualTo("5");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(
					this.http.metric("ai_api_requests_total", "tenant=\"retried-tenant\"", "status=\"success\""))
				.isEqualTo(2));
		assertThat(this.http.metric("ai_api_requests_total", "tenant=\"retried-tenant\"", "status=\"error\"")).isZero();
		for (String endpoint : new String[] { "chat", "chat_stream" }) {
			assertThat(this.http.metric("ai_api_attempts_total", "model=\"retried\"", "endpoint=\"" + endpoint + "\"",
					"status_code=\"429\"", "attempt=\"first\""))
				.as(endpoint)
				.isEqualTo(1);
			assertThat(this.http.metric("ai_api_attempts_total", "model=\"retried\"", "endpoint=\"" + endpoint + "\"",
					"status_code=\"200\"", "attempt=\"retry\""))
				.as(endpoint)
				.isEqualTo(1);
		}
		assertThat(this.http.metric("ai_api_attempts_total", "model=\"retried\"")).isEqualTo(4);
	}

	@Test
	void everyAttemptDrawsItsFaultSoAlways429FailsAfterTheRetries() {
		assertThat(this.http.put("/mock/faults", "{\"rateLimited\":1}").statusCode()).isEqualTo(200);

		HttpResponse<String> response = this.http.post("/api/chat",
				"{\"message\":\"hello\",\"model\":\"always-limited\",\"tenant\":\"limited-tenant\"}");

		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.body()).contains("\"error_type\":\"rate_limited\"");
		this.http.put("/mock/faults", "{}");
		// The first attempt and 3 retries took the model's 4 requests.
		HttpResponse<String> probe = complete("always-limited");
		assertThat(probe.statusCode()).isEqualTo(429);
		assertThat(read(probe.body()).path("error").path("type").asString()).isEqualTo("requests");
		assertThat(
				this.http.metric("ai_api_requests_total", "tenant=\"limited-tenant\"", "error_type=\"rate_limited\""))
			.isEqualTo(1);
		assertThat(this.http.metric("ai_api_attempts_total", "model=\"always-limited\"", "status_code=\"429\"",
				"attempt=\"first\""))
			.isEqualTo(1);
		assertThat(this.http.metric("ai_api_attempts_total", "model=\"always-limited\"", "status_code=\"429\"",
				"attempt=\"retry\""))
			.isEqualTo(3);
		assertThat(this.http.metric("ai_api_attempts_total", "model=\"always-limited\"", "status_code=\"200\""))
			.isZero();
	}

	private void queueFaults(String faults) {
		assertThat(this.http.post("/mock/faults/next", "{\"faults\":" + faults + "}").statusCode()).isEqualTo(200);
	}

	/**
	 * A chat completion asked of the embedded provider directly, as the SDK would.
	 */
	private HttpResponse<String> complete(String model) {
		return this.http.post("/mock/v1/chat/completions",
				"{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
	}

	private static String header(HttpResponse<String> response, String name) {
		return response.headers().firstValue(name).orElseThrow(() -> new AssertionError("no header " + name));
	}

	private static JsonNode read(String body) {
		return json.readTree(body);
	}

}

package io.github.aiobservability.sample;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample as a user meets it: started on a port, called over HTTP, observed through
 * {@code /actuator/prometheus}. The embedded provider's client URL names the app's own
 * port, so the port is chosen before start-up. Demo traffic is off here so that counts
 * are exact, and no call lands in a model's slow tail. The client retries as Spring AI's
 * default has it (3 retries), so a fault set at rate 1 fails every attempt: the caller
 * sees it after the retries, and the starter counts the call once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = { "sample.demo-traffic.enabled=false", "sample.chat.timeout=4s",
				"sample.mock.models.gpt-4o-mini.tail-ratio=0", "sample.mock.models.deepseek-chat.tail-ratio=0",
				"sample.mock.models.o3-mini.tail-ratio=0",
				"sample.chat.models=gpt-4o-mini,deepseek-chat,qwen-plus,o3-mini", "sample.mock.faults.rate-limited=0",
				"sample.mock.faults.server-error=0", "sample.mock.faults.unavailable=0", "sample.mock.faults.slow=0",
				"sample.mock.faults.stream-cut=0", "sample.mock.faults.slow-delay=6s",
				// A list set here replaces the application's: the tenant budget, whole.
				"ai.observability.budgets.limits[0].name=tenant-daily", "ai.observability.budgets.limits[0].tag=tenant",
				"ai.observability.budgets.limits[0].limit=50", "ai.observability.budgets.limits[0].action=reject",
				"ai.observability.budgets.limits[0].overrides.broke-tenant=0" })
class SampleApplicationTests {

	private static final int PORT = TestSocketUtils.findAvailableTcpPort();

	private final SampleHttp http = new SampleHttp(PORT);

	@DynamicPropertySource
	static void port(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
	}

	@BeforeEach
	@AfterEach
	void noFaults() {
		assertThat(this.http.put("/mock/faults", "{}").statusCode()).isEqualTo(200);
	}

	@Test
	void answersAChatCallAndRecordsItWithTheTenant() {
		HttpResponse<String> response = this.http.post("/api/chat",
				"{\"message\":\"How do I watch costs?\",\"model\":\"deepseek-chat\",\"tenant\":\"chat-tenant\"}");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"answer\":").contains("\"model\":\"deepseek-chat\"");
		long inputTokens = Long.parseLong(response.body().replaceAll(".*\"inputTokens\":(\\d+).*", "$1"));
		assertThat(this.http.metric("ai_api_requests_total", "tenant=\"chat-tenant\"", "provider=\"deepseek\"",
				"status=\"success\"", "endpoint=\"chat\""))
			.isEqualTo(1);
		assertThat(this.http.metric("ai_token_usage_input_total", "tenant=\"chat-tenant\"")).isEqualTo(inputTokens);
	}

	@Test
	void streamsAnAnswerAsServerSentEventsAndRecordsIt() {
		HttpResponse<String> response = this.http.post("/api/chat/stream",
				"{\"message\":\"Stream please\",\"tenant\":\"stream-tenant\"}");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		assertThat(response.body()).contains("event:chunk").contains("event:done").doesNotContain("event:error");
		// Recording ends on Spring AI's threads, just after the stream's last event.
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(this.http.metric("ai_api_requests_total", "tenant=\"stream-tenant\"", "endpoint=\"chat_stream\"",
					"status=\"success\""))
				.isEqualTo(1);
			assertThat(this.http.metric("ai_api_time_to_first_token_seconds_count", "tenant=\"stream-tenant\""))
				.isEqualTo(1);
			assertThat(this.http.metric("ai_token_usage_output_total", "tenant=\"stream-tenant\"")).isPositive();
		});
	}

	@Test
	void reportsCachedAndReasoningTokensAndTheirCost() {
		assertThat(this.http
			.post("/api/chat", "{\"message\":\"Think hard\",\"model\":\"o3-mini\",\"tenant\":\"reasoning-tenant\"}")
			.statusCode()).isEqualTo(200);
		assertThat(this.http.post("/api/chat", "{\"message\":\"A long system prompt\",\"tenant\":\"cache-tenant\"}")
			.statusCode()).isEqualTo(200);

		assertThat(this.http.metric("ai_token_usage_reasoning_total", "tenant=\"reasoning-tenant\"")).isPositive();
		assertThat(this.http.metric("ai_token_usage_cache_read_total", "tenant=\"cache-tenant\"")).isPositive();
		assertThat(this.http.metric("ai_api_cost_total", "tenant=\"reasoning-tenant\"", "currency=\"CNY\""))
			.isPositive();
		assertThat(this.http.metric("ai_api_unpriced_requests_total")).isZero();
	}

	@Test
	void holdsTheReasoningModelToItsOwnLatencyThresholdOnceItIsCalled() {
		assertThat(this.http.post("/api/chat", "{\"message\":\"Think hard\",\"model\":\"o3-mini\"}").statusCode())
			.isEqualTo(200);

		assertThat(this.http.metric("ai_api_threshold", "model=\"o3-mini\"", "name=\"latency_p99_seconds\""))
			.isEqualTo(60);
		assertThat(this.http.metric("ai_api_threshold", "model=\"\"", "name=\"latency_p99_seconds\"")).isEqualTo(10);
		assertThat(this.http.metric("ai_api_threshold", "model=\"gpt-4o-mini\"")).isZero();
	}

	@Test
	void eachInjectedFaultShowsUpAsItsErrorTypeAfterTheRetries() {
		assertFault("{\"rateLimited\":1}", "rate-limit-tenant", 429, "rate_limited");
		assertFault("{\"unauthorized\":1}", "revoked-key-tenant", 502, "unauthorized");
		assertFault("{\"serverError\":1}", "server-error-tenant", 502, "server_error");
		assertFault("{\"unavailable\":1}", "overloaded-tenant", 502, "server_error");
		assertFault("{\"slow\":1}", "slow-tenant", 504, "timeout");
	}

	@Test
	void aStreamCutMidWayEndsInAnErrorEventAndIsCountedAsAnError() {
		this.http.put("/mock/faults", "{\"streamCut\":1}");

		HttpResponse<String> response = this.http.post("/api/chat/stream",
				"{\"message\":\"Stream please\",\"tenant\":\"cut-tenant\"}");

		assertThat(response.body()).contains("event:error").doesNotContain("event:done");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(this.http.metric("ai_api_requests_total", "tenant=\"cut-tenant\"", "status=\"error\""))
				.isEqualTo(1);
			assertThat(this.http.metric("ai_api_requests_total", "tenant=\"cut-tenant\"", "status=\"success\""))
				.isZero();
		});
	}

	@Test
	void refusesATenantOverItsBudgetWith429BeforeCallingTheProvider() {
		double requestsBefore = this.http.metric("ai_api_requests_total", "tenant=\"broke-tenant\"");

		HttpResponse<String> call = this.http.post("/api/chat", "{\"message\":\"hi\",\"tenant\":\"broke-tenant\"}");
		HttpResponse<String> stream = this.http.post("/api/chat/stream",
				"{\"message\":\"hi\",\"tenant\":\"broke-tenant\"}");

		assertThat(call.statusCode()).isEqualTo(429);
		assertThat(call.headers().firstValue("Retry-After")).isPresent();
		assertThat(call.body()).contains("\"error\":\"budget_exceeded\"", "\"budget\":\"tenant-daily\"",
				"\"scope_value\":\"broke-tenant\"", "\"resets_at\":");
		assertThat(stream.body()).contains("event:error", "budget_exceeded").doesNotContain("event:chunk");
		assertThat(this.http.metric("ai_api_requests_total", "tenant=\"broke-tenant\"")).isEqualTo(requestsBefore);
		assertThat(this.http.metric("ai_budget_actions_total", "budget=\"tenant-daily\"", "action=\"reject\""))
			.isGreaterThanOrEqualTo(2);
		assertThat(this.http.metric("ai_budget_limit", "budget=\"tenant-daily\"", "scope_value=\"broke-tenant\""))
			.isZero();
	}

	@Test
	void refusesBadInputWithA400AndAJsonBody() {
		assertBadRequest(this.http.post("/api/chat", "{\"message\":\"  \"}"), "message");
		assertBadRequest(this.http.post("/api/chat", "{\"message\":\"" + "x".repeat(4001) + "\"}"), "message");
		assertBadRequest(this.http.post("/api/chat", "{\"message\":\"hi\",\"model\":\"gpt-99\"}"), "model");
		assertBadRequest(this.http.post("/api/chat/stream", "{\"message\":\"\"}"), "message");
		assertBadRequest(this.http.post("/api/chat", "{not json"), "invalid_request");
		assertBadRequest(this.http.post("/api/chat", "[\"hi\"]"), "the body must be a JSON object");
		assertBadRequest(this.http.post("/api/chat", "{\"message\":{\"text\":\"hi\"}}"),
				"\"message must be a string\"");
		assertBadRequest(this.http.post("/api/chat", "{\"message\":\"hi\",\"rag\":\"maybe\"}"),
				"\"rag must be true or false\"");
		assertBadRequest(this.http.put("/mock/faults", "{\"rateLimited\":[0.1]}"), "\"rateLimited must be a number\"");
		assertBadRequest(this.http.post("/mock/faults/next", "{\"faults\":{\"a\":1}}"), "\"faults must be an array\"");
		assertBadRequest(this.http.put("/mock/faults", "{\"rateLimited\":2}"), "rateLimited");
		assertBadRequest(this.http.put("/mock/faults", "{\"rateLimited\":0.6,\"serverError\":0.6}"), "exceed");
		assertBadRequest(this.http.post("/mock/faults/next", "{\"faults\":[\"teapot\"]}"), "teapot");
		assertBadRequest(this.http.post("/mock/faults/next", "{\"faults\":[]}"), "faults");
	}

	@Test
	void refusesBadInputOfAStreamWithAJson400ThoughTheClientAcceptsServerSentEvents() {
		// An SSE client asks for text/event-stream; the refusal is JSON all the same.
		assertBadRequest(this.http.post("/api/chat/stream", "{\"message\":\"\"}", "text/event-stream"), "message");
		assertBadRequest(this.http.post("/api/chat/stream", "{not json", "text/event-stream"), "invalid_request");
	}

	@Test
	void exposesOnlyHealthInfoAndPrometheus() {
		assertThat(this.http.get("/actuator/health").statusCode()).isEqualTo(200);
		assertThat(this.http.get("/actuator/prometheus").statusCode()).isEqualTo(200);
		assertThat(this.http.get("/actuator/env").statusCode()).isEqualTo(404);
		assertThat(this.http.get("/actuator/beans").statusCode()).isEqualTo(404);
	}

	private void assertFault(String faults, String tenant, int status, String errorType) {
		assertThat(this.http.put("/mock/faults", faults).statusCode()).isEqualTo(200);

		HttpResponse<String> response = this.http.post("/api/chat",
				"{\"message\":\"hello\",\"tenant\":\"" + tenant + "\"}");

		assertThat(response.statusCode()).as(faults).isEqualTo(status);
		assertThat(response.body()).contains("\"error_type\":\"" + errorType + "\"");
		assertThat(this.http.metric("ai_api_requests_total", "tenant=\"" + tenant + "\"",
				"error_type=\"" + errorType + "\""))
			.as(faults)
			.isEqualTo(1);
	}

	private static void assertBadRequest(HttpResponse<String> response, String mentioned) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(response.body()).contains(mentioned);
	}

}

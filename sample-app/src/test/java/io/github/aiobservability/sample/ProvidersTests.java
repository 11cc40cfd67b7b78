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
 * The embedded provider's three wire formats side by side, each through Spring AI's real
 * client: OpenAI's protocol, Gemini (Spring AI's Google GenAI client, on the starter's
 * HTTP client) and Ollama (Spring AI's Ollama client, on Boot's RestClient and
 * WebClient). Demo traffic is off so that counts are exact.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = { "sample.demo-traffic.enabled=false", "sample.mock.models[gemini-2.5-pro].tail-ratio=0",
				"sample.mock.models[llama3.2].tail-ratio=0", "sample.mock.models[llama3.2].cold-start-ratio=0",
				"sample.mock.faults.rate-limited=0", "sample.mock.faults.server-error=0",
				"sample.mock.faults.unavailable=0", "sample.mock.faults.slow=0", "sample.mock.faults.stream-cut=0" })
class ProvidersTests {

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
	void aGeminiCallRecordsItsThinkingCacheReadsAndCostUnderProviderGemini() {
		HttpResponse<String> response = this.http.post("/api/chat",
				"{\"message\":\"Think it over\",\"model\":\"gemini-2.5-pro\",\"tenant\":\"gemini-tenant\"}");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		String[] labels = { "tenant=\"gemini-tenant\"", "provider=\"gemini\"", "model=\"gemini-2.5-pro\"" };
		assertThat(this.http.metric("ai_api_requests_total", with(labels, "status=\"success\""))).isEqualTo(1);
		assertThat(this.http.metric("ai_token_usage_reasoning_total", labels)).isPositive();
		assertThat(this.http.metric("ai_token_usage_cache_read_total", labels)).isPositive();
		assertThat(this.http.metric("ai_api_cost_total", labels)).isPositive();
		assertThat(this.http.metric("ai_api_attempts_total", "provider=\"gemini\"", "model=\"gemini-2.5-pro\"",
				"attempt=\"first\"", "status_code=\"200\""))
			.isEqualTo(1);
	}

	@Test
	void aGeminiCallRetriedByItsSdkCountsEachAttempt() {
		this.http.post("/mock/faults/next", "{\"faults\":[\"unavailable\"]}");

		HttpResponse<String> response = this.http.post("/api/chat",
				"{\"message\":\"hi\",\"model\":\"gemini-2.5-flash\",\"tenant\":\"gemini-retry-tenant\"}");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(this.http.metric("ai_api_attempts_total", "provider=\"gemini\"", "model=\"gemini-2.5-flash\"",
				"attempt=\"first\"", "status_code=\"503\""))
			.isEqualTo(1);
		assertThat(this.http.metric("ai_api_attempts_total", "provider=\"gemini\"", "model=\"gemini-2.5-flash\"",
				"attempt=\"retry\"", "status_code=\"200\""))
			.isEqualTo(1);
		assertThat(this.http.metric("ai_api_requests_total", "tenant=\"gemini-retry-tenant\"", "status=\"success\""))
			.isEqualTo(1);
	}

	@Test
	void anOllamaStreamAndCallCostNothingAndCountTheirTokensAndLoadTime() {
		HttpResponse<String> stream = this.http.post("/api/chat/stream",
				"{\"message\":\"Stream please\",\"model\":\"llama3.2\",\"tenant\":\"ollama-tenant\"}");
		HttpResponse<String> call = this.http.post("/api/chat",
				"{\"message\":\"hi\",\"model\":\"llama3.2\",\"tenant\":\"ollama-tenant\"}");

		assertThat(stream.body()).contains("event:chunk").contains("event:done");
		assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			String[] labels = { "tenant=\"ollama-tenant\"", "provider=\"ollama\"" };
			assertThat(this.http.metric("ai_api_requests_total", with(labels, "status=\"success\""))).isEqualTo(2);
			assertThat(this.http.metric("ai_token_usage_output_total", with(labels, "endpoint=\"chat_stream\"")))
				.isPositive();
			assertThat(this.http.metric("ai_api_cost_total", labels)).isZero();
			assertThat(this.http.metric("ai_api_unpriced_requests_total", "provider=\"ollama\"")).isZero();
			// Both report a load time: the call in its metadata, the stream on its last
			// line.
			assertThat(this.http.metric("ai_api_model_load_duration_seconds_count", "provider=\"ollama\""))
				.isEqualTo(2);
			assertThat(this.http.metric("ai_api_attempts_total", "provider=\"ollama\"", "attempt=\"first\"",
					"status_code=\"200\""))
				.isEqualTo(2);
		});
	}

	private static String[] with(String[] labels, String... more) {
		String[] all = new String[labels.length + more.length];
		System.arraycopy(labels, 0, all, 0, labels.length);
		System.arraycopy(more, 0, all, labels.length, more.length);
		return all;
	}

}

package io.github.aiobservability.sample;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On its embedded provider the sample fills its own metrics: several models of three
 * providers (OpenAI's protocol, Gemini, Ollama) and tenants, sync and streaming, some
 * calls with retrieval (an embedding call first), within seconds of start. At 10 calls a
 * second the demo spends the default budgets within the first minute; what is checked
 * here comes well before. The context is closed after the test, which stops the demo
 * traffic.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = { "sample.demo-traffic.requests-per-second=10", "sample.demo-traffic.stream-ratio=0.5" })
@DirtiesContext
class DemoTrafficTests {

	private static final int PORT = TestSocketUtils.findAvailableTcpPort();

	private final SampleHttp http = new SampleHttp(PORT);

	@DynamicPropertySource
	static void port(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
	}

	@Test
	void sendsAMixOfModelsTenantsAndStreamsByItself() {
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(this.http.metric("ai_api_requests_total", "endpoint=\"chat\"", "status=\"success\""))
				.isPositive();
			assertThat(this.http.metric("ai_api_requests_total", "endpoint=\"chat_stream\"", "status=\"success\""))
				.isPositive();
			for (String tenant : new String[] { "acme", "globex", "initech" }) {
				assertThat(this.http.metric("ai_api_requests_total", "tenant=\"" + tenant + "\"")).as(tenant)
					.isPositive();
			}
			for (String provider : new String[] { "openai", "deepseek", "qwen", "gemini", "ollama" }) {
				assertThat(this.http.metric("ai_token_usage_input_total", "provider=\"" + provider + "\"")).as(provider)
					.isPositive();
			}
			assertThat(this.http.metric("ai_api_requests_total", "endpoint=\"embedding\"",
					"model=\"text-embedding-3-small\"", "status=\"success\""))
				.isPositive();
			assertThat(this.http.metric("ai_api_cost_total", "endpoint=\"embedding\"")).isPositive();
			assertThat(this.http.metric("ai_api_attempts_total", "endpoint=\"embedding\"")).isPositive();
			for (String model : new String[] { "gpt-4o-mini", "deepseek-chat", "qwen-plus", "o3-mini",
					"text-embedding-3-small" }) {
				assertThat(
						this.http.metric("ai_api_rate_limit_limit", "model=\"" + model + "\"", "resource=\"requests\""))
					.as(model)
					.isPositive();
			}
		});
	}

}

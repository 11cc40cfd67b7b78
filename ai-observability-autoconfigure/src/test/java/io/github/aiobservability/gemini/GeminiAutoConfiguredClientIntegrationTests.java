package io.github.aiobservability.gemini;

import java.util.Map;

import com.google.genai.Client;
import io.github.aiobservability.test.Attempt;
import io.github.aiobservability.test.FakeGeminiApplicationTests;
import io.github.aiobservability.test.FakeGeminiServer;
import io.github.aiobservability.test.PrometheusScrape;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static io.github.aiobservability.test.FakeGeminiApplicationTests.API_KEY;
import static io.github.aiobservability.test.FakeGeminiApplicationTests.CHAT_MODEL;
import static io.github.aiobservability.test.PrometheusScrape.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A new user's Gemini application: Spring AI's Google GenAI starter configured by its
 * properties alone, the starter building its {@code Client} on the instrumented HTTP
 * client, with the SDK's default retries (5 attempts, backing off from a second).
 */
@SpringBootTest(classes = GeminiAutoConfiguredClientIntegrationTests.Application.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { CHAT_MODEL, API_KEY, "spring.ai.google.genai.chat.model=gemini-priced-default",
				"management.endpoints.web.exposure.include=prometheus", "ai.observability.currency=USD",
				"ai.observability.prices[0].model=gemini-priced-*", "ai.observability.prices[0].input=0.3",
				"ai.observability.prices[0].cache-read=0.03", "ai.observability.prices[0].output=2.5" })
class GeminiAutoConfiguredClientIntegrationTests extends FakeGeminiApplicationTests {

	@Autowired
	private ChatClient.Builder chatClientBuilder;

	@Autowired
	private ApplicationContext context;

	@LocalServerPort
	private int port;

	@Test
	void theStartersClientTakesSpringAisPlace() {
		Map<String, Client> clients = this.context.getBeansOfType(Client.class);

		assertThat(clients).containsOnlyKeys("googleGenAiClient");
		assertThat(clients.get("googleGenAiClient").vertexAI()).isFalse();
	}

	@Test
	void countsTheSdksRetryAndRecordsTheRoundTripInTheConfiguredCurrency() {
		String answer = this.chatClientBuilder.build().prompt().user("script:503,200 hi").call().content();

		assertThat(answer).isEqualTo(FakeGeminiServer.ANSWER);
		assertThat(server.attempts("gemini-priced-default")).extracting(Attempt::status).containsExactly(503, 200);
		PrometheusScrape scrape = PrometheusScrape.fetch(this.port);
		String[] labels = { "model", "gemini-priced-default", "provider", "gemini", "endpoint", "chat" };
		assertThat(scrape.sum("ai_api_attempts_total", with(labels, "status_code", "503", "attempt", "first")))
			.isEqualTo(1);
		assertThat(scrape.sum("ai_api_attempts_total", with(labels, "status_code", "200", "attempt", "retry")))
			.isEqualTo(1);
		assertThat(scrape.sum("ai_api_requests_total", with(labels, "status", "success"))).isEqualTo(1);
		assertThat(scrape.sum("ai_token_usage_reasoning_total", labels)).isEqualTo(FakeGeminiServer.THOUGHTS_TOKENS);
		double cost = ((FakeGeminiServer.PROMPT_TOKENS - FakeGeminiServer.CACHED_CONTENT_TOKENS) * 0.3
				+ FakeGeminiServer.CACHED_CONTENT_TOKENS * 0.03
				+ (FakeGeminiServer.CANDIDATES_TOKENS + FakeGeminiServer.THOUGHTS_TOKENS) * 2.5) / 1e6;
		assertThat(scrape.sum("ai_api_cost_total", with(labels, "currency", "USD"))).isCloseTo(cost, within(1e-12));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}

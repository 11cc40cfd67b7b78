package io.github.aiobservability.chat;

import java.time.Duration;

import io.github.aiobservability.test.FakeOpenAiApplicationTests;
import io.github.aiobservability.test.FakeOpenAiServer;
import io.github.aiobservability.test.PrometheusScrape;
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
import static io.github.aiobservability.test.FakeOpenAiApplicationTests.NO_RETRIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Providers that misbehave below HTTP status codes: a body that is not JSON, a stream
 * that stops early, a connection dropped mid-stream, an answer slower than the client's
 * timeout, a success without usage. Each call is counted once with its outcome, nothing
 * stays in flight, and the application goes on serving.
 */
@SpringBootTest(classes = ProviderFaultsIntegrationTests.Application.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { API_KEY, MODEL, NO_RETRIES, EXPOSE_PROMETHEUS })
class ProviderFaultsIntegrationTests extends FakeOpenAiApplicationTests {

	@Autowired
	private ChatClient.Builder chatClientBuilder;

	@LocalServerPort
	private int port;

	@Test
	void aBodyThatIsNotJsonIsOneError() {
		assertThatThrownBy(() -> chat("invalid-json-model").user("fault:invalid-json").call().content())
			.isInstanceOf(RuntimeException.class);

		assertCountedOnce("invalid-json-model", "error", "other");
	}

	@Test
	void aStreamThatStopsEarlyWithoutUsageIsASuccessWithEstimatedTokens() {
		String text = String.join("",
				chat("truncated-model").user("fault:truncated-stream").stream().content().collectList().block());

		assertThat(text).isEqualTo("Paris is ");
		assertCountedOnce("truncated-model", "success", "none");
		assertThat(scrape().sum("ai_token_usage_estimated_total", "model", "truncated-model", "direction", "output"))
			.isPositive();
	}

	@Test
	void aConnectionDroppedMidStreamIsOneNetworkError() {
		assertThatThrownBy(() -> chat("reset-model").user("fault:reset-stream").stream().content().blockLast())
			.isInstanceOf(RuntimeException.class);

		assertCountedOnce("reset-model", "error", "network");
	}

	@Test
	void anAnswerSlowerThanTheTimeoutIsOneTimeout() {
		assertThatThrownBy(() -> this.chatClientBuilder.build()
			.prompt()
			.user("fault:slow")
			.options(OpenAiChatOptions.builder().model("slow-model").timeout(Duration.ofMillis(300)))
			.call()
			.content()).isInstanceOf(RuntimeException.class);

		assertCountedOnce("slow-model", "error", "timeout");
	}

	@Test
	void aSuccessWithoutUsageCountsEstimatedTokens() {
		assertThat(chat("no-usage-model").user("no-usage please").call().content()).isEqualTo(FakeOpenAiServer.ANSWER);

		assertCountedOnce("no-usage-model", "success", "none");
		assertThat(scrape().sum("ai_token_usage_estimated_total", "model", "no-usage-model")).isPositive();
	}

	@Test
	void keepsServingAfterEveryFault() {
		for (String fault : new String[] { "fault:invalid-json", "fault:reset-stream", "fault:truncated-stream" }) {
			try {
				chat("after-faults-model").user(fault).stream().content().blockLast();
			}
			catch (RuntimeException ex) {
				// The fault itself is the other tests' business.
			}
		}

		assertThat(chat("healthy-model").user("hello").call().content()).isEqualTo(FakeOpenAiServer.ANSWER);
		assertCountedOnce("healthy-model", "success", "none");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(scrape().sum("ai_api_requests_total", "model", "after-faults-model"))
				.isEqualTo(3));
	}

	private ChatClient.ChatClientRequestSpec chat(String model) {
		return this.chatClientBuilder.build().prompt().options(OpenAiChatOptions.builder().model(model));
	}

	private void assertCountedOnce(String model, String status, String errorType) {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			PrometheusScrape scrape = scrape();
			assertThat(scrape.sum("ai_api_requests_total", "model", model)).as(model).isEqualTo(1);
			assertThat(scrape.sum("ai_api_requests_total", "model", model, "status", status, "error_type", errorType))
				.as(model + " " + status + " " + errorType)
				.isEqualTo(1);
			assertThat(scrape.sum("ai_api_requests_in_flight", "model", model)).isZero();
		});
	}

	private PrometheusScrape scrape() {
		return PrometheusScrape.fetch(this.port);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}

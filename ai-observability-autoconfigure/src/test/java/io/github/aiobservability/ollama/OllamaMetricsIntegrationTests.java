package io.github.aiobservability.ollama;

import java.util.List;

import io.github.aiobservability.test.Attempt;
import io.github.aiobservability.test.FakeOllamaApplicationTests;
import io.github.aiobservability.test.FakeOllamaServer;
import io.github.aiobservability.test.LogText;
import io.github.aiobservability.test.PrometheusScrape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.ollama.api.OllamaChatOptions;
import org.springframework.ai.ollama.api.OllamaEmbeddingOptions;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import static io.github.aiobservability.test.FakeOllamaApplicationTests.CHAT_MODEL;
import static io.github.aiobservability.test.FakeOllamaApplicationTests.EMBEDDING_MODEL;
import static io.github.aiobservability.test.PrometheusScrape.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Spring AI's real Ollama chat and embedding models (on Spring's RestClient and
 * WebClient, from Boot's builders, which observe every HTTP exchange) against a server
 * that follows Ollama's documented API, with Spring AI's retry template as applications
 * configure it (3 attempts) but quick. A local model costs nothing per token: cost reads
 * 0, and nothing counts as unpriced.
 */
@SpringBootTest(classes = OllamaMetricsIntegrationTests.Application.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { CHAT_MODEL, EMBEDDING_MODEL, "spring.ai.ollama.chat.model=llama3.2",
				"spring.ai.ollama.embedding.model=mxbai-embed-large",
				"management.endpoints.web.exposure.include=prometheus", "spring.ai.retry.max-attempts=2",
				"spring.ai.retry.backoff.initial-interval=10ms", "spring.ai.retry.backoff.multiplier=1",
				"spring.ai.retry.backoff.max-interval=10ms" })
@ExtendWith(OutputCaptureExtension.class)
class OllamaMetricsIntegrationTests extends FakeOllamaApplicationTests {

	@Autowired
	private ChatClient.Builder chatClientBuilder;

	@Autowired
	private ChatModel chatModel;

	@Autowired
	private EmbeddingModel embeddingModel;

	@LocalServerPort
	private int port;

	@Test
	void aCallRecordsOllamasCountsAtACostOfZeroAndNothingUnpriced(CapturedOutput output) {
		assertThat(call("llama3.2-call", "hi")).isEqualTo(FakeOllamaServer.ANSWER);

		PrometheusScrape scrape = scrape();
		assertTokens(scrape, "llama3.2-call", "chat", 1);
		assertThat(scrape.samples("ai_api_cost_total", "model", "llama3.2-call", "provider", "ollama")).singleElement()
			.satisfies((sample) -> assertThat(sample.value()).isZero());
		assertThat(scrape.samples("ai_api_unpriced_requests_total", "provider", "ollama")).isEmpty();
		assertThat(LogText.count(output.getAll(), "has no price")).isZero();
	}

	@Test
	void chatClientAndDirectStreamsRecordTheirCounts() {
		assertThat(stream("llama3.2-stream", "hi")).isEqualTo(FakeOllamaServer.ANSWER);
		String direct = String.join("", this.chatModel
			.stream(new Prompt("hi", OllamaChatOptions.builder().model("llama3.2-direct").build()))
			.map((response) -> (response.getResult() != null && response.getResult().getOutput().getText() != null)
					? response.getResult().getOutput().getText() : "")
			.collectList()
			.block());
		assertThat(direct).isEqualTo(FakeOllamaServer.ANSWER);

		await().untilAsserted(() -> {
			PrometheusScrape scrape = scrape();
			assertTokens(scrape, "llama3.2-stream", "chat_stream", 1);
			assertTokens(scrape, "llama3.2-direct", "chat_stream", 1);
			assertThat(scrape.sum("ai_api_time_to_first_token_seconds_count", "model", "llama3.2-stream")).isEqualTo(1);
			assertThat(scrape.sum("ai_api_attempts_total", "model", "llama3.2-stream", "endpoint", "chat_stream",
					"status_code", "200", "attempt", "first"))
				.isEqualTo(1);
		});
	}

	@Test
	void embeddingsRecordTheirInputTokensAtACostOfZero() {
		this.embeddingModel.call(new EmbeddingRequest(List.of("one", "two", "three"),
				OllamaEmbeddingOptions.builder().model("nomic-embed-text").build()));

		PrometheusScrape scrape = scrape();
		String[] labels = { "model", "nomic-embed-text", "provider", "ollama", "endpoint", "embedding" };
		assertThat(scrape.sum("ai_api_requests_total", with(labels, "status", "success"))).isEqualTo(1);
		assertThat(scrape.sum("ai_token_usage_input_total", labels))
			.isEqualTo(3 * FakeOllamaServer.EMBED_TOKENS_PER_INPUT);
		assertThat(scrape.sum("ai_token_usage_estimated_total", labels)).isZero();
		assertThat(scrape.samples("ai_api_cost_total", labels)).singleElement()
			.satisfies((sample) -> assertThat(sample.value()).isZero());
		assertThat(scrape.sum("ai_api_attempts_total", with(labels, "status_code", "200", "attempt", "first")))
			.isEqualTo(1);
	}

	@Test
	void aCallRetriedAfterA503IsOneRoundTripOfTwoAttempts() {
		assertThat(call("llama3.2-retried", "script:503,200 hi")).isEqualTo(FakeOllamaServer.ANSWER);

		assertThat(server.attempts("llama3.2-retried")).extracting(Attempt::status).containsExactly(503, 200);
		PrometheusScrape scrape = scrape();
		assertAttempts(scrape, "llama3.2-retried", "503", "server_error", "first", 1);
		assertAttempts(scrape, "llama3.2-retried", "200", "none", "retry", 1);
		assertThat(scrape.sum("ai_api_attempts_total", "model", "llama3.2-retried")).isEqualTo(2);
		assertThat(scrape.sum("ai_api_requests_total", "model", "llama3.2-retried", "status", "success")).isEqualTo(1);
		assertThat(scrape.sum("ai_api_requests_total", "model", "llama3.2-retried", "status", "error")).isZero();
		assertTokens(scrape, "llama3.2-retried", "chat", 1);
	}

	@Test
	void aCallFailingEveryAttemptIsOneFailedRoundTripOfThreeAttempts() {
		assertThatThrownBy(() -> call("llama3.2-down", "fault:503")).isInstanceOf(TransientAiException.class);

		PrometheusScrape scrape = scrape();
		assertAttempts(scrape, "llama3.2-down", "503", "server_error", "first", 1);
		assertAttempts(scrape, "llama3.2-down", "503", "server_error", "retry", 2);
		assertThat(scrape.sum("ai_api_requests_total", "model", "llama3.2-down", "error_type", "server_error"))
			.isEqualTo(1);
		assertThat(scrape.sum("ai_api_requests_in_flight", "model", "llama3.2-down")).isZero();
	}

	@Test
	void aFailedStreamIsClassifiedByItsStatus() {
		assertThatThrownBy(() -> stream("llama3.2-stream-down", "fault:500"))
			.isInstanceOf(WebClientResponseException.class);

		await().untilAsserted(() -> {
			PrometheusScrape scrape = scrape();
			assertThat(
					scrape.sum("ai_api_requests_total", "model", "llama3.2-stream-down", "error_type", "server_error"))
				.isEqualTo(1);
			assertThat(scrape.sum("ai_api_attempts_total", "model", "llama3.2-stream-down", "status_code", "500",
					"attempt", "first"))
				.isEqualTo(1);
			assertThat(scrape.sum("ai_api_requests_in_flight", "model", "llama3.2-stream-down")).isZero();
		});
	}

	@Test
	void recordsHowLongOllamaTookToLoadTheModelOfEachCall() {
		call("llama3.2-loads", "cold-start hi");
		call("llama3.2-loads", "hi");

		PrometheusScrape scrape = scrape();
		String[] labels = { "model", "llama3.2-loads", "provider", "ollama" };
		assertThat(scrape.sum("ai_api_model_load_duration_seconds_count", labels)).isEqualTo(2);
		assertThat(scrape.sum("ai_api_model_load_duration_seconds_sum", labels))
			.isCloseTo((FakeOllamaServer.COLD_LOAD_NANOS + FakeOllamaServer.WARM_LOAD_NANOS) / 1e9, within(1e-9));
		assertThat(scrape.sum("ai_api_model_load_duration_seconds_bucket", with(labels, "le", "0.1")))
			.as("the warm load")
			.isEqualTo(1);
	}

	private static void assertTokens(PrometheusScrape scrape, String model, String endpoint, int calls) {
		String[] labels = { "model", model, "provider", "ollama", "endpoint", endpoint };
		assertThat(scrape.sum("ai_api_requests_total", with(labels, "status", "success"))).isEqualTo(calls);
		assertThat(scrape.sum("ai_token_usage_input_total", labels))
			.isEqualTo(calls * FakeOllamaServer.PROMPT_EVAL_COUNT);
		assertThat(scrape.sum("ai_token_usage_output_total", labels)).isEqualTo(calls * FakeOllamaServer.EVAL_COUNT);
		assertThat(scrape.sum("ai_token_usage_estimated_total", labels)).isZero();
		assertThat(scrape.sum("ai_api_cost_total", labels)).isZero();
	}

	private static void assertAttempts(PrometheusScrape scrape, String model, String statusCode, String errorType,
			String attempt, int expected) {
		assertThat(scrape.sum("ai_api_attempts_total", "model", model, "provider", "ollama", "endpoint", "chat",
				"status_code", statusCode, "error_type", errorType, "attempt", attempt))
			.as("%s %s %s", statusCode, errorType, attempt)
			.isEqualTo(expected);
	}

	private PrometheusScrape scrape() {
		return PrometheusScrape.fetch(this.port);
	}

	private String call(String model, String instruction) {
		return this.chatClientBuilder.build()
			.prompt()
			.user(instruction)
			.options(OllamaChatOptions.builder().model(model))
			.call()
			.content();
	}

	private String stream(String model, String instruction) {
		return String.join("",
				this.chatClientBuilder.build()
					.prompt()
					.user(instruction)
					.options(OllamaChatOptions.builder().model(model))
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

package io.github.aiobservability.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import io.github.aiobservability.test.FakeOpenAiServer.RateLimits;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.OpenAiEmbeddingModel;
import org.springframework.ai.openai.OpenAiEmbeddingOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Spring AI's real OpenAI chat and embedding models, with their default retries (3),
 * against the shared {@link FakeOpenAiServer}. Each test uses a model name of its own and
 * reads the server's attempts for it.
 */
class FakeOpenAiServerTests extends FakeOpenAiApplicationTests {

	private static final ObjectMapper json = new ObjectMapper();

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final OpenAiChatModel chatModel = OpenAiChatModel.builder()
		.options(OpenAiChatOptions.builder().baseUrl(server.baseUrl()).apiKey("test-key").model("gpt-4o-mini").build())
		.build();

	@AfterEach
	void restoreTheServer() {
		server.reset();
	}

	@Test
	void aCallGetsTheAnswerAndTheUsage() {
		ChatResponse response = call("smoke-call", "What is the capital of France?");

		assertThat(response.getResult().getOutput().getText()).isEqualTo(FakeOpenAiServer.ANSWER);
		assertThat(response.getMetadata().getUsage().getPromptTokens()).isEqualTo(FakeOpenAiServer.PROMPT_TOKENS);
		assertThat(response.getMetadata().getUsage().getCompletionTokens())
			.isEqualTo(FakeOpenAiServer.COMPLETION_TOKENS);
		assertThat(server.attempts("smoke-call")).singleElement().satisfies((attempt) -> {
			assertThat(attempt.path()).isEqualTo("/v1/chat/completions");
			assertThat(attempt.stream()).isFalse();
			assertThat(attempt.retryCount()).isZero();
			assertThat(attempt.status()).isEqualTo(200);
			assertThat(attempt.instruction()).isEqualTo("What is the capital of France?");
			assertThat(attempt.header("authorization")).isEqualTo("Bearer test-key");
		});
	}

	@Test
	void aStreamGetsTheAnswerInChunksAndTheUsageLast() {
		List<ChatResponse> chunks = stream("smoke-stream", "Stream me the answer");

		assertThat(chunks.stream().map(FakeOpenAiServerTests::text).reduce("", String::concat))
			.isEqualTo(FakeOpenAiServer.ANSWER);
		assertThat(chunks.get(chunks.size() - 1).getMetadata().getUsage().getPromptTokens())
			.isEqualTo(FakeOpenAiServer.PROMPT_TOKENS);
		assertThat(server.attempts("smoke-stream")).singleElement().satisfies((attempt) -> {
			assertThat(attempt.stream()).isTrue();
			assertThat(attempt.status()).isEqualTo(200);
		});
	}

	@Test
	void aCallThatGets429OnceSucceedsOnTheSecondAttempt() {
		assertThat(call("smoke-429-call", "script:429,200").getResult().getOutput().getText())
			.isEqualTo(FakeOpenAiServer.ANSWER);

		assertThat(server.attempts("smoke-429-call")).extracting(Attempt::retryCount, Attempt::status)
			.containsExactly(tuple(0, 429), tuple(1, 200));
	}

	@Test
	void aCallThatGets503OnceSucceedsOnTheSecondAttempt() {
		assertThat(call("smoke-503-call", "script:503,200").getResult().getOutput().getText())
			.isEqualTo(FakeOpenAiServer.ANSWER);

		assertThat(server.attempts("smoke-503-call")).extracting(Attempt::retryCount, Attempt::status)
			.containsExactly(tuple(0, 503), tuple(1, 200));
	}

	@Test
	void aStreamThatGets429OnceSucceedsOnTheSecondAttempt() {
		assertThat(stream("smoke-429-stream", "script:429,200").stream()
			.map(FakeOpenAiServerTests::text)
			.reduce("", String::concat)).isEqualTo(FakeOpenAiServer.ANSWER);

		assertThat(server.attempts("smoke-429-stream")).extracting(Attempt::retryCount, Attempt::status)
			.containsExactly(tuple(0, 429), tuple(1, 200));
	}

	@Test
	void aScriptPastItsEndRepeatsItsLastStep() {
		assertThatThrownBy(() -> call("smoke-script-end", "script:500,429")).isInstanceOf(RateLimitException.class);

		assertThat(server.attempts("smoke-script-end")).extracting(Attempt::status).containsExactly(500, 429, 429, 429);
	}

	@Test
	void aCallThatAlwaysGets429FailsAfterFourAttempts() {
		assertThatThrownBy(() -> call("smoke-429-always", "fault:429")).isInstanceOf(RateLimitException.class);

		assertThat(server.attempts("smoke-429-always")).extracting(Attempt::retryCount, Attempt::status)
			.containsExactly(tuple(0, 429), tuple(1, 429), tuple(2, 429), tuple(3, 429));
	}

	@Test
	void aStreamThatAlwaysGets429FailsAfterFourAttempts() {
		assertThatThrownBy(() -> chatModel.stream(prompt("smoke-429-always-stream", "fault:429")).blockLast())
			.hasRootCauseInstanceOf(RateLimitException.class);

		assertThat(server.attempts("smoke-429-always-stream")).extracting(Attempt::retryCount)
			.containsExactly(0, 1, 2, 3);
	}

	@Test
	void a401IsNotRetried() {
		assertThatThrownBy(() -> call("smoke-401", "fault:401")).isInstanceOf(UnauthorizedException.class);

		assertThat(server.attempts("smoke-401")).extracting(Attempt::status).containsExactly(401);
	}

	@Test
	void everyResponseCarriesTheDefaultRateLimitHeaders() throws Exception {
		HttpResponse<String> success = post("/chat/completions", chatBody("smoke-headers", "hello"));
		HttpResponse<String> error = post("/chat/completions", chatBody("smoke-headers", "fault:429"));

		for (HttpResponse<String> response : List.of(success, error)) {
			assertThat(response.headers().firstValue("x-ratelimit-limit-requests")).hasValue("60");
			assertThat(response.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("59");
			assertThat(response.headers().firstValue("x-ratelimit-reset-requests")).hasValue("1s");
			assertThat(response.headers().firstValue("x-ratelimit-limit-tokens")).hasValue("150000");
			assertThat(response.headers().firstValue("x-ratelimit-remaining-tokens")).hasValue("149984");
			assertThat(response.headers().firstValue("x-ratelimit-reset-tokens")).hasValue("6m0s");
			assertThat(response.headers().firstValue("x-request-id"))
				.hasValueSatisfying((id) -> assertThat(id).startsWith("req_"));
		}
		assertThat(success.statusCode()).isEqualTo(200);
		assertThat(error.statusCode()).isEqualTo(429);
		assertThat(error.headers().firstValue("retry-after")).hasValue(FakeOpenAiServer.RETRY_AFTER_SECONDS);
		JsonNode body = json.readTree(error.body()).path("error");
		assertThat(body.path("type").asText()).isEqualTo("requests");
		assertThat(body.path("code").asText()).isEqualTo("rate_limit_exceeded");
		assertThat(body.has("message")).isTrue();
		assertThat(body.has("param")).isTrue();
	}

	@Test
	void rateLimitHeadersCanBeChangedForTheFollowingResponsesAndTurnedOff() throws Exception {
		server.rateLimits(new RateLimits(5000, 4999, "12ms", 2_000_000, 1_999_000, "20ms"));
		HttpResponse<String> changed = post("/chat/completions", chatBody("smoke-headers-changed", "hello"));
		server.rateLimits(null);
		HttpResponse<String> off = post("/embeddings", "{\"model\":\"smoke-headers-off\",\"input\":[\"hello\"]}");

		assertThat(changed.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("4999");
		assertThat(changed.headers().firstValue("x-ratelimit-reset-tokens")).hasValue("20ms");
		assertThat(off.statusCode()).isEqualTo(200);
		assertThat(off.headers().map().keySet()).noneMatch((name) -> name.startsWith("x-ratelimit"));
	}

	@Test
	void embeddingsAnswerTheSdksBase64Request() {
		OpenAiEmbeddingModel embeddingModel = embeddingModel("smoke-embedding", null);

		EmbeddingResponse response = embeddingModel.call(new EmbeddingRequest(List.of("alpha", "beta"), null));

		assertThat(response.getResults()).hasSize(2);
		assertThat(response.getResults().get(0).getOutput())
			.containsExactly(FakeOpenAiServer.embedding("alpha", FakeOpenAiServer.EMBEDDING_DIMENSIONS));
		assertThat(response.getResults().get(1).getOutput())
			.containsExactly(FakeOpenAiServer.embedding("beta", FakeOpenAiServer.EMBEDDING_DIMENSIONS));
		assertThat(response.getMetadata().getUsage().getPromptTokens())
			.isEqualTo(2 * FakeOpenAiServer.EMBEDDING_TOKENS_PER_INPUT);
		assertThat(server.attempts("smoke-embedding")).singleElement().satisfies((attempt) -> {
			assertThat(attempt.path()).isEqualTo("/v1/embeddings");
			assertThat(attempt.instruction()).isEqualTo("beta");
			assertThat(encodingFormat(attempt)).isEqualTo("base64");
		});
	}

	@Test
	void embeddingsAnswerAFloatRequestWithTheSameVector() {
		OpenAiEmbeddingModel embeddingModel = embeddingModel("smoke-embedding-float",
				OpenAiEmbeddingOptions.EncodingFormat.FLOAT);

		assertThat(embeddingModel.embed("alpha"))
			.containsExactly(FakeOpenAiServer.embedding("alpha", FakeOpenAiServer.EMBEDDING_DIMENSIONS));
		assertThat(server.attempts("smoke-embedding-float")).singleElement()
			.satisfies((attempt) -> assertThat(encodingFormat(attempt)).isEqualTo("float"));
	}

	@Test
	void embeddingsFollowScriptsAndFaults() {
		OpenAiEmbeddingModel embeddingModel = embeddingModel("smoke-embedding-faults", null);

		assertThat(embeddingModel.embed("script:429,200")).hasSize(FakeOpenAiServer.EMBEDDING_DIMENSIONS);
		assertThatThrownBy(() -> embeddingModel.embed("fault:401")).isInstanceOf(UnauthorizedException.class);
		assertThatThrownBy(() -> embeddingModel.embed("fault:429")).isInstanceOf(RateLimitException.class);

		assertThat(server.attempts("smoke-embedding-faults")).extracting(Attempt::status)
			.containsExactly(429, 200, 401, 429, 429, 429, 429);
	}

	private static ChatResponse call(String model, String message) {
		return chatModel.call(prompt(model, message));
	}

	private static List<ChatResponse> stream(String model, String message) {
		return Objects.requireNonNull(chatModel.stream(prompt(model, message)).collectList().block());
	}

	private static Prompt prompt(String model, String message) {
		return new Prompt(message, OpenAiChatOptions.builder().model(model).build());
	}

	private static String text(ChatResponse chunk) {
		return (chunk.getResult() != null && chunk.getResult().getOutput().getText() != null)
				? chunk.getResult().getOutput().getText() : "";
	}

	private static OpenAiEmbeddingModel embeddingModel(String model,
			OpenAiEmbeddingOptions.@Nullable EncodingFormat encodingFormat) {
		return OpenAiEmbeddingModel.builder()
			.options(OpenAiEmbeddingOptions.builder()
				.baseUrl(server.baseUrl())
				.apiKey("test-key")
				.model(model)
				.encodingFormat(encodingFormat)
				.build())
			.build();
	}

	private static String encodingFormat(Attempt attempt) {
		try {
			return json.readTree(attempt.body()).path("encoding_format").asText("(absent)");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String chatBody(String model, String message) {
		return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + message + "\"}]}";
	}

	private static HttpResponse<String> post(String path, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}

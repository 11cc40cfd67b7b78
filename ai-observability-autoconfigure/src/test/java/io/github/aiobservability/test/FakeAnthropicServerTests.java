package io.github.aiobservability.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.anthropic.errors.InternalServerException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.SseException;
import com.anthropic.errors.UnauthorizedException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aiobservability.test.FakeAnthropicServer.Limit;
import io.github.aiobservability.test.FakeAnthropicServer.RateLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.anthropic.metadata.AnthropicRateLimit;
import org.springframework.ai.chat.metadata.EmptyRateLimit;
import org.springframework.ai.chat.metadata.RateLimit;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Spring AI's real Anthropic chat model, with its default retries (2), against the shared
 * {@link FakeAnthropicServer}, and the server's wire format read raw. Each test uses a
 * model name of its own and reads the server's attempts for it.
 */
class FakeAnthropicServerTests extends FakeAnthropicApplicationTests {

	private static final ObjectMapper json = new ObjectMapper();

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final AnthropicChatModel chatModel = AnthropicChatModel.builder()
		.options(AnthropicChatOptions.builder()
			.baseUrl(server.baseUrl())
			.apiKey("test-key")
			.model("claude-haiku-4-5")
			.build())
		.build();

	@AfterEach
	void restoreTheServer() {
		server.reset();
	}

	@Test
	void aCallGetsTheAnswerAndTheUsageWithCacheTokens() {
		ChatResponse response = call("smoke-call", "What is the capital of France?");

		assertThat(response.getResult().getOutput().getText()).isEqualTo(FakeAnthropicServer.ANSWER);
		assertThat(response.getMetadata().getId()).startsWith(FakeAnthropicServer.MESSAGE_ID_PREFIX);
		assertThat(response.getMetadata().getUsage().getPromptTokens()).isEqualTo(FakeAnthropicServer.INPUT_TOKENS);
		assertThat(response.getMetadata().getUsage().getCompletionTokens())
			.isEqualTo(FakeAnthropicServer.OUTPUT_TOKENS);
		assertThat(response.getMetadata().getUsage().getCacheReadInputTokens())
			.isEqualTo(FakeAnthropicServer.CACHE_READ_INPUT_TOKENS);
		assertThat(response.getMetadata().getUsage().getCacheWriteInputTokens())
			.isEqualTo(FakeAnthropicServer.CACHE_CREATION_INPUT_TOKENS);
		assertThat(server.attempts("smoke-call")).singleElement().satisfies((attempt) -> {
			assertThat(attempt.path()).isEqualTo("/v1/messages");
			assertThat(attempt.stream()).isFalse();
			assertThat(attempt.retryCount()).isZero();
			assertThat(attempt.status()).isEqualTo(200);
			assertThat(attempt.instruction()).isEqualTo("What is the capital of France?");
			assertThat(attempt.header("x-api-key")).isEqualTo("test-key");
			assertThat(attempt.header("anthropic-version")).isNotBlank();
		});
	}

	@Test
	void aStreamGetsTheAnswerInChunksAndTheTokensInItsLastChunk() {
		List<ChatResponse> chunks = stream("smoke-stream", "Stream me the answer");

		assertThat(chunks.stream().map(FakeAnthropicServerTests::text).reduce("", String::concat))
			.isEqualTo(FakeAnthropicServer.ANSWER);
		ChatResponse last = chunks.get(chunks.size() - 1);
		assertThat(last.getMetadata().getUsage().getPromptTokens()).isEqualTo(FakeAnthropicServer.INPUT_TOKENS);
		assertThat(last.getMetadata().getUsage().getCompletionTokens()).isEqualTo(FakeAnthropicServer.OUTPUT_TOKENS);
		assertThat(server.attempts("smoke-stream")).singleElement().satisfies((attempt) -> {
			assertThat(attempt.stream()).isTrue();
			assertThat(attempt.status()).isEqualTo(200);
			assertThat(attempt.header("accept")).isEqualTo("text/event-stream");
		});
	}

	@Test
	void aCallThatGets429OnceSucceedsOnTheSecondAttempt() {
		assertAnsweredOnTheSecondAttempt("smoke-429-call", "script:429,200");
	}

	@Test
	void aCallThatGets503OnceSucceedsOnTheSecondAttempt() {
		assertAnsweredOnTheSecondAttempt("smoke-503-call", "script:503,200");
	}

	@Test
	void aCallThatGets529OnceSucceedsOnTheSecondAttempt() {
		assertAnsweredOnTheSecondAttempt("smoke-529-call", "script:529,200");
	}

	@Test
	void aStreamThatGets529OnceSucceedsOnTheSecondAttempt() {
		assertThat(stream("smoke-529-stream", "script:529,200").stream()
			.map(FakeAnthropicServerTests::text)
			.reduce("", String::concat)).isEqualTo(FakeAnthropicServer.ANSWER);

		assertThat(server.attempts("smoke-529-stream")).extracting(Attempt::retryCount, Attempt::status)
			.containsExactly(tuple(0, 529), tuple(1, 200));
	}

	@Test
	void aCallThatAlwaysGets429FailsAfterThreeAttempts() {
		assertThatThrownBy(() -> call("smoke-429-always", "fault:429")).isInstanceOf(RateLimitException.class);

		assertThat(server.attempts("smoke-429-always")).extracting(Attempt::retryCount, Attempt::status)
			.containsExactly(tuple(0, 429), tuple(1, 429), tuple(2, 429));
	}

	@Test
	void aStreamThatAlwaysGets429FailsAfterThreeAttempts() {
		assertThatThrownBy(() -> chatModel.stream(prompt("smoke-429-always-stream", "fault:429")).blockLast())
			.isInstanceOf(RateLimitException.class);

		assertThat(server.attempts("smoke-429-always-stream")).extracting(Attempt::retryCount).containsExactly(0, 1, 2);
	}

	@Test
	void aCallThatAlwaysGets529FailsAfterThreeAttempts() {
		assertThatThrownBy(() -> call("smoke-529-always", "fault:529"))
			.isInstanceOfSatisfying(InternalServerException.class, (ex) -> assertThat(ex.statusCode()).isEqualTo(529));

		assertThat(server.attempts("smoke-529-always")).extracting(Attempt::status).containsExactly(529, 529, 529);
	}

	@Test
	void a401IsNotRetried() {
		assertThatThrownBy(() -> call("smoke-401", "fault:401")).isInstanceOf(UnauthorizedException.class);

		assertThat(server.attempts("smoke-401")).extracting(Attempt::status).containsExactly(401);
	}

	@Test
	void anErrorEventMidStreamFailsTheStream() {
		assertThatThrownBy(
				() -> chatModel.stream(prompt("smoke-overloaded-stream", "fault:overloaded-stream")).blockLast())
			.isInstanceOf(SseException.class);

		assertThat(server.attempts("smoke-overloaded-stream")).extracting(Attempt::status).containsExactly(200);
	}

	@Test
	void theClientReadsTheDefaultRateLimitHeaders() {
		Instant before = Instant.now();
		RateLimit rateLimit = call("smoke-rate-limits", "hello").getMetadata().getRateLimit();

		assertThat(rateLimit).isInstanceOf(AnthropicRateLimit.class);
		assertThat(rateLimit.getRequestsLimit()).isEqualTo(50);
		assertThat(rateLimit.getRequestsRemaining()).isEqualTo(49);
		assertThat(rateLimit.getTokensLimit()).isEqualTo(90_000);
		assertThat(rateLimit.getTokensRemaining()).isEqualTo(89_000);
		assertThat(rateLimit.getTokensReset()).isBetween(Duration.ofSeconds(58),
				Duration.ofSeconds(60).plus(Duration.between(before, Instant.now())));
		AnthropicRateLimit anthropic = (AnthropicRateLimit) rateLimit;
		assertThat(anthropic.getInputTokensRemaining()).isEqualTo(39_000);
		assertThat(anthropic.getOutputTokensRemaining()).isEqualTo(7_000);
	}

	@Test
	void rateLimitHeadersCanBeChangedForTheFollowingResponsesAndTurnedOff() {
		Limit limit = new Limit(1000, 3, Duration.ofMinutes(10));
		server.rateLimits(new RateLimits(limit, limit, limit, limit));
		RateLimit changed = call("smoke-rate-limits-changed", "hello").getMetadata().getRateLimit();
		server.rateLimits(null);
		RateLimit off = call("smoke-rate-limits-off", "hello").getMetadata().getRateLimit();

		assertThat(changed.getRequestsRemaining()).isEqualTo(3);
		assertThat(changed.getRequestsReset()).isGreaterThan(Duration.ofMinutes(9));
		assertThat(off).isInstanceOf(EmptyRateLimit.class);
	}

	@Test
	void errorsComeInAnthropicsFormatWithTheirHeaders() throws Exception {
		assertError(post(body("smoke-errors", "fault:401", false)), 401, "authentication_error");
		assertError(post(body("smoke-errors", "fault:529", false)), 529, "overloaded_error");
		HttpResponse<String> rateLimited = post(body("smoke-errors", "fault:429", false));
		assertError(rateLimited, 429, "rate_limit_error");
		assertThat(rateLimited.headers().firstValue("retry-after")).hasValue(FakeAnthropicServer.RETRY_AFTER_SECONDS);
	}

	@Test
	void aStreamHasTheDocumentedEventsAndMessageDeltaCarriesOnlyOutputTokens() throws Exception {
		HttpResponse<String> response = post(body("smoke-wire-stream", "hello", true));

		List<String> events = new ArrayList<>();
		List<JsonNode> data = new ArrayList<>();
		for (String block : response.body().split("\n\n")) {
			String[] lines = block.split("\n");
			events.add(lines[0].substring("event: ".length()));
			data.add(json.readTree(lines[1].substring("data: ".length())));
		}
		assertThat(response.headers().firstValue("content-type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		assertThat(events).containsExactly("message_start", "content_block_start", "ping", "content_block_delta",
				"content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
		assertThat(data).extracting((node) -> node.path("type").asText()).isEqualTo(events);
		JsonNode startUsage = data.get(0).path("message").path("usage");
		assertThat(startUsage.path("input_tokens").asInt()).isEqualTo(FakeAnthropicServer.INPUT_TOKENS);
		assertThat(startUsage.path("cache_read_input_tokens").asInt())
			.isEqualTo(FakeAnthropicServer.CACHE_READ_INPUT_TOKENS);
		assertThat(startUsage.path("cache_creation_input_tokens").asInt())
			.isEqualTo(FakeAnthropicServer.CACHE_CREATION_INPUT_TOKENS);
		JsonNode deltaUsage = data.get(7).path("usage");
		List<String> deltaUsageFields = new ArrayList<>();
		deltaUsage.fieldNames().forEachRemaining(deltaUsageFields::add);
		assertThat(deltaUsageFields).containsExactly("output_tokens");
		assertThat(deltaUsage.path("output_tokens").asInt()).isEqualTo(FakeAnthropicServer.OUTPUT_TOKENS);
		assertThat(response.headers().firstValue("request-id")).isPresent();
		assertThat(response.headers().firstValue("anthropic-ratelimit-requests-reset"))
			.hasValueSatisfying((reset) -> assertThat(Instant.parse(reset)).isAfter(Instant.now().minusSeconds(5)));
	}

	private void assertAnsweredOnTheSecondAttempt(String model, String instruction) {
		assertThat(call(model, instruction).getResult().getOutput().getText()).isEqualTo(FakeAnthropicServer.ANSWER);

		int status = Integer.parseInt(instruction.substring("script:".length(), "script:".length() + 3));
		assertThat(server.attempts(model)).extracting(Attempt::retryCount, Attempt::status)
			.containsExactly(tuple(0, status), tuple(1, 200));
	}

	private static void assertError(HttpResponse<String> response, int status, String type) throws Exception {
		assertThat(response.statusCode()).isEqualTo(status);
		JsonNode body = json.readTree(response.body());
		assertThat(body.path("type").asText()).isEqualTo("error");
		assertThat(body.path("error").path("type").asText()).isEqualTo(type);
		assertThat(body.path("error").path("message").asText()).isNotEmpty();
		assertThat(body.path("request_id").asText()).isEqualTo(response.headers().firstValue("request-id").get());
		assertThat(response.headers().firstValue("anthropic-ratelimit-tokens-remaining")).hasValue("89000");
	}

	private static ChatResponse call(String model, String message) {
		return chatModel.call(prompt(model, message));
	}

	private static List<ChatResponse> stream(String model, String message) {
		return Objects.requireNonNull(chatModel.stream(prompt(model, message)).collectList().block());
	}

	private static Prompt prompt(String model, String message) {
		return new Prompt(message, AnthropicChatOptions.builder().model(model).build());
	}

	private static String text(ChatResponse chunk) {
		return (chunk.getResult() != null && chunk.getResult().getOutput().getText() != null)
				? chunk.getResult().getOutput().getText() : "";
	}

	private static String body(String model, String message, boolean stream) {
		return "{\"model\":\"" + model + "\",\"max_tokens\":64,\"stream\":" + stream
				+ ",\"messages\":[{\"role\":\"user\",\"content\":\"" + message + "\"}]}";
	}

	private static HttpResponse<String> post(String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/messages"))
			.header("Content-Type", "application/json")
			.header("x-api-key", "test-key")
			.header("anthropic-version", "2023-06-01")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}

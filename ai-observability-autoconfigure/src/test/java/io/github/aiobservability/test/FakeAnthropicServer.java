package io.github.aiobservability.test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import org.jspecify.annotations.Nullable;

/**
 * Anthropic's Messages API ({@code POST /v1/messages}) on loopback, for driving the real
 * Anthropic client, with JSON and server-sent events as Anthropic documents them. What it
 * does is chosen by the last user message:
 * <ul>
 * <li>{@code fault:NNN} answers every attempt with HTTP status NNN and an error body in
 * Anthropic's format ({@code 401 authentication_error}, {@code 429 rate_limit_error} with
 * {@code retry-after: }{@value #RETRY_AFTER_SECONDS}, {@code 529 overloaded_error},
 * ...);</li>
 * <li>{@code script:S0,S1,...} answers the attempt whose {@code X-Stainless-Retry-Count}
 * is i with step Si (past the end: the last step); a step {@code 200} is a normal answer
 * (to the text after the script, which may be another instruction), any other step S is
 * {@code fault:S}, so {@code script:529,200} fails once and then answers;</li>
 * <li>{@code fault:slow} waits {@link #SLOW_MILLIS} before answering;</li>
 * <li>{@code slow-stream} streams {@link #SLOW_STREAM_CHUNKS} text deltas, 200 ms
 * apart;</li>
 * <li>{@code fault:invalid-json} answers 200 with a body that is not JSON;</li>
 * <li>{@code fault:truncated-stream} ends a stream after two text deltas, without
 * {@code message_delta} or {@code message_stop};</li>
 * <li>{@code fault:reset-stream} drops the connection after two text deltas;</li>
 * <li>{@code fault:overloaded-stream} answers 200, then sends two text deltas and an
 * {@code error} event of type {@code overloaded_error}, as Anthropic does when it is
 * overloaded mid-stream;</li>
 * <li>an unknown {@code fault:} word gets 400;</li>
 * <li>anything else gets {@link #ANSWER}, streamed as {@link #ANSWER_CHUNKS} text deltas
 * when asked to stream.</li>
 * </ul>
 * A message reports {@code usage} with {@link #INPUT_TOKENS},
 * {@link #CACHE_CREATION_INPUT_TOKENS}, {@link #CACHE_READ_INPUT_TOKENS} and
 * {@link #OUTPUT_TOKENS} (Anthropic's {@code input_tokens} leaves out the cached tokens).
 * A stream is {@code message_start} (whose {@code message.usage} has the input and cache
 * counts and {@code output_tokens: 1}), {@code content_block_start}, {@code ping}, a
 * {@code content_block_delta} per chunk, {@code content_block_stop},
 * {@code message_delta} whose {@code usage} holds only {@code output_tokens} (the
 * documented form), and {@code message_stop}.
 * <p>
 * Every response, success or error, carries a {@code request-id} and Anthropic's
 * {@code anthropic-ratelimit-*} headers from {@link #rateLimits(RateLimits)}
 * ({@link #DEFAULT_RATE_LIMITS} until changed). Every request is logged as an
 * {@link Attempt}. One server is usually shared by all tests in a JVM: filter the log by
 * model name, and call {@link #reset()} after a test that changed the rate limits.
 */
public final class FakeAnthropicServer extends FakeProviderServer<FakeAnthropicServer.RateLimits> {

	public static final String ANSWER = "The capital of France is Paris.";

	public static final String[] ANSWER_CHUNKS = { "The capital ", "of France ", "is Paris." };

	/** {@code usage.input_tokens}: the uncached input tokens. */
	public static final int INPUT_TOKENS = 25;

	/** {@code usage.cache_creation_input_tokens}: input tokens written to the cache. */
	public static final int CACHE_CREATION_INPUT_TOKENS = 11;

	/** {@code usage.cache_read_input_tokens}: input tokens read from the cache. */
	public static final int CACHE_READ_INPUT_TOKENS = 13;

	/**
	 * {@code usage.output_tokens} of a message, and of {@code message_delta} in a stream.
	 */
	public static final int OUTPUT_TOKENS = 9;

	public static final int SLOW_MILLIS = 3000;

	public static final int SLOW_STREAM_CHUNKS = 20;

	/** Milliseconds before the first text delta of every stream. */
	public static final int FIRST_CHUNK_DELAY_MILLIS = 120;

	/** The {@code retry-after} of a 429, in seconds: the SDK waits exactly that long. */
	public static final String RETRY_AFTER_SECONDS = "0";

	/**
	 * The prefix of every message's {@code id}; a counter makes each one unique, as
	 * Anthropic's are.
	 */
	public static final String MESSAGE_ID_PREFIX = "msg_fake_";

	private static final AtomicLong messageIds = new AtomicLong();

	/**
	 * The rate-limit headers of every response until changed. Each reset is sent as the
	 * response time plus the given duration, truncated to seconds.
	 */
	public static final RateLimits DEFAULT_RATE_LIMITS = new RateLimits(new Limit(50, 49, Duration.ofSeconds(1)),
			new Limit(90_000, 89_000, Duration.ofSeconds(60)), new Limit(40_000, 39_000, Duration.ofSeconds(60)),
			new Limit(8_000, 7_000, Duration.ofSeconds(60)));

	private static final String[] KNOWN_FAULTS = { "fault:slow", "fault:invalid-json", "fault:truncated-stream",
			"fault:reset-stream", "fault:overloaded-stream" };

	private static final ObjectMapper json = new ObjectMapper();

	private final AtomicInteger requestIds = new AtomicInteger();

	public FakeAnthropicServer() throws IOException {
		super("fake-anthropic", DEFAULT_RATE_LIMITS);
		server().createContext("/v1/messages", this::handle);
	}

	/**
	 * Starts a server, for use in a static field.
	 * @return the running server
	 */
	public static FakeAnthropicServer startOnLoopback() {
		try {
			return new FakeAnthropicServer();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the fake Anthropic server", ex);
		}
	}

	/**
	 * The base URL to configure the client with; the SDK adds {@code /v1/messages}.
	 * @return for example {@code http://127.0.0.1:41234}
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + port();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String body = FakeServers.readBody(exchange.getRequestBody());
		JsonNode request = json.readTree(body);
		String model = request.path("model").asText("claude-haiku-4-5");
		boolean stream = request.path("stream").asBoolean(false);
		String lastUserMessage = lastUserMessage(request);
		int retryCount = FakeServers.retryCount(exchange);
		String instruction = FakeServers.forAttempt(lastUserMessage, retryCount);
		int status = statusFor(instruction);
		log(FakeServers.attempt(exchange, model, stream, retryCount, status, lastUserMessage, body));
		String requestId = "req_fake_" + this.requestIds.incrementAndGet();
		addResponseHeaders(exchange, status, requestId);
		if (instruction.startsWith("role-then-reset")) {
			// Fails before its first content: the events that carry none, then the
			// connection drops.
			OutputStream out = startStream(exchange);
			writeStart(out, model);
			FakeServers.sleep(50);
			throw new IllegalStateException("Injected fault: connection dropped before the first content");
		}
		if (instruction.startsWith("fault:reset-stream")) {
			// Outside the try-with-resources: closing the exchange would end the body
			// properly. Throwing makes the server drop the connection mid-stream.
			OutputStream out = startStream(exchange);
			writeStart(out, model);
			writeTextDelta(out, "The ");
			writeTextDelta(out, "capital ");
			throw new IllegalStateException("Injected fault: connection dropped mid-stream");
		}
		try (exchange) {
			if (status != 200) {
				sendError(exchange, status, requestId);
				return;
			}
			if (instruction.startsWith("fault:invalid-json")) {
				byte[] garbage = "{\"id\": \"msg_fake\", \"content\": [".getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, garbage.length);
				exchange.getResponseBody().write(garbage);
				return;
			}
			if (instruction.startsWith("fault:truncated-stream")) {
				OutputStream out = startStream(exchange);
				writeStart(out, model);
				writeTextDelta(out, "The ");
				writeTextDelta(out, "capital ");
				return;
			}
			if (instruction.startsWith("fault:overloaded-stream")) {
				OutputStream out = startStream(exchange);
				writeStart(out, model);
				writeTextDelta(out, "The ");
				writeTextDelta(out, "capital ");
				writeEvent(out, "error", errorBody(529, requestId, false));
				return;
			}
			if (instruction.startsWith("fault:slow")) {
				FakeServers.sleep(SLOW_MILLIS);
			}
			if (stream && instruction.startsWith("timed-stream")) {
				sendTimedStream(exchange, model);
			}
			else if (stream && instruction.startsWith("tool-stream")) {
				sendToolStream(exchange, model);
			}
			else if (stream) {
				boolean slow = instruction.startsWith("slow-stream");
				sendStream(exchange, model, slow ? slowChunks() : ANSWER_CHUNKS, slow ? 200 : 5);
			}
			else {
				send(exchange, 200, message(model));
			}
		}
		catch (IOException | RuntimeException ex) {
			// The client went away (a cancelled stream or a timeout): nothing to answer.
		}
	}

	private static int statusFor(String instruction) {
		int status = FakeServers.faultStatus(instruction);
		if (status != 0) {
			return status;
		}
		return FakeServers.isUnknownFault(instruction, KNOWN_FAULTS) ? 400 : 200;
	}

	private void addResponseHeaders(HttpExchange exchange, int status, String requestId) {
		exchange.getResponseHeaders().add("request-id", requestId);
		RateLimits limits = rateLimits();
		if (limits != null) {
			Instant now = Instant.now();
			addLimit(exchange, "requests", limits.requests(), now);
			addLimit(exchange, "tokens", limits.tokens(), now);
			addLimit(exchange, "input-tokens", limits.inputTokens(), now);
			addLimit(exchange, "output-tokens", limits.outputTokens(), now);
		}
		if (status == 429) {
			exchange.getResponseHeaders().add("retry-after", RETRY_AFTER_SECONDS);
		}
	}

	private static void addLimit(HttpExchange exchange, String kind, Limit limit, Instant now) {
		String prefix = "anthropic-ratelimit-" + kind + "-";
		exchange.getResponseHeaders().add(prefix + "limit", Long.toString(limit.limit()));
		exchange.getResponseHeaders().add(prefix + "remaining", Long.toString(limit.remaining()));
		exchange.getResponseHeaders()
			.add(prefix + "reset", now.plus(limit.resetIn()).truncatedTo(ChronoUnit.SECONDS).toString());
	}

	private static String[] slowChunks() {
		String[] chunks = new String[SLOW_STREAM_CHUNKS];
		for (int i = 0; i < chunks.length; i++) {
			chunks[i] = "word" + i + " ";
		}
		return chunks;
	}

	private static String lastUserMessage(JsonNode request) {
		String text = "";
		for (JsonNode message : request.path("messages")) {
			if ("user".equals(message.path("role").asText())) {
				JsonNode content = message.path("content");
				if (content.isTextual()) {
					text = content.asText();
				}
				else {
					for (JsonNode block : content) {
						if ("text".equals(block.path("type").asText())) {
							text = block.path("text").asText("");
						}
					}
				}
			}
		}
		return text;
	}

	private static ObjectNode message(String model) {
		ObjectNode message = json.createObjectNode();
		message.put("id", MESSAGE_ID_PREFIX + messageIds.incrementAndGet())
			.put("type", "message")
			.put("role", "assistant")
			.put("model", model);
		message.putArray("content").addObject().put("type", "text").put("text", ANSWER);
		message.put("stop_reason", "end_turn");
		message.putNull("stop_sequence");
		message.set("usage", usage(OUTPUT_TOKENS));
		return message;
	}

	private static ObjectNode usage(int outputTokens) {
		ObjectNode usage = json.createObjectNode();
		usage.put("input_tokens", INPUT_TOKENS);
		usage.put("cache_creation_input_tokens", CACHE_CREATION_INPUT_TOKENS);
		usage.put("cache_read_input_tokens", CACHE_READ_INPUT_TOKENS);
		usage.put("output_tokens", outputTokens);
		return usage;
	}

	private static OutputStream startStream(HttpExchange exchange) throws IOException {
		exchange.getResponseHeaders().add("Content-Type", "text/event-stream; charset=utf-8");
		exchange.getResponseHeaders().add("Cache-Control", "no-cache");
		exchange.sendResponseHeaders(200, 0);
		return exchange.getResponseBody();
	}

	private static void writeStart(OutputStream out, String model) throws IOException {
		writeStart(out, model, true);
	}

	/**
	 * {@code message_start}, then, for a text answer, an empty text block's
	 * {@code content_block_start}, then {@code ping}: none of them carries content.
	 */
	private static void writeStart(OutputStream out, String model, boolean textBlock) throws IOException {
		ObjectNode message = json.createObjectNode();
		message.put("id", MESSAGE_ID_PREFIX + messageIds.incrementAndGet())
			.put("type", "message")
			.put("role", "assistant");
		message.putArray("content");
		message.put("model", model);
		message.putNull("stop_reason");
		message.putNull("stop_sequence");
		message.set("usage", usage(1));
		ObjectNode start = json.createObjectNode().put("type", "message_start");
		start.set("message", message);
		writeEvent(out, "message_start", start);
		if (textBlock) {
			ObjectNode blockStart = json.createObjectNode().put("type", "content_block_start").put("index", 0);
			blockStart.putObject("content_block").put("type", "text").put("text", "");
			writeEvent(out, "content_block_start", blockStart);
		}
		writeEvent(out, "ping", json.createObjectNode().put("type", "ping"));
	}

	private static void writeTextDelta(OutputStream out, String text) throws IOException {
		ObjectNode delta = json.createObjectNode().put("type", "content_block_delta").put("index", 0);
		delta.putObject("delta").put("type", "text_delta").put("text", text);
		writeEvent(out, "content_block_delta", delta);
	}

	private static void sendStream(HttpExchange exchange, String model, String[] chunks, int pauseMillis)
			throws IOException {
		OutputStream out = startStream(exchange);
		writeStart(out, model);
		FakeServers.sleep(FIRST_CHUNK_DELAY_MILLIS);
		for (String chunk : chunks) {
			writeTextDelta(out, chunk);
			FakeServers.sleep(pauseMillis);
		}
		finish(out, "end_turn", OUTPUT_TOKENS);
	}

	/**
	 * The events that carry no content at once, then {@link #TIMED_CHUNKS} text deltas,
	 * the first after {@link #TIMED_FIRST_CONTENT_MILLIS}, the others
	 * {@link #TIMED_CHUNK_MILLIS} apart, each one output token.
	 */
	private static void sendTimedStream(HttpExchange exchange, String model) throws IOException {
		OutputStream out = startStream(exchange);
		writeStart(out, model);
		long firstContent = System.nanoTime() + TIMED_FIRST_CONTENT_MILLIS * 1_000_000L;
		for (int i = 0; i < TIMED_CHUNKS; i++) {
			FakeServers.sleepUntil(firstContent + i * TIMED_CHUNK_MILLIS * 1_000_000L);
			writeTextDelta(out, "t" + i + " ");
		}
		finish(out, "end_turn", TIMED_CHUNKS);
	}

	/**
	 * The events that carry no content at once, then, after
	 * {@link #TIMED_FIRST_CONTENT_MILLIS}, a {@code tool_use} block for the
	 * {@code weather} tool as Anthropic streams it: its start names the tool,
	 * {@code input_json_delta}s carry its input in pieces.
	 */
	private static void sendToolStream(HttpExchange exchange, String model) throws IOException {
		OutputStream out = startStream(exchange);
		writeStart(out, model, false);
		FakeServers.sleep(TIMED_FIRST_CONTENT_MILLIS);
		ObjectNode blockStart = json.createObjectNode().put("type", "content_block_start").put("index", 0);
		blockStart.putObject("content_block")
			.put("type", "tool_use")
			.put("id", "toolu_fake")
			.put("name", "weather")
			.putObject("input");
		writeEvent(out, "content_block_start", blockStart);
		for (String piece : new String[] { "{\"city\":", "\"Paris\"}" }) {
			FakeServers.sleep(TIMED_CHUNK_MILLIS);
			ObjectNode delta = json.createObjectNode().put("type", "content_block_delta").put("index", 0);
			delta.putObject("delta").put("type", "input_json_delta").put("partial_json", piece);
			writeEvent(out, "content_block_delta", delta);
		}
		finish(out, "tool_use", OUTPUT_TOKENS);
	}

	private static void finish(OutputStream out, String stopReason, int outputTokens) throws IOException {
		ObjectNode blockStop = json.createObjectNode().put("type", "content_block_stop").put("index", 0);
		writeEvent(out, "content_block_stop", blockStop);
		ObjectNode messageDelta = json.createObjectNode().put("type", "message_delta");
		messageDelta.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
		messageDelta.putObject("usage").put("output_tokens", outputTokens);
		writeEvent(out, "message_delta", messageDelta);
		writeEvent(out, "message_stop", json.createObjectNode().put("type", "message_stop"));
	}

	private static void writeEvent(OutputStream out, String event, ObjectNode data) throws IOException {
		out.write(("event: " + event + "\ndata: " + json.writeValueAsString(data) + "\n\n")
			.getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private static void sendError(HttpExchange exchange, int status, String requestId) throws IOException {
		send(exchange, status, errorBody(status, requestId, true));
	}

	/**
	 * An error as Anthropic documents it: {@code type: error}, an {@code error} object
	 * with {@code type} and {@code message}, and the {@code request_id} (not in stream
	 * events).
	 */
	private static ObjectNode errorBody(int status, String requestId, boolean withRequestId) {
		ObjectNode body = json.createObjectNode().put("type", "error");
		ObjectNode error = body.putObject("error");
		error.put("type", errorType(status)).put("message", "injected failure with status " + status);
		if (withRequestId) {
			body.put("request_id", requestId);
		}
		return body;
	}

	private static String errorType(int status) {
		return switch (status) {
			case 400 -> "invalid_request_error";
			case 401 -> "authentication_error";
			case 403 -> "permission_error";
			case 404 -> "not_found_error";
			case 413 -> "request_too_large";
			case 429 -> "rate_limit_error";
			case 504 -> "timeout_error";
			case 529 -> "overloaded_error";
			default -> (status >= 500) ? "api_error" : "invalid_request_error";
		};
	}

	private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
		byte[] bytes = json.writeValueAsBytes(body);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	/**
	 * The values of Anthropic's rate-limit headers.
	 *
	 * @param requests {@code anthropic-ratelimit-requests-*}
	 * @param tokens {@code anthropic-ratelimit-tokens-*}
	 * @param inputTokens {@code anthropic-ratelimit-input-tokens-*}
	 * @param outputTokens {@code anthropic-ratelimit-output-tokens-*}
	 */
	public record RateLimits(Limit requests, Limit tokens, Limit inputTokens, Limit outputTokens) {

	}

	/**
	 * One limit: its {@code -limit}, {@code -remaining} and {@code -reset} headers.
	 *
	 * @param limit the maximum allowed in the window
	 * @param remaining what is left
	 * @param resetIn the time until it is replenished; the header is the RFC 3339 instant
	 * of the response time plus this, truncated to seconds
	 */
	public record Limit(long limit, long remaining, Duration resetIn) {

	}

}

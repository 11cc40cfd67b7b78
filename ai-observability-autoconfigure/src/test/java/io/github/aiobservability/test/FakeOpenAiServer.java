package io.github.aiobservability.test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import org.jspecify.annotations.Nullable;

/**
 * An OpenAI-compatible server on loopback, for driving the real OpenAI client: chat
 * completions ({@code POST /v1/chat/completions}) and embeddings
 * ({@code POST /v1/embeddings}). What it does is chosen by the last user message (for
 * embeddings: the last input):
 * <ul>
 * <li>{@code fault:NNN} answers every attempt with HTTP status NNN and an error body in
 * OpenAI's format; a 429 carries {@code Retry-After: }{@value #RETRY_AFTER_SECONDS};</li>
 * <li>{@code script:S0,S1,...} answers the attempt whose {@code X-Stainless-Retry-Count}
 * is i with step Si (past the end: the last step); a step {@code 200} is a normal answer
 * (to the text after the script, which may be another instruction), any other step S is
 * {@code fault:S}, so {@code script:429,503,200} fails twice and then answers;</li>
 * <li>{@code fault:slow} waits {@link #SLOW_MILLIS} before answering;</li>
 * <li>{@code slow-stream} streams {@link #SLOW_STREAM_CHUNKS} chunks, 200 ms apart;</li>
 * <li>{@code no-usage} answers without a usage object;</li>
 * <li>{@code long-prompt} (calls, not streams) reports {@link #LONG_PROMPT_TOKENS} prompt
 * tokens;</li>
 * <li>{@code fault:invalid-json} answers 200 with a body that is not JSON;</li>
 * <li>{@code fault:truncated-stream} ends a stream after two chunks, without a finish
 * reason, usage or {@code [DONE]};</li>
 * <li>{@code fault:reset-stream} drops the connection after two chunks;</li>
 * <li>{@code weather?} asks for the {@code weather} tool, until a tool result is
 * sent;</li>
 * <li>an unknown {@code fault:} word gets 400;</li>
 * <li>anything else gets {@link #ANSWER}, streamed as {@link #ANSWER_CHUNKS} chunks when
 * asked to stream.</li>
 * </ul>
 * Every chat answer reports {@link #PROMPT_TOKENS} and {@link #COMPLETION_TOKENS} as
 * usage (streams in a last chunk, as {@code stream_options.include_usage} asks), and
 * {@link #CACHED_TOKENS} cached prompt tokens and {@link #REASONING_TOKENS} reasoning
 * tokens. Every embedding answer has one vector of {@link #embedding(String, int)} per
 * input, {@link #EMBEDDING_DIMENSIONS} long unless the request asks for
 * {@code dimensions}, in the {@code encoding_format} asked for ({@code float} when
 * absent; the SDK asks for {@code base64}), and reports
 * {@link #EMBEDDING_TOKENS_PER_INPUT} prompt tokens per input.
 * <p>
 * Every response, success or error, carries OpenAI's {@code x-ratelimit-*} headers from
 * {@link #rateLimits(RateLimits)} ({@link #DEFAULT_RATE_LIMITS} until changed) and an
 * {@code x-request-id}. Every request is logged as an {@link Attempt}. One server is
 * usually shared by all tests in a JVM: filter the log by model name, and call
 * {@link #reset()} after a test that changed the rate limits.
 */
public final class FakeOpenAiServer extends FakeProviderServer<FakeOpenAiServer.RateLimits> {

	public static final String ANSWER = "Paris is the capital of France.";

	public static final String[] ANSWER_CHUNKS = { "Paris ", "is the ", "capital ", "of France." };

	public static final int PROMPT_TOKENS = 21;

	public static final int COMPLETION_TOKENS = 7;

	public static final int CACHED_TOKENS = 5;

	/** Prompt tokens a {@code long-prompt} call reports, past a 200k price tier. */
	public static final int LONG_PROMPT_TOKENS = 250_000;

	/** Of the completion tokens, those spent on reasoning. */
	public static final int REASONING_TOKENS = 3;

	public static final int SLOW_MILLIS = 3000;

	public static final int SLOW_STREAM_CHUNKS = 20;

	/**
	 * Milliseconds before the first chunk of every stream, so time to first token is
	 * measurable.
	 */
	public static final int FIRST_CHUNK_DELAY_MILLIS = 120;

	/**
	 * The {@code Retry-After} of a 429, in seconds. Both SDKs wait exactly what it says
	 * (and 0.5 s times jitter, doubling, without it), so retries in tests do not wait.
	 */
	public static final String RETRY_AFTER_SECONDS = "0";

	/**
	 * The length of an embedding when the request does not ask for {@code dimensions}.
	 */
	public static final int EMBEDDING_DIMENSIONS = 8;

	/** The prompt (and total) tokens an embedding request reports for each input. */
	public static final int EMBEDDING_TOKENS_PER_INPUT = 3;

	/**
	 * The rate-limit headers of every response until changed: OpenAI's documented
	 * example.
	 */
	public static final RateLimits DEFAULT_RATE_LIMITS = new RateLimits(60, 59, "1s", 150_000, 149_984, "6m0s");

	private static final String CHAT_PATH = "/v1/chat/completions";

	private static final String EMBEDDINGS_PATH = "/v1/embeddings";

	private static final String[] KNOWN_FAULTS = { "fault:slow", "fault:invalid-json", "fault:truncated-stream",
			"fault:reset-stream" };

	private static final ObjectMapper json = new ObjectMapper();

	/** Each completion gets its own id, as OpenAI's do; its chunks share it. */
	private static final AtomicLong completionIds = new AtomicLong();

	private final AtomicInteger requests = new AtomicInteger();

	private final AtomicInteger requestIds = new AtomicInteger();

	public FakeOpenAiServer() throws IOException {
		super("fake-openai", DEFAULT_RATE_LIMITS);
		server().createContext(CHAT_PATH, this::handleChat);
		server().createContext(EMBEDDINGS_PATH, this::handleEmbeddings);
	}

	/**
	 * Starts a server, for use in a static field.
	 * @return the running server
	 */
	public static FakeOpenAiServer startOnLoopback() {
		try {
			return new FakeOpenAiServer();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the fake OpenAI server", ex);
		}
	}

	/**
	 * The base URL to configure the client with.
	 * @return for example {@code http://127.0.0.1:41234/v1}
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + port() + "/v1";
	}

	/**
	 * How many chat completion requests arrived, retries included.
	 * @return the count
	 */
	public int requestCount() {
		return this.requests.get();
	}

	/**
	 * The vector this server answers for an input: pseudo-random but fixed per text, of
	 * unit length.
	 * @param text the input
	 * @param dimensions its length
	 * @return the embedding
	 */
	public static float[] embedding(String text, int dimensions) {
		Random random = new Random(text.hashCode());
		float[] vector = new float[dimensions];
		double norm = 0;
		for (int i = 0; i < dimensions; i++) {
			vector[i] = (float) random.nextGaussian();
			norm += vector[i] * vector[i];
		}
		for (int i = 0; i < dimensions; i++) {
			vector[i] = (float) (vector[i] / Math.sqrt(norm));
		}
		return vector;
	}

	private void handleChat(HttpExchange exchange) throws IOException {
		this.requests.incrementAndGet();
		String body = FakeServers.readBody(exchange.getRequestBody());
		JsonNode request = json.readTree(body);
		String model = request.path("model").asText("gpt-4o-mini");
		boolean stream = request.path("stream").asBoolean(false);
		String lastUserMessage = lastUserMessage(request);
		int retryCount = FakeServers.retryCount(exchange);
		String instruction = FakeServers.forAttempt(lastUserMessage, retryCount);
		int status = statusFor(instruction);
		log(FakeServers.attempt(exchange, model, stream, retryCount, status, lastUserMessage, body));
		addResponseHeaders(exchange, status);
		String id = "chatcmpl-fake-" + completionIds.incrementAndGet();
		if (instruction.startsWith("role-then-reset")) {
			// Fails before its first content: a role-only chunk, then the connection
			// drops.
			exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			writeEvent(exchange.getResponseBody(), chunk(id, model, roleOnly(), null));
			FakeServers.sleep(50);
			throw new IllegalStateException("Injected fault: connection dropped before the first content");
		}
		if (instruction.startsWith("fault:reset-stream")) {
			// Outside the try-with-resources: closing the exchange would end the body
			// properly. Throwing makes the server drop the connection mid-stream.
			exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			writeEvent(exchange.getResponseBody(), chunk(id, model, textDelta("Paris "), null));
			writeEvent(exchange.getResponseBody(), chunk(id, model, textDelta("is "), null));
			throw new IllegalStateException("Injected fault: connection dropped mid-stream");
		}
		try (exchange) {
			if (status != 200) {
				sendError(exchange, status);
				return;
			}
			if (instruction.startsWith("fault:invalid-json")) {
				sendGarbage(exchange);
				return;
			}
			if (instruction.startsWith("fault:truncated-stream")) {
				exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
				exchange.sendResponseHeaders(200, 0);
				writeEvent(exchange.getResponseBody(), chunk(id, model, textDelta("Paris "), null));
				writeEvent(exchange.getResponseBody(), chunk(id, model, textDelta("is "), null));
				return;
			}
			if (instruction.startsWith("fault:slow")) {
				FakeServers.sleep(SLOW_MILLIS);
			}
			boolean wantsTool = instruction.startsWith("weather?") && !hasToolResult(request);
			if (stream && instruction.startsWith("timed-stream")) {
				sendTimedStream(exchange, id, model);
			}
			else if (stream && instruction.startsWith("tool-stream")) {
				sendToolStream(exchange, id, model);
			}
			else if (stream) {
				String[] chunks = instruction.startsWith("slow-stream") ? slowChunks() : ANSWER_CHUNKS;
				int pause = instruction.startsWith("slow-stream") ? 200 : 5;
				sendStream(exchange, id, model, chunks, pause, !instruction.startsWith("no-usage"));
			}
			else {
				int promptTokens = instruction.startsWith("long-prompt") ? LONG_PROMPT_TOKENS : PROMPT_TOKENS;
				send(exchange, 200, completion(model, wantsTool, !instruction.startsWith("no-usage"), promptTokens));
			}
		}
		catch (IOException | RuntimeException ex) {
			// The client went away (a cancelled stream or a timeout): nothing to answer.
		}
	}

	private void handleEmbeddings(HttpExchange exchange) throws IOException {
		try (exchange) {
			String body = FakeServers.readBody(exchange.getRequestBody());
			JsonNode request = json.readTree(body);
			String model = request.path("model").asText("text-embedding-ada-002");
			List<String> inputs = inputs(request.path("input"));
			String lastInput = inputs.isEmpty() ? "" : inputs.get(inputs.size() - 1);
			int retryCount = FakeServers.retryCount(exchange);
			String instruction = FakeServers.forAttempt(lastInput, retryCount);
			int status = statusFor(instruction);
			log(FakeServers.attempt(exchange, model, false, retryCount, status, lastInput, body));
			addResponseHeaders(exchange, status);
			if (status != 200) {
				sendError(exchange, status);
				return;
			}
			if (instruction.startsWith("fault:invalid-json")) {
				sendGarbage(exchange);
				return;
			}
			if (instruction.startsWith("fault:slow")) {
				FakeServers.sleep(SLOW_MILLIS);
			}
			int dimensions = request.path("dimensions").asInt(EMBEDDING_DIMENSIONS);
			boolean base64 = "base64".equals(request.path("encoding_format").asText("float"));
			send(exchange, 200, embeddings(model, inputs, dimensions, base64));
		}
		catch (IOException | RuntimeException ex) {
			// The client went away (a timeout): nothing to answer.
		}
	}

	private static int statusFor(String instruction) {
		int status = FakeServers.faultStatus(instruction);
		if (status != 0) {
			return status;
		}
		return FakeServers.isUnknownFault(instruction, KNOWN_FAULTS) ? 400 : 200;
	}

	private void addResponseHeaders(HttpExchange exchange, int status) {
		exchange.getResponseHeaders().add("x-request-id", "req_fake_" + this.requestIds.incrementAndGet());
		RateLimits limits = rateLimits();
		if (limits != null) {
			exchange.getResponseHeaders().add("x-ratelimit-limit-requests", Long.toString(limits.requestsLimit()));
			exchange.getResponseHeaders()
				.add("x-ratelimit-remaining-requests", Long.toString(limits.requestsRemaining()));
			exchange.getResponseHeaders().add("x-ratelimit-reset-requests", limits.requestsReset());
			exchange.getResponseHeaders().add("x-ratelimit-limit-tokens", Long.toString(limits.tokensLimit()));
			exchange.getResponseHeaders().add("x-ratelimit-remaining-tokens", Long.toString(limits.tokensRemaining()));
			exchange.getResponseHeaders().add("x-ratelimit-reset-tokens", limits.tokensReset());
		}
		if (status == 429) {
			exchange.getResponseHeaders().add("Retry-After", RETRY_AFTER_SECONDS);
		}
	}

	private static List<String> inputs(JsonNode input) {
		List<String> inputs = new ArrayList<>();
		if (input.isTextual()) {
			inputs.add(input.asText());
		}
		for (JsonNode item : input) {
			// Token arrays have no text to take instructions from: they embed as "".
			inputs.add(item.isTextual() ? item.asText() : "");
		}
		return inputs;
	}

	private static ObjectNode embeddings(String model, List<String> inputs, int dimensions, boolean base64) {
		ObjectNode body = json.createObjectNode();
		body.put("object", "list");
		ArrayNode data = body.putArray("data");
		for (int i = 0; i < inputs.size(); i++) {
			ObjectNode item = data.addObject();
			item.put("object", "embedding").put("index", i);
			float[] vector = embedding(inputs.get(i), dimensions);
			if (base64) {
				ByteBuffer bytes = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
				for (float value : vector) {
					bytes.putFloat(value);
				}
				item.put("embedding", Base64.getEncoder().encodeToString(bytes.array()));
			}
			else {
				ArrayNode values = item.putArray("embedding");
				for (float value : vector) {
					values.add(value);
				}
			}
		}
		body.put("model", model);
		int tokens = EMBEDDING_TOKENS_PER_INPUT * inputs.size();
		body.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
		return body;
	}

	private static ObjectNode textDelta(String text) {
		ObjectNode delta = json.createObjectNode();
		delta.put("content", text);
		return delta;
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
				text = content.isTextual() ? content.asText() : content.path(0).path("text").asText("");
			}
		}
		return text;
	}

	private static boolean hasToolResult(JsonNode request) {
		for (JsonNode message : request.path("messages")) {
			if ("tool".equals(message.path("role").asText())) {
				return true;
			}
		}
		return false;
	}

	private static ObjectNode completion(String model, boolean toolCall, boolean withUsage, int promptTokens) {
		ObjectNode body = json.createObjectNode();
		body.put("id", "chatcmpl-fake").put("object", "chat.completion").put("created", 1_700_000_000L);
		body.put("model", model);
		ObjectNode choice = body.putArray("choices").addObject();
		choice.put("index", 0);
		ObjectNode message = choice.putObject("message");
		message.put("role", "assistant");
		if (toolCall) {
			message.putNull("content");
			ObjectNode call = message.putArray("tool_calls").addObject();
			call.put("id", "call_1").put("type", "function");
			call.putObject("function").put("name", "weather").put("arguments", "{\"city\":\"Paris\"}");
			choice.put("finish_reason", "tool_calls");
		}
		else {
			message.put("content", ANSWER);
			choice.put("finish_reason", "stop");
		}
		if (withUsage) {
			body.set("usage", usage(promptTokens, COMPLETION_TOKENS));
		}
		return body;
	}

	private static ObjectNode usage(int promptTokens, int completionTokens) {
		ObjectNode usage = json.createObjectNode();
		usage.put("prompt_tokens", promptTokens);
		usage.put("completion_tokens", completionTokens);
		usage.put("total_tokens", promptTokens + completionTokens);
		usage.putObject("prompt_tokens_details").put("cached_tokens", CACHED_TOKENS);
		usage.putObject("completion_tokens_details").put("reasoning_tokens", REASONING_TOKENS);
		return usage;
	}

	private static void sendStream(HttpExchange exchange, String id, String model, String[] chunks, int pauseMillis,
			boolean withUsage) throws IOException {
		exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		OutputStream out = exchange.getResponseBody();
		FakeServers.sleep(FIRST_CHUNK_DELAY_MILLIS);
		for (int i = 0; i < chunks.length; i++) {
			ObjectNode delta = json.createObjectNode();
			if (i == 0) {
				delta.put("role", "assistant");
			}
			delta.put("content", chunks[i]);
			writeEvent(out, chunk(id, model, delta, null));
			FakeServers.sleep(pauseMillis);
		}
		writeEvent(out, chunk(id, model, json.createObjectNode(), "stop"));
		if (withUsage) {
			ObjectNode last = chunk(id, model, null, null);
			last.set("usage", usage(PROMPT_TOKENS, COMPLETION_TOKENS));
			writeEvent(out, last);
		}
		out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	/**
	 * A role-only chunk at once, then {@link FakeProviderServer#TIMED_CHUNKS} text
	 * chunks, the first after {@link FakeProviderServer#TIMED_FIRST_CONTENT_MILLIS}, the
	 * others {@link FakeProviderServer#TIMED_CHUNK_MILLIS} apart; its usage counts one
	 * completion token per chunk plus the reasoning tokens, which OpenAI does not stream.
	 */
	private static void sendTimedStream(HttpExchange exchange, String id, String model) throws IOException {
		OutputStream out = startStream(exchange);
		writeEvent(out, chunk(id, model, roleOnly(), null));
		long firstContent = System.nanoTime() + FakeProviderServer.TIMED_FIRST_CONTENT_MILLIS * 1_000_000L;
		for (int i = 0; i < FakeProviderServer.TIMED_CHUNKS; i++) {
			FakeServers.sleepUntil(firstContent + i * FakeProviderServer.TIMED_CHUNK_MILLIS * 1_000_000L);
			writeEvent(out, chunk(id, model, textDelta("t" + i + " "), null));
		}
		finish(out, id, model, "stop", FakeProviderServer.TIMED_CHUNKS + REASONING_TOKENS);
	}

	/**
	 * A role-only chunk at once, then, after
	 * {@link FakeProviderServer#TIMED_FIRST_CONTENT_MILLIS}, a call of the
	 * {@code weather} tool as OpenAI streams it: its id and name first, then its
	 * arguments in pieces.
	 */
	private static void sendToolStream(HttpExchange exchange, String id, String model) throws IOException {
		OutputStream out = startStream(exchange);
		writeEvent(out, chunk(id, model, roleOnly(), null));
		FakeServers.sleep(FakeProviderServer.TIMED_FIRST_CONTENT_MILLIS);
		ObjectNode call = json.createObjectNode().put("index", 0).put("id", "call_fake").put("type", "function");
		call.putObject("function").put("name", "weather").put("arguments", "");
		writeEvent(out, chunk(id, model, toolCallDelta(call), null));
		for (String piece : new String[] { "{\"city\":", "\"Paris\"}" }) {
			FakeServers.sleep(FakeProviderServer.TIMED_CHUNK_MILLIS);
			ObjectNode arguments = json.createObjectNode().put("index", 0);
			arguments.putObject("function").put("arguments", piece);
			writeEvent(out, chunk(id, model, toolCallDelta(arguments), null));
		}
		finish(out, id, model, "tool_calls", COMPLETION_TOKENS);
	}

	private static OutputStream startStream(HttpExchange exchange) throws IOException {
		exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		return exchange.getResponseBody();
	}

	private static void finish(OutputStream out, String id, String model, String finishReason, int completionTokens)
			throws IOException {
		writeEvent(out, chunk(id, model, json.createObjectNode(), finishReason));
		ObjectNode last = chunk(id, model, null, null);
		last.set("usage", usage(PROMPT_TOKENS, completionTokens));
		writeEvent(out, last);
		out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private static ObjectNode roleOnly() {
		return json.createObjectNode().put("role", "assistant").put("content", "");
	}

	private static ObjectNode toolCallDelta(ObjectNode call) {
		ObjectNode delta = json.createObjectNode();
		delta.putArray("tool_calls").add(call);
		return delta;
	}

	private static ObjectNode chunk(String id, String model, @Nullable ObjectNode delta,
			@Nullable String finishReason) {
		ObjectNode body = json.createObjectNode();
		body.put("id", id).put("object", "chat.completion.chunk").put("created", 1_700_000_000L);
		body.put("model", model);
		ArrayNode choices = body.putArray("choices");
		if (delta != null) {
			ObjectNode choice = choices.addObject();
			choice.put("index", 0);
			choice.set("delta", delta);
			if (finishReason != null) {
				choice.put("finish_reason", finishReason);
			}
			else {
				choice.putNull("finish_reason");
			}
		}
		return body;
	}

	private static void writeEvent(OutputStream out, ObjectNode event) throws IOException {
		out.write(("data: " + json.writeValueAsString(event) + "\n\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	/**
	 * Answers with an error object as OpenAI documents it: {@code message}, {@code type},
	 * {@code param} and {@code code}.
	 */
	private static void sendError(HttpExchange exchange, int status) throws IOException {
		ObjectNode body = json.createObjectNode();
		ObjectNode error = body.putObject("error");
		error.put("message", "injected failure with status " + status);
		error.put("type", errorType(status));
		error.putNull("param");
		String code = errorCode(status);
		if (code != null) {
			error.put("code", code);
		}
		else {
			error.putNull("code");
		}
		send(exchange, status, body);
	}

	private static String errorType(int status) {
		if (status == 429) {
			return "requests";
		}
		return (status >= 500) ? "server_error" : "invalid_request_error";
	}

	private static @Nullable String errorCode(int status) {
		return switch (status) {
			case 401 -> "invalid_api_key";
			case 404 -> "model_not_found";
			case 429 -> "rate_limit_exceeded";
			default -> null;
		};
	}

	private static void sendGarbage(HttpExchange exchange) throws IOException {
		byte[] garbage = "{\"id\": \"chatcmpl-fake\", \"choices\": [".getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, garbage.length);
		exchange.getResponseBody().write(garbage);
	}

	private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
		byte[] bytes = json.writeValueAsBytes(body);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	/**
	 * The values of OpenAI's rate-limit headers.
	 *
	 * @param requestsLimit {@code x-ratelimit-limit-requests}
	 * @param requestsRemaining {@code x-ratelimit-remaining-requests}
	 * @param requestsReset {@code x-ratelimit-reset-requests}, in OpenAI's duration
	 * format such as {@code 1s}, {@code 6m0s} or {@code 20ms}
	 * @param tokensLimit {@code x-ratelimit-limit-tokens}
	 * @param tokensRemaining {@code x-ratelimit-remaining-tokens}
	 * @param tokensReset {@code x-ratelimit-reset-tokens}, in the same format
	 */
	public record RateLimits(long requestsLimit, long requestsRemaining, String requestsReset, long tokensLimit,
			long tokensRemaining, String tokensReset) {

	}

}

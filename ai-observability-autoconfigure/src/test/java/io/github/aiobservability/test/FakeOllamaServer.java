package io.github.aiobservability.test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * Ollama's API on loopback, for driving Spring AI's real Ollama client with the format
 * Ollama documents:
 * <ul>
 * <li>{@code POST /api/chat} with {@code "stream": false}: one JSON object;</li>
 * <li>{@code POST /api/chat} with {@code "stream": true}: newline-delimited JSON
 * ({@code application/x-ndjson}), one object per chunk, the last with
 * {@code "done": true};</li>
 * <li>{@code POST /api/embed}: one vector per input.</li>
 * </ul>
 * What it does is chosen by the last user message (for embeddings: the last input):
 * <ul>
 * <li>{@code fault:NNN} answers with HTTP status NNN and Ollama's error body
 * {@code {"error": "..."}};</li>
 * <li>{@code script:S0,S1,...} answers the i-th identical request (Spring AI's retries
 * resend the same body) with step Si, past the end the last step; a step {@code 200} is a
 * normal answer, any other step S is {@code fault:S};</li>
 * <li>{@code cold-start} reports a {@code load_duration} of {@link #COLD_LOAD_NANOS}, a
 * model loaded into memory for the call, where others report
 * {@link #WARM_LOAD_NANOS};</li>
 * <li>anything else gets {@link #ANSWER}, streamed as {@link #ANSWER_CHUNKS} when asked
 * to stream.</li>
 * </ul>
 * A chat answer reports {@code prompt_eval_count} {@link #PROMPT_EVAL_COUNT} and
 * {@code eval_count} {@link #EVAL_COUNT}, with {@code total_duration},
 * {@code load_duration}, {@code prompt_eval_duration} and {@code eval_duration} in
 * nanoseconds; a stream reports them on its last chunk only, as Ollama does. An embedding
 * answer reports {@link #EMBED_TOKENS_PER_INPUT} prompt tokens per input. Ollama sends no
 * rate-limit headers, nor does this server. Every request is logged as an {@link Attempt}
 * whose {@code retryCount} is the number of identical requests before it.
 */
public final class FakeOllamaServer extends FakeProviderServer<Void> {

	public static final String ANSWER = "Madrid is the capital of Spain.";

	public static final String[] ANSWER_CHUNKS = { "Madrid ", "is the capital ", "of Spain." };

	public static final int PROMPT_EVAL_COUNT = 26;

	public static final int EVAL_COUNT = 298;

	public static final int EMBED_TOKENS_PER_INPUT = 8;

	public static final int EMBEDDING_DIMENSIONS = 4;

	/** {@code load_duration} of a model already in memory: 12 ms. */
	public static final long WARM_LOAD_NANOS = 12_000_000L;

	/** {@code load_duration} of a {@code cold-start} call: 3.5 s. */
	public static final long COLD_LOAD_NANOS = 3_500_000_000L;

	public static final long PROMPT_EVAL_NANOS = 130_000_000L;

	public static final long EVAL_NANOS = 4_700_000_000L;

	/** Milliseconds between the lines of a stream. */
	public static final int CHUNK_PAUSE_MILLIS = 5;

	private static final ObjectMapper json = new ObjectMapper();

	public FakeOllamaServer() throws IOException {
		super("fake-ollama", null);
		server().createContext("/api/chat", this::chat);
		server().createContext("/api/embed", this::embed);
	}

	/**
	 * Starts a server, for use in a static field.
	 * @return the running server
	 */
	public static FakeOllamaServer startOnLoopback() {
		try {
			return new FakeOllamaServer();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the fake Ollama server", ex);
		}
	}

	/**
	 * The base URL to configure the client with ({@code spring.ai.ollama.base-url}).
	 * @return for example {@code http://127.0.0.1:41234}
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + port();
	}

	private void chat(HttpExchange exchange) throws IOException {
		String body = FakeServers.readBody(exchange.getRequestBody());
		JsonNode request = json.readTree(body);
		String model = request.path("model").asText("llama3.2");
		boolean stream = request.path("stream").asBoolean(true);
		String lastUserMessage = "";
		for (JsonNode message : request.path("messages")) {
			if ("user".equals(message.path("role").asText())) {
				lastUserMessage = message.path("content").asText("");
			}
		}
		String instruction = instruction(exchange, body, model, stream, lastUserMessage);
		if (stream && instruction.startsWith("role-then-reset")) {
			// Fails before its first content: a line without any, then the connection
			// drops (outside the try-with-resources, which would end the body properly).
			exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
			exchange.sendResponseHeaders(200, 0);
			writeLine(exchange.getResponseBody(), chunk(model, "").put("done", false));
			throw new IllegalStateException("Injected fault: connection dropped before the first content");
		}
		try (exchange) {
			int status = FakeServers.faultStatus(instruction);
			if (status != 0) {
				sendError(exchange, status);
				return;
			}
			long load = instruction.startsWith("cold-start") ? COLD_LOAD_NANOS : WARM_LOAD_NANOS;
			if (!stream) {
				ObjectNode answer = chunk(model, ANSWER);
				done(answer, load);
				send(exchange, 200, "application/json; charset=utf-8", json.writeValueAsBytes(answer));
				return;
			}
			exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
			exchange.sendResponseHeaders(200, 0);
			OutputStream out = exchange.getResponseBody();
			if (instruction.startsWith("timed-stream") || instruction.startsWith("tool-stream")) {
				sendTimedStream(out, model, instruction.startsWith("tool-stream"), load);
				return;
			}
			for (String text : ANSWER_CHUNKS) {
				writeLine(out, chunk(model, text).put("done", false));
			}
			ObjectNode last = chunk(model, "");
			done(last, load);
			writeLine(out, last);
		}
		catch (IOException | RuntimeException ex) {
			// The client went away (a cancelled stream): nothing to answer.
		}
	}

	private void embed(HttpExchange exchange) throws IOException {
		String body = FakeServers.readBody(exchange.getRequestBody());
		JsonNode request = json.readTree(body);
		String model = request.path("model").asText("mxbai-embed-large");
		JsonNode input = request.path("input");
		int inputs = input.isArray() ? input.size() : 1;
		String last = input.isArray() ? input.path(inputs - 1).asText("") : input.asText("");
		String instruction = instruction(exchange, body, model, false, last);
		try (exchange) {
			int status = FakeServers.faultStatus(instruction);
			if (status != 0) {
				sendError(exchange, status);
				return;
			}
			ObjectNode answer = json.createObjectNode().put("model", model);
			ArrayNode embeddings = answer.putArray("embeddings");
			for (int i = 0; i < inputs; i++) {
				ArrayNode vector = embeddings.addArray();
				for (int d = 0; d < EMBEDDING_DIMENSIONS; d++) {
					vector.add(0.25 * (d + 1));
				}
			}
			answer.put("total_duration", WARM_LOAD_NANOS + 20_000_000L)
				.put("load_duration", WARM_LOAD_NANOS)
				.put("prompt_eval_count", EMBED_TOKENS_PER_INPUT * inputs);
			send(exchange, 200, "application/json; charset=utf-8", json.writeValueAsBytes(answer));
		}
	}

	/**
	 * Logs the request and decides what this attempt of it gets.
	 */
	private String instruction(HttpExchange exchange, String body, String model, boolean stream, String text) {
		int retryCount = identicalBefore(exchange.getRequestURI().getPath(), body);
		String instruction = FakeServers.forAttempt(text, retryCount);
		int status = FakeServers.faultStatus(instruction);
		log(FakeServers.attempt(exchange, model, stream, retryCount, (status != 0) ? status : 200, text, body));
		return instruction;
	}

	private static ObjectNode chunk(String model, String text) {
		ObjectNode chunk = json.createObjectNode().put("model", model).put("created_at", Instant.now().toString());
		chunk.putObject("message").put("role", "assistant").put("content", text);
		return chunk;
	}

	/**
	 * The fields of a final answer: counts and durations in nanoseconds.
	 */
	private static void done(ObjectNode answer, long loadNanos) {
		answer.put("done", true)
			.put("done_reason", "stop")
			.put("total_duration", loadNanos + PROMPT_EVAL_NANOS + EVAL_NANOS)
			.put("load_duration", loadNanos)
			.put("prompt_eval_count", PROMPT_EVAL_COUNT)
			.put("prompt_eval_duration", PROMPT_EVAL_NANOS)
			.put("eval_count", EVAL_COUNT)
			.put("eval_duration", EVAL_NANOS);
	}

	/**
	 * A line without content at once, then {@link #TIMED_CHUNKS} text lines paced as
	 * {@link FakeServers#timedContent} says, then the final line counting one token per
	 * text line; or, for a {@code tool-stream}, a line calling the {@code weather} tool
	 * at the first content's time.
	 */
	private static void sendTimedStream(OutputStream out, String model, boolean toolCall, long load)
			throws IOException {
		long start = System.nanoTime();
		writeLine(out, chunk(model, "").put("done", false));
		if (toolCall) {
			FakeServers.timedContent(start, 0);
			ObjectNode call = chunk(model, "");
			ObjectNode function = ((ObjectNode) call.path("message")).putArray("tool_calls")
				.addObject()
				.putObject("function")
				.put("name", "weather");
			function.putObject("arguments").put("city", "Madrid");
			writeLine(out, call.put("done", false));
		}
		else {
			for (int i = 0; i < TIMED_CHUNKS; i++) {
				FakeServers.timedContent(start, i);
				writeLine(out, chunk(model, "t" + i + " ").put("done", false));
			}
		}
		ObjectNode last = chunk(model, "");
		done(last, load);
		last.put("eval_count", toolCall ? EVAL_COUNT : TIMED_CHUNKS);
		writeLine(out, last);
	}

	private static void writeLine(OutputStream out, ObjectNode line) throws IOException {
		out.write((json.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
		FakeServers.sleep(CHUNK_PAUSE_MILLIS);
	}

	private static void sendError(HttpExchange exchange, int status) throws IOException {
		ObjectNode error = json.createObjectNode().put("error", "injected failure with status " + status);
		send(exchange, status, "application/json; charset=utf-8", json.writeValueAsBytes(error));
	}

	private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
		exchange.getResponseHeaders().add("Content-Type", contentType);
		exchange.sendResponseHeaders(status, body.length);
		exchange.getResponseBody().write(body);
	}

}

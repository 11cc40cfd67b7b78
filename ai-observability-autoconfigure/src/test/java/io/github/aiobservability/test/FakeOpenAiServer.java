package io.github.aiobservability.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OpenAI-compatible chat completions endpoint on loopback, for driving the real
 * OpenAI client. What it does is chosen by the last user message:
 * <ul>
 * <li>{@code fault:NNN} answers with HTTP status NNN and an OpenAI error body;</li>
 * <li>{@code fault:slow} waits {@link #SLOW_MILLIS} before answering;</li>
 * <li>{@code slow-stream} streams {@link #SLOW_STREAM_CHUNKS} chunks, 200 ms apart;</li>
 * <li>{@code no-usage} answers without a usage object;</li>
 * <li>{@code fault:invalid-json} answers 200 with a body that is not JSON;</li>
 * <li>{@code fault:truncated-stream} ends a stream after two chunks, without a finish
 * reason, usage or {@code [DONE]};</li>
 * <li>{@code fault:reset-stream} drops the connection after two chunks;</li>
 * <li>{@code weather?} asks for the {@code weather} tool, until a tool result is sent;</li>
 * <li>anything else gets {@link #ANSWER}, streamed as {@link #ANSWER_CHUNKS} chunks when
 * asked to stream.</li>
 * </ul>
 * Every answer reports {@link #PROMPT_TOKENS} and {@link #COMPLETION_TOKENS} as usage
 * (streams in a last chunk, as {@code stream_options.include_usage} asks), and
 * {@link #CACHED_TOKENS} cached prompt tokens.
 */
public final class FakeOpenAiServer implements AutoCloseable {

	public static final String ANSWER = "Paris is the capital of France.";

	public static final String[] ANSWER_CHUNKS = { "Paris ", "is the ", "capital ", "of France." };

	public static final int PROMPT_TOKENS = 21;

	public static final int COMPLETION_TOKENS = 7;

	public static final int CACHED_TOKENS = 5;

	public static final int SLOW_MILLIS = 3000;

	public static final int SLOW_STREAM_CHUNKS = 20;

	/** Milliseconds before the first chunk of every stream, so time to first token is measurable. */
	public static final int FIRST_CHUNK_DELAY_MILLIS = 120;

	private static final ObjectMapper json = new ObjectMapper();

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(32, (task) -> {
		Thread thread = new Thread(task, "fake-openai");
		thread.setDaemon(true);
		return thread;
	});

	private final AtomicInteger requests = new AtomicInteger();

	public FakeOpenAiServer() throws IOException {
		// Without TCP_NODELAY every small answer waits for a delayed ACK (about 40 ms).
		System.setProperty("sun.net.httpserver.nodelay", "true");
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/v1/chat/completions", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
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
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1";
	}

	/**
	 * How many chat completion requests arrived.
	 * @return the count
	 */
	public int requestCount() {
		return this.requests.get();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		this.requests.incrementAndGet();
		JsonNode request = json.readTree(readBody(exchange.getRequestBody()));
		String instruction = lastUserMessage(request);
		if (instruction.startsWith("fault:reset-stream")) {
			// Outside the try-with-resources: closing the exchange would end the body
			// properly. Throwing makes the server drop the connection mid-stream.
			exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			writeEvent(exchange.getResponseBody(), chunk(request.path("model").asText(), textDelta("Paris "), null));
			writeEvent(exchange.getResponseBody(), chunk(request.path("model").asText(), textDelta("is "), null));
			throw new IllegalStateException("Injected fault: connection dropped mid-stream");
		}
		try (exchange) {
			String model = request.path("model").asText("gpt-4o-mini");
			boolean stream = request.path("stream").asBoolean(false);
			if (instruction.startsWith("fault:invalid-json")) {
				byte[] garbage = "{\"id\": \"chatcmpl-fake\", \"choices\": [".getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, garbage.length);
				exchange.getResponseBody().write(garbage);
				return;
			}
			if (instruction.startsWith("fault:truncated-stream")) {
				exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
				exchange.sendResponseHeaders(200, 0);
				writeEvent(exchange.getResponseBody(), chunk(model, textDelta("Paris "), null));
				writeEvent(exchange.getResponseBody(), chunk(model, textDelta("is "), null));
				return;
			}
			if (instruction.startsWith("fault:slow")) {
				sleep(SLOW_MILLIS);
			}
			else if (instruction.startsWith("fault:")) {
				int status = Integer.parseInt(instruction.substring("fault:".length(), "fault:".length() + 3));
				sendError(exchange, status);
				return;
			}
			boolean wantsTool = instruction.startsWith("weather?") && !hasToolResult(request);
			if (stream) {
				String[] chunks = instruction.startsWith("slow-stream") ? slowChunks() : ANSWER_CHUNKS;
				int pause = instruction.startsWith("slow-stream") ? 200 : 5;
				sendStream(exchange, model, chunks, pause, !instruction.startsWith("no-usage"));
			}
			else {
				send(exchange, 200, completion(model, wantsTool, !instruction.startsWith("no-usage")));
			}
		}
		catch (IOException | RuntimeException ex) {
			// The client went away (a cancelled stream or a timeout): nothing to answer.
		}
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

	private static ObjectNode completion(String model, boolean toolCall, boolean withUsage) {
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
			body.set("usage", usage());
		}
		return body;
	}

	private static ObjectNode usage() {
		ObjectNode usage = json.createObjectNode();
		usage.put("prompt_tokens", PROMPT_TOKENS);
		usage.put("completion_tokens", COMPLETION_TOKENS);
		usage.put("total_tokens", PROMPT_TOKENS + COMPLETION_TOKENS);
		usage.putObject("prompt_tokens_details").put("cached_tokens", CACHED_TOKENS);
		return usage;
	}

	private static void sendStream(HttpExchange exchange, String model, String[] chunks, int pauseMillis,
			boolean withUsage) throws IOException {
		exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		OutputStream out = exchange.getResponseBody();
		sleep(FIRST_CHUNK_DELAY_MILLIS);
		for (int i = 0; i < chunks.length; i++) {
			ObjectNode delta = json.createObjectNode();
			if (i == 0) {
				delta.put("role", "assistant");
			}
			delta.put("content", chunks[i]);
			writeEvent(out, chunk(model, delta, null));
			sleep(pauseMillis);
		}
		writeEvent(out, chunk(model, json.createObjectNode(), "stop"));
		if (withUsage) {
			ObjectNode last = chunk(model, null, null);
			last.set("usage", usage());
			writeEvent(out, last);
		}
		out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private static ObjectNode chunk(String model, ObjectNode delta, String finishReason) {
		ObjectNode body = json.createObjectNode();
		body.put("id", "chatcmpl-fake").put("object", "chat.completion.chunk").put("created", 1_700_000_000L);
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

	private static void sendError(HttpExchange exchange, int status) throws IOException {
		ObjectNode body = json.createObjectNode();
		ObjectNode error = body.putObject("error");
		error.put("message", "injected failure with status " + status);
		error.put("type", (status == 429) ? "rate_limit_exceeded" : "api_error");
		if (status == 429) {
			exchange.getResponseHeaders().add("Retry-After", "1");
		}
		send(exchange, status, body);
	}

	private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
		byte[] bytes = json.writeValueAsBytes(body);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	private static String readBody(InputStream in) throws IOException {
		return new String(in.readAllBytes(), StandardCharsets.UTF_8);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

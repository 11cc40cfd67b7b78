package io.github.aiobservability.test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import org.jspecify.annotations.Nullable;

/**
 * Google's Gemini API on loopback, for driving the real Google GenAI client (the
 * {@code google-genai} SDK under Spring AI's Google GenAI model) with the REST format
 * Google documents:
 * <ul>
 * <li>{@code POST /v1beta/models/{model}:generateContent}: one
 * {@code GenerateContentResponse};</li>
 * <li>{@code POST /v1beta/models/{model}:streamGenerateContent?alt=sse}: server-sent
 * events, each {@code data: } a whole {@code GenerateContentResponse} whose parts hold
 * the text delta;</li>
 * <li>the same under Vertex AI's paths
 * ({@code /v1beta1/projects/{p}/locations/{l}/publishers/google/models/{model}:...}).</li>
 * </ul>
 * What it does is chosen by the last text a user part of the request holds:
 * <ul>
 * <li>{@code fault:NNN} answers every attempt with HTTP status NNN and Google's error
 * body ({@code 429 RESOURCE_EXHAUSTED}, {@code 503 UNAVAILABLE}, ...);</li>
 * <li>{@code script:S0,S1,...} answers the i-th identical request (same path and body,
 * which is what the SDK's retries resend) with step Si, past the end the last step; a
 * step {@code 200} is a normal answer, any other step S is {@code fault:S};</li>
 * <li>{@code fault:overloaded-stream} answers 200, streams one chunk and then an event
 * holding an {@code error} (503 {@code UNAVAILABLE}), as Gemini does mid-stream;</li>
 * <li>{@code long-prompt} reports {@link #LONG_PROMPT_TOKENS} prompt tokens, past the
 * 200k context tier;</li>
 * <li>with tools declared, the first tool is called (a {@code functionCall} part) until
 * the request holds a {@code functionResponse};</li>
 * <li>anything else gets {@link #ANSWER}, streamed as {@link #ANSWER_CHUNKS} when asked
 * to stream.</li>
 * </ul>
 * Every answer's {@code usageMetadata} reports {@link #PROMPT_TOKENS} (of which
 * {@link #CACHED_CONTENT_TOKENS} came from the cache, which Gemini counts inside the
 * prompt), {@link #CANDIDATES_TOKENS} and {@link #THOUGHTS_TOKENS} thinking tokens (on
 * top of the candidates), and, for a request with tools, {@link #TOOL_USE_PROMPT_TOKENS}.
 * A stream's chunks carry the prompt count, its last chunk every count. Thought parts
 * ({@code "thought": true}) are sent only when the request asks for them
 * ({@code thinkingConfig.includeThoughts}). Every response and chunk names its
 * {@code modelVersion} and every candidate has {@code content.parts}, without which
 * Spring AI 2.0.1 fails. Google sends no rate-limit headers, nor does this server.
 * <p>
 * Every request is logged as an {@link Attempt} whose {@code retryCount} is the number of
 * identical requests before it.
 */
public final class FakeGeminiServer extends FakeProviderServer<Void> {

	public static final String ANSWER = "Rome is the capital of Italy.";

	public static final String[] ANSWER_CHUNKS = { "Rome ", "is the capital ", "of Italy." };

	public static final String THOUGHT = "The user asks for a capital city.";

	/** {@code promptTokenCount}: every prompt token, the cached ones included. */
	public static final int PROMPT_TOKENS = 1200;

	/** {@code cachedContentTokenCount}: the part of the prompt read from the cache. */
	public static final int CACHED_CONTENT_TOKENS = 1000;

	/** {@code candidatesTokenCount}: the answer's tokens, thinking not included. */
	public static final int CANDIDATES_TOKENS = 12;

	/** {@code thoughtsTokenCount}: the thinking tokens, billed as output. */
	public static final int THOUGHTS_TOKENS = 300;

	/** {@code toolUsePromptTokenCount} of a request with tools, billed as input. */
	public static final int TOOL_USE_PROMPT_TOKENS = 40;

	/** {@code promptTokenCount} of a {@code long-prompt} request. */
	public static final int LONG_PROMPT_TOKENS = 250_000;

	/** Milliseconds between the events of a stream. */
	public static final int CHUNK_PAUSE_MILLIS = 5;

	private static final String[] KNOWN_FAULTS = { "fault:overloaded-stream" };

	private static final ObjectMapper json = new ObjectMapper();

	private static final AtomicLong responseIds = new AtomicLong();

	public FakeGeminiServer() throws IOException {
		super("fake-gemini", null);
		server().createContext("/", this::handle);
	}

	/**
	 * Starts a server, for use in a static field.
	 * @return the running server
	 */
	public static FakeGeminiServer startOnLoopback() {
		try {
			return new FakeGeminiServer();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the fake Gemini server", ex);
		}
	}

	/**
	 * The base URL to give the SDK ({@code HttpOptions.baseUrl}); it adds the API version
	 * and the model's path.
	 * @return for example {@code http://127.0.0.1:41234}
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + port();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String body = FakeServers.readBody(exchange.getRequestBody());
		String path = exchange.getRequestURI().getPath();
		int colon = path.lastIndexOf(':');
		int models = path.lastIndexOf("/models/");
		if (colon < 0 || models < 0) {
			exchange.sendResponseHeaders(404, -1);
			exchange.close();
			return;
		}
		String model = path.substring(models + "/models/".length(), colon);
		boolean stream = path.endsWith(":streamGenerateContent");
		JsonNode request = json.readTree(body);
		String lastUserText = lastUserText(request);
		int retryCount = identicalBefore(path, body);
		String instruction = FakeServers.forAttempt(lastUserText, retryCount);
		int status = statusFor(instruction);
		log(FakeServers.attempt(exchange, model, stream, retryCount, status, lastUserText, body));
		if (stream && instruction.startsWith("role-then-reset")) {
			// Fails before its first content: an event without any, then the connection
			// drops (outside the try-with-resources, which would end the body properly).
			writeEvent(startStream(exchange),
					response(model, textParts("", false), false, usage(PROMPT_TOKENS, false, false)));
			throw new IllegalStateException("Injected fault: connection dropped before the first content");
		}
		try (exchange) {
			if (status != 200) {
				send(exchange, status, error(status));
				return;
			}
			if (stream && (instruction.startsWith("timed-stream") || instruction.startsWith("tool-stream"))) {
				sendTimedStream(exchange, model, instruction.startsWith("tool-stream"));
				return;
			}
			boolean tools = request.path("tools").size() > 0;
			String toolToCall = (tools && !hasFunctionResponse(request)) ? firstTool(request) : null;
			boolean thoughts = request.path("generationConfig")
				.path("thinkingConfig")
				.path("includeThoughts")
				.asBoolean(false);
			int promptTokens = instruction.startsWith("long-prompt") ? LONG_PROMPT_TOKENS : PROMPT_TOKENS;
			if (!stream) {
				ArrayNode parts = json.createArrayNode();
				if (toolToCall != null) {
					parts.addObject().set("functionCall", functionCall(toolToCall));
				}
				else {
					if (thoughts) {
						parts.addObject().put("text", THOUGHT).put("thought", true);
					}
					parts.addObject().put("text", ANSWER);
				}
				send(exchange, 200, response(model, parts, true, usage(promptTokens, tools, true)));
				return;
			}
			OutputStream out = startStream(exchange);
			if (thoughts) {
				writeEvent(out, response(model, textParts(THOUGHT, true), false, usage(promptTokens, tools, false)));
			}
			if (instruction.startsWith("fault:overloaded-stream")) {
				writeEvent(out,
						response(model, textParts(ANSWER_CHUNKS[0], false), false, usage(promptTokens, tools, false)));
				writeEvent(out, error(503));
				return;
			}
			if (toolToCall != null) {
				ArrayNode parts = json.createArrayNode();
				parts.addObject().set("functionCall", functionCall(toolToCall));
				writeEvent(out, response(model, parts, true, usage(promptTokens, tools, true)));
				return;
			}
			for (int i = 0; i < ANSWER_CHUNKS.length; i++) {
				boolean last = i == ANSWER_CHUNKS.length - 1;
				writeEvent(out,
						response(model, textParts(ANSWER_CHUNKS[i], false), last, usage(promptTokens, tools, last)));
			}
		}
		catch (IOException | RuntimeException ex) {
			// The client went away (a cancelled stream): nothing to answer.
		}
	}

	/**
	 * An event without content at once, then {@link #TIMED_CHUNKS} text events paced as
	 * {@link FakeServers#timedContent} says, the last with usage counting one candidate
	 * token per event; or, for a {@code tool-stream}, one event with a function call at
	 * the first content's time.
	 */
	private static void sendTimedStream(HttpExchange exchange, String model, boolean toolCall) throws IOException {
		long start = System.nanoTime();
		OutputStream out = startStream(exchange);
		writeEvent(out, response(model, textParts("", false), false, usage(PROMPT_TOKENS, false, false)));
		if (toolCall) {
			FakeServers.timedContent(start, 0);
			ArrayNode parts = json.createArrayNode();
			parts.addObject().set("functionCall", functionCall("weather"));
			writeEvent(out, response(model, parts, true, usage(PROMPT_TOKENS, true, true)));
			return;
		}
		for (int i = 0; i < TIMED_CHUNKS; i++) {
			FakeServers.timedContent(start, i);
			boolean last = i == TIMED_CHUNKS - 1;
			ObjectNode usage = usage(PROMPT_TOKENS, false, false);
			if (last) {
				usage.put("candidatesTokenCount", TIMED_CHUNKS).put("totalTokenCount", PROMPT_TOKENS + TIMED_CHUNKS);
			}
			writeEvent(out, response(model, textParts("t" + i + " ", false), last, usage));
		}
	}

	private static int statusFor(String instruction) {
		int status = FakeServers.faultStatus(instruction);
		if (status != 0) {
			return status;
		}
		return FakeServers.isUnknownFault(instruction, KNOWN_FAULTS) ? 400 : 200;
	}

	/**
	 * The last text of a user turn: tool results come as {@code functionResponse} parts,
	 * so the question stays the last text.
	 */
	private static String lastUserText(JsonNode request) {
		String text = "";
		for (JsonNode content : request.path("contents")) {
			if ("user".equals(content.path("role").asText("user"))) {
				for (JsonNode part : content.path("parts")) {
					if (part.hasNonNull("text")) {
						text = part.path("text").asText();
					}
				}
			}
		}
		return text;
	}

	private static boolean hasFunctionResponse(JsonNode request) {
		for (JsonNode content : request.path("contents")) {
			for (JsonNode part : content.path("parts")) {
				if (part.has("functionResponse")) {
					return true;
				}
			}
		}
		return false;
	}

	private static @Nullable String firstTool(JsonNode request) {
		for (JsonNode tool : request.path("tools")) {
			JsonNode declarations = tool.path("functionDeclarations");
			if (declarations.size() > 0) {
				return declarations.get(0).path("name").asText();
			}
		}
		return null;
	}

	private static ObjectNode functionCall(String name) {
		ObjectNode call = json.createObjectNode().put("name", name);
		call.putObject("args").put("city", "Rome");
		return call;
	}

	private static ArrayNode textParts(String text, boolean thought) {
		ArrayNode parts = json.createArrayNode();
		ObjectNode part = parts.addObject().put("text", text);
		if (thought) {
			part.put("thought", true);
		}
		return parts;
	}

	private static ObjectNode response(String model, ArrayNode parts, boolean last, ObjectNode usage) {
		ObjectNode response = json.createObjectNode();
		ObjectNode candidate = response.putArray("candidates").addObject();
		ObjectNode content = candidate.putObject("content").put("role", "model");
		content.set("parts", parts);
		if (last) {
			candidate.put("finishReason", "STOP");
		}
		candidate.put("index", 0);
		response.set("usageMetadata", usage);
		response.put("modelVersion", model + "-001");
		response.put("responseId", "fake-" + responseIds.incrementAndGet());
		return response;
	}

	/**
	 * Usage as Google documents it; a stream's chunks before the last carry the prompt
	 * count only.
	 */
	private static ObjectNode usage(int promptTokens, boolean tools, boolean complete) {
		ObjectNode usage = json.createObjectNode();
		usage.put("promptTokenCount", promptTokens);
		int total = promptTokens;
		if (complete) {
			usage.put("candidatesTokenCount", CANDIDATES_TOKENS);
			usage.put("thoughtsTokenCount", THOUGHTS_TOKENS);
			usage.put("cachedContentTokenCount", CACHED_CONTENT_TOKENS);
			total += CANDIDATES_TOKENS + THOUGHTS_TOKENS;
			if (tools) {
				usage.put("toolUsePromptTokenCount", TOOL_USE_PROMPT_TOKENS);
				total += TOOL_USE_PROMPT_TOKENS;
			}
			usage.putArray("promptTokensDetails").addObject().put("modality", "TEXT").put("tokenCount", promptTokens);
		}
		usage.put("totalTokenCount", total);
		return usage;
	}

	/**
	 * An error as Google documents it: {@code code}, {@code message}, {@code status}.
	 */
	private static ObjectNode error(int status) {
		ObjectNode body = json.createObjectNode();
		body.putObject("error")
			.put("code", status)
			.put("message", "injected failure with status " + status)
			.put("status", errorStatus(status));
		return body;
	}

	private static String errorStatus(int status) {
		return switch (status) {
			case 400 -> "INVALID_ARGUMENT";
			case 401 -> "UNAUTHENTICATED";
			case 403 -> "PERMISSION_DENIED";
			case 404 -> "NOT_FOUND";
			case 429 -> "RESOURCE_EXHAUSTED";
			case 503 -> "UNAVAILABLE";
			case 504 -> "DEADLINE_EXCEEDED";
			default -> (status >= 500) ? "INTERNAL" : "FAILED_PRECONDITION";
		};
	}

	private static OutputStream startStream(HttpExchange exchange) throws IOException {
		exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		return exchange.getResponseBody();
	}

	private static void writeEvent(OutputStream out, ObjectNode data) throws IOException {
		out.write(("data: " + json.writeValueAsString(data) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
		FakeServers.sleep(CHUNK_PAUSE_MILLIS);
	}

	private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
		byte[] bytes = json.writeValueAsBytes(body);
		exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

}

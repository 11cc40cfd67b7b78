package io.github.aiobservability.sample.mock;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * OpenAI's {@code POST /v1/chat/completions}, served under {@code /mock/v1} by the sample
 * itself. Spring AI's real OpenAI client talks to it over HTTP, JSON and Server-Sent
 * Events, so everything between the app and a provider runs as it would in production.
 * Each request passes the {@link ProviderGate} first: injected faults, the model's rate
 * limit, and OpenAI's rate-limit headers.
 */
@RestController
@RequestMapping("/mock/v1")
public class MockChatCompletionsController {

	private final MockProviderProperties properties;

	private final ProviderGate gate;

	private final AnswerWriter answers;

	private final MockUsage usage;

	private final OpenAiResponses responses;

	private final JsonMapper json;

	public MockChatCompletionsController(MockProviderProperties properties, ProviderGate gate, AnswerWriter answers,
			MockUsage usage, OpenAiResponses responses, JsonMapper json) {
		this.properties = properties;
		this.gate = gate;
		this.answers = answers;
		this.usage = usage;
		this.responses = responses;
		this.json = json;
	}

	@PostMapping("/chat/completions")
	void completions(@RequestBody JsonNode request, HttpServletResponse response) throws IOException {
		String model = request.path("model").asString("");
		MockProviderProperties.ModelProfile profile = this.properties.getModels().get(model);
		if (profile == null) {
			this.responses.sendError(response, HttpStatus.NOT_FOUND, "model_not_found",
					"The model '" + model + "' does not exist");
			return;
		}
		String answer = this.answers.answer();
		Map<String, Object> usage = this.usage.usage(messageTexts(request), answer, profile);
		FaultInjector.Fault fault = this.gate.enter(model, profile.getRateLimit(), MockUsage.totalTokens(usage),
				response);
		if (fault == null) {
			return;
		}
		long latency = (fault == FaultInjector.Fault.SLOW) ? this.gate.slowDelayMillis() : MockLatency.millis(profile);
		if (request.path("stream").asBoolean(false)) {
			boolean withUsage = request.path("stream_options").path("include_usage").asBoolean(false);
			stream(response, model, answer, withUsage ? usage : null, latency, fault == FaultInjector.Fault.STREAM_CUT);
		}
		else {
			MockLatency.sleep(latency);
			this.responses.send(response, HttpStatus.OK, completion(model, answer, usage));
		}
	}

	/**
	 * Streams the answer as OpenAI does: the first token after about a third of the
	 * latency, the rest spread over the remainder, a finish chunk, the usage chunk when
	 * asked for, then {@code [DONE]}. A cut stream breaks off half-way: the exception
	 * aborts the connection without ending the chunked body.
	 */
	private void stream(HttpServletResponse response, String model, String answer, @Nullable Map<String, Object> usage,
			long latencyMillis, boolean cut) throws IOException {
		List<String> chunks = this.answers.chunks(answer);
		MockLatency.Pacing pacing = MockLatency.Pacing.of(latencyMillis, chunks.size());
		String id = completionId();
		response.setStatus(HttpStatus.OK.value());
		response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		OutputStream out = response.getOutputStream();
		MockLatency.sleep(pacing.firstChunkMillis());
		for (int i = 0; i < chunks.size(); i++) {
			if (cut && i == chunks.size() / 2) {
				throw new IOException("Injected fault: stream cut mid-way");
			}
			Map<String, Object> delta = new LinkedHashMap<>();
			if (i == 0) {
				delta.put("role", "assistant");
			}
			delta.put("content", chunks.get(i));
			writeEvent(out, chunk(id, model, delta, null));
			MockLatency.sleep(pacing.perChunkMillis());
		}
		writeEvent(out, chunk(id, model, Map.of(), "stop"));
		if (usage != null) {
			Map<String, Object> last = chunk(id, model, null, null);
			last.put("usage", usage);
			writeEvent(out, last);
		}
		out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private void writeEvent(OutputStream out, Map<String, Object> event) throws IOException {
		out.write(("data: " + this.json.writeValueAsString(event) + "\n\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private static Map<String, Object> chunk(String id, String model, @Nullable Map<String, Object> delta,
			@Nullable String finishReason) {
		Map<String, Object> chunk = header(id, "chat.completion.chunk", model);
		List<Map<String, Object>> choices = new ArrayList<>();
		if (delta != null) {
			Map<String, Object> choice = new LinkedHashMap<>();
			choice.put("index", 0);
			choice.put("delta", delta);
			choice.put("finish_reason", finishReason);
			choices.add(choice);
		}
		chunk.put("choices", choices);
		return chunk;
	}

	private static Map<String, Object> completion(String model, String answer, Map<String, Object> usage) {
		Map<String, Object> completion = header(completionId(), "chat.completion", model);
		Map<String, Object> choice = new LinkedHashMap<>();
		choice.put("index", 0);
		choice.put("message", Map.of("role", "assistant", "content", answer));
		choice.put("finish_reason", "stop");
		completion.put("choices", List.of(choice));
		completion.put("usage", usage);
		return completion;
	}

	private static Map<String, Object> header(String id, String object, String model) {
		Map<String, Object> header = new LinkedHashMap<>();
		header.put("id", id);
		header.put("object", object);
		header.put("created", System.currentTimeMillis() / 1000);
		header.put("model", model);
		return header;
	}

	private static List<String> messageTexts(JsonNode request) {
		List<String> texts = new ArrayList<>();
		for (JsonNode message : request.path("messages")) {
			JsonNode content = message.path("content");
			if (content.isString()) {
				texts.add(content.asString());
			}
			else {
				for (JsonNode part : content) {
					texts.add(part.path("text").asString(""));
				}
			}
		}
		return texts;
	}

	private static String completionId() {
		return "chatcmpl-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
	}

}

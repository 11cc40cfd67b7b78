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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Google's Gemini API ({@code generateContent} and
 * {@code streamGenerateContent?alt=sse}), served under {@code /mock/gemini} by the sample
 * itself, for Spring AI's real Google GenAI client. Usage as Gemini reports it: cached
 * tokens inside the prompt count, thinking tokens ({@code thoughtsTokenCount}) on top of
 * the candidates. Google sends no rate-limit headers; a spent quota is a 429
 * {@code RESOURCE_EXHAUSTED}.
 */
@RestController
@RequestMapping("/mock/gemini/v1beta/models")
public class MockGeminiController {

	private final MockProviderProperties properties;

	private final ProviderGate gate;

	private final AnswerWriter answers;

	private final MockUsage usage;

	private final OpenAiResponses responses;

	private final JsonMapper json;

	public MockGeminiController(MockProviderProperties properties, ProviderGate gate, AnswerWriter answers,
			MockUsage usage, OpenAiResponses responses, JsonMapper json) {
		this.properties = properties;
		this.gate = gate;
		this.answers = answers;
		this.usage = usage;
		this.responses = responses;
		this.json = json;
	}

	@PostMapping("/{model}:generateContent")
	void generateContent(@PathVariable String model, @RequestBody JsonNode request, HttpServletResponse response)
			throws IOException {
		answer(model, request, response, false);
	}

	@PostMapping("/{model}:streamGenerateContent")
	void streamGenerateContent(@PathVariable String model, @RequestBody JsonNode request, HttpServletResponse response)
			throws IOException {
		answer(model, request, response, true);
	}

	private void answer(String model, JsonNode request, HttpServletResponse response, boolean stream)
			throws IOException {
		MockProviderProperties.ModelProfile profile = this.properties.getModels().get(model);
		if (profile == null) {
			this.responses.send(response, HttpStatus.NOT_FOUND, Map.of("error", Map.of("code", 404, "message",
					"models/" + model + " is not found for API version v1beta", "status", "NOT_FOUND")));
			return;
		}
		String answer = this.answers.answer();
		MockUsage.Counts counts = this.usage.counts(texts(request), answer, profile);
		FaultInjector.Fault fault = this.gate.enter(WireFormat.GEMINI, model, profile.getRateLimit(), counts.total(),
				response);
		if (fault == null) {
			return;
		}
		long latency = (fault == FaultInjector.Fault.SLOW) ? this.gate.slowDelayMillis() : MockLatency.millis(profile);
		if (!stream) {
			MockLatency.sleep(latency);
			this.responses.send(response, HttpStatus.OK, response(model, answer, true, usage(counts, true)));
			return;
		}
		List<String> chunks = this.answers.chunks(answer);
		MockLatency.Pacing pacing = MockLatency.Pacing.of(latency, chunks.size());
		response.setStatus(HttpStatus.OK.value());
		response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		OutputStream out = response.getOutputStream();
		MockLatency.sleep(pacing.firstChunkMillis());
		for (int i = 0; i < chunks.size(); i++) {
			if (fault == FaultInjector.Fault.STREAM_CUT && i == chunks.size() / 2) {
				throw new IOException("Injected fault: stream cut mid-way");
			}
			boolean last = i == chunks.size() - 1;
			Map<String, Object> chunk = response(model, chunks.get(i), last, usage(counts, last));
			out.write(("data: " + this.json.writeValueAsString(chunk) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
			out.flush();
			MockLatency.sleep(pacing.perChunkMillis());
		}
	}

	/**
	 * A {@code GenerateContentResponse}: every one names its {@code modelVersion} and its
	 * candidate has {@code content.parts}, as Spring AI's client needs.
	 */
	private static Map<String, Object> response(String model, String text, boolean last, Map<String, Object> usage) {
		Map<String, Object> candidate = new LinkedHashMap<>();
		candidate.put("content", Map.of("role", "model", "parts", List.of(Map.of("text", text))));
		if (last) {
			candidate.put("finishReason", "STOP");
		}
		candidate.put("index", 0);
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("candidates", List.of(candidate));
		response.put("usageMetadata", usage);
		response.put("modelVersion", model);
		response.put("responseId", UUID.randomUUID().toString().replace("-", "").substring(0, 22));
		return response;
	}

	/**
	 * Gemini's {@code usageMetadata}: a stream's chunks before the last carry the prompt
	 * count only.
	 */
	private static Map<String, Object> usage(MockUsage.Counts counts, boolean complete) {
		Map<String, Object> usage = new LinkedHashMap<>();
		usage.put("promptTokenCount", counts.prompt());
		if (complete) {
			usage.put("candidatesTokenCount", counts.completion() - counts.reasoning());
			if (counts.reasoning() > 0) {
				usage.put("thoughtsTokenCount", counts.reasoning());
			}
			if (counts.cached() > 0) {
				usage.put("cachedContentTokenCount", counts.cached());
			}
		}
		usage.put("totalTokenCount", complete ? counts.total() : counts.prompt());
		return usage;
	}

	private static List<String> texts(JsonNode request) {
		List<String> texts = new ArrayList<>();
		for (JsonNode part : request.path("systemInstruction").path("parts")) {
			texts.add(part.path("text").asString(""));
		}
		for (JsonNode content : request.path("contents")) {
			StringBuilder text = new StringBuilder();
			for (JsonNode part : content.path("parts")) {
				text.append(part.path("text").asString(""));
			}
			texts.add(text.toString());
		}
		return texts;
	}

}

package io.github.aiobservability.sample.mock;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ollama's {@code POST /api/chat} (JSON, or newline-delimited JSON when streaming),
 * served under {@code /mock/ollama} by the sample itself, for Spring AI's real Ollama
 * client. A local model server: no key, no rate limit, and now and then a cold start,
 * when it loads the model into memory before answering ({@code load_duration}); every
 * answer reports its counts and durations in nanoseconds, a stream on its last line.
 */
@RestController
@RequestMapping("/mock/ollama/api")
public class MockOllamaController {

	/** What loading a model already in memory takes. */
	private static final long WARM_LOAD_NANOS = 15_000_000L;

	private final MockProviderProperties properties;

	private final ProviderGate gate;

	private final AnswerWriter answers;

	private final MockUsage usage;

	private final OpenAiResponses responses;

	private final JsonMapper json;

	public MockOllamaController(MockProviderProperties properties, ProviderGate gate, AnswerWriter answers,
			MockUsage usage, OpenAiResponses responses, JsonMapper json) {
		this.properties = properties;
		this.gate = gate;
		this.answers = answers;
		this.usage = usage;
		this.responses = responses;
		this.json = json;
	}

	@PostMapping("/chat")
	void chat(@RequestBody JsonNode request, HttpServletResponse response) throws IOException {
		String model = request.path("model").asString("");
		MockProviderProperties.ModelProfile profile = this.properties.getModels().get(model);
		if (profile == null) {
			this.responses.send(response, HttpStatus.NOT_FOUND,
					Map.of("error", "model \"" + model + "\" not found, try pulling it first"));
			return;
		}
		String answer = this.answers.answer();
		List<String> texts = new ArrayList<>();
		for (JsonNode message : request.path("messages")) {
			texts.add(message.path("content").asString(""));
		}
		MockUsage.Counts counts = this.usage.counts(texts, answer, profile);
		FaultInjector.Fault fault = this.gate.enter(WireFormat.OLLAMA, model, profile.getRateLimit(), counts.total(),
				response);
		if (fault == null) {
			return;
		}
		long latency = (fault == FaultInjector.Fault.SLOW) ? this.gate.slowDelayMillis() : MockLatency.millis(profile);
		boolean cold = ThreadLocalRandom.current().nextDouble() < profile.getColdStartRatio();
		long loadNanos = cold ? profile.getColdStart().toNanos() : WARM_LOAD_NANOS;
		MockLatency.sleep(loadNanos / 1_000_000);
		Map<String, Object> last = line(model, "");
		done(last, counts, loadNanos, latency);
		if (!request.path("stream").asBoolean(true)) {
			MockLatency.sleep(latency);
			last.put("message", Map.of("role", "assistant", "content", answer));
			this.responses.send(response, HttpStatus.OK, last);
			return;
		}
		List<String> chunks = this.answers.chunks(answer);
		MockLatency.Pacing pacing = MockLatency.Pacing.of(latency, chunks.size());
		response.setStatus(HttpStatus.OK.value());
		response.setContentType("application/x-ndjson");
		OutputStream out = response.getOutputStream();
		MockLatency.sleep(pacing.firstChunkMillis());
		for (int i = 0; i < chunks.size(); i++) {
			if (fault == FaultInjector.Fault.STREAM_CUT && i == chunks.size() / 2) {
				throw new IOException("Injected fault: stream cut mid-way");
			}
			Map<String, Object> chunk = line(model, chunks.get(i));
			chunk.put("done", false);
			write(out, chunk);
			MockLatency.sleep(pacing.perChunkMillis());
		}
		write(out, last);
	}

	private static Map<String, Object> line(String model, String text) {
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("model", model);
		line.put("created_at", Instant.now().toString());
		line.put("message", Map.of("role", "assistant", "content", text));
		return line;
	}

	/**
	 * The fields of the last line: the counts, and the durations in nanoseconds, a third
	 * of the answer's time spent on the prompt.
	 */
	private static void done(Map<String, Object> line, MockUsage.Counts counts, long loadNanos, long latencyMillis) {
		long promptEval = latencyMillis * 1_000_000 / 3;
		long eval = latencyMillis * 1_000_000 - promptEval;
		line.put("done", true);
		line.put("done_reason", "stop");
		line.put("total_duration", loadNanos + promptEval + eval);
		line.put("load_duration", loadNanos);
		line.put("prompt_eval_count", counts.prompt());
		line.put("prompt_eval_duration", promptEval);
		line.put("eval_count", counts.completion());
		line.put("eval_duration", eval);
	}

	private void write(OutputStream out, Map<String, Object> line) throws IOException {
		out.write((this.json.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

}

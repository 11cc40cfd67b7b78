package io.github.aiobservability.ollama;

import java.time.Duration;

import io.github.aiobservability.model.RoundTrip;
import io.github.aiobservability.usage.ReportedUsage;
import io.github.aiobservability.wire.EventKeys;
import io.github.aiobservability.wire.StreamEventReader;
import io.github.aiobservability.wire.WireStream;
import io.micrometer.core.instrument.Clock;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an Ollama {@code /api/chat} stream (newline-delimited JSON) as Spring AI's Ollama
 * client reads it: when each line with generated content arrives (text, thinking, tool
 * calls; not the final {@code done} line, whose content is empty), and the counts and
 * load time of its final line, which Spring AI's stream aggregation drops with every
 * other metadata key.
 * <p>
 * Lines are searched as bytes; only the final one is parsed.
 */
final class OllamaStreamReader implements StreamEventReader {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final EventKeys.Key CONTENT = EventKeys.nonEmptyString("content");

	private static final EventKeys.Key THINKING = EventKeys.nonEmptyString("thinking");

	private static final EventKeys.Key TOOL_CALLS = EventKeys.array("tool_calls");

	private static final EventKeys.Key DONE = EventKeys.isTrue("done");

	private static final EventKeys KEYS = EventKeys.of(CONTENT, THINKING, TOOL_CALLS, DONE);

	private final WireStream stream;

	private final RoundTrip roundTrip;

	private final Clock clock;

	private final @Nullable OllamaModelLoads modelLoads;

	OllamaStreamReader(WireStream stream, RoundTrip roundTrip, Clock clock, @Nullable OllamaModelLoads modelLoads) {
		this.stream = stream;
		this.roundTrip = roundTrip;
		this.clock = clock;
		this.modelLoads = modelLoads;
	}

	@Override
	public void event(byte[] line, int length) {
		int found = KEYS.find(line, 0, length);
		boolean thinking = KEYS.found(found, THINKING);
		if (thinking || KEYS.found(found, CONTENT) || KEYS.found(found, TOOL_CALLS)) {
			this.stream.content(this.clock.monotonicTime(), thinking);
		}
		if (KEYS.found(found, DONE)) {
			done(json.readTree(line, 0, length));
		}
	}

	private void done(JsonNode line) {
		ReportedUsage report = this.stream.usage();
		report.prompt(line.path("prompt_eval_count").asLong(0));
		report.completion(line.path("eval_count").asLong(0));
		long loadNanos = line.path("load_duration").asLong(0);
		if (this.modelLoads != null && loadNanos > 0) {
			this.modelLoads.record(this.roundTrip, Duration.ofNanos(loadNanos));
		}
	}

}

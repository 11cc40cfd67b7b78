package io.github.aiobservability.gemini;

import io.github.aiobservability.usage.ReportedUsage;
import io.github.aiobservability.wire.EventBytes;
import io.github.aiobservability.wire.EventKeys;
import io.github.aiobservability.wire.StreamEventReader;
import io.github.aiobservability.wire.WireStream;
import io.micrometer.core.instrument.Clock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a {@code streamGenerateContent?alt=sse} stream as Google's GenAI SDK reads it:
 * when each event with generated content arrives (a part with text, a thought, or a
 * function call), and the {@code usageMetadata} the events carry, whose thinking, cache
 * and tool-use counts Spring AI's stream aggregation drops. The SDK hands Spring AI each
 * chunk only once it has read the next event, so a time to first token taken from the
 * chunks is two events late: the wire's is when the tokens arrived.
 * <p>
 * Events are searched as bytes; one is parsed only for its usage. Gemini puts its usage
 * on every event, so every event is a usage event here.
 */
final class GeminiStreamReader implements StreamEventReader {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final EventKeys.Key TEXT = EventKeys.nonEmptyString("text");

	private static final EventKeys.Key FUNCTION_CALL = EventKeys.object("functionCall");

	private static final EventKeys.Key THOUGHT = EventKeys.isTrue("thought");

	private static final EventKeys.Key USAGE = EventKeys.object("usageMetadata");

	private static final EventKeys KEYS = EventKeys.of(TEXT, FUNCTION_CALL, THOUGHT, USAGE);

	private final WireStream stream;

	private final Clock clock;

	GeminiStreamReader(WireStream stream, Clock clock) {
		this.stream = stream;
		this.clock = clock;
	}

	@Override
	public void event(byte[] event, int length) {
		int data = EventBytes.dataStart(event, length);
		if (data < 0) {
			return;
		}
		int found = KEYS.find(event, data, length);
		if (KEYS.found(found, TEXT) || KEYS.found(found, FUNCTION_CALL)) {
			this.stream.content(this.clock.monotonicTime(), KEYS.found(found, THOUGHT));
		}
		if (KEYS.found(found, USAGE)) {
			usage(json.readTree(event, data, EventBytes.lineEnd(event, length, data) - data).path("usageMetadata"));
		}
	}

	private void usage(JsonNode usage) {
		ReportedUsage report = this.stream.usage();
		report.prompt(usage.path("promptTokenCount").asLong(0));
		report.completion(usage.path("candidatesTokenCount").asLong(0));
		report.cacheRead(usage.path("cachedContentTokenCount").asLong(0));
		report.reasoning(usage.path("thoughtsTokenCount").asLong(0));
		report.reasoningOnTopOfCompletion();
		report.additionalInput(usage.path("toolUsePromptTokenCount").asLong(0));
	}

}

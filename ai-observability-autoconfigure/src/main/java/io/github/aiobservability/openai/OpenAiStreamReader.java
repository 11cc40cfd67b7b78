package io.github.aiobservability.openai;

import io.github.aiobservability.usage.ReportedUsage;
import io.github.aiobservability.wire.EventBytes;
import io.github.aiobservability.wire.EventKeys;
import io.github.aiobservability.wire.StreamEventReader;
import io.github.aiobservability.wire.WireStream;
import io.github.aiobservability.wire.WireStreams;
import io.micrometer.core.instrument.Clock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a Chat Completions stream as OpenAI's SDK reads it: the id of its first chunk,
 * when each chunk with generated content arrives (text, a tool-call delta, or the
 * {@code reasoning_content} of DeepSeek and Qwen; not a role-only or empty chunk), and
 * the usage of its last chunk ({@code stream_options.include_usage}), whose cached and
 * reasoning tokens Spring AI's stream aggregation drops.
 * <p>
 * Only the first chunk and the usage chunk are parsed; every other chunk's keys are found
 * in one pass over its bytes, allocating nothing.
 */
public class OpenAiStreamReader implements StreamEventReader {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final byte[] DONE = EventBytes.bytes("[DONE]");

	private static final EventKeys.Key CONTENT = EventKeys.nonEmptyString("content");

	private static final EventKeys.Key REASONING_CONTENT = EventKeys.nonEmptyString("reasoning_content");

	private static final EventKeys.Key TOOL_CALLS = EventKeys.array("tool_calls");

	private static final EventKeys.Key USAGE = EventKeys.object("usage");

	private static final EventKeys KEYS = EventKeys.of(CONTENT, REASONING_CONTENT, TOOL_CALLS, USAGE);

	private final WireStream stream = new WireStream();

	private final WireStreams streams;

	private final Clock clock;

	private boolean bound;

	/**
	 * Creates a reader for one stream.
	 * @param streams where the stream is kept by its id
	 * @param clock the meter registry's clock
	 */
	public OpenAiStreamReader(WireStreams streams, Clock clock) {
		this.streams = streams;
		this.clock = clock;
	}

	@Override
	public void event(byte[] event, int length) {
		int data = EventBytes.dataStart(event, length);
		if (data < 0 || EventBytes.startsWith(event, length, data, DONE)) {
			return;
		}
		int found = KEYS.find(event, data, length);
		boolean reasoning = KEYS.found(found, REASONING_CONTENT);
		if (reasoning || KEYS.found(found, CONTENT) || KEYS.found(found, TOOL_CALLS)) {
			this.stream.content(this.clock.monotonicTime(), reasoning);
		}
		if (!this.bound || KEYS.found(found, USAGE)) {
			read(json.readTree(event, data, EventBytes.lineEnd(event, length, data) - data));
		}
	}

	private void read(JsonNode chunk) {
		if (!this.bound && chunk.hasNonNull("id")) {
			this.bound = true;
			this.streams.bind(chunk.path("id").asString(), this.stream);
		}
		JsonNode usage = chunk.path("usage");
		if (usage.isObject()) {
			ReportedUsage report = this.stream.usage();
			report.prompt(usage.path("prompt_tokens").asLong(0));
			report.completion(usage.path("completion_tokens").asLong(0));
			report.cacheRead(usage.path("prompt_tokens_details").path("cached_tokens").asLong(0));
			// DeepSeek reports its cache hits apart, inside the prompt tokens as well.
			report.cacheRead(usage.path("prompt_cache_hit_tokens").asLong(0));
			report.reasoning(usage.path("completion_tokens_details").path("reasoning_tokens").asLong(0));
		}
	}

}

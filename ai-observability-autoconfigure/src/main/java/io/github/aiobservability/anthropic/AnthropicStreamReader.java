package io.github.aiobservability.anthropic;

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
 * Reads a Messages stream as Anthropic's SDK reads it: the id and usage of
 * {@code message_start}, when each {@code content_block_delta} with generated content
 * arrives (text, tool input, thinking; a {@code tool_use} block's start names the tool
 * before any input), and the usage of {@code message_delta}. Anthropic reports a stream's
 * cache reads and writes in {@code message_start}, on top of its input tokens; Spring AI
 * 2.0.1 looks for them in {@code message_delta}, which may carry only the output tokens,
 * so without this a stream's cached input would be priced as uncached.
 * <p>
 * Only {@code message_start} and {@code message_delta} are parsed; the deltas are
 * searched as bytes, allocating nothing; {@code ping} is not content.
 */
public class AnthropicStreamReader implements StreamEventReader {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final byte[] MESSAGE_START = EventBytes.bytes("event: message_start");

	private static final byte[] MESSAGE_DELTA = EventBytes.bytes("event: message_delta");

	private static final byte[] BLOCK_START = EventBytes.bytes("event: content_block_start");

	private static final byte[] BLOCK_DELTA = EventBytes.bytes("event: content_block_delta");

	private static final byte[] TOOL_USE = EventBytes.bytes("\"tool_use\"");

	private static final EventKeys.Key TEXT = EventKeys.nonEmptyString("text");

	private static final EventKeys.Key PARTIAL_JSON = EventKeys.nonEmptyString("partial_json");

	private static final EventKeys.Key THINKING = EventKeys.nonEmptyString("thinking");

	private static final EventKeys DELTA_KEYS = EventKeys.of(TEXT, PARTIAL_JSON, THINKING);

	private final WireStream stream = new WireStream();

	private final WireStreams streams;

	private final Clock clock;

	/**
	 * Creates a reader for one stream.
	 * @param streams where the stream is kept by its message id
	 * @param clock the meter registry's clock
	 */
	public AnthropicStreamReader(WireStreams streams, Clock clock) {
		this.streams = streams;
		this.clock = clock;
	}

	@Override
	public void event(byte[] event, int length) {
		if (EventBytes.startsWith(event, length, 0, BLOCK_DELTA)) {
			int found = DELTA_KEYS.find(event, 0, length);
			boolean thinking = DELTA_KEYS.found(found, THINKING);
			if (thinking || DELTA_KEYS.found(found, TEXT) || DELTA_KEYS.found(found, PARTIAL_JSON)) {
				this.stream.content(this.clock.monotonicTime(), thinking);
			}
		}
		else if (EventBytes.startsWith(event, length, 0, BLOCK_START)) {
			if (EventBytes.indexOf(event, length, TOOL_USE, 0) >= 0) {
				this.stream.content(this.clock.monotonicTime(), false);
			}
		}
		else if (EventBytes.startsWith(event, length, 0, MESSAGE_START)) {
			JsonNode message = data(event, length).path("message");
			usage(message.path("usage"));
			if (message.hasNonNull("id")) {
				this.streams.bind(message.path("id").asString(), this.stream);
			}
		}
		else if (EventBytes.startsWith(event, length, 0, MESSAGE_DELTA)) {
			usage(data(event, length).path("usage"));
		}
	}

	private static JsonNode data(byte[] event, int length) {
		int data = EventBytes.dataStart(event, length);
		return (data < 0) ? json.missingNode()
				: json.readTree(event, data, EventBytes.lineEnd(event, length, data) - data);
	}

	private void usage(JsonNode usage) {
		if (!usage.isObject()) {
			return;
		}
		ReportedUsage report = this.stream.usage();
		report.prompt(usage.path("input_tokens").asLong(0));
		report.completion(usage.path("output_tokens").asLong(0));
		report.cacheRead(usage.path("cache_read_input_tokens").asLong(0));
		report.cacheWrite(usage.path("cache_creation_input_tokens").asLong(0));
		report.cacheOnTopOfPrompt();
	}

}

package io.github.aiobservability.wire;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Searches of an event's bytes, as the stream readers use them.
 */
class EventBytesTests {

	private static final byte[] CONTENT = EventBytes.bytes("\"content\"");

	@Test
	void findsTheDataLinesValue() {
		byte[] event = EventBytes.bytes("event: message_start\ndata: {\"a\":1}\n");

		int start = EventBytes.dataStart(event, event.length);

		assertThat(new String(event, start, EventBytes.lineEnd(event, event.length, start) - start))
			.isEqualTo("{\"a\":1}");
		assertThat(EventBytes.dataStart(EventBytes.bytes("event: ping\n"), 12)).isNegative();
	}

	@Test
	void tellsANonEmptyStringValueFromAnEmptyOneAndNull() {
		assertThat(has("{\"delta\":{\"content\":\"Hi\"}}")).isTrue();
		assertThat(has("{\"delta\":{\"content\" : \"Hi\"}}")).isTrue();
		assertThat(has("{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}")).isFalse();
		assertThat(has("{\"delta\":{\"content\":null}}")).isFalse();
		// A key inside an escaped string is text, not a key.
		assertThat(has("{\"arguments\":\"{\\\"content\\\":\\\"x\\\"}\"}")).isFalse();
	}

	@Test
	void tellsAValueByItsFirstCharacter() {
		byte[] usage = EventBytes.bytes("{\"usage\":{\"prompt_tokens\":1}}");
		byte[] none = EventBytes.bytes("{\"usage\":null,\"finish_reason\":\"tool_calls\"}");

		assertThat(EventBytes.hasValue(usage, usage.length, EventBytes.bytes("\"usage\""), '{')).isTrue();
		assertThat(EventBytes.hasValue(none, none.length, EventBytes.bytes("\"usage\""), '{')).isFalse();
		assertThat(EventBytes.hasValue(none, none.length, EventBytes.bytes("\"tool_calls\""), '[')).isFalse();
	}

	private static boolean has(String json) {
		byte[] event = EventBytes.bytes("data: " + json + "\n");
		return EventBytes.hasNonEmptyString(event, event.length, CONTENT);
	}

}

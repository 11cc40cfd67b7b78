package io.github.aiobservability.wire;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Searches of an event's bytes, as the stream readers use them.
 */
class EventBytesTests {

	@Test
	void findsTheDataLinesValue() {
		byte[] event = EventBytes.bytes("event: message_start\ndata: {\"a\":1}\n");

		int start = EventBytes.dataStart(event, event.length);

		assertThat(new String(event, start, EventBytes.lineEnd(event, event.length, start) - start))
			.isEqualTo("{\"a\":1}");
		assertThat(EventBytes.dataStart(EventBytes.bytes("event: ping\n"), 12)).isNegative();
	}

	@Test
	void findsANeedleAfterAnOffset() {
		byte[] event = EventBytes.bytes("data: {\"type\":\"tool_use\",\"name\":\"tool_use\"}\n");
		byte[] needle = EventBytes.bytes("\"tool_use\"");

		int first = EventBytes.indexOf(event, event.length, needle, 0);

		assertThat(first).isEqualTo(14);
		assertThat(EventBytes.indexOf(event, event.length, needle, first + 1)).isEqualTo(32);
		assertThat(EventBytes.indexOf(event, event.length, needle, 33)).isNegative();
	}

	@Test
	void findsAByteEightAtATimeWhereverItIsAndWhateverSurroundsIt() {
		// UTF-8 text around it: bytes with the high bit set must not look like a match.
		byte[] text = EventBytes.bytes("h\u00e9llo, \u4e16\u754c \ud83d\ude00 ok then");
		for (int at = 0; at < text.length; at++) {
			byte[] bytes = text.clone();
			bytes[at] = ':';
			for (int from = 0; from <= bytes.length; from++) {
				for (int length = from; length <= bytes.length; length++) {
					assertThat(EventBytes.next(bytes, length, (byte) ':', from))
						.as("':' at %d, from %d, length %d", at, from, length)
						.isEqualTo((from <= at && at < length) ? at : length);
				}
			}
		}
	}

}

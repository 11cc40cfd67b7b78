package io.github.aiobservability.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events split as they are read, however the reads cut them.
 */
class EventSplitterTests {

	private final List<String> events = new ArrayList<>();

	private final StreamEventReader reader = (bytes, length) -> this.events
		.add(new String(bytes, 0, length, StandardCharsets.UTF_8));

	@Test
	void splitsServerSentEventsAtBlankLinesWhateverTheReadsCut() {
		byte[] stream = bytes("event: ping\ndata: {}\n\ndata: {\"a\":1}\r\n\r\ndata: [DONE]\n\n");

		// Reads of every size from 1 byte: a line end cut between its \r and its \n too.
		for (int size = 1; size <= stream.length; size++) {
			this.events.clear();
			EventSplitter splitter = EventSplitter.serverSentEvents(this.reader);
			for (int i = 0; i < stream.length; i += size) {
				splitter.accept(stream, i, Math.min(size, stream.length - i));
			}

			assertThat(this.events).as("reads of %d bytes", size)
				.containsExactly("event: ping\ndata: {}\n", "data: {\"a\":1}\n", "data: [DONE]\n");
		}
	}

	@Test
	void splitsNewlineDelimitedJsonAtEachLine() {
		EventSplitter splitter = EventSplitter.lines(this.reader);
		byte[] stream = bytes("{\"done\":false}\n{\"done\":true}\r\n");

		splitter.accept(stream, 0, 5);
		splitter.accept(stream, 5, stream.length - 5);

		assertThat(this.events).containsExactly("{\"done\":false}", "{\"done\":true}");
	}

	@Test
	void readsHeapAndDirectBuffersWithoutMovingThem() {
		EventSplitter splitter = EventSplitter.lines(this.reader);
		byte[] stream = bytes("{\"a\":1}\n{\"b\":\"" + "x".repeat(3000) + "\"}\n");
		ByteBuffer heap = ByteBuffer.wrap(stream, 0, 8);
		ByteBuffer direct = ByteBuffer.allocateDirect(stream.length).put(stream).position(8);

		splitter.accept(heap);
		splitter.accept(direct);

		assertThat(this.events).containsExactly("{\"a\":1}", "{\"b\":\"" + "x".repeat(3000) + "\"}");
		assertThat(heap.position()).isZero();
		assertThat(direct.position()).isEqualTo(8);
	}

	@Test
	void skipsAnEventLargerThanItsBoundAndGoesOn() {
		EventSplitter splitter = EventSplitter.serverSentEvents(this.reader);
		byte[] large = bytes("data: " + "x".repeat(EventSplitter.MAX_EVENT_BYTES) + "\n\n");
		byte[] small = bytes("data: {}\n\n");

		splitter.accept(large, 0, large.length);
		splitter.accept(small, 0, small.length);

		assertThat(this.events).containsExactly("data: {}\n");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}

package io.github.aiobservability.wire;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Finding the JSON keys of an event in one pass, as the stream readers use it.
 */
class EventKeysTests {

	private static final EventKeys.Key CONTENT = EventKeys.nonEmptyString("content");

	private static final EventKeys.Key USAGE = EventKeys.object("usage");

	private static final EventKeys.Key TOOL_CALLS = EventKeys.array("tool_calls");

	private static final EventKeys.Key DONE = EventKeys.isTrue("done");

	private static final EventKeys KEYS = EventKeys.of(CONTENT, USAGE, TOOL_CALLS, DONE);

	@Test
	void tellsANonEmptyStringValueFromAnEmptyOneAndNull() {
		assertThat(has("{\"delta\":{\"content\":\"Hi\"}}", CONTENT)).isTrue();
		assertThat(has("{\"delta\":{\"content\" : \"Hi\"}}", CONTENT)).isTrue();
		assertThat(has("{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}", CONTENT)).isFalse();
		assertThat(has("{\"delta\":{\"content\":null}}", CONTENT)).isFalse();
	}

	@Test
	void tellsAValueByItsKind() {
		assertThat(has("{\"usage\":{\"prompt_tokens\":1}}", USAGE)).isTrue();
		assertThat(has("{\"usage\":null}", USAGE)).isFalse();
		assertThat(has("{\"delta\":{\"tool_calls\":[{\"index\":0}]}}", TOOL_CALLS)).isTrue();
		assertThat(has("{\"done\":true}", DONE)).isTrue();
		assertThat(has("{\"done\":false}", DONE)).isFalse();
	}

	@Test
	void takesAStringValueForAValueNotAKey() {
		assertThat(has("{\"usage\":null,\"finish_reason\":\"tool_calls\"}", TOOL_CALLS)).isFalse();
		assertThat(has("{\"role\":\"content\",\"x\":\"y\"}", CONTENT)).isFalse();
	}

	@Test
	void takesAKeyInsideAnEscapedStringForText() {
		assertThat(has("{\"arguments\":\"{\\\"content\\\":\\\"x\\\"}\"}", CONTENT)).isFalse();
		assertThat(has("{\"text\":\"a \\\\\",\"content\":\"b\"}", CONTENT)).isTrue();
	}

	@Test
	void findsEveryKeyOfTheEventInOnePass() {
		byte[] event = EventBytes
			.bytes("data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}],\"usage\":{\"prompt_tokens\":3}}\n");

		int found = KEYS.find(event, 6, event.length);

		assertThat(KEYS.found(found, CONTENT)).isTrue();
		assertThat(KEYS.found(found, USAGE)).isTrue();
		assertThat(KEYS.found(found, TOOL_CALLS)).isFalse();
		assertThat(KEYS.found(found, DONE)).isFalse();
	}

	@Test
	void findsNothingInATruncatedKey() {
		byte[] event = EventBytes.bytes("{\"content\":\"Hi\"}");

		assertThat(KEYS.find(event, 0, 8)).isZero();
		assertThat(KEYS.find(event, 0, 10)).isZero();
		assertThat(KEYS.find(event, 0, event.length)).isNotZero();
	}

	@Test
	void refusesAKeyItWasNotGiven() {
		assertThatIllegalArgumentException().isThrownBy(() -> KEYS.found(0, EventKeys.nonEmptyString("content")))
			.withMessageContaining("content");
	}

	private static boolean has(String json, EventKeys.Key key) {
		byte[] event = EventBytes.bytes("data: " + json + "\n");
		return KEYS.found(KEYS.find(event, 0, event.length), key);
	}

}

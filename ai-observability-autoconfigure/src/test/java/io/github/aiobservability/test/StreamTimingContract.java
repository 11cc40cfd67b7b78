package io.github.aiobservability.test;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every provider whose streams the starter reads off the wire must record, however
 * the stream is made: a test class of a provider implements it with its application's
 * {@link StreamTiming}.
 */
public interface StreamTimingContract {

	/**
	 * The streams of the provider's application, warmed up.
	 * @return the streams
	 */
	StreamTiming streams();

	@Test
	default void aDirectStreamIsTimedFromItsFirstContentNotItsFirstChunk() {
		List<ChatResponse> chunks = streams().direct("timed-direct", "timed-stream");

		assertThat(chunks).isNotEmpty();
		streams().assertTimedStream("timed-direct");
	}

	@Test
	default void aChatClientStreamWithTheAdvisorIsTimedOnceAtTheWire() {
		assertThat(streams().withAdvisor("timed-advisor", "timed-stream")).startsWith("t0 t1 ");

		streams().assertTimedStream("timed-advisor");
	}

	@Test
	default void aChatClientStreamWithoutTheAdvisorIsTimedAtTheWire() {
		assertThat(streams().withoutAdvisor("timed-no-advisor", "timed-stream")).startsWith("t0 t1 ");

		streams().assertTimedStream("timed-no-advisor");
	}

	@Test
	default void aToolCallStreamIsTimedFromItsFirstToolCallDelta() {
		List<ChatResponse> chunks = streams().direct("timed-tool", "tool-stream");

		assertThat(chunks).isNotEmpty();
		streams().assertFirstContentAfterTheDelay("timed-tool");
	}

	@Test
	default void aStreamThatFailsBeforeItsFirstContentHasNoTimeToFirstToken() {
		try {
			streams().direct("timed-failed", "role-then-reset");
		}
		catch (RuntimeException expected) {
			// The caller gets the SDK's failure: recorded as an error below.
		}

		streams().assertNoFirstToken("timed-failed", "error");
	}

	@Test
	default void aStreamCancelledBeforeItsFirstContentHasNoTimeToFirstToken() {
		streams().cancelledBeforeContent("timed-cancelled", "timed-stream");

		streams().assertNoFirstToken("timed-cancelled", "cancelled");
	}

	@Test
	default void streamsCancelledAgainAndAgainAreEachCancelledNeverFailed() {
		// A cancel races the stream's own end: repeated, as users press stop.
		for (int cancelled = 1; cancelled <= 8; cancelled++) {
			streams().cancelledBeforeContent("timed-cancelled-again", "timed-stream");

			streams().assertOnlyCancelled("timed-cancelled-again", cancelled);
		}
	}

}

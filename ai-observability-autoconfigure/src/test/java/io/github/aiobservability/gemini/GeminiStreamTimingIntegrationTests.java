package io.github.aiobservability.gemini;

import io.github.aiobservability.test.FakeGeminiApplicationTests;
import io.github.aiobservability.test.FakeProviderServer;
import io.github.aiobservability.test.StreamTiming;
import io.github.aiobservability.test.StreamTimingContract;
import org.junit.jupiter.api.Test;

import org.springframework.ai.google.genai.GoogleGenAiChatOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static io.github.aiobservability.test.FakeGeminiApplicationTests.API_KEY;
import static io.github.aiobservability.test.FakeGeminiApplicationTests.CHAT_MODEL;
import static io.github.aiobservability.test.FakeGeminiApplicationTests.MODEL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Time to first token and time per output token of Gemini streams
 * (streamGenerateContent?alt=sse), read off the wire by the starter's HTTP client for the
 * Google GenAI SDK (its auto-configured Client is built on it), however the stream is
 * made, against a fake that sends an event without content at once and its first text 300
 * ms later (the 250 ms to 500 ms bucket). From the chunks alone it would read late: the
 * SDK hands Spring AI each chunk only once it has read the next event.
 */
@SpringBootTest(classes = GeminiStreamTimingIntegrationTests.Application.class,
		properties = { CHAT_MODEL, API_KEY, MODEL })
class GeminiStreamTimingIntegrationTests extends FakeGeminiApplicationTests implements StreamTimingContract {

	@Autowired
	private ApplicationContext context;

	@Override
	public StreamTiming streams() {
		return StreamTiming.of(this.context, (model) -> GoogleGenAiChatOptions.builder().model(model));
	}

	/**
	 * A Gemini stream cannot be cancelled before its first content: Spring AI 2.0.1's
	 * Google GenAI model makes the SDK's request, and the SDK reads up to the first event
	 * with content, before the stream's subscription exists, so a cancel waits for it.
	 * The stream is counted as cancelled, out of flight, and its first content did arrive
	 * before its round-trip stopped.
	 */
	@Override
	@Test
	public void aStreamCancelledBeforeItsFirstContentHasNoTimeToFirstToken() {
		streams().cancelledBeforeContent("timed-cancelled", "timed-stream");

		streams().assertCancelledAfterItsFirstContent("timed-cancelled");
	}

	@Test
	void aDirectStreamsTokensAreReadOffTheWire() {
		streams().direct("timed-tokens", "timed-stream");

		streams().assertTimedStream("timed-tokens");
		assertThat(streams().count("ai.token.usage.output", "timed-tokens")).isEqualTo(FakeProviderServer.TIMED_CHUNKS);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}

package io.github.aiobservability.anthropic;

import io.github.aiobservability.test.FakeAnthropicApplicationTests;
import io.github.aiobservability.test.FakeAnthropicServer;
import io.github.aiobservability.test.FakeProviderServer;
import io.github.aiobservability.test.StreamTiming;
import io.github.aiobservability.test.StreamTimingContract;
import org.junit.jupiter.api.Test;

import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static io.github.aiobservability.test.FakeAnthropicApplicationTests.API_KEY;
import static io.github.aiobservability.test.FakeAnthropicApplicationTests.CHAT_MODEL;
import static io.github.aiobservability.test.FakeAnthropicApplicationTests.MODEL;
import static io.github.aiobservability.test.FakeAnthropicApplicationTests.NO_RETRIES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Time to first token and time per output token of Anthropic streams, read off the wire
 * as the SDK reads it, however the stream is made, against a fake that sends its
 * {@code message_start}, an empty text block and a {@code ping} at once and its first
 * text 300 ms later (the 250 ms to 500 ms bucket).
 */
@SpringBootTest(classes = AnthropicStreamTimingIntegrationTests.Application.class,
		properties = { CHAT_MODEL, API_KEY, MODEL, NO_RETRIES })
class AnthropicStreamTimingIntegrationTests extends FakeAnthropicApplicationTests implements StreamTimingContract {

	@Autowired
	private ApplicationContext context;

	@Override
	public StreamTiming streams() {
		return StreamTiming.of(this.context, (model) -> AnthropicChatOptions.builder().model(model));
	}

	@Test
	void aTimedStreamsTokensAreReadOffTheWire() {
		streams().direct("timed-tokens", "timed-stream");

		streams().assertTimedStream("timed-tokens");
		assertThat(streams().count("ai.token.usage.output", "timed-tokens")).isEqualTo(FakeProviderServer.TIMED_CHUNKS);
		assertThat(streams().count("ai.token.usage.cache.read", "timed-tokens"))
			.isEqualTo(FakeAnthropicServer.CACHE_READ_INPUT_TOKENS);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}

package io.github.aiobservability.openai;

import io.github.aiobservability.test.FakeOpenAiApplicationTests;
import io.github.aiobservability.test.FakeOpenAiServer;
import io.github.aiobservability.test.FakeProviderServer;
import io.github.aiobservability.test.StreamTiming;
import io.github.aiobservability.test.StreamTimingContract;
import org.junit.jupiter.api.Test;

import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static io.github.aiobservability.test.FakeOpenAiApplicationTests.API_KEY;
import static io.github.aiobservability.test.FakeOpenAiApplicationTests.MODEL;
import static io.github.aiobservability.test.FakeOpenAiApplicationTests.NO_RETRIES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Time to first token and time per output token of OpenAI streams, read off the wire as
 * the SDK reads it, however the stream is made, against a fake that sends a role-only
 * chunk at once and its first text 300 ms later (the 250 ms to 500 ms bucket).
 */
@SpringBootTest(classes = OpenAiStreamTimingIntegrationTests.Application.class,
		properties = { API_KEY, MODEL, NO_RETRIES })
class OpenAiStreamTimingIntegrationTests extends FakeOpenAiApplicationTests implements StreamTimingContract {

	@Autowired
	private ApplicationContext context;

	@Override
	public StreamTiming streams() {
		return StreamTiming.of(this.context, (model) -> OpenAiChatOptions.builder().model(model));
	}

	@Test
	void aDirectStreamsCachedAndReasoningTokensAreReadOffTheWire() {
		streams().direct("timed-tokens", "timed-stream");

		streams().assertTimedStream("timed-tokens");
		assertThat(streams().count("ai.token.usage.output", "timed-tokens"))
			.isEqualTo(FakeProviderServer.TIMED_CHUNKS + FakeOpenAiServer.REASONING_TOKENS);
		assertThat(streams().count("ai.token.usage.reasoning", "timed-tokens"))
			.isEqualTo(FakeOpenAiServer.REASONING_TOKENS);
		assertThat(streams().count("ai.token.usage.cache.read", "timed-tokens"))
			.isEqualTo(FakeOpenAiServer.CACHED_TOKENS);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}

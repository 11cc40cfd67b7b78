package io.github.aiobservability.ollama;

import io.github.aiobservability.test.FakeOllamaApplicationTests;
import io.github.aiobservability.test.FakeProviderServer;
import io.github.aiobservability.test.StreamTiming;
import io.github.aiobservability.test.StreamTimingContract;
import org.junit.jupiter.api.Test;

import org.springframework.ai.ollama.api.OllamaChatOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static io.github.aiobservability.test.FakeOllamaApplicationTests.CHAT_MODEL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Time to first token and time per output token of Ollama streams (newline-delimited JSON
 * over Boot's WebClient), read off the wire by a filter of Boot's WebClient.Builder,
 * however the stream is made, against a fake that sends a line without content at once
 * and its first text 300 ms later (the 250 ms to 500 ms bucket).
 */
@SpringBootTest(classes = OllamaStreamTimingIntegrationTests.Application.class,
		properties = { CHAT_MODEL, "spring.ai.ollama.chat.model=llama3.2" })
class OllamaStreamTimingIntegrationTests extends FakeOllamaApplicationTests implements StreamTimingContract {

	@Autowired
	private ApplicationContext context;

	@Override
	public StreamTiming streams() {
		return StreamTiming.of(this.context, (model) -> OllamaChatOptions.builder().model(model));
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

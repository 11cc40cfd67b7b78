package io.github.aiobservability.ollama;

import io.github.aiobservability.test.FakeOllamaApplicationTests;
import io.github.aiobservability.test.FakeProviderServer;
import io.github.aiobservability.test.StreamTiming;
import io.github.aiobservability.test.StreamTimingContract;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.ollama.api.OllamaChatOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

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
	private ChatModel chatModel;

	@Autowired
	private ChatClient.Builder chatClientBuilder;

	@Autowired
	private ObservationRegistry observationRegistry;

	@Autowired
	private MeterRegistry meterRegistry;

	private @Nullable StreamTiming streams;

	@Override
	public StreamTiming streams() {
		if (this.streams == null) {
			this.streams = new StreamTiming(this.chatModel, this.chatClientBuilder, this.observationRegistry,
					this.meterRegistry, (model) -> OllamaChatOptions.builder().model(model))
				.warmedUp();
		}
		return this.streams;
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

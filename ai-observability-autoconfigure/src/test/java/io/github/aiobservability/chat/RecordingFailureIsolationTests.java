package io.github.aiobservability.chat;

import com.openai.errors.RateLimitException;
import io.github.aiobservability.model.RequestTagContributor;
import io.github.aiobservability.test.FakeOpenAiApplicationTests;
import io.github.aiobservability.test.FakeOpenAiServer;
import io.github.aiobservability.test.LogText;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;

import static io.github.aiobservability.test.FakeOpenAiApplicationTests.API_KEY;
import static io.github.aiobservability.test.FakeOpenAiApplicationTests.MODEL;
import static io.github.aiobservability.test.FakeOpenAiApplicationTests.NO_RETRIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Recording must never change a call: with a tag contributor that throws and a meter
 * registry that refuses some meters, callers still get exactly their responses and
 * exceptions, and each failure is logged once.
 */
@SpringBootTest(classes = RecordingFailureIsolationTests.Application.class,
		properties = { API_KEY, MODEL, NO_RETRIES, "ai.observability.request-tags=tenant" })
@ExtendWith(OutputCaptureExtension.class)
class RecordingFailureIsolationTests extends FakeOpenAiApplicationTests {

	@Autowired
	private ChatClient.Builder chatClientBuilder;

	@Test
	void callersGetTheirResponsesAndExceptionsUnchangedWhenRecordingFails(CapturedOutput output) {
		ChatClient chatClient = this.chatClientBuilder.build();
		for (int i = 0; i < 3; i++) {
			assertThat(chatClient.prompt().user("hello").call().content()).isEqualTo(FakeOpenAiServer.ANSWER);
			assertThat(String.join("", chatClient.prompt().user("hello").stream().content().collectList().block()))
				.isEqualTo(FakeOpenAiServer.ANSWER);
			assertThatThrownBy(() -> chatClient.prompt().user("fault:429").call().content())
				.isInstanceOf(RateLimitException.class);
		}

		assertThat(LogText.count(output.getAll(), "RequestTagContributor")).isEqualTo(1);
		assertThat(LogText.count(output.getAll(), "Could not record an AI chat call")).isEqualTo(1);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		RequestTagContributor failingContributor() {
			return (request) -> {
				throw new IllegalStateException("tenant lookup failed");
			};
		}

		@Bean
		MeterFilter refuseLatencyHistograms() {
			return new MeterFilter() {
				@Override
				public Meter.Id map(Meter.Id id) {
					if (id.getName().equals("ai.api.request.duration")) {
						throw new IllegalStateException("registry refuses " + id.getName());
					}
					return id;
				}
			};
		}

	}

}

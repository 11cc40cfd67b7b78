package io.github.aiobservability.chat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;

import com.openai.errors.UnauthorizedException;
import io.github.aiobservability.test.FakeOpenAiApplicationTests;
import io.github.aiobservability.test.FakeOpenAiServer;
import io.github.aiobservability.test.LogText;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
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
 * The application's MeterRegistry throws whenever the starter registers a meter. Calls,
 * streams and failures still reach the caller exactly as the provider sent them, and the
 * failure is logged once; the application starts without its threshold gauges. Other
 * meters (Spring AI's own) register as usual, so only the starter's handling is under
 * test.
 */
@SpringBootTest(classes = ThrowingMeterRegistryIsolationTests.Application.class,
		properties = { API_KEY, MODEL, NO_RETRIES })
@ExtendWith(OutputCaptureExtension.class)
class ThrowingMeterRegistryIsolationTests extends FakeOpenAiApplicationTests {

	@Autowired
	private ChatClient.Builder chatClientBuilder;

	@Autowired
	private ChatModel chatModel;

	@Autowired
	private RefusingMeterRegistry registry;

	@Test
	void callsSucceedUnchangedWhenTheRegistryThrowsOnRegister(CapturedOutput output) {
		ChatClient chatClient = this.chatClientBuilder.build();
		for (int i = 0; i < 3; i++) {
			ChatResponse response = this.chatModel.call(new Prompt("hello"));
			assertThat(response.getResult().getOutput().getText()).isEqualTo(FakeOpenAiServer.ANSWER);
			assertThat(response.getMetadata().getModel()).isEqualTo("gpt-4o-mini");
			assertThat(response.getMetadata().getUsage().getPromptTokens()).isEqualTo(FakeOpenAiServer.PROMPT_TOKENS);
			assertThat(response.getMetadata().getUsage().getCompletionTokens())
				.isEqualTo(FakeOpenAiServer.COMPLETION_TOKENS);
			assertThat(chatClient.prompt().user("hello").call().content()).isEqualTo(FakeOpenAiServer.ANSWER);
			List<String> chunks = chatClient.prompt().user("hello").stream().content().collectList().block();
			assertThat(chunks).containsExactly(FakeOpenAiServer.ANSWER_CHUNKS);
			assertThatThrownBy(() -> chatClient.prompt().user("fault:401").call().content())
				.isInstanceOf(UnauthorizedException.class)
				.satisfies((ex) -> assertThat(((UnauthorizedException) ex).statusCode()).isEqualTo(401));
		}

		assertThat(this.registry.refused.get()).as("registrations the registry refused").isPositive();
		assertThat(this.registry.find("ai.api.requests").meters()).isEmpty();
		assertThat(this.registry.find("gen_ai.client.operation").timers()).as("Spring AI's own meters").isNotEmpty();
		assertThat(LogText.count(output.getAll(), "Could not start recording an AI chat call")).isEqualTo(1);
		assertThat(LogText.count(output.getAll(), "Could not register the ai_api_threshold gauges")).isEqualTo(1);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		RefusingMeterRegistry refusingMeterRegistry() {
			return new RefusingMeterRegistry();
		}

	}

	/**
	 * Throws on every registration of an {@code ai.*} meter.
	 */
	static class RefusingMeterRegistry extends SimpleMeterRegistry {

		final AtomicInteger refused = new AtomicInteger();

		@Override
		protected Counter newCounter(Meter.Id id) {
			refuse(id);
			return super.newCounter(id);
		}

		@Override
		protected Timer newTimer(Meter.Id id, DistributionStatisticConfig config, PauseDetector pauseDetector) {
			refuse(id);
			return super.newTimer(id, config, pauseDetector);
		}

		@Override
		protected <T> Gauge newGauge(Meter.Id id, T obj, ToDoubleFunction<T> valueFunction) {
			refuse(id);
			return super.newGauge(id, obj, valueFunction);
		}

		private void refuse(Meter.Id id) {
			if (id.getName().startsWith("ai.")) {
				this.refused.incrementAndGet();
				throw new IllegalStateException("registry refuses " + id.getName());
			}
		}

	}

}

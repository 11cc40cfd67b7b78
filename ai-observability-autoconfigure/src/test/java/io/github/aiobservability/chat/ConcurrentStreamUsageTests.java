package io.github.aiobservability.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.aiobservability.test.FakeOpenAiApplicationTests;
import io.github.aiobservability.test.FakeOpenAiServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

import static io.github.aiobservability.test.FakeOpenAiApplicationTests.API_KEY;
import static io.github.aiobservability.test.FakeOpenAiApplicationTests.MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ChatClient streams the way applications run them: several at once, repeated, with the
 * client's default retries. Spring AI hands a stream's chunks to the ChatClient on
 * another thread ({@code publishOn}), so the model's observation may stop before or after
 * the ChatClient side has seen the last chunk; the usage and time to first token of every
 * stream must be recorded either way.
 */
@SpringBootTest(classes = ConcurrentStreamUsageTests.Application.class, properties = { API_KEY, MODEL })
class ConcurrentStreamUsageTests extends FakeOpenAiApplicationTests {

	private static final int ROUNDS = 5;

	private static final int STREAMS_PER_ROUND = 40;

	private static final int CONCURRENCY = 4;

	private final ExecutorService callers = Executors.newFixedThreadPool(CONCURRENCY);

	@Autowired
	private ChatClient.Builder chatClientBuilder;

	@Autowired
	private MeterRegistry meterRegistry;

	@AfterEach
	void stopCallers() {
		this.callers.shutdownNow();
	}

	@Test
	void everyStreamOfEveryRoundRecordsItsTokensAndTimeToFirstToken() throws Exception {
		ChatClient chatClient = this.chatClientBuilder.build();
		for (int round = 0; round < ROUNDS; round++) {
			String model = "concurrent-stream-" + round;
			List<Future<String>> streams = new ArrayList<>();
			for (int i = 0; i < STREAMS_PER_ROUND; i++) {
				streams.add(this.callers.submit(() -> chatClient.prompt()
					.user("stream it")
					.options(OpenAiChatOptions.builder().model(model))
					.stream()
					.content()
					.collectList()
					.map((chunks) -> String.join("", chunks))
					.block()));
			}
			for (Future<String> stream : streams) {
				assertThat(stream.get()).isEqualTo(FakeOpenAiServer.ANSWER);
			}
			int round1 = round + 1;
			// Recording finishes on Spring AI's threads, right after the caller sees the
			// stream complete: wait for it, then require exact totals.
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(count("ai.api.requests", model)).as("round %d requests", round1)
					.isEqualTo(STREAMS_PER_ROUND);
				assertThat(count("ai.token.usage.input", model)).as("round %d input tokens", round1)
					.isEqualTo(STREAMS_PER_ROUND * FakeOpenAiServer.PROMPT_TOKENS);
				assertThat(count("ai.token.usage.output", model)).as("round %d output tokens", round1)
					.isEqualTo(STREAMS_PER_ROUND * FakeOpenAiServer.COMPLETION_TOKENS);
				assertThat(count("ai.token.usage.cache.read", model)).as("round %d cache-read tokens", round1)
					.isEqualTo(STREAMS_PER_ROUND * FakeOpenAiServer.CACHED_TOKENS);
				assertThat(count("ai.token.usage.reasoning", model)).as("round %d reasoning tokens", round1)
					.isEqualTo(STREAMS_PER_ROUND * FakeOpenAiServer.REASONING_TOKENS);
				assertThat(timeToFirstTokenCount(model)).as("round %d times to first token", round1)
					.isEqualTo(STREAMS_PER_ROUND);
				assertThat(count("ai.token.usage.estimated", model)).as("round %d estimated tokens", round1).isZero();
			});
		}
	}

	private double count(String name, String model) {
		return Search.in(this.meterRegistry)
			.name(name)
			.tag("model", model)
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	private long timeToFirstTokenCount(String model) {
		return Search.in(this.meterRegistry)
			.name("ai.api.time.to.first.token")
			.tag("model", model)
			.timers()
			.stream()
			.mapToLong((timer) -> timer.count())
			.sum();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}

package io.github.aiobservability.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import io.github.aiobservability.test.FakeOpenAiApplicationTests;
import io.github.aiobservability.test.FakeOpenAiServer;
import io.github.aiobservability.test.StreamTiming;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
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
 * Streams the way applications run them, through a ChatClient or directly: several at
 * once, repeated, with the client's default retries. A direct stream's cached and
 * reasoning tokens exist only on the wire (Spring AI's aggregation drops them), read by
 * the id each stream carries. Spring AI hands a stream's chunks to the ChatClient on
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
	private ChatModel chatModel;

	@Autowired
	private MeterRegistry meterRegistry;

	@AfterEach
	void stopCallers() {
		this.callers.shutdownNow();
	}

	@Test
	void everyStreamOfEveryRoundRecordsItsTokensAndTimeToFirstToken() throws Exception {
		ChatClient chatClient = this.chatClientBuilder.build();
		runRounds("concurrent-stream-",
				(model) -> String.join("",
						chatClient.prompt()
							.user("stream it")
							.options(OpenAiChatOptions.builder().model(model))
							.stream()
							.content()
							.collectList()
							.block()));
	}

	@Test
	void everyDirectStreamOfEveryRoundRecordsItsTokensReadOffTheWire() throws Exception {
		runRounds("concurrent-direct-", (model) -> String.join("",
				this.chatModel.stream(new Prompt("stream it", OpenAiChatOptions.builder().model(model).build()))
					.map((chunk) -> (chunk.getResult() != null && chunk.getResult().getOutput().getText() != null)
							? chunk.getResult().getOutput().getText() : "")
					.collectList()
					.block()));
	}

	/**
	 * Runs {@link #ROUNDS} rounds of {@link #STREAMS_PER_ROUND} streams,
	 * {@link #CONCURRENCY} at a time, each round of its own model.
	 */
	private void runRounds(String modelPrefix, Function<String, String> stream) throws Exception {
		for (int round = 0; round < ROUNDS; round++) {
			String model = modelPrefix + round;
			List<Future<String>> streams = new ArrayList<>();
			for (int i = 0; i < STREAMS_PER_ROUND; i++) {
				streams.add(this.callers.submit(() -> stream.apply(model)));
			}
			for (Future<String> answer : streams) {
				assertThat(answer.get()).isEqualTo(FakeOpenAiServer.ANSWER);
			}
			assertRound(model, round + 1);
		}
	}

	/**
	 * Recording finishes on Spring AI's threads, right after the caller sees the stream
	 * complete: waits for it, then requires exact totals.
	 */
	private void assertRound(String model, int round) {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(count("ai.api.requests", model)).as("round %d requests", round).isEqualTo(STREAMS_PER_ROUND);
			assertThat(count("ai.token.usage.input", model)).as("round %d input tokens", round)
				.isEqualTo(STREAMS_PER_ROUND * FakeOpenAiServer.PROMPT_TOKENS);
			assertThat(count("ai.token.usage.output", model)).as("round %d output tokens", round)
				.isEqualTo(STREAMS_PER_ROUND * FakeOpenAiServer.COMPLETION_TOKENS);
			assertThat(count("ai.token.usage.cache.read", model)).as("round %d cache-read tokens", round)
				.isEqualTo(STREAMS_PER_ROUND * FakeOpenAiServer.CACHED_TOKENS);
			assertThat(count("ai.token.usage.reasoning", model)).as("round %d reasoning tokens", round)
				.isEqualTo(STREAMS_PER_ROUND * FakeOpenAiServer.REASONING_TOKENS);
			assertThat(timeToFirstTokenCount(model)).as("round %d times to first token", round)
				.isEqualTo(STREAMS_PER_ROUND);
			assertThat(count("ai.token.usage.estimated", model)).as("round %d estimated tokens", round).isZero();
		});
	}

	private double count(String name, String model) {
		return StreamTiming.sum(this.meterRegistry, name, "model", model);
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

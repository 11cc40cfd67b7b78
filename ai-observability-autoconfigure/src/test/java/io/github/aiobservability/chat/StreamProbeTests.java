package io.github.aiobservability.chat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.aiobservability.metrics.TokenUsage;
import io.github.aiobservability.test.ProviderUsages;
import io.github.aiobservability.test.StarterFixture;
import io.micrometer.core.instrument.MockClock;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

import static org.assertj.core.api.Assertions.assertThat;

class StreamProbeTests {

	private final StreamProbe probe = new StreamProbe(new MockClock(), StarterFixture.usageReader());

	private final AtomicInteger finished = new AtomicInteger();

	@Test
	void finishesWhenTheStreamEndsIfTheModelStoppedFirst() {
		this.probe.afterStreamEnds(this.finished::incrementAndGet);
		assertThat(this.finished).hasValue(0);

		this.probe.onStreamEnd();
		assertThat(this.finished).hasValue(1);
		this.probe.onStreamEnd();
		assertThat(this.finished).hasValue(1);
	}

	@Test
	void finishesAtOnceIfTheStreamEndedFirst() {
		this.probe.onStreamEnd();

		this.probe.afterStreamEnds(this.finished::incrementAndGet);
		assertThat(this.finished).hasValue(1);
	}

	@Test
	void keepsTheLastValueOfEachUsageFieldAcrossChunks() {
		// Anthropic's shape: input and cache counts first, output last, cache on top.
		this.probe.onChunk(chunk("", new DefaultUsage(25, 1, 26, null, 100L, 40L)));
		this.probe.onChunk(chunk("Paris", null));
		this.probe.onChunk(chunk("", new DefaultUsage(0, 15, 15, null, null, null)));

		assertThat(this.probe.usage().normalise()).isEqualTo(new TokenUsage(165, 15, false, false, 100, 40, 0));
		assertThat(this.probe.timing().firstContentNanos()).isPositive();
	}

	@Test
	void readsWhatTheProvidersOwnUsageHoldsThroughItsAdapter() {
		this.probe.onChunk(chunk("", ProviderUsages.openAi(25, 15, 0, 9)));

		assertThat(this.probe.usage().normalise().reasoning()).isEqualTo(9);
	}

	@Test
	void hasNoUsageWhenNoChunkReportedOne() {
		this.probe.onChunk(chunk("Paris", null));

		assertThat(this.probe.usage().hasCounts()).isFalse();
	}

	private static ChatClientResponse chunk(String text, Usage usage) {
		ChatResponseMetadata metadata = (usage != null) ? ChatResponseMetadata.builder().usage(usage).build()
				: new ChatResponseMetadata();
		ChatResponse response = new ChatResponse(List.of(new Generation(new AssistantMessage(text))), metadata);
		return ChatClientResponse.builder().chatResponse(response).context(Map.of()).build();
	}

}

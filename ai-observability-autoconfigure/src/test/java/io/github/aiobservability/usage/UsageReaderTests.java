package io.github.aiobservability.usage;

import java.util.List;

import io.github.aiobservability.metrics.TokenUsage;
import io.github.aiobservability.test.ProviderUsages;
import io.github.aiobservability.test.StarterFixture;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.EmbeddingResponseMetadata;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one reader of a round-trip's tokens: both shapes providers report usage in, with
 * the SDKs' own usage objects as Spring AI's models attach them, read through the
 * adapters the auto-configuration finds; a stream's chunks; what was read off the wire.
 */
class UsageReaderTests {

	private final UsageReader resolver = StarterFixture.usageReader();

	private final Prompt prompt = new Prompt("What does prompt caching save?");

	@Test
	void readsOpenAiUsageWithCachedTokensInsideThePromptAndReasoningInsideTheOutput() {
		Usage usage = ProviderUsages.openAi(1000, 500, 200, 120);

		TokenUsage tokens = this.resolver.call(this.prompt, response(usage));

		assertThat(tokens).isEqualTo(new TokenUsage(1000, 500, false, false, 200, 0, 120));
		assertThat(tokens.uncachedInput()).isEqualTo(800);
	}

	@Test
	void addsAnthropicCacheTokensOnTopOfItsInputTokens() {
		Usage usage = ProviderUsages.anthropic(1000, 50, 300, 200);

		TokenUsage tokens = this.resolver.call(this.prompt, response(usage));

		assertThat(tokens).isEqualTo(new TokenUsage(1500, 50, false, false, 300, 200, 0));
		assertThat(tokens.uncachedInput()).isEqualTo(1000);
	}

	@Test
	void prefersTheStreamedChunksUsageWhichKeepsTheCacheDetails() {
		Usage aggregated = new DefaultUsage(1000, 500, 1500);
		ReportedUsage chunks = new ReportedUsage();
		this.resolver.collect(new DefaultUsage(1000, 500, 1500, null, 400L, null), chunks);

		TokenUsage tokens = this.resolver.stream(this.prompt, response(aggregated), chunks, null);

		assertThat(tokens).isEqualTo(new TokenUsage(1000, 500, false, false, 400, 0, 0));
	}

	@Test
	void readsTheAggregatedResponseOfAStreamWhoseChunksWereNotSeen() {
		TokenUsage tokens = this.resolver.stream(this.prompt, response(new DefaultUsage(1000, 500, 1500)), null, null);

		assertThat(tokens).isEqualTo(TokenUsage.of(1000, 500, false, false));
	}

	@Test
	void prefersWhatTheProviderSentOnTheWireToTheChunksAndTheAggregatedResponse() {
		ReportedUsage chunks = new ReportedUsage();
		this.resolver.collect(new DefaultUsage(1000, 500, 1500), chunks);
		ReportedUsage wire = new ReportedUsage();
		wire.prompt(1000);
		wire.completion(500);
		wire.cacheRead(300);
		wire.reasoning(20);

		TokenUsage tokens = this.resolver.stream(this.prompt, response(new DefaultUsage(1000, 500, 1500)), chunks,
				wire);

		assertThat(tokens).isEqualTo(new TokenUsage(1000, 500, false, false, 300, 0, 20));
	}

	@Test
	void fallsBackToTheChunksWhenTheWireCarriedNoCounts() {
		ReportedUsage chunks = new ReportedUsage();
		this.resolver.collect(new DefaultUsage(1000, 500, 1500, null, 400L, null), chunks);

		TokenUsage tokens = this.resolver.stream(this.prompt, response(new DefaultUsage(1000, 500, 1500)), chunks,
				new ReportedUsage());

		assertThat(tokens.cacheRead()).isEqualTo(400);
	}

	@Test
	void takesTheFirstAdapterThatKnowsTheUsage() {
		UsageReader reader = new UsageReader(List.of((usage, report) -> false, (usage, report) -> {
			report.additionalInput(7);
			return true;
		}, (usage, report) -> {
			report.additionalInput(1000);
			return true;
		}));

		assertThat(reader.call(this.prompt, response(new DefaultUsage(10, 5, 15))).input()).isEqualTo(17);
	}

	@Test
	void readsTheInputTokensOfAnEmbeddingCall() {
		EmbeddingResponse response = new EmbeddingResponse(List.of(new Embedding(new float[] { 0.1f }, 0)),
				new EmbeddingResponseMetadata("text-embedding-3-small", new DefaultUsage(42, 0, 42)));

		assertThat(this.resolver.embedding(new EmbeddingRequest(List.of("a document"), null), response))
			.isEqualTo(TokenUsage.of(42, 0, false, false));
	}

	@Test
	void estimatesTheInputOfAnEmbeddingCallWhoseProviderReportedNone() {
		EmbeddingResponse response = new EmbeddingResponse(List.of(new Embedding(new float[] { 0.1f }, 0)));

		TokenUsage tokens = this.resolver.embedding(new EmbeddingRequest(List.of("a document to embed"), null),
				response);

		assertThat(tokens.inputEstimated()).isTrue();
		assertThat(tokens.input()).isPositive();
		assertThat(tokens.output()).isZero();
	}

	@Test
	void estimatesOnlyWhenNoUsageWasReported() {
		TokenUsage tokens = this.resolver.call(this.prompt, response(new DefaultUsage(0, 0, 0)));

		assertThat(tokens.inputEstimated()).isTrue();
		assertThat(tokens.outputEstimated()).isTrue();
		assertThat(tokens.input()).isPositive();
		assertThat(tokens.output()).isPositive();
	}

	private static ChatResponse response(Usage usage) {
		return new ChatResponse(List.of(new Generation(new AssistantMessage("It saves re-reading the prefix."))),
				ChatResponseMetadata.builder().usage(usage).build());
	}

}

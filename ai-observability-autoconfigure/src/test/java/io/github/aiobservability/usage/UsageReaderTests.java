package io.github.aiobservability.model;

import java.util.List;
import java.util.Optional;

import com.openai.models.completions.CompletionUsage;
import io.github.aiobservability.metrics.TokenUsage;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both shapes providers report usage in, with the SDKs' own usage objects as Spring AI's
 * models attach them.
 */
class TokenUsageResolverTests {

	private final TokenUsageResolver resolver = new TokenUsageResolver();

	private final Prompt prompt = new Prompt("What does prompt caching save?");

	@Test
	void readsOpenAiUsageWithCachedTokensInsideThePromptAndReasoningInsideTheOutput() {
		CompletionUsage openAi = CompletionUsage.builder()
			.promptTokens(1000)
			.completionTokens(500)
			.totalTokens(1500)
			.promptTokensDetails(CompletionUsage.PromptTokensDetails.builder().cachedTokens(200).build())
			.completionTokensDetails(CompletionUsage.CompletionTokensDetails.builder().reasoningTokens(120).build())
			.build();
		Usage usage = new DefaultUsage(1000, 500, 1500, openAi, 200L, null);

		TokenUsage tokens = this.resolver.completed(this.prompt, response(usage), null);

		assertThat(tokens).isEqualTo(new TokenUsage(1000, 500, false, false, 200, 0, 120));
		assertThat(tokens.uncachedInput()).isEqualTo(800);
	}

	@Test
	void addsAnthropicCacheTokensOnTopOfItsInputTokens() {
		com.anthropic.models.messages.Usage anthropic = com.anthropic.models.messages.Usage.builder()
			.inputTokens(1000)
			.outputTokens(50)
			.cacheReadInputTokens(300L)
			.cacheCreationInputTokens(200L)
			.cacheCreation(Optional.empty())
			.serverToolUse(Optional.empty())
			.serviceTier(Optional.empty())
			.inferenceGeo(Optional.empty())
			.outputTokensDetails(Optional.empty())
			.build();
		Usage usage = new DefaultUsage(1000, 50, 1050, anthropic, 300L, 200L);

		TokenUsage tokens = this.resolver.completed(this.prompt, response(usage), null);

		assertThat(tokens).isEqualTo(new TokenUsage(1500, 50, false, false, 300, 200, 0));
		assertThat(tokens.uncachedInput()).isEqualTo(1000);
	}

	@Test
	void prefersTheLastStreamedChunksUsageWhichKeepsTheCacheDetails() {
		Usage aggregated = new DefaultUsage(1000, 500, 1500);
		Usage lastChunk = new DefaultUsage(1000, 500, 1500, null, 400L, null);

		TokenUsage tokens = this.resolver.completed(this.prompt, response(aggregated), lastChunk);

		assertThat(tokens.cacheRead()).isEqualTo(400);
	}

	@Test
	void estimatesOnlyWhenNoUsageWasReported() {
		TokenUsage tokens = this.resolver.completed(this.prompt, response(new DefaultUsage(0, 0, 0)), null);

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

package io.github.aiobservability.model;

import io.github.aiobservability.metrics.TokenUsage;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.tokenizer.JTokkitTokenCountEstimator;
import org.springframework.ai.tokenizer.TokenCountEstimator;

/**
 * Reads a round-trip's tokens, chat or embedding, from the usage the provider reported.
 * Only when it reported none are they estimated with a local tokenizer, and marked as
 * estimated. The tokenizer is loaded on first need, so applications whose provider always
 * reports usage never pay for it.
 */
public class TokenUsageResolver {

	private volatile @Nullable TokenCountEstimator estimator;

	/**
	 * The tokens of a completed round-trip.
	 * @param prompt what was sent
	 * @param response what came back
	 * @param streamedUsage the usage of a stream's last chunk, which holds the cache and
	 * reasoning details that Spring AI's stream aggregation drops, or {@code null}
	 * @return reported counts, or estimates when the provider reported none
	 */
	public TokenUsage completed(Prompt prompt, ChatResponse response, @Nullable Usage streamedUsage) {
		Usage usage = (streamedUsage != null) ? streamedUsage
				: (response.getMetadata() != null) ? response.getMetadata().getUsage() : null;
		long prompted = (usage != null) ? nonNegative(usage.getPromptTokens()) : 0;
		long output = (usage != null) ? nonNegative(usage.getCompletionTokens()) : 0;
		if (usage == null || (prompted == 0 && output == 0)) {
			return TokenUsage.of(estimateInput(prompt), estimateOutput(response), true, true);
		}
		long cacheRead = UsageDetails.cacheRead(usage);
		long cacheWrite = UsageDetails.cacheWrite(usage);
		long input = UsageDetails.cacheTokensAreAdditional(usage, prompted) ? prompted + cacheRead + cacheWrite
				: prompted;
		long reasoning = Math.min(UsageDetails.reasoning(usage), output);
		return new TokenUsage(input, output, false, false, cacheRead, cacheWrite, reasoning);
	}

	/**
	 * The tokens of a stream its consumer cancelled: the provider bills the prompt it
	 * received, and reported nothing, so the input is estimated. The output is unknown.
	 * @param prompt what was sent
	 * @return the estimated input tokens
	 */
	public TokenUsage cancelled(Prompt prompt) {
		return TokenUsage.of(estimateInput(prompt), 0, true, false);
	}

	/**
	 * The tokens of a completed embedding call: input only.
	 * @param request what was sent
	 * @param response what came back
	 * @return the reported input tokens, or an estimate when the provider reported none
	 */
	public TokenUsage embedded(EmbeddingRequest request, EmbeddingResponse response) {
		Usage usage = (response.getMetadata() != null) ? response.getMetadata().getUsage() : null;
		long input = (usage != null) ? nonNegative(usage.getPromptTokens()) : 0;
		if (input > 0) {
			return TokenUsage.of(input, 0, false, false);
		}
		long estimated = 0;
		for (String text : request.getInstructions()) {
			estimated += estimator().estimate(text);
		}
		return TokenUsage.of(estimated, 0, true, false);
	}

	private long estimateInput(Prompt prompt) {
		long tokens = 0;
		for (Message message : prompt.getInstructions()) {
			tokens += estimator().estimate(message.getText());
		}
		return tokens;
	}

	private long estimateOutput(ChatResponse response) {
		long tokens = 0;
		for (Generation generation : response.getResults()) {
			if (generation.getOutput() != null) {
				tokens += estimator().estimate(generation.getOutput().getText());
			}
		}
		return tokens;
	}

	private TokenCountEstimator estimator() {
		TokenCountEstimator current = this.estimator;
		if (current == null) {
			current = new JTokkitTokenCountEstimator();
			this.estimator = current;
		}
		return current;
	}

	private static long nonNegative(@Nullable Integer tokens) {
		return (tokens != null && tokens > 0) ? tokens : 0;
	}

}

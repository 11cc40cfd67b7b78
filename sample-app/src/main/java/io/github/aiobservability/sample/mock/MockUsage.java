package io.github.aiobservability.sample.mock;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.ai.tokenizer.JTokkitTokenCountEstimator;
import org.springframework.ai.tokenizer.TokenCountEstimator;
import org.springframework.stereotype.Component;

/**
 * Counts the tokens the embedded provider reports, with a real tokenizer, in the shape of
 * OpenAI's {@code usage} object: cached tokens inside {@code prompt_tokens}, reasoning
 * tokens inside {@code completion_tokens}. A chat message counts its text's tokens plus
 * the chat format's {@value #TOKENS_PER_MESSAGE}; an embedding input counts its text's
 * tokens alone, since it has no message around it.
 */
@Component
public class MockUsage {

	/** Tokens OpenAI adds per message for its chat format. */
	private static final int TOKENS_PER_MESSAGE = 3;

	private final TokenCountEstimator tokenizer = new JTokkitTokenCountEstimator();

	/**
	 * The usage of one answer, in OpenAI's shape.
	 * @param messages the texts of the request's messages
	 * @param answer the answer
	 * @param profile the model's profile, for cached and reasoning tokens
	 * @return the usage object
	 */
	public Map<String, Object> usage(List<String> messages, String answer,
			MockProviderProperties.ModelProfile profile) {
		Counts counts = counts(messages, answer, profile);
		Map<String, Object> usage = new LinkedHashMap<>();
		usage.put("prompt_tokens", counts.prompt());
		usage.put("completion_tokens", counts.completion());
		usage.put("total_tokens", counts.total());
		usage.put("prompt_tokens_details", Map.of("cached_tokens", counts.cached()));
		usage.put("completion_tokens_details", Map.of("reasoning_tokens", counts.reasoning()));
		return usage;
	}

	/**
	 * The token counts of one answer, for any provider's format.
	 * @param messages the texts of the request's messages
	 * @param answer the answer
	 * @param profile the model's profile, for cached and reasoning tokens
	 * @return the counts
	 */
	public Counts counts(List<String> messages, String answer, MockProviderProperties.ModelProfile profile) {
		int prompt = 0;
		for (String message : messages) {
			prompt += this.tokenizer.estimate(message) + TOKENS_PER_MESSAGE;
		}
		int answerTokens = this.tokenizer.estimate(answer);
		int reasoning = (int) Math.round(answerTokens * profile.getReasoningRatio());
		int cached = (int) Math.floor(prompt * profile.getCachedRatio());
		return new Counts(prompt, answerTokens + reasoning, cached, reasoning);
	}

	/**
	 * The usage of one embeddings request: its inputs' tokens, which are all of its
	 * tokens.
	 * @param inputs the texts to embed
	 * @return the usage object, {@code prompt_tokens} and {@code total_tokens}
	 */
	public Map<String, Object> embeddingUsage(List<String> inputs) {
		int prompt = 0;
		for (String input : inputs) {
			prompt += this.tokenizer.estimate(input);
		}
		Map<String, Object> usage = new LinkedHashMap<>();
		usage.put("prompt_tokens", prompt);
		usage.put("total_tokens", prompt);
		return usage;
	}

	/**
	 * The tokens a request takes from its model's rate limit.
	 * @param usage a usage object from this class
	 * @return its {@code total_tokens}
	 */
	public static long totalTokens(Map<String, Object> usage) {
		return ((Number) usage.get("total_tokens")).longValue();
	}

	/**
	 * The tokens of one answer.
	 *
	 * @param prompt the prompt's tokens, cached ones included
	 * @param completion the output tokens, reasoning included
	 * @param cached the prompt tokens read from the cache
	 * @param reasoning the output tokens spent on reasoning
	 */
	public record Counts(int prompt, int completion, int cached, int reasoning) {

		/**
		 * Every token of the answer.
		 * @return prompt and completion
		 */
		public int total() {
			return this.prompt + this.completion;
		}

	}

}

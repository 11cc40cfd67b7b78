package io.github.aiobservability.test;

import java.util.Optional;

import com.google.genai.types.GenerateContentResponseUsageMetadata;
import com.openai.models.completions.CompletionUsage;

import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.google.genai.metadata.GoogleGenAiUsage;

/**
 * Usage as Spring AI's models report it, each with its SDK's own usage object attached as
 * native usage, the way the models attach it.
 */
public final class ProviderUsages {

	private ProviderUsages() {
	}

	/**
	 * OpenAI's usage: cached tokens inside the prompt tokens, reasoning tokens inside the
	 * completion tokens, in the SDK's {@link CompletionUsage}.
	 * @param prompt prompt tokens, cached ones included
	 * @param completion completion tokens, reasoning included
	 * @param cached cached prompt tokens
	 * @param reasoning reasoning tokens
	 * @return the usage
	 */
	public static Usage openAi(int prompt, int completion, int cached, int reasoning) {
		CompletionUsage nativeUsage = CompletionUsage.builder()
			.promptTokens(prompt)
			.completionTokens(completion)
			.totalTokens(prompt + completion)
			.promptTokensDetails(CompletionUsage.PromptTokensDetails.builder().cachedTokens(cached).build())
			.completionTokensDetails(
					CompletionUsage.CompletionTokensDetails.builder().reasoningTokens(reasoning).build())
			.build();
		return new DefaultUsage(prompt, completion, prompt + completion, nativeUsage, (long) cached, null);
	}

	/**
	 * Anthropic's usage of a call: cache reads and writes on top of the input tokens, in
	 * the SDK's {@code Usage}.
	 * @param input input tokens, the cached ones not included
	 * @param output output tokens
	 * @param cacheRead input tokens read from the cache
	 * @param cacheWrite input tokens written to the cache
	 * @return the usage
	 */
	public static Usage anthropic(int input, int output, long cacheRead, long cacheWrite) {
		com.anthropic.models.messages.Usage nativeUsage = com.anthropic.models.messages.Usage.builder()
			.inputTokens(input)
			.outputTokens(output)
			.cacheReadInputTokens(cacheRead)
			.cacheCreationInputTokens(cacheWrite)
			.cacheCreation(Optional.empty())
			.serverToolUse(Optional.empty())
			.serviceTier(Optional.empty())
			.inferenceGeo(Optional.empty())
			.outputTokensDetails(Optional.empty())
			.build();
		return new DefaultUsage(input, output, input + output, nativeUsage, cacheRead, cacheWrite);
	}

	/**
	 * Gemini's usage, as Spring AI's Google GenAI model reads it from the SDK's
	 * {@link GenerateContentResponseUsageMetadata}: cached tokens inside the prompt,
	 * thinking tokens on top of the candidates, tool-use prompt tokens on top of the
	 * prompt.
	 * @param prompt {@code promptTokenCount}, cached tokens included
	 * @param candidates {@code candidatesTokenCount}
	 * @param thoughts {@code thoughtsTokenCount}
	 * @param cached {@code cachedContentTokenCount}
	 * @param toolUse {@code toolUsePromptTokenCount}
	 * @return the usage
	 */
	public static Usage gemini(int prompt, int candidates, int thoughts, int cached, int toolUse) {
		return GoogleGenAiUsage.from(GenerateContentResponseUsageMetadata.builder()
			.promptTokenCount(prompt)
			.candidatesTokenCount(candidates)
			.thoughtsTokenCount(thoughts)
			.cachedContentTokenCount(cached)
			.toolUsePromptTokenCount(toolUse)
			.totalTokenCount(prompt + candidates + thoughts + toolUse)
			.build());
	}

}

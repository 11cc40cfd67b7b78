package io.github.aiobservability.openai;

import com.openai.models.completions.CompletionUsage;
import io.github.aiobservability.usage.ReportedUsage;
import io.github.aiobservability.usage.UsageAdapter;

import org.springframework.ai.chat.metadata.Usage;

/**
 * Reads the OpenAI SDK's {@link CompletionUsage}, which Spring AI's OpenAI model attaches
 * as native usage: its reasoning tokens, which Spring AI's usage does not carry. OpenAI
 * counts cached tokens inside the prompt tokens and reasoning inside the completion
 * tokens, the starter's own terms, so nothing else changes. The OpenAI-compatible
 * providers (DeepSeek, Qwen, ...) called through this client report the same way.
 */
public class OpenAiUsageAdapter implements UsageAdapter {

	@Override
	public boolean read(Usage usage, ReportedUsage report) {
		if (!(usage.getNativeUsage() instanceof CompletionUsage openAi)) {
			return false;
		}
		openAi.completionTokensDetails()
			.flatMap(CompletionUsage.CompletionTokensDetails::reasoningTokens)
			.ifPresent(report::reasoning);
		return true;
	}

}

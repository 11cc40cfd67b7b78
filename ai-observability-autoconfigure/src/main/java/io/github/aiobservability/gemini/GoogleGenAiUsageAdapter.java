package io.github.aiobservability.gemini;

import io.github.aiobservability.usage.ReportedUsage;
import io.github.aiobservability.usage.UsageAdapter;

import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.google.genai.metadata.GoogleGenAiUsage;

/**
 * Reads Spring AI's {@link GoogleGenAiUsage}, the usage of its Google GenAI (Gemini and
 * Vertex AI) models, which keeps apart what Gemini bills on top of its two main counts:
 * <ul>
 * <li>{@code thoughtsTokenCount}, the thinking tokens, billed as output on top of
 * {@code candidatesTokenCount} (Spring AI's completion tokens);</li>
 * <li>{@code toolUsePromptTokenCount}, the tokens of tool-use prompts, billed as input on
 * top of {@code promptTokenCount};</li>
 * <li>{@code cachedContentTokenCount}, the cache reads, which Spring AI already reports
 * and Gemini counts inside the prompt ("still the total effective prompt size").</li>
 * </ul>
 * A model set to {@code include-extended-usage-metadata=false} reports a plain usage
 * without these: its thinking and tool-use tokens cannot be told apart and are not
 * counted.
 */
public class GoogleGenAiUsageAdapter implements UsageAdapter {

	@Override
	public boolean read(Usage usage, ReportedUsage report) {
		if (!(usage instanceof GoogleGenAiUsage gemini)) {
			return false;
		}
		report.reasoningOnTopOfCompletion();
		report.reasoning(gemini.getThoughtsTokenCount());
		report.additionalInput(gemini.getToolUsePromptTokenCount());
		return true;
	}

}

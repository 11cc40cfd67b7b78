package io.github.aiobservability.model;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.metadata.Usage;
import org.springframework.util.ClassUtils;

/**
 * Reads what Spring AI's {@link Usage} holds beyond the plain counts: cache reads and
 * writes, and (from the OpenAI SDK's native usage object) reasoning tokens.
 */
final class UsageDetails {

	private static final boolean OPENAI_SDK_PRESENT = ClassUtils
		.isPresent("com.openai.models.completions.CompletionUsage", UsageDetails.class.getClassLoader());

	private UsageDetails() {
	}

	static long cacheRead(Usage usage) {
		return nonNegative(usage.getCacheReadInputTokens());
	}

	static long cacheWrite(Usage usage) {
		return nonNegative(usage.getCacheWriteInputTokens());
	}

	/**
	 * Whether cache tokens come on top of the prompt tokens (Anthropic) rather than
	 * inside them (OpenAI and the OpenAI-compatible providers).
	 */
	static boolean cacheTokensAreAdditional(Usage usage, long promptTokens) {
		Object nativeUsage = usage.getNativeUsage();
		if (nativeUsage != null && nativeUsage.getClass().getName().startsWith("com.anthropic.")) {
			return true;
		}
		return cacheRead(usage) + cacheWrite(usage) > promptTokens;
	}

	static long reasoning(Usage usage) {
		Object nativeUsage = usage.getNativeUsage();
		return (OPENAI_SDK_PRESENT && nativeUsage != null) ? OpenAiNativeUsage.reasoningTokens(nativeUsage) : 0;
	}

	private static long nonNegative(@Nullable Long tokens) {
		return (tokens != null && tokens > 0) ? tokens : 0;
	}

	/**
	 * Kept apart so the OpenAI SDK's classes load only when it is present.
	 */
	private static final class OpenAiNativeUsage {

		static long reasoningTokens(Object nativeUsage) {
			if (nativeUsage instanceof com.openai.models.completions.CompletionUsage usage) {
				return usage.completionTokensDetails().flatMap((details) -> details.reasoningTokens()).orElse(0L);
			}
			return 0;
		}

	}

}

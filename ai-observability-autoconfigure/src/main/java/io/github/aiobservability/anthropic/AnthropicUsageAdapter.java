package io.github.aiobservability.anthropic;

import com.anthropic.models.messages.MessageDeltaUsage;
import io.github.aiobservability.usage.ReportedUsage;
import io.github.aiobservability.usage.UsageAdapter;

import org.springframework.ai.chat.metadata.Usage;

/**
 * Reads the Anthropic SDK's usage, which Spring AI's Anthropic model attaches as native
 * usage ({@code Usage} for a call, {@code MessageDeltaUsage} for a stream's last event):
 * Anthropic counts cache reads and writes on top of its input tokens, not inside them.
 */
public class AnthropicUsageAdapter implements UsageAdapter {

	@Override
	public boolean read(Usage usage, ReportedUsage report) {
		Object nativeUsage = usage.getNativeUsage();
		if (nativeUsage instanceof com.anthropic.models.messages.Usage || nativeUsage instanceof MessageDeltaUsage) {
			report.cacheOnTopOfPrompt();
			return true;
		}
		return false;
	}

}

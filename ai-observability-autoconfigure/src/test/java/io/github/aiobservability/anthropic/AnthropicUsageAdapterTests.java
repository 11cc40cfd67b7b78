package io.github.aiobservability.anthropic;

import java.util.Optional;

import com.anthropic.models.messages.MessageDeltaUsage;
import io.github.aiobservability.metrics.TokenUsage;
import io.github.aiobservability.test.ProviderUsages;
import io.github.aiobservability.usage.ReportedUsage;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.metadata.DefaultUsage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Anthropic SDK's usage as Spring AI's Anthropic model attaches it: a call's
 * {@code Usage}, a stream's last {@code MessageDeltaUsage}.
 */
class AnthropicUsageAdapterTests {

	private final AnthropicUsageAdapter adapter = new AnthropicUsageAdapter();

	private final ReportedUsage report = counts(1000, 50, 300, 200);

	@Test
	void countsTheCacheOfACallOnTopOfItsInputTokens() {
		assertThat(this.adapter.read(ProviderUsages.anthropic(1000, 50, 300, 200), this.report)).isTrue();

		assertThat(this.report.normalise()).isEqualTo(new TokenUsage(1500, 50, false, false, 300, 200, 0));
	}

	@Test
	void countsTheCacheOfAStreamOnTopOfItsInputTokens() {
		MessageDeltaUsage delta = MessageDeltaUsage.builder()
			.inputTokens(Optional.empty())
			.outputTokens(50)
			.cacheReadInputTokens(300L)
			.cacheCreationInputTokens(200L)
			.serverToolUse(Optional.empty())
			.outputTokensDetails(Optional.empty())
			.build();

		assertThat(this.adapter.read(new DefaultUsage(1000, 50, 1050, delta, 300L, 200L), this.report)).isTrue();

		assertThat(this.report.normalise().input()).isEqualTo(1500);
	}

	@Test
	void leavesOtherProvidersUsageAlone() {
		assertThat(this.adapter.read(new DefaultUsage(10, 5, 15, "not Anthropic's", null, null), this.report))
			.isFalse();
	}

	private static ReportedUsage counts(long prompt, long completion, long cacheRead, long cacheWrite) {
		ReportedUsage report = new ReportedUsage();
		report.prompt(prompt);
		report.completion(completion);
		report.cacheRead(cacheRead);
		report.cacheWrite(cacheWrite);
		return report;
	}

}

package io.github.aiobservability.gemini;

import java.util.List;

import io.github.aiobservability.metrics.TokenUsage;
import io.github.aiobservability.test.ProviderUsages;
import io.github.aiobservability.usage.ReportedUsage;
import io.github.aiobservability.usage.UsageReader;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.google.genai.metadata.GoogleGenAiUsage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gemini's usage as Spring AI's Google GenAI model reports it, read the way the starter
 * reads every usage: the generic counts, then this adapter.
 */
class GoogleGenAiUsageAdapterTests {

	private final UsageReader reader = new UsageReader(List.of(new GoogleGenAiUsageAdapter()));

	private final ReportedUsage report = new ReportedUsage();

	@Test
	void countsThinkingAsOutputOnTopOfTheCandidates() {
		this.reader.collect(ProviderUsages.gemini(120, 100, 2000, 0, 0), this.report);

		TokenUsage tokens = this.report.normalise();
		assertThat(tokens.output()).isEqualTo(2100);
		assertThat(tokens.reasoning()).isEqualTo(2000);
		assertThat(tokens.input()).isEqualTo(120);
	}

	@Test
	void countsToolUsePromptTokensAsInputOnTopOfThePromptAndCacheReadsInsideIt() {
		this.reader.collect(ProviderUsages.gemini(1000, 10, 0, 600, 7), this.report);

		TokenUsage tokens = this.report.normalise();
		assertThat(tokens.input()).isEqualTo(1007);
		assertThat(tokens.cacheRead()).isEqualTo(600);
		assertThat(tokens.uncachedInput()).isEqualTo(407);
		assertThat(tokens.output()).isEqualTo(10);
		assertThat(tokens.reasoning()).isZero();
	}

	@Test
	void readsAUsageWithoutTheOptionalCountsAsThePlainCounts() {
		GoogleGenAiUsage usage = GoogleGenAiUsage.from(null);

		assertThat(new GoogleGenAiUsageAdapter().read(usage, this.report)).isTrue();
		assertThat(this.report.normalise()).isEqualTo(TokenUsage.NONE);
	}

	@Test
	void leavesOtherProvidersUsageAlone() {
		assertThat(new GoogleGenAiUsageAdapter().read(new DefaultUsage(10, 5, 15), this.report)).isFalse();
		assertThat(new GoogleGenAiUsageAdapter().read(ProviderUsages.openAi(10, 5, 0, 2), this.report)).isFalse();
	}

}

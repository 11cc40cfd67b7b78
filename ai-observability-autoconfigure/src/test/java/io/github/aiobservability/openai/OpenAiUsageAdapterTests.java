package io.github.aiobservability.openai;

import com.openai.models.completions.CompletionUsage;
import io.github.aiobservability.test.ProviderUsages;
import io.github.aiobservability.usage.ReportedUsage;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.metadata.DefaultUsage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAI SDK's usage as Spring AI's OpenAI model attaches it.
 */
class OpenAiUsageAdapterTests {

	private final OpenAiUsageAdapter adapter = new OpenAiUsageAdapter();

	private final ReportedUsage report = new ReportedUsage();

	@Test
	void readsTheReasoningTokensInsideTheCompletion() {
		this.report.prompt(1000);
		this.report.completion(500);

		assertThat(this.adapter.read(ProviderUsages.openAi(1000, 500, 0, 120), this.report)).isTrue();

		assertThat(this.report.normalise().reasoning()).isEqualTo(120);
		assertThat(this.report.normalise().output()).as("reasoning inside the completion").isEqualTo(500);
	}

	@Test
	void readsAUsageWithoutDetailsAsNoReasoning() {
		CompletionUsage openAi = CompletionUsage.builder().promptTokens(10).completionTokens(5).totalTokens(15).build();

		assertThat(this.adapter.read(new DefaultUsage(10, 5, 15, openAi, null, null), this.report)).isTrue();

		assertThat(this.report.normalise().reasoning()).isZero();
	}

	@Test
	void leavesOtherProvidersUsageAlone() {
		assertThat(this.adapter.read(new DefaultUsage(10, 5, 15, "not OpenAI's", null, null), this.report)).isFalse();
		assertThat(this.adapter.read(new DefaultUsage(10, 5, 15), this.report)).isFalse();
	}

}

package io.github.aiobservability.usage;

import io.github.aiobservability.metrics.TokenUsage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one normalisation of reported counts into the starter's terms.
 */
class ReportedUsageTests {

	private final ReportedUsage report = new ReportedUsage();

	@Test
	void keepsCacheCountsInsideThePromptByDefault() {
		this.report.prompt(1000);
		this.report.completion(500);
		this.report.cacheRead(200);

		assertThat(this.report.normalise()).isEqualTo(new TokenUsage(1000, 500, false, false, 200, 0, 0));
	}

	@Test
	void addsCacheCountsThatTheProviderCountsOnTopOfThePrompt() {
		this.report.prompt(100);
		this.report.completion(50);
		this.report.cacheRead(300);
		this.report.cacheWrite(200);
		this.report.cacheOnTopOfPrompt();

		assertThat(this.report.normalise()).isEqualTo(new TokenUsage(600, 50, false, false, 300, 200, 0));
	}

	@Test
	void takesCacheCountsThatCannotFitInsideThePromptAsOnTop() {
		this.report.prompt(100);
		this.report.cacheRead(300);

		assertThat(this.report.normalise().input()).isEqualTo(400);
	}

	@Test
	void addsReasoningThatTheProviderCountsOnTopOfTheCompletion() {
		this.report.prompt(10);
		this.report.completion(100);
		this.report.reasoning(2000);
		this.report.reasoningOnTopOfCompletion();

		assertThat(this.report.normalise()).isEqualTo(new TokenUsage(10, 2100, false, false, 0, 0, 2000));
	}

	@Test
	void neverCountsMoreReasoningThanOutput() {
		this.report.completion(100);
		this.report.reasoning(150);

		assertThat(this.report.normalise().reasoning()).isEqualTo(100);
	}

	@Test
	void addsInputBilledOnTopOfThePrompt() {
		this.report.prompt(1000);
		this.report.additionalInput(250);

		assertThat(this.report.normalise().input()).isEqualTo(1250);
	}

	@Test
	void keepsTheLastPositiveValueOfEachCount() {
		this.report.prompt(25);
		this.report.completion(1);
		this.report.prompt(0);
		this.report.completion(15);

		assertThat(this.report.normalise()).isEqualTo(TokenUsage.of(25, 15, false, false));
		assertThat(this.report.hasCounts()).isTrue();
		assertThat(this.report.hasCacheCounts()).isFalse();
	}

	@Test
	void hasNoCountsUntilAPromptOrCompletionCountArrives() {
		this.report.cacheRead(10);

		assertThat(this.report.hasCounts()).isFalse();
		assertThat(this.report.hasCacheCounts()).isTrue();
	}

}

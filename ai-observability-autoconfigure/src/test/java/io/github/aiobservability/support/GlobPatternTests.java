package io.github.aiobservability.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class GlobPatternTests {

	@Test
	void matchesWholeNamesWithWildcardsIgnoringCase() {
		GlobPattern pattern = GlobPattern.compile("deepseek-*");

		assertThat(pattern.matches("deepseek-chat")).isTrue();
		assertThat(pattern.matches("DeepSeek-Reasoner")).isTrue();
		assertThat(pattern.matches("my-deepseek-chat")).isFalse();
		assertThat(GlobPattern.compile("gpt-4o-????-??-??").matches("gpt-4o-2024-08-06")).isTrue();
	}

	@Test
	void treatsRegexCharactersLiterally() {
		GlobPattern pattern = GlobPattern.compile("qwen2.5-*");

		assertThat(pattern.matches("qwen2.5-72b")).isTrue();
		assertThat(pattern.matches("qwen2x5-72b")).isFalse();
	}

	@Test
	void rejectsBlankOrMalformedPatterns() {
		assertThatIllegalArgumentException().isThrownBy(() -> GlobPattern.compile(""));
		assertThatIllegalArgumentException().isThrownBy(() -> GlobPattern.compile("gpt 4o"));
		assertThatIllegalArgumentException().isThrownBy(() -> GlobPattern.compile("gpt-[4o]"));
	}

}

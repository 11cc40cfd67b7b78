package io.github.aiobservability.test;

import com.anthropic.errors.RateLimitException;
import org.junit.jupiter.api.Test;

import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

import static io.github.aiobservability.test.FakeAnthropicApplicationTests.API_KEY;
import static io.github.aiobservability.test.FakeAnthropicApplicationTests.CHAT_MODEL;
import static io.github.aiobservability.test.FakeAnthropicApplicationTests.MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A Spring Boot application with both chat starters on the classpath that selects
 * Anthropic's chat model, as {@link FakeAnthropicApplicationTests} documents, calling the
 * {@link FakeAnthropicServer} with the auto-configured client and its default retries.
 */
@SpringBootTest(classes = FakeAnthropicApplicationSmokeTests.Application.class,
		webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = { CHAT_MODEL, API_KEY, MODEL })
class FakeAnthropicApplicationSmokeTests extends FakeAnthropicApplicationTests {

	@Autowired
	private ChatModel chatModel;

	@Autowired
	private ChatClient.Builder chatClientBuilder;

	@Autowired
	private ObjectProvider<OpenAiChatModel> openAiChatModel;

	@Test
	void theApplicationHasOnlyAnthropicsChatModel() {
		assertThat(this.chatModel).isInstanceOf(AnthropicChatModel.class);
		assertThat(this.openAiChatModel.getIfAvailable()).isNull();
	}

	@Test
	void aChatClientCallGetsTheAnswer() {
		assertThat(this.chatClientBuilder.build().prompt().user("hello").call().content())
			.isEqualTo(FakeAnthropicServer.ANSWER);
	}

	@Test
	void theAutoConfiguredClientMakesThreeAttemptsByDefault() {
		assertThatThrownBy(() -> this.chatClientBuilder.build()
			.prompt()
			.user("fault:429")
			.options(AnthropicChatOptions.builder().model("app-smoke-429"))
			.call()
			.content()).isInstanceOf(RateLimitException.class);

		assertThat(server.attempts("app-smoke-429")).extracting(Attempt::retryCount).containsExactly(0, 1, 2);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}

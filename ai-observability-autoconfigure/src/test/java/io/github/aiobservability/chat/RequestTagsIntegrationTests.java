package io.github.aiobservability.chat;

import java.util.List;
import java.util.Map;

import io.github.aiobservability.model.RequestTagContributor;
import io.github.aiobservability.test.FakeOpenAiApplicationTests;
import io.github.aiobservability.test.FakeOpenAiServer;
import io.github.aiobservability.test.PrometheusScrape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static io.github.aiobservability.test.FakeOpenAiApplicationTests.API_KEY;
import static io.github.aiobservability.test.FakeOpenAiApplicationTests.EXPOSE_PROMETHEUS;
import static io.github.aiobservability.test.FakeOpenAiApplicationTests.MODEL;
import static io.github.aiobservability.test.FakeOpenAiApplicationTests.NO_RETRIES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-request tags from ChatClient advisor params and from a
 * {@link RequestTagContributor} bean, with the cap on distinct values, and a provider
 * rule naming the ChatModel bean. Its own application, so that the cap starts empty.
 */
@SpringBootTest(classes = RequestTagsIntegrationTests.Application.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { API_KEY, MODEL, NO_RETRIES, EXPOSE_PROMETHEUS, "ai.observability.request-tags=tenant,feature",
				"ai.observability.max-tag-values=3", "ai.observability.providers[0].name=acme-gateway",
				"ai.observability.providers[0].chat-models=openAiChatModel" })
@ExtendWith(OutputCaptureExtension.class)
class RequestTagsIntegrationTests extends FakeOpenAiApplicationTests {

	@Autowired
	private ChatClient.Builder chatClientBuilder;

	@Autowired
	private ChatModel chatModel;

	@LocalServerPort
	private int port;

	@Test
	void tagsRequestsFromAdvisorParamsAndContributorsUpToTheCap(CapturedOutput output) {
		ChatClient chatClient = this.chatClientBuilder.build();
		for (String tenant : List.of("acme", "globex", "initech", "umbrella", "hooli")) {
			chatClient.prompt().user("hi").advisors((advisors) -> advisors.param("tenant", tenant)).call().content();
		}
		chatClient.prompt().user("hi").call().content();
		this.chatModel.call(new Prompt("direct call, no ChatClient"));

		PrometheusScrape scrape = PrometheusScrape.fetch(this.port);
		String[] success = { "status", "success", "feature", "search", "provider", "acme-gateway" };
		assertThat(scrape.sum("ai_api_requests_total", with(success, "tenant", "acme"))).isEqualTo(1);
		assertThat(scrape.sum("ai_api_requests_total", with(success, "tenant", "initech"))).isEqualTo(1);
		assertThat(scrape.sum("ai_api_requests_total", with(success, "tenant", "other"))).isEqualTo(2);
		assertThat(scrape.sum("ai_api_requests_total", with(success, "tenant", "none"))).isEqualTo(2);
		assertThat(scrape.samples("ai_api_requests_total", "tenant", "hooli")).isEmpty();
		assertThat(scrape.samples("ai_api_requests_total", "tenant", "umbrella")).isEmpty();
		assertThat(output).contains("Label 'tenant' reached its cap of 3 distinct values")
			.contains("Raise ai.observability.max-tag-values if these values are expected.");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		RequestTagContributor featureTag() {
			return (prompt) -> Map.of("feature", "search", "undeclared", "ignored");
		}

	}

}

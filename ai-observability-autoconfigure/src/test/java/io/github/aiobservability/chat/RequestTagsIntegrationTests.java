package io.github.aiobservability.chat;

import java.util.List;
import java.util.Map;

import io.github.aiobservability.test.FakeOpenAiServer;
import io.github.aiobservability.test.PrometheusScrape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-request tags from ChatClient advisor params and from a {@link RequestTagContributor}
 * bean, with the cap on distinct values, and a provider rule naming the ChatModel bean.
 * Its own application, so that the cap starts empty.
 */
@SpringBootTest(classes = RequestTagsIntegrationTests.Application.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.ai.openai.api-key=test-key", "spring.ai.openai.chat.model=gpt-4o-mini",
				"spring.ai.openai.max-retries=0", "management.endpoints.web.exposure.include=prometheus",
				"ai.observability.request-tags=tenant,feature", "ai.observability.max-tag-values=3",
				"ai.observability.providers[0].name=acme-gateway",
				"ai.observability.providers[0].chat-models=openAiChatModel" })
class RequestTagsIntegrationTests {

	private static final FakeOpenAiServer server = FakeOpenAiServer.startOnLoopback();

	@Autowired
	private ChatClient.Builder chatClientBuilder;

	@Autowired
	private ChatModel chatModel;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void openAi(DynamicPropertyRegistry registry) {
		registry.add("spring.ai.openai.base-url", server::baseUrl);
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void tagsRequestsFromAdvisorParamsAndContributorsUpToTheCap() {
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
	}

	private static String[] with(String[] labels, String... more) {
		String[] all = new String[labels.length + more.length];
		System.arraycopy(labels, 0, all, 0, labels.length);
		System.arraycopy(more, 0, all, labels.length, more.length);
		return all;
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

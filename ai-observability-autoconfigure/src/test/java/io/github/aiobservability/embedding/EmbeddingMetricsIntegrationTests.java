package io.github.aiobservability.embedding;

import java.util.List;
import java.util.Map;

import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import io.github.aiobservability.model.RequestTagContributor;
import io.github.aiobservability.test.FakeOpenAiApplicationTests;
import io.github.aiobservability.test.FakeOpenAiServer;
import io.github.aiobservability.test.PrometheusScrape;
import org.junit.jupiter.api.Test;

import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.openai.OpenAiEmbeddingOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static io.github.aiobservability.test.FakeOpenAiApplicationTests.API_KEY;
import static io.github.aiobservability.test.FakeOpenAiApplicationTests.EXPOSE_PROMETHEUS;
import static io.github.aiobservability.test.FakeOpenAiApplicationTests.MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Embedding calls through Spring AI's real OpenAI embedding client, with its default
 * retries, against a fake server reporting known usage.
 */
@SpringBootTest(classes = EmbeddingMetricsIntegrationTests.Application.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { API_KEY, MODEL, EXPOSE_PROMETHEUS, "ai.observability.request-tags=tenant",
				"ai.observability.currency=CNY", "ai.observability.exchange-rates.USD=7",
				"ai.observability.prices[0].model=embed-priced", "ai.observability.prices[0].input=0.02",
				"ai.observability.prices[0].output=0", "ai.observability.prices[0].currency=USD" })
class EmbeddingMetricsIntegrationTests extends FakeOpenAiApplicationTests {

	@Autowired
	private EmbeddingModel embeddingModel;

	@LocalServerPort
	private int port;

	@Test
	void countsEachCallWithItsInputTokensAndCost() {
		for (int i = 0; i < 10; i++) {
			EmbeddingResponse response = embed("embed-priced", "a document", "another document", "a question");
			assertThat(response.getResults()).hasSize(3);
		}

		PrometheusScrape scrape = PrometheusScrape.fetch(this.port);
		String[] labels = { "model", "embed-priced", "provider", "openai", "endpoint", "embedding", "tenant",
				"indexer" };
		assertThat(scrape.sum("ai_api_requests_total", with(labels, "status", "success"))).isEqualTo(10);
		long tokens = 10L * 3 * FakeOpenAiServer.EMBEDDING_TOKENS_PER_INPUT;
		assertThat(scrape.sum("ai_token_usage_input_total", labels)).isEqualTo(tokens);
		assertThat(scrape.sum("ai_api_cost_total", with(labels, "currency", "CNY"))).isCloseTo(tokens * 0.02 / 1e6 * 7,
				within(1e-15));
		assertThat(scrape.sum("ai_api_request_duration_seconds_count", labels)).isEqualTo(10);
		assertThat(scrape.sum("ai_api_attempts_total", "model", "embed-priced", "endpoint", "embedding", "status_code",
				"200", "attempt", "first"))
			.isEqualTo(10);
		assertThat(scrape.sum("ai_token_usage_estimated_total", "model", "embed-priced")).isZero();
	}

	@Test
	void pricesTheCataloguesEmbeddingModels() {
		embed("text-embedding-3-small", "a document", "a question");

		PrometheusScrape scrape = PrometheusScrape.fetch(this.port);
		// 0.02 USD per million input tokens in the catalogue, 7 CNY per USD here.
		assertThat(scrape.sum("ai_api_cost_total", "model", "text-embedding-3-small", "endpoint", "embedding"))
			.isCloseTo(2 * FakeOpenAiServer.EMBEDDING_TOKENS_PER_INPUT * 0.02 / 1e6 * 7, within(1e-15));
		assertThat(scrape.samples("ai_api_unpriced_requests_total", "model", "text-embedding-3-small")).isEmpty();
	}

	@Test
	void registersNoOutputCacheOrReasoningSeriesForEmbeddings() {
		embed("embed-lean", "a document");

		PrometheusScrape scrape = PrometheusScrape.fetch(this.port);
		assertThat(scrape.samples("ai_token_usage_input_total", "model", "embed-lean")).hasSize(1);
		for (String name : List.of("ai_token_usage_output_total", "ai_token_usage_cache_read_total",
				"ai_token_usage_cache_write_total", "ai_token_usage_reasoning_total",
				"ai_api_time_to_first_token_seconds_count")) {
			assertThat(scrape.samples(name, "model", "embed-lean")).as(name).isEmpty();
		}
	}

	@Test
	void classifiesAnExpiredKeyWithoutRetrying() {
		assertThatThrownBy(() -> embed("embed-401", "fault:401")).isInstanceOf(UnauthorizedException.class);

		PrometheusScrape scrape = PrometheusScrape.fetch(this.port);
		assertThat(scrape.sum("ai_api_requests_total", "model", "embed-401", "error_type", "unauthorized"))
			.isEqualTo(1);
		assertThat(scrape.sum("ai_api_attempts_total", "model", "embed-401", "status_code", "401", "error_type",
				"unauthorized"))
			.isEqualTo(1);
		assertThat(scrape.sum("ai_token_usage_input_total", "model", "embed-401")).isZero();
	}

	@Test
	void classifiesRateLimitingAfterTheClientsRetries() {
		assertThatThrownBy(() -> embed("embed-429", "fault:429")).isInstanceOf(RateLimitException.class);

		PrometheusScrape scrape = PrometheusScrape.fetch(this.port);
		assertThat(scrape.sum("ai_api_requests_total", "model", "embed-429", "error_type", "rate_limited"))
			.isEqualTo(1);
		assertThat(scrape.sum("ai_api_attempts_total", "model", "embed-429", "status_code", "429")).isEqualTo(4);
		assertThat(scrape.sum("ai_api_attempts_total", "model", "embed-429", "attempt", "retry")).isEqualTo(3);
	}

	private EmbeddingResponse embed(String model, String... texts) {
		return this.embeddingModel
			.call(new EmbeddingRequest(List.of(texts), OpenAiEmbeddingOptions.builder().model(model).build()));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		RequestTagContributor tenantTag() {
			return (request) -> Map.of("tenant", (request instanceof EmbeddingRequest) ? "indexer" : "chat");
		}

	}

}

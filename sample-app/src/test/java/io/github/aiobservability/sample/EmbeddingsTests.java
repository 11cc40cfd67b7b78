package io.github.aiobservability.sample;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.github.aiobservability.sample.mock.HashedEmbeddings;
import io.github.aiobservability.sample.retrieval.Retriever;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.tokenizer.JTokkitTokenCountEstimator;
import org.springframework.ai.tokenizer.TokenCountEstimator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded provider's {@code /v1/embeddings} in OpenAI's format, Spring AI's real
 * {@code OpenAiEmbeddingModel} against it, and the retrieval flow built on both.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = { "sample.demo-traffic.enabled=false", "sample.mock.faults.rate-limited=0",
				"sample.mock.faults.server-error=0", "sample.mock.faults.unavailable=0", "sample.mock.faults.slow=0",
				"sample.mock.faults.stream-cut=0", "sample.mock.models.gpt-4o-mini.tail-ratio=0" })
class EmbeddingsTests {

	private static final int PORT = TestSocketUtils.findAvailableTcpPort();

	private static final String MODEL = "text-embedding-3-small";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final TokenCountEstimator tokenizer = new JTokkitTokenCountEstimator();

	private final SampleHttp http = new SampleHttp(PORT);

	@Autowired
	private EmbeddingModel embeddingModel;

	@Autowired
	private Retriever retriever;

	@DynamicPropertySource
	static void port(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
	}

	@BeforeEach
	void noFaults() {
		assertThat(this.http.put("/mock/faults", "{}").statusCode()).isEqualTo(200);
	}

	@Test
	void answersEmbeddingsInOpenAisFormat() {
		HttpResponse<String> response = embed("[\"How are calls retried?\",\"Rate limits\"]", "float", null);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("x-ratelimit-remaining-requests")).isPresent();
		JsonNode body = json.readTree(response.body());
		assertThat(body.path("object").asString()).isEqualTo("list");
		assertThat(body.path("model").asString()).isEqualTo(MODEL);
		assertThat(body.path("data")).hasSize(2);
		JsonNode first = body.path("data").get(0);
		assertThat(first.path("object").asString()).isEqualTo("embedding");
		assertThat(first.path("index").asInt()).isZero();
		assertThat(floats(first.path("embedding")))
			.containsExactly(HashedEmbeddings.embed("How are calls retried?", 256));
		assertThat(body.path("data").get(1).path("index").asInt()).isEqualTo(1);
		int tokens = this.tokenizer.estimate("How are calls retried?") + this.tokenizer.estimate("Rate limits");
		assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(tokens);
		assertThat(body.path("usage").path("total_tokens").asInt()).isEqualTo(tokens);
	}

	@Test
	void writesBase64AsLittleEndianFloatsAndHonoursDimensions() {
		HttpResponse<String> response = embed("\"Rate limits\"", "base64", 8);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		String base64 = json.readTree(response.body()).path("data").get(0).path("embedding").asString();
		ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
		float[] vector = new float[bytes.remaining() / Float.BYTES];
		bytes.asFloatBuffer().get(vector);
		assertThat(vector).containsExactly(HashedEmbeddings.embed("Rate limits", 8));
	}

	@Test
	void refusesBadEmbeddingRequestsAsOpenAiDoes() {
		assertInvalid(embed("[]", "float", null), "input");
		assertInvalid(embed("[\"\"]", "float", null), "input");
		assertInvalid(embed("[1, 2]", "float", null), "input");
		assertInvalid(embed("\"text\"", "int8", null), "encoding_format");
		assertInvalid(embed("\"text\"", "float", 0), "dimensions");
		HttpResponse<String> unknown = this.http.post("/mock/v1/embeddings",
				"{\"model\":\"text-embedding-4\",\"input\":\"text\"}");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.body()).contains("model_not_found");
	}

	@Test
	void springAisOpenAiEmbeddingModelGetsTheVectorsAndTheUsage() {
		EmbeddingResponse response = this.embeddingModel.embedForResponse(List.of("first text", "second text"));

		assertThat(response.getResults()).hasSize(2);
		assertThat(response.getResults().get(0).getOutput()).containsExactly(HashedEmbeddings.embed("first text", 256));
		assertThat(response.getResults().get(1).getOutput())
			.containsExactly(HashedEmbeddings.embed("second text", 256));
		assertThat(response.getMetadata().getModel()).isEqualTo(MODEL);
		assertThat(response.getMetadata().getUsage().getPromptTokens())
			.isEqualTo(this.tokenizer.estimate("first text") + this.tokenizer.estimate("second text"));
	}

	@Test
	void eachDemoQuestionRetrievesTheDocumentOnItsTopic() {
		Map<String, String> expected = Map.of("How do I keep LLM costs under control?", "cost-control",
				"Why would a model call return 429?", "rate-limits", "What is time to first token?",
				"time-to-first-token", "Summarise the benefits of prompt caching.", "prompt-caching",
				"Which latency percentile should I alert on?", "latency-percentiles");

		expected
			.forEach((question, id) -> assertThat(this.retriever.nearest(question).id()).as(question).isEqualTo(id));
	}

	@Test
	void aChatWithRetrievalPutsTheNearestDocumentInThePrompt() {
		String question = "Why would a model call return 429?";
		HttpResponse<String> plain = this.http.post("/api/chat",
				"{\"message\":\"" + question + "\",\"tenant\":\"plain-tenant\"}");
		HttpResponse<String> rag = this.http.post("/api/chat",
				"{\"message\":\"" + question + "\",\"rag\":true,\"tenant\":\"rag-tenant\"}");

		assertThat(plain.statusCode()).isEqualTo(200);
		assertThat(plain.body()).doesNotContain("\"source\"");
		assertThat(rag.statusCode()).as(rag.body()).isEqualTo(200);
		JsonNode answer = json.readTree(rag.body());
		assertThat(answer.path("source").asString()).isEqualTo("rate-limits");
		// The system message (its text plus the chat format's 3 tokens) comes on top.
		String system = "Answer with the help of this document:\n\n" + this.retriever.nearest(question).text();
		assertThat(answer.path("usage").path("inputTokens").asLong())
			.isEqualTo(json.readTree(plain.body()).path("usage").path("inputTokens").asLong()
					+ this.tokenizer.estimate(system) + 3);
		// The question's embedding is recorded, and tagged with the tenant by
		// TenantContext.
		assertThat(this.http.metric("ai_api_requests_total", "endpoint=\"embedding\"", "tenant=\"rag-tenant\"",
				"status=\"success\""))
			.isEqualTo(1);
		assertThat(this.http.metric("ai_token_usage_input_total", "endpoint=\"embedding\"", "tenant=\"rag-tenant\""))
			.isEqualTo(this.tokenizer.estimate(question));
		assertThat(this.http.metric("ai_api_cost_total", "endpoint=\"embedding\"", "tenant=\"rag-tenant\""))
			.isPositive();
	}

	@Test
	void streamsAChatWithRetrieval() {
		HttpResponse<String> response = this.http.post("/api/chat/stream",
				"{\"message\":\"What is time to first token?\",\"rag\":true,\"tenant\":\"rag-stream-tenant\"}");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("event:chunk").contains("event:done").doesNotContain("event:error");
	}

	private HttpResponse<String> embed(String input, String format, Integer dimensions) {
		return this.http.post("/mock/v1/embeddings",
				"{\"model\":\"" + MODEL + "\",\"input\":" + input + ",\"encoding_format\":\"" + format + "\""
						+ ((dimensions != null) ? ",\"dimensions\":" + dimensions : "") + "}");
	}

	private static void assertInvalid(HttpResponse<String> response, String param) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		JsonNode error = json.readTree(response.body()).path("error");
		assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
		assertThat(error.path("param").asString()).isEqualTo(param);
	}

	private static float[] floats(JsonNode array) {
		List<Float> values = new ArrayList<>();
		for (JsonNode value : array) {
			values.add(value.floatValue());
		}
		float[] result = new float[values.size()];
		for (int i = 0; i < result.length; i++) {
			result[i] = values.get(i);
		}
		return result;
	}

}

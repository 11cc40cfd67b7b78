package io.github.aiobservability.sample.mock;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * OpenAI's {@code POST /v1/embeddings}, served under {@code /mock/v1} for the models
 * under {@code sample.mock.embedding-models}. The vectors are {@link HashedEmbeddings},
 * as many dimensions as the request's {@code dimensions} or the model's default; they are
 * written as the request's {@code encoding_format} asks: {@code base64} (little-endian
 * 32-bit floats, which the OpenAI Java SDK asks for unless told otherwise) or
 * {@code float}, the default. Usage counts the inputs' tokens with {@link MockUsage}.
 * Requests pass the {@link ProviderGate} as chat requests do.
 */
@RestController
@RequestMapping("/mock/v1")
public class MockEmbeddingsController {

	/** OpenAI's limit on the inputs of one request. */
	static final int MAX_INPUTS = 2048;

	/** Largest {@code dimensions} accepted, that of OpenAI's largest embedding model. */
	static final int MAX_DIMENSIONS = 3072;

	private final MockProviderProperties properties;

	private final ProviderGate gate;

	private final MockUsage usage;

	private final OpenAiResponses responses;

	public MockEmbeddingsController(MockProviderProperties properties, ProviderGate gate, MockUsage usage,
			OpenAiResponses responses) {
		this.properties = properties;
		this.gate = gate;
		this.usage = usage;
		this.responses = responses;
	}

	@PostMapping("/embeddings")
	void embeddings(@RequestBody JsonNode request, HttpServletResponse response) throws IOException {
		String model = request.path("model").asString("");
		MockProviderProperties.EmbeddingModelProfile profile = this.properties.getEmbeddingModels().get(model);
		if (profile == null) {
			this.responses.sendError(response, HttpStatus.NOT_FOUND, "model_not_found",
					"The model '" + model + "' does not exist");
			return;
		}
		List<String> inputs = inputs(request.path("input"));
		if (inputs == null) {
			invalid(response, "input",
					"'input' must be a non-empty string or an array of 1 to " + MAX_INPUTS + " non-empty strings");
			return;
		}
		String format = request.path("encoding_format").asString("float");
		if (!format.equals("float") && !format.equals("base64")) {
			invalid(response, "encoding_format", "'encoding_format' must be 'float' or 'base64'");
			return;
		}
		int dimensions = request.has("dimensions") ? request.path("dimensions").asInt(0) : profile.getDimensions();
		if (dimensions < 1 || dimensions > MAX_DIMENSIONS) {
			invalid(response, "dimensions", "'dimensions' must be from 1 to " + MAX_DIMENSIONS);
			return;
		}
		Map<String, Object> usage = this.usage.embeddingUsage(inputs);
		FaultInjector.Fault fault = this.gate.enter(model, profile.getRateLimit(), MockUsage.totalTokens(usage),
				response);
		if (fault == null) {
			return;
		}
		MockLatency.sleep((fault == FaultInjector.Fault.SLOW) ? this.gate.slowDelayMillis() : latencyMillis(profile));
		List<Map<String, Object>> data = new ArrayList<>();
		for (int i = 0; i < inputs.size(); i++) {
			float[] vector = HashedEmbeddings.embed(inputs.get(i), dimensions);
			Map<String, Object> embedding = new LinkedHashMap<>();
			embedding.put("object", "embedding");
			embedding.put("index", i);
			embedding.put("embedding", format.equals("base64") ? base64(vector) : vector);
			data.add(embedding);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("object", "list");
		body.put("data", data);
		body.put("model", model);
		body.put("usage", usage);
		this.responses.send(response, HttpStatus.OK, body);
	}

	private void invalid(HttpServletResponse response, String param, String message) throws IOException {
		this.responses.sendError(response, HttpStatus.BAD_REQUEST, "invalid_request_error", "invalid_value", message,
				param);
	}

	/**
	 * The texts to embed: a string or an array of strings, none empty.
	 * @return the texts, or {@code null} when the input is not such
	 */
	private static @Nullable List<String> inputs(JsonNode input) {
		List<String> inputs = new ArrayList<>();
		if (input.isString()) {
			inputs.add(input.asString());
		}
		else if (input.isArray()) {
			for (JsonNode item : input) {
				if (!item.isString()) {
					return null;
				}
				inputs.add(item.asString());
			}
		}
		if (inputs.isEmpty() || inputs.size() > MAX_INPUTS || inputs.stream().anyMatch(String::isEmpty)) {
			return null;
		}
		return inputs;
	}

	private static String base64(float[] vector) {
		ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
		bytes.asFloatBuffer().put(vector);
		return Base64.getEncoder().encodeToString(bytes.array());
	}

	private static long latencyMillis(MockProviderProperties.EmbeddingModelProfile profile) {
		return Math.round(profile.getLatency().toMillis() * (0.7 + 0.6 * ThreadLocalRandom.current().nextDouble()));
	}

}

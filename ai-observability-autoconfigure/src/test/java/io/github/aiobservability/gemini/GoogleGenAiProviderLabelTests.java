package io.github.aiobservability.gemini;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.genai.Client;
import io.github.aiobservability.metrics.Endpoint;
import io.github.aiobservability.model.ProviderResolver;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real Google GenAI clients of either service, built without any network traffic.
 */
class GoogleGenAiProviderLabelTests {

	private static final String PROVIDERS = "ai.observability.providers";

	private final ProviderResolver providers = new ProviderResolver(List.of(), PROVIDERS, null, null);

	@Test
	void labelsGeminiApiClientsGemini() {
		GoogleGenAiProviderLabel.apply(this.providers, List.of(geminiApi()), PROVIDERS);

		assertThat(provider()).isEqualTo("gemini");
	}

	@Test
	void labelsVertexAiClientsVertexAi() {
		GoogleGenAiProviderLabel.apply(this.providers, List.of(vertexAi(), vertexAi()), PROVIDERS);

		assertThat(provider()).isEqualTo("vertex_ai");
	}

	@Test
	void keepsGeminiWhenTheClientsAreMixed() {
		GoogleGenAiProviderLabel.apply(this.providers, List.of(geminiApi(), vertexAi()), PROVIDERS);

		assertThat(provider()).isEqualTo("gemini");
	}

	@Test
	void keepsGeminiWithoutAnyClient() {
		GoogleGenAiProviderLabel.apply(this.providers, List.of(), PROVIDERS);

		assertThat(provider()).isEqualTo("gemini");
	}

	private String provider() {
		return this.providers.resolve("google_genai", "gemini-2.5-flash", null, Endpoint.CHAT);
	}

	private static Client geminiApi() {
		return Client.builder().apiKey("test-key").build();
	}

	static Client vertexAi() {
		AccessToken token = new AccessToken("fake-token", Date.from(Instant.now().plusSeconds(3600)));
		return Client.builder()
			.project("test-project")
			.location("us-central1")
			.vertexAI(true)
			.credentials(GoogleCredentials.create(token))
			.build();
	}

}

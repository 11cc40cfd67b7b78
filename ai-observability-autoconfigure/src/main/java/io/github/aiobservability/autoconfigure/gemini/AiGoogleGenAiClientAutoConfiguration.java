package io.github.aiobservability.autoconfigure.gemini;

import java.io.IOException;
import java.io.InputStream;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.genai.Client;
import io.github.aiobservability.autoconfigure.AiObservabilityAutoConfiguration;
import io.github.aiobservability.autoconfigure.AiObservabilityProperties;
import io.github.aiobservability.gemini.GeminiHttpClient;
import okhttp3.OkHttpClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.ai.model.google.genai.autoconfigure.chat.GoogleGenAiConnectionProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Builds the Google GenAI {@link Client} that Spring AI's Google GenAI auto-configuration
 * would build, from the same {@code spring.ai.google.genai.*} properties, on the
 * starter's {@link GeminiHttpClient}: the SDK's HTTP calls, which it retries on its own
 * and which nothing observes, then have every attempt counted, and failed streams end.
 * <p>
 * The SDK offers no way to change the HTTP client of a built {@code Client}, and Spring
 * AI's bean has no customizer; so this bean takes its place, as a user's {@code Client}
 * would ({@code @ConditionalOnMissingBean} on both). An application that defines its own
 * {@code Client} keeps it, and passes {@link GeminiHttpClient#clientOptions()} to have
 * its attempts counted too.
 */
// before: Spring AI's Google GenAI chat auto-configuration backs off its own Client when
// this one exists. after: the GeminiHttpClient and the recorder it needs.
@AutoConfiguration(
		beforeName = "org.springframework.ai.model.google.genai.autoconfigure.chat.GoogleGenAiChatAutoConfiguration",
		after = AiObservabilityAutoConfiguration.class)
@ConditionalOnClass({ Client.class, OkHttpClient.class, GoogleGenAiConnectionProperties.class })
// The same condition as Spring AI's chat auto-configuration: no Client when another chat
// model is chosen.
@ConditionalOnProperty(name = "spring.ai.model.chat", havingValue = "google-genai", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = AiObservabilityProperties.CONFIG_PREFIX + ".enabled", matchIfMissing = true)
@ConditionalOnBean(GeminiHttpClient.class)
public final class AiGoogleGenAiClientAutoConfiguration {

	private static final Log logger = LogFactory.getLog(AiGoogleGenAiClientAutoConfiguration.class);

	/**
	 * Spring AI 2.0.1's {@code GoogleGenAiChatAutoConfiguration.googleGenAiClient}, on
	 * the starter's HTTP client: the Gemini API with an API key, or Vertex AI with a
	 * project and location (and credentials from {@code credentials-uri}, else the
	 * application default ones); the same messages when the configuration is incomplete.
	 * <p>
	 * The properties are bound here, from the environment, not taken as a bean: Spring
	 * AI's {@code CachedContentServiceCondition} asks for its chat model, and so for this
	 * {@code Client}, while the configuration is still being read, when a properties bean
	 * would be created unbound (Spring AI's own {@code Client} fails then, for want of
	 * its properties bean, and is created later; this one is created right the first
	 * time).
	 */
	@Bean
	@ConditionalOnMissingBean
	Client googleGenAiClient(Environment environment, GeminiHttpClient httpClient) throws IOException {
		GoogleGenAiConnectionProperties properties = Binder.get(environment)
			.bindOrCreate(GoogleGenAiConnectionProperties.CONFIG_PREFIX, GoogleGenAiConnectionProperties.class);
		Client.Builder builder = Client.builder().clientOptions(httpClient.clientOptions());
		boolean hasApiKey = StringUtils.hasText(properties.getApiKey());
		boolean hasVertexConfig = StringUtils.hasText(properties.getProjectId())
				&& StringUtils.hasText(properties.getLocation());
		if (hasApiKey && hasVertexConfig && !properties.isVertexAi()) {
			logger.warn("Both API Key and Vertex AI config detected. Defaulting to Gemini Developer API (API Key). "
					+ "To use Vertex AI instead, set 'spring.ai.google.genai.vertex-ai=true'.");
		}
		if (properties.isVertexAi()) {
			if (!hasVertexConfig) {
				throw new IllegalStateException(
						"Vertex AI mode requires both 'project-id' and 'location' to be configured.");
			}
			vertexAi(builder, properties);
		}
		else if (hasApiKey) {
			builder.apiKey(properties.getApiKey());
		}
		else if (hasVertexConfig) {
			vertexAi(builder, properties);
		}
		else {
			throw new IllegalStateException("Incomplete Google GenAI configuration: Provide 'api-key' for Gemini API "
					+ "or 'project-id' and 'location' for Vertex AI.");
		}
		return builder.build();
	}

	private static void vertexAi(Client.Builder builder, GoogleGenAiConnectionProperties properties)
			throws IOException {
		builder.project(properties.getProjectId()).location(properties.getLocation()).vertexAI(true);
		if (properties.getCredentialsUri() != null) {
			try (InputStream credentials = properties.getCredentialsUri().getInputStream()) {
				builder.credentials(GoogleCredentials.fromStream(credentials));
			}
		}
	}

}

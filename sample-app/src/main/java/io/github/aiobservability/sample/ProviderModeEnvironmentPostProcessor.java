package io.github.aiobservability.sample;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Chooses the provider before Spring AI reads its properties: without an API key
 * ({@code OPENAI_API_KEY} or {@code spring.ai.openai.api-key}) the client is pointed at
 * the embedded provider; with one, at {@code OPENAI_BASE_URL} or Spring AI's default,
 * OpenAI. A real key must never be sent to the embedded provider, nor a placeholder key
 * to a real one, which a static default in application.yml could not guarantee.
 * <p>
 * The embedded provider also speaks Gemini's and Ollama's wire formats, and both are on
 * there ({@code sample.providers.gemini.enabled}, {@code sample.providers.ollama.enabled}
 * switch each off). With real keys, Gemini is on when {@code GEMINI_API_KEY} is set and
 * Ollama when {@code OLLAMA_BASE_URL} is.
 */
public class ProviderModeEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Whether the sample runs on its embedded provider; read by {@link SampleMode}. */
	public static final String EMBEDDED_PROPERTY = "sample.embedded-provider";

	static final String PLACEHOLDER_API_KEY = "embedded-provider-needs-no-key";

	private static final String GEMINI = "sample.providers.gemini.";

	private static final String OLLAMA = "sample.providers.ollama.";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String configuredKey = environment.getProperty("spring.ai.openai.api-key");
		String envKey = environment.getProperty("OPENAI_API_KEY");
		Map<String, Object> defaults = new LinkedHashMap<>();
		if (StringUtils.hasText(configuredKey) || StringUtils.hasText(envKey)) {
			defaults.put(EMBEDDED_PROPERTY, false);
			if (!StringUtils.hasText(configuredKey)) {
				defaults.put("spring.ai.openai.api-key", envKey);
			}
			String baseUrl = environment.getProperty("OPENAI_BASE_URL");
			if (StringUtils.hasText(baseUrl)) {
				defaults.put("spring.ai.openai.base-url", baseUrl);
			}
			String geminiKey = environment.getProperty("GEMINI_API_KEY");
			defaults.put(GEMINI + "enabled", StringUtils.hasText(geminiKey));
			if (StringUtils.hasText(geminiKey)) {
				defaults.put(GEMINI + "api-key", geminiKey);
			}
			String ollamaUrl = environment.getProperty("OLLAMA_BASE_URL");
			defaults.put(OLLAMA + "enabled", StringUtils.hasText(ollamaUrl));
			if (StringUtils.hasText(ollamaUrl)) {
				defaults.put("spring.ai.ollama.base-url", ollamaUrl);
			}
		}
		else {
			defaults.put(EMBEDDED_PROPERTY, true);
			defaults.put("spring.ai.openai.api-key", PLACEHOLDER_API_KEY);
			defaults.put("spring.ai.openai.base-url", "http://localhost:${server.port}/mock/v1");
			defaults.put(GEMINI + "enabled", true);
			defaults.put(GEMINI + "api-key", PLACEHOLDER_API_KEY);
			defaults.put(GEMINI + "base-url", "http://localhost:${server.port}/mock/gemini");
			defaults.put(OLLAMA + "enabled", true);
			defaults.put("spring.ai.ollama.base-url", "http://localhost:${server.port}/mock/ollama");
		}
		// Last: anything the user sets explicitly still wins.
		environment.getPropertySources().addLast(new MapPropertySource("sampleProviderMode", defaults));
	}

	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

}

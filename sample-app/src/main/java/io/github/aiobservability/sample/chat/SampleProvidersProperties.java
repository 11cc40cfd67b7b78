package io.github.aiobservability.sample.chat;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The providers the sample calls besides OpenAI's protocol (OpenAI, DeepSeek, Qwen):
 * Google Gemini and Ollama, each switched on or off. On the embedded provider both are on
 * and point at it; with real keys, Gemini is on when {@code GEMINI_API_KEY} is set and
 * Ollama when {@code OLLAMA_BASE_URL} is (see
 * {@code ProviderModeEnvironmentPostProcessor}).
 */
@ConfigurationProperties("sample.providers")
public class SampleProvidersProperties {

	private final Gemini gemini = new Gemini();

	private final Ollama ollama = new Ollama();

	public Gemini getGemini() {
		return this.gemini;
	}

	public Ollama getOllama() {
		return this.ollama;
	}

	/**
	 * Google's Gemini API, through Spring AI's Google GenAI client.
	 */
	public static class Gemini {

		/**
		 * Whether to call Gemini models.
		 */
		private boolean enabled;

		/**
		 * The Gemini API key.
		 */
		private @Nullable String apiKey;

		/**
		 * Base URL of the Gemini API; Google's when unset.
		 */
		private @Nullable String baseUrl;

		/**
		 * The Gemini models requests may name; the first is the default.
		 */
		private List<String> models = new ArrayList<>(List.of("gemini-2.5-flash", "gemini-2.5-pro"));

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getApiKey() {
			return this.apiKey;
		}

		public void setApiKey(@Nullable String apiKey) {
			this.apiKey = apiKey;
		}

		public @Nullable String getBaseUrl() {
			return this.baseUrl;
		}

		public void setBaseUrl(@Nullable String baseUrl) {
			this.baseUrl = baseUrl;
		}

		public List<String> getModels() {
			return this.models;
		}

		public void setModels(List<String> models) {
			this.models = models;
		}

	}

	/**
	 * Ollama, through Spring AI's Ollama client at {@code spring.ai.ollama.base-url}.
	 */
	public static class Ollama {

		/**
		 * Whether to call Ollama models.
		 */
		private boolean enabled;

		/**
		 * The Ollama models requests may name; the first is the default.
		 */
		private List<String> models = new ArrayList<>(List.of("llama3.2"));

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getModels() {
			return this.models;
		}

		public void setModels(List<String> models) {
			this.models = models;
		}

	}

}

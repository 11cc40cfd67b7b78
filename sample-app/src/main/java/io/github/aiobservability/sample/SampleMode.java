package io.github.aiobservability.sample;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Whether the sample talks to its embedded provider (no API key configured) or to a real
 * one.
 */
@Component
public class SampleMode {

	/** The placeholder key application.yml uses when no real key is set. */
	public static final String EMBEDDED_API_KEY = "embedded-provider-needs-no-key";

	private final boolean embedded;

	public SampleMode(Environment environment) {
		String apiKey = environment.getProperty("spring.ai.openai.api-key");
		this.embedded = !StringUtils.hasText(apiKey) || EMBEDDED_API_KEY.equals(apiKey);
	}

	/**
	 * Whether calls go to the embedded provider.
	 * @return true without a real API key
	 */
	public boolean isEmbedded() {
		return this.embedded;
	}

}

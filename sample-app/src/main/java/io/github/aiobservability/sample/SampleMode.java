package io.github.aiobservability.sample;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Whether the sample talks to its embedded provider (no API key configured) or to a real
 * one, as {@link ProviderModeEnvironmentPostProcessor} decided.
 */
@Component
public class SampleMode {

	private final boolean embedded;

	public SampleMode(Environment environment) {
		this.embedded = environment.getProperty(ProviderModeEnvironmentPostProcessor.EMBEDDED_PROPERTY, Boolean.class,
				true);
	}

	/**
	 * Whether calls go to the embedded provider.
	 * @return true without a real API key
	 */
	public boolean isEmbedded() {
		return this.embedded;
	}

}

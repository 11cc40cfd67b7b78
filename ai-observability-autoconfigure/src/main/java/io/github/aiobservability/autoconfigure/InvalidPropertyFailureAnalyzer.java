package io.github.aiobservability.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidPropertyException} in the startup failure report.
 */
class InvalidPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidPropertyException cause) {
		String description = "Invalid value '" + cause.getValue() + "' for property '" + cause.getProperty() + "'.";
		String action = "Update your application's configuration. Allowed for '" + cause.getProperty() + "' is "
				+ cause.getAllowed() + ".";
		return new FailureAnalysis(description, action, cause);
	}

}

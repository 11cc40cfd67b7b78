package io.github.aiobservability.autoconfigure;

import io.github.aiobservability.autoconfigure.cost.AiCostAutoConfiguration;
import io.github.aiobservability.autoconfigure.thresholds.AiThresholdsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A bad value stops a real application's startup with Boot's failure analysis, which
 * names the property, its value, the file and line it was set in, and what is allowed.
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidValueFailureAnalysisTests {

	@Test
	void reportsABadValueWithWhereItWasSetAndWhatIsAllowed(CapturedOutput output) {
		SpringApplication application = new SpringApplication(Application.class);
		application.setWebApplicationType(WebApplicationType.NONE);

		assertThatException().isThrownBy(() -> application.run("--spring.config.name=invalid-threshold"))
			.withRootCauseInstanceOf(InvalidConfigurationPropertyValueException.class);

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value '1.5' for configuration property 'ai.observability.thresholds.error-rate' "
					+ "(originating from 'class path resource [invalid-threshold.properties] - 3:")
			.contains("Allowed is a share from 0 (exclusive) to 1.");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ AiObservabilityAutoConfiguration.class, AiCostAutoConfiguration.class,
			AiThresholdsAutoConfiguration.class })
	static class Application {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}

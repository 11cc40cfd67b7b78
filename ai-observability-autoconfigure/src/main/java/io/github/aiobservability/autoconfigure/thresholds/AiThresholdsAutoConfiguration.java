package io.github.aiobservability.autoconfigure.thresholds;

import io.github.aiobservability.autoconfigure.AiObservabilityProperties;
import io.github.aiobservability.autoconfigure.EnableAiObservabilityProperties;
import io.github.aiobservability.autoconfigure.StaticTags;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Exports the alert thresholds of {@code ai.observability.thresholds} as gauges, and
 * those of {@code ai.observability.thresholds.models} as each matching model label
 * appears: the gauges are a {@link io.github.aiobservability.metrics.ModelLabelListener}
 * of the call meters.
 */
// afterName: CompositeMeterRegistryAutoConfiguration declares the MeterRegistry bean this
// configuration is conditional on.
@AutoConfiguration(
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({ ChatModel.class, MeterRegistry.class })
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = AiObservabilityProperties.CONFIG_PREFIX + ".enabled", matchIfMissing = true)
@EnableAiObservabilityProperties
public final class AiThresholdsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ThresholdGauges aiThresholdGauges(AiObservabilityProperties properties) {
		return new ThresholdGauges(properties.getThresholds(), StaticTags.of(properties));
	}

}

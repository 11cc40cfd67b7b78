package io.github.aiobservability.autoconfigure.slo;

import io.github.aiobservability.autoconfigure.AiObservabilityAutoConfiguration;
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
 * Exports the service level objectives of {@code ai.observability.slos} as gauges per
 * model, as each matching model label appears: the gauges are a
 * {@link io.github.aiobservability.metrics.ModelLabelListener} of the call meters.
 */
// before: the call meters of AiObservabilityAutoConfiguration take the ModelLabelListener
// beans. afterName: CompositeMeterRegistryAutoConfiguration declares the MeterRegistry
// bean this configuration is conditional on.
@AutoConfiguration(before = AiObservabilityAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({ ChatModel.class, MeterRegistry.class })
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = AiObservabilityProperties.CONFIG_PREFIX + ".enabled", matchIfMissing = true)
@EnableAiObservabilityProperties
public final class AiSloAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SloGauges aiSloGauges(AiObservabilityProperties properties) {
		return new SloGauges(properties.getSlos(), StaticTags.of(properties));
	}

}

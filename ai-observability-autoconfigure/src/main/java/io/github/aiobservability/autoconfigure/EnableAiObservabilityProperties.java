package io.github.aiobservability.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Binds {@link AiObservabilityProperties}, as
 * {@code @EnableConfigurationProperties(AiObservabilityProperties.class)} does, and
 * checks every group of it once bound ({@link AiObservabilityPropertiesValidator}). Every
 * auto-configuration that reads the properties carries it, so the checks run whichever of
 * them are on, even where the feature reading a value is off.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@EnableConfigurationProperties(AiObservabilityProperties.class)
@Import(AiObservabilityPropertiesValidator.Registrar.class)
public @interface EnableAiObservabilityProperties {

}

package io.github.aiobservability.autoconfigure;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.aiobservability.autoconfigure.budget.BudgetsPropertiesValidator;
import io.github.aiobservability.autoconfigure.cost.CostPropertiesValidator;
import io.github.aiobservability.autoconfigure.slo.SloPropertiesValidator;
import io.github.aiobservability.autoconfigure.thresholds.ThresholdsPropertiesValidator;
import io.github.aiobservability.metrics.AiMetricLabels;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.type.AnnotationMetadata;

import static io.github.aiobservability.autoconfigure.PropertyChecks.invalid;
import static io.github.aiobservability.autoconfigure.PropertyChecks.requirePattern;

/**
 * Checks {@link AiObservabilityProperties} once bound, so that a typo fails fast with the
 * property's name instead of producing broken or missing series, a wrong cost or a budget
 * that does nothing. It checks the root's own properties and has each group checked by
 * the validator beside it ({@link CostPropertiesValidator},
 * {@link ThresholdsPropertiesValidator}, {@link BudgetsPropertiesValidator}). A value is
 * checked whether or not the feature that reads it is on.
 * <p>
 * Each failure is Boot's {@link InvalidConfigurationPropertyValueException}, whose
 * failure analyzer reports the value, where it was set (file and line) and the reason,
 * which says what is allowed.
 * <p>
 * A bean post-processor, registered once by {@link EnableAiObservabilityProperties}:
 * prioritised after Boot's {@code ConfigurationPropertiesBindingPostProcessor}
 * ({@code HIGHEST_PRECEDENCE + 1}), it sees the properties bound, and as a
 * {@link PriorityOrdered} one it exists before any other post-processor could ask for
 * them.
 */
final class AiObservabilityPropertiesValidator implements BeanPostProcessor, PriorityOrdered {

	/** The name it is registered under, once whichever auto-configurations enable it. */
	static final String BEAN_NAME = AiObservabilityPropertiesValidator.class.getName();

	/** Prometheus label names; a leading double underscore is reserved for Prometheus. */
	private static final Pattern LABEL_NAME = Pattern.compile("(?!__)[a-zA-Z_][a-zA-Z0-9_]*");

	private static final String LABEL_NAME_RULE = "a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*, not starting "
			+ "with __) that is not one of the built-in labels " + AiMetricLabels.RESERVED;

	/**
	 * The highest value of each cardinality cap (max-tag-values, max-models,
	 * max-label-sets).
	 */
	private static final int MAX_CAP = 100_000;

	private static final String PREFIX = AiObservabilityProperties.CONFIG_PREFIX + ".";

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof AiObservabilityProperties properties) {
			validate(properties);
		}
		return bean;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/**
	 * Checks every property, the root's then each group's.
	 * @param properties the bound properties
	 * @throws InvalidConfigurationPropertyValueException naming the first bad value
	 */
	static void validate(AiObservabilityProperties properties) {
		validateTags(properties);
		validateRequestTags(properties);
		validateCap("max-tag-values", properties.getMaxTagValues());
		validateCap("max-models", properties.getMaxModels());
		validateCap("max-label-sets", properties.getMaxLabelSets());
		validateBuckets("latency-buckets", properties.getLatencyBuckets());
		validateBuckets("time-to-first-token-buckets", properties.getTimeToFirstTokenBuckets());
		validateBuckets("time-per-output-token-buckets", properties.getTimePerOutputTokenBuckets());
		validateProviders(properties.getProviders());
		CostPropertiesValidator.validate(properties);
		ThresholdsPropertiesValidator.validate(properties.getThresholds());
		BudgetsPropertiesValidator.validate(properties.getBudgets(), properties.getRequestTags());
		SloPropertiesValidator.validate(properties.getSlos(), properties.getLatencyBuckets(),
				properties.getTimeToFirstTokenBuckets());
	}

	private static void validateTags(AiObservabilityProperties properties) {
		for (Map.Entry<String, String> tag : properties.getTags().entrySet()) {
			String property = PREFIX + "tags." + tag.getKey();
			requireLabelName(property, tag.getKey());
			if (tag.getValue() == null || tag.getValue().isBlank()) {
				throw invalid(property, tag.getValue(), "a non-blank tag value");
			}
		}
	}

	private static void validateRequestTags(AiObservabilityProperties properties) {
		Set<String> seen = new HashSet<>();
		List<String> requestTags = properties.getRequestTags();
		for (int i = 0; i < requestTags.size(); i++) {
			String property = PREFIX + "request-tags[" + i + "]";
			String key = requestTags.get(i);
			requireLabelName(property, key);
			if (properties.getTags().containsKey(key)) {
				throw invalid(property, key, "a key that is not also a static tag (" + PREFIX + "tags." + key + ")");
			}
			if (!seen.add(key)) {
				throw invalid(property, key, "a key listed only once");
			}
		}
	}

	private static void validateCap(String name, int cap) {
		if (cap < 1 || cap > MAX_CAP) {
			throw invalid(PREFIX + name, cap, "a whole number from 1 to " + MAX_CAP);
		}
	}

	private static void requireLabelName(String property, @Nullable String name) {
		if (name == null || !LABEL_NAME.matcher(name).matches() || AiMetricLabels.RESERVED.contains(name)) {
			throw invalid(property, name, LABEL_NAME_RULE);
		}
	}

	private static void validateBuckets(String name, @Nullable List<Duration> buckets) {
		String rule = "a non-empty list of positive, strictly increasing durations such as 100ms, 1s, 5s";
		if (buckets == null || buckets.isEmpty()) {
			throw invalid(PREFIX + name, "[]", rule);
		}
		Duration previous = Duration.ZERO;
		for (int i = 0; i < buckets.size(); i++) {
			Duration bucket = buckets.get(i);
			if (bucket == null || bucket.compareTo(previous) <= 0) {
				throw invalid(PREFIX + name + "[" + i + "]", bucket, rule);
			}
			previous = bucket;
		}
	}

	private static void validateProviders(List<ProviderProperties> providers) {
		for (int i = 0; i < providers.size(); i++) {
			ProviderProperties provider = providers.get(i);
			String property = PREFIX + "providers[" + i + "]";
			PropertyChecks.requireProviderName(property + ".name", provider.getName());
			if (provider.getModels().isEmpty() && provider.getBaseUrls().isEmpty()
					&& provider.getChatModels().isEmpty()) {
				throw invalid(property, provider.getName(),
						"a rule with at least one entry in models, base-urls or chat-models");
			}
			requirePatterns(property + ".models", provider.getModels());
			requirePatterns(property + ".base-urls", provider.getBaseUrls());
		}
	}

	private static void requirePatterns(String property, List<String> patterns) {
		for (int i = 0; i < patterns.size(); i++) {
			requirePattern(property + "[" + i + "]", patterns.get(i), "");
		}
	}

	/**
	 * Registers the validator once, however many auto-configurations import it.
	 */
	static class Registrar implements ImportBeanDefinitionRegistrar {

		@Override
		public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
			if (!registry.containsBeanDefinition(BEAN_NAME)) {
				RootBeanDefinition definition = new RootBeanDefinition(AiObservabilityPropertiesValidator.class);
				definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
				registry.registerBeanDefinition(BEAN_NAME, definition);
			}
		}

	}

}

package io.github.aiobservability.autoconfigure;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.aiobservability.metrics.AiMetricLabels;
import io.github.aiobservability.support.GlobPattern;

/**
 * Checks {@link AiObservabilityProperties} at startup, so that a typo fails fast with the
 * property's name instead of producing broken or missing series later.
 */
final class AiObservabilityPropertiesValidator {

	/** Prometheus label names; a leading double underscore is reserved for Prometheus. */
	private static final Pattern LABEL_NAME = Pattern.compile("(?!__)[a-zA-Z_][a-zA-Z0-9_]*");

	private static final String LABEL_NAME_RULE = "a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*, not starting "
			+ "with __) that is not one of the built-in labels " + AiMetricLabels.RESERVED;

	static final int MAX_TAG_VALUES_LIMIT = 100_000;

	private static final String PREFIX = AiObservabilityProperties.CONFIG_PREFIX + ".";

	private final AiObservabilityProperties properties;

	AiObservabilityPropertiesValidator(AiObservabilityProperties properties) {
		this.properties = properties;
	}

	void validate() {
		validateTags();
		validateRequestTags();
		validateCap("max-tag-values", this.properties.getMaxTagValues());
		validateCap("max-models", this.properties.getMaxModels());
		validateCap("max-label-sets", this.properties.getMaxLabelSets());
		validateBuckets("latency-buckets", this.properties.getLatencyBuckets());
		validateBuckets("time-to-first-token-buckets", this.properties.getTimeToFirstTokenBuckets());
		validateProviders();
	}

	private void validateTags() {
		for (Map.Entry<String, String> tag : this.properties.getTags().entrySet()) {
			String property = PREFIX + "tags." + tag.getKey();
			requireLabelName(property, tag.getKey());
			if (tag.getValue() == null || tag.getValue().isBlank()) {
				throw new InvalidPropertyException(property, tag.getValue(), "a non-blank tag value");
			}
		}
	}

	private void validateRequestTags() {
		Set<String> seen = new HashSet<>();
		List<String> requestTags = this.properties.getRequestTags();
		for (int i = 0; i < requestTags.size(); i++) {
			String property = PREFIX + "request-tags[" + i + "]";
			String key = requestTags.get(i);
			requireLabelName(property, key);
			if (this.properties.getTags().containsKey(key)) {
				throw new InvalidPropertyException(property, key,
						"a key that is not also a static tag (" + PREFIX + "tags." + key + ")");
			}
			if (!seen.add(key)) {
				throw new InvalidPropertyException(property, key, "a key listed only once");
			}
		}
	}

	private static void validateCap(String name, int cap) {
		if (cap < 1 || cap > MAX_TAG_VALUES_LIMIT) {
			throw new InvalidPropertyException(PREFIX + name, cap, "a whole number from 1 to " + MAX_TAG_VALUES_LIMIT);
		}
	}

	private static void requireLabelName(String property, String name) {
		if (name == null || !LABEL_NAME.matcher(name).matches() || AiMetricLabels.RESERVED.contains(name)) {
			throw new InvalidPropertyException(property, name, LABEL_NAME_RULE);
		}
	}

	private static void validateBuckets(String name, List<Duration> buckets) {
		String rule = "a non-empty list of positive, strictly increasing durations such as 100ms, 1s, 5s";
		if (buckets == null || buckets.isEmpty()) {
			throw new InvalidPropertyException(PREFIX + name, "[]", rule);
		}
		Duration previous = Duration.ZERO;
		for (int i = 0; i < buckets.size(); i++) {
			Duration bucket = buckets.get(i);
			if (bucket == null || bucket.compareTo(previous) <= 0) {
				throw new InvalidPropertyException(PREFIX + name + "[" + i + "]", bucket, rule);
			}
			previous = bucket;
		}
	}

	private void validateProviders() {
		List<AiObservabilityProperties.Provider> providers = this.properties.getProviders();
		for (int i = 0; i < providers.size(); i++) {
			AiObservabilityProperties.Provider provider = providers.get(i);
			String property = PREFIX + "providers[" + i + "]";
			if (provider.getName() == null || !provider.getName().matches("[a-z0-9][a-z0-9_.-]*")) {
				throw new InvalidPropertyException(property + ".name", provider.getName(),
						"a lower-case provider name such as deepseek, qwen or ollama");
			}
			if (provider.getModels().isEmpty() && provider.getBaseUrls().isEmpty()
					&& provider.getChatModels().isEmpty()) {
				throw new InvalidPropertyException(property, provider.getName(),
						"a rule with at least one entry in models, base-urls or chat-models");
			}
			requirePatterns(property + ".models", provider.getModels());
			requirePatterns(property + ".base-urls", provider.getBaseUrls());
		}
	}

	private static void requirePatterns(String property, List<String> patterns) {
		for (int i = 0; i < patterns.size(); i++) {
			try {
				GlobPattern.compile(patterns.get(i));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidPropertyException(property + "[" + i + "]", patterns.get(i), ex.getMessage());
			}
		}
	}

}

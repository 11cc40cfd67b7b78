package io.github.aiobservability.autoconfigure;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.aiobservability.budget.BudgetAction;
import io.github.aiobservability.cost.PriceListLocation;
import io.github.aiobservability.metrics.AiMetricLabels;
import io.github.aiobservability.support.GlobPattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Checks {@link AiObservabilityProperties} once bound, every group the same way, so that
 * a typo fails fast with the property's name instead of producing broken or missing
 * series, a wrong cost or a budget that does nothing. A value is checked whether or not
 * the feature that reads it is on.
 * <p>
 * Each failure is Boot's {@link InvalidConfigurationPropertyValueException}, whose
 * failure analyzer reports the value, where it was set (file and line) and the reason,
 * which says what is allowed.
 */
final class AiObservabilityPropertiesValidator {

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

	/** A provider label, as provider rules set it and models report it. */
	private static final String PROVIDER_NAME = "[a-z0-9][a-z0-9_.-]*";

	private static final String PROVIDER_NAME_RULE = "a lower-case provider name such as deepseek, qwen or ollama";

	private static final String CURRENCY_RULE = "an ISO 4217 currency code such as CNY, USD or EUR";

	private static final String PRICE_RULE = "a price per million tokens, 0 or more";

	private static final String SHARE_RULE = "a share from 0 (exclusive) to 1";

	/** Shown where a value is required and none is set. */
	private static final String UNSET = "(unset)";

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
		Currency currency = currency(PREFIX + "currency", this.properties.getCurrency());
		validateExchangeRates(currency);
		validatePrices();
		validateLocalProviders();
		validatePriceCatalogue();
		validateThresholds();
		validateBudgets();
	}

	/**
	 * The failure of a value, in the form every check of the starter uses.
	 * @param name the property's full name, with the index of a list element
	 * @param value the value
	 * @param allowed what the property allows, completing "Allowed is ..."
	 * @return the exception to throw
	 */
	private static InvalidConfigurationPropertyValueException invalid(String name, @Nullable Object value,
			String allowed) {
		return new InvalidConfigurationPropertyValueException(name, value, "Allowed is " + allowed + ".");
	}

	private void validateTags() {
		for (Map.Entry<String, String> tag : this.properties.getTags().entrySet()) {
			String property = PREFIX + "tags." + tag.getKey();
			requireLabelName(property, tag.getKey());
			if (tag.getValue() == null || tag.getValue().isBlank()) {
				throw invalid(property, tag.getValue(), "a non-blank tag value");
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

	private void validateLocalProviders() {
		List<String> providers = this.properties.getLocalProviders();
		for (int i = 0; i < providers.size(); i++) {
			String provider = providers.get(i);
			if (provider == null || !provider.matches(PROVIDER_NAME)) {
				throw invalid(PREFIX + "local-providers[" + i + "]", provider, PROVIDER_NAME_RULE);
			}
		}
	}

	private void validateProviders() {
		List<AiObservabilityProperties.Provider> providers = this.properties.getProviders();
		for (int i = 0; i < providers.size(); i++) {
			AiObservabilityProperties.Provider provider = providers.get(i);
			String property = PREFIX + "providers[" + i + "]";
			if (provider.getName() == null || !provider.getName().matches(PROVIDER_NAME)) {
				throw invalid(property + ".name", provider.getName(), PROVIDER_NAME_RULE);
			}
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

	private static void requirePattern(String property, @Nullable String pattern, String kind) {
		try {
			GlobPattern.compile(pattern);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(property, pattern, kind + ex.getMessage());
		}
	}

	private void validateExchangeRates(Currency target) {
		for (Map.Entry<String, BigDecimal> rate : this.properties.getExchangeRates().entrySet()) {
			String property = PREFIX + "exchange-rates." + rate.getKey();
			Currency currency = currency(property, rate.getKey());
			if (rate.getValue() == null || rate.getValue().signum() <= 0) {
				throw invalid(property, rate.getValue(), "a positive number: the value of one "
						+ currency.getCurrencyCode() + " in " + target.getCurrencyCode());
			}
		}
	}

	private void validatePrices() {
		List<AiObservabilityProperties.Price> prices = this.properties.getPrices();
		for (int i = 0; i < prices.size(); i++) {
			String property = PREFIX + "prices[" + i + "]";
			AiObservabilityProperties.Price price = prices.get(i);
			requirePattern(property + ".model", price.getModel(), "a model name or pattern: ");
			requirePrice(property + ".input", price.getInput());
			requirePrice(property + ".output", price.getOutput());
			optionalPrice(property + ".cache-read", price.getCacheRead());
			optionalPrice(property + ".cache-write", price.getCacheWrite());
			optionalPrice(property + ".reasoning", price.getReasoning());
			if (price.getCurrency() != null) {
				currency(property + ".currency", price.getCurrency());
			}
		}
	}

	private static void requirePrice(String property, @Nullable BigDecimal price) {
		if (price == null) {
			throw invalid(property, UNSET, PRICE_RULE);
		}
		optionalPrice(property, price);
	}

	private static void optionalPrice(String property, @Nullable BigDecimal price) {
		if (price != null && price.signum() < 0) {
			throw invalid(property, price, PRICE_RULE);
		}
	}

	private static Currency currency(String property, @Nullable String code) {
		try {
			if (code == null || !code.matches("[A-Z]{3}")) {
				throw new IllegalArgumentException(code);
			}
			return Currency.getInstance(code);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(property, code, CURRENCY_RULE);
		}
	}

	private void validatePriceCatalogue() {
		AiObservabilityProperties.PriceCatalogue catalogue = this.properties.getPriceCatalogue();
		String property = PREFIX + "price-catalogue.";
		if (catalogue.getLocation() != null) {
			String location = catalogue.getLocation().strip();
			try {
				PriceListLocation.of(location);
			}
			catch (IllegalArgumentException ex) {
				throw invalid(property + "location", location, ex.getMessage());
			}
		}
		positive(property + "refresh-interval", catalogue.getRefreshInterval(), "6h or 30s");
		positive(property + "timeout", catalogue.getTimeout(), "6h or 30s");
	}

	private static void positive(String property, @Nullable Duration duration, String examples) {
		if (duration != null && (duration.isNegative() || duration.isZero())) {
			throw invalid(property, duration, "a positive duration such as " + examples);
		}
	}

	private void validateThresholds() {
		AiObservabilityProperties.Thresholds thresholds = this.properties.getThresholds();
		String property = PREFIX + "thresholds.";
		share(property + "error-rate", thresholds.getErrorRate());
		positive(property + "latency-p99", thresholds.getLatencyP99(), "10s");
		positive(property + "time-to-first-token-p95", thresholds.getTimeToFirstTokenP95(), "3s");
		positive(property + "daily-cost-warning", thresholds.getDailyCostWarning(), "a positive amount");
		double critical = thresholds.getDailyCostCritical();
		if (!(critical >= thresholds.getDailyCostWarning() && critical <= Double.MAX_VALUE)) {
			throw invalid(property + "daily-cost-critical", critical,
					"an amount at least daily-cost-warning (" + thresholds.getDailyCostWarning() + ")");
		}
		positive(property + "monthly-cost", thresholds.getMonthlyCost(), "a positive amount");
		positive(property + "input-tokens-per-minute", thresholds.getInputTokensPerMinute(),
				"a positive number of tokens");
		positive(property + "rate-limited-per-minute", thresholds.getRateLimitedPerMinute(),
				"a positive number of responses");
		positive(property + "requests-per-second", thresholds.getRequestsPerSecond(), "a positive rate");
		share(property + "rate-limit-headroom", thresholds.getRateLimitHeadroom());
		positive(property + "retries-per-request", thresholds.getRetriesPerRequest(),
				"a positive number of retries per call");
		List<AiObservabilityProperties.Thresholds.ModelThresholds> models = thresholds.getModels();
		for (int i = 0; i < models.size(); i++) {
			validateModelThresholds(property + "models[" + i + "]", models.get(i));
		}
	}

	private static void validateModelThresholds(String property,
			AiObservabilityProperties.Thresholds.ModelThresholds entry) {
		requirePattern(property + ".model", entry.getModel(), "a model name or pattern: ");
		if (entry.getLatencyP99() == null && entry.getTimeToFirstTokenP95() == null && entry.getErrorRate() == null
				&& entry.getRateLimitHeadroom() == null) {
			throw invalid(property, entry.getModel(), "an entry that sets at least one of latency-p99, "
					+ "time-to-first-token-p95, error-rate and rate-limit-headroom");
		}
		if (entry.getErrorRate() != null) {
			share(property + ".error-rate", entry.getErrorRate());
		}
		positive(property + ".latency-p99", entry.getLatencyP99(), "60s");
		positive(property + ".time-to-first-token-p95", entry.getTimeToFirstTokenP95(), "20s");
		if (entry.getRateLimitHeadroom() != null) {
			share(property + ".rate-limit-headroom", entry.getRateLimitHeadroom());
		}
	}

	private static void share(String property, double value) {
		if (!(value > 0 && value <= 1)) {
			throw invalid(property, value, SHARE_RULE);
		}
	}

	private static void positive(String property, double value, String allowed) {
		if (!(value > 0 && value <= Double.MAX_VALUE)) {
			throw invalid(property, value, allowed);
		}
	}

	private void validateBudgets() {
		AiObservabilityProperties.Budgets budgets = this.properties.getBudgets();
		String property = PREFIX + "budgets.";
		List<AiObservabilityProperties.Budgets.Limit> limits = budgets.getLimits();
		Set<String> names = new HashSet<>();
		for (int i = 0; i < limits.size(); i++) {
			validateLimit(property + "limits[" + i + "]", limits.get(i), names);
		}
		positive(property + "redis-timeout", budgets.getRedisTimeout(), "250ms");
	}

	private void validateLimit(String property, AiObservabilityProperties.Budgets.Limit limit, Set<String> names) {
		String name = limit.getName();
		if (name == null || !name.matches("[A-Za-z0-9_.-]+") || !names.add(name)) {
			throw invalid(property + ".name", name, "a unique name of letters, digits, '_', '.' or '-'");
		}
		List<String> requestTags = this.properties.getRequestTags();
		if (limit.getTag() != null && !requestTags.contains(limit.getTag())) {
			throw invalid(property + ".tag", limit.getTag(),
					"one of " + PREFIX + "request-tags " + requestTags + ", or unset for the whole application");
		}
		amount(property + ".limit", limit.getLimit());
		limit.getOverrides().forEach((value, override) -> {
			String overrideProperty = property + ".overrides." + value;
			if (limit.getTag() == null) {
				throw invalid(overrideProperty, override,
						"no override: the budget has no tag, so it has no values to override");
			}
			amount(overrideProperty, override);
		});
		String fallbackModel = limit.getFallbackModel();
		boolean fallback = limit.getAction() == BudgetAction.FALLBACK;
		if (fallback && (fallbackModel == null || fallbackModel.isBlank())) {
			throw invalid(property + ".fallback-model", UNSET,
					"the name of the model calls go to once the budget is spent, as action is fallback");
		}
		if (!fallback && fallbackModel != null) {
			throw invalid(property + ".fallback-model", fallbackModel,
					"unset, as action is " + limit.getAction().label() + ", not fallback");
		}
	}

	private static void amount(String property, @Nullable BigDecimal amount) {
		if (amount == null || amount.signum() < 0) {
			throw invalid(property, (amount != null) ? amount : UNSET,
					"an amount of 0 or more in " + PREFIX + "currency");
		}
	}

}

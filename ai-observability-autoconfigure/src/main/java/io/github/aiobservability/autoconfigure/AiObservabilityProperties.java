package io.github.aiobservability.autoconfigure;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.aiobservability.budget.BudgetAction;
import io.github.aiobservability.budget.BudgetPeriod;
import io.micrometer.core.instrument.Tags;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the AI observability starter: every {@code ai.observability.*}
 * property, the groups ({@code price-catalogue}, {@code thresholds}, {@code budgets}) as
 * nested classes. Values are checked once bound, so that a typo stops startup with the
 * property's name instead of producing broken or missing series later.
 */
@ConfigurationProperties(AiObservabilityProperties.CONFIG_PREFIX)
public class AiObservabilityProperties implements InitializingBean {

	/** The prefix of every property. */
	public static final String CONFIG_PREFIX = "ai.observability";

	/** The cap on distinct values of each request tag, named when it is reached. */
	public static final String MAX_TAG_VALUES = CONFIG_PREFIX + ".max-tag-values";

	/** The cap on distinct model labels, named when it is reached. */
	public static final String MAX_MODELS = CONFIG_PREFIX + ".max-models";

	/** The cap on distinct label sets, named when it is reached. */
	public static final String MAX_LABEL_SETS = CONFIG_PREFIX + ".max-label-sets";

	/** The configured prices, named when a model has none. */
	public static final String PRICES = CONFIG_PREFIX + ".prices";

	/** The provider rules, named when one cannot be applied. */
	public static final String PROVIDERS = CONFIG_PREFIX + ".providers";

	/** The providers whose models cost nothing per token. */
	public static final String LOCAL_PROVIDERS = CONFIG_PREFIX + ".local-providers";

	/**
	 * Whether to record metrics of AI chat and embedding calls.
	 */
	private boolean enabled = true;

	/**
	 * Tags added to every ai_* meter, by tag name, for example application: checkout.
	 */
	private Map<String, String> tags = new LinkedHashMap<>();

	/**
	 * Keys of per-request tags, such as tenant or feature. A value comes from a
	 * ChatClient advisor param of the same key or from a RequestTagContributor bean; a
	 * call without one records 'none'.
	 */
	private List<String> requestTags = new ArrayList<>();

	/**
	 * Maximum number of distinct values of each request tag. Further values are recorded
	 * as 'other'.
	 */
	private int maxTagValues = 100;

	/**
	 * Maximum number of distinct values of the model label. Further models are recorded
	 * as 'other'.
	 */
	private int maxModels = 100;

	/**
	 * Maximum number of distinct label sets (model, provider, endpoint and request tag
	 * values) of the per-call meters. Further combinations keep their model and record
	 * their request tags as 'other', adding at most one such set per model, provider and
	 * endpoint. Each label set is about 30 lines of a scrape.
	 */
	private int maxLabelSets = 1000;

	/**
	 * Bucket boundaries of the ai_api_request_duration_seconds histogram, increasing.
	 */
	private List<Duration> latencyBuckets = new ArrayList<>(
			List.of(Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
					Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20),
					Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120)));

	/**
	 * Whether to add the advisor that measures time to first token to the auto-configured
	 * ChatClient.Builder. It also keeps the cache-read and reasoning tokens of ChatClient
	 * streams, which Spring AI's stream aggregation drops: without it, those streams
	 * record no time to first token and no cache-read or reasoning tokens (their cached
	 * input is priced as uncached), except Anthropic's cache counts, read from the stream
	 * itself. Spring AI aggregates the chunks of a ChatClient stream once more for each
	 * advisor, about 400 B per chunk for this one; turn it off where streaming throughput
	 * matters more than these. The advisor stays a bean for ChatClients built by hand.
	 */
	private boolean timeToFirstTokenEnabled = true;

	/**
	 * Bucket boundaries of the ai_api_time_to_first_token_seconds histogram, increasing.
	 */
	private List<Duration> timeToFirstTokenBuckets = new ArrayList<>(
			List.of(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
					Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(5),
					Duration.ofSeconds(10), Duration.ofSeconds(30)));

	/**
	 * Rules that set the provider label of calls by model name, base URL or ChatModel
	 * bean, for OpenAI-compatible clients pointed at another provider. The first matching
	 * rule wins.
	 */
	private List<Provider> providers = new ArrayList<>();

	/**
	 * ISO 4217 code of the currency every cost is recorded in.
	 */
	private String currency = "CNY";

	/**
	 * Value of one unit of another currency in the configured currency, by ISO 4217 code,
	 * for example USD: 7.1 when the currency is CNY. Currencies without an entry are
	 * converted at the price catalogue's dated reference rates.
	 */
	private Map<String, BigDecimal> exchangeRates = new LinkedHashMap<>();

	/**
	 * Prices per model. They win over the built-in catalogue's.
	 */
	private List<Price> prices = new ArrayList<>();

	/**
	 * Provider labels of models that run on your own hardware and cost nothing per token:
	 * their calls record a cost of 0 (not unpriced) unless a price in prices names the
	 * model. Set it empty to count their calls as unpriced.
	 */
	private List<String> localProviders = new ArrayList<>(List.of("ollama"));

	/**
	 * The price catalogue: the bundled one and a price list read at runtime.
	 */
	private final PriceCatalogue priceCatalogue = new PriceCatalogue();

	/**
	 * Alert thresholds, exported as ai_api_threshold gauges that the shipped alert rules
	 * compare against.
	 */
	private final Thresholds thresholds = new Thresholds();

	/**
	 * Spending budgets.
	 */
	private final Budgets budgets = new Budgets();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Map<String, String> getTags() {
		return this.tags;
	}

	public void setTags(Map<String, String> tags) {
		this.tags = tags;
	}

	public List<String> getRequestTags() {
		return this.requestTags;
	}

	public void setRequestTags(List<String> requestTags) {
		this.requestTags = requestTags;
	}

	public int getMaxTagValues() {
		return this.maxTagValues;
	}

	public void setMaxTagValues(int maxTagValues) {
		this.maxTagValues = maxTagValues;
	}

	public int getMaxModels() {
		return this.maxModels;
	}

	public void setMaxModels(int maxModels) {
		this.maxModels = maxModels;
	}

	public int getMaxLabelSets() {
		return this.maxLabelSets;
	}

	public void setMaxLabelSets(int maxLabelSets) {
		this.maxLabelSets = maxLabelSets;
	}

	public List<Duration> getLatencyBuckets() {
		return this.latencyBuckets;
	}

	public void setLatencyBuckets(List<Duration> latencyBuckets) {
		this.latencyBuckets = latencyBuckets;
	}

	public boolean isTimeToFirstTokenEnabled() {
		return this.timeToFirstTokenEnabled;
	}

	public void setTimeToFirstTokenEnabled(boolean timeToFirstTokenEnabled) {
		this.timeToFirstTokenEnabled = timeToFirstTokenEnabled;
	}

	public List<Duration> getTimeToFirstTokenBuckets() {
		return this.timeToFirstTokenBuckets;
	}

	public void setTimeToFirstTokenBuckets(List<Duration> timeToFirstTokenBuckets) {
		this.timeToFirstTokenBuckets = timeToFirstTokenBuckets;
	}

	public List<Provider> getProviders() {
		return this.providers;
	}

	public void setProviders(List<Provider> providers) {
		this.providers = providers;
	}

	public String getCurrency() {
		return this.currency;
	}

	public void setCurrency(String currency) {
		this.currency = currency;
	}

	public Map<String, BigDecimal> getExchangeRates() {
		return this.exchangeRates;
	}

	public void setExchangeRates(Map<String, BigDecimal> exchangeRates) {
		this.exchangeRates = exchangeRates;
	}

	public List<Price> getPrices() {
		return this.prices;
	}

	public void setPrices(List<Price> prices) {
		this.prices = prices;
	}

	public List<String> getLocalProviders() {
		return this.localProviders;
	}

	public void setLocalProviders(List<String> localProviders) {
		this.localProviders = localProviders;
	}

	public PriceCatalogue getPriceCatalogue() {
		return this.priceCatalogue;
	}

	public Thresholds getThresholds() {
		return this.thresholds;
	}

	public Budgets getBudgets() {
		return this.budgets;
	}

	/**
	 * The static tags as Micrometer tags.
	 * @return the tags of every ai_* meter
	 */
	public Tags staticTags() {
		Tags tags = Tags.empty();
		for (Map.Entry<String, String> tag : this.tags.entrySet()) {
			tags = tags.and(tag.getKey(), tag.getValue());
		}
		return tags;
	}

	@Override
	public void afterPropertiesSet() {
		new AiObservabilityPropertiesValidator(this).validate();
	}

	/**
	 * A rule for the provider label.
	 */
	public static class Provider {

		/**
		 * Provider label of the calls this rule matches, for example deepseek.
		 */
		private String name = "";

		/**
		 * Model name patterns, '*' matching any characters, for example deepseek-*.
		 */
		private List<String> models = new ArrayList<>();

		/**
		 * Base URL patterns, '*' matching any characters, for example *api.deepseek.com*.
		 */
		private List<String> baseUrls = new ArrayList<>();

		/**
		 * Names of ChatModel beans whose calls get this provider, recognised by the base
		 * URL of each bean's default options.
		 */
		private List<String> chatModels = new ArrayList<>();

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public List<String> getModels() {
			return this.models;
		}

		public void setModels(List<String> models) {
			this.models = models;
		}

		public List<String> getBaseUrls() {
			return this.baseUrls;
		}

		public void setBaseUrls(List<String> baseUrls) {
			this.baseUrls = baseUrls;
		}

		public List<String> getChatModels() {
			return this.chatModels;
		}

		public void setChatModels(List<String> chatModels) {
			this.chatModels = chatModels;
		}

	}

	/**
	 * The price of a model, per million tokens.
	 */
	public static class Price {

		/**
		 * Model name, or a pattern with '*' for any characters and '?' for one.
		 */
		private String model = "";

		/**
		 * Price of a million uncached input tokens.
		 */
		private @Nullable BigDecimal input;

		/**
		 * Price of a million output tokens, reasoning tokens included.
		 */
		private @Nullable BigDecimal output;

		/**
		 * Price of a million input tokens read from the prompt cache; unset charges them
		 * as input.
		 */
		private @Nullable BigDecimal cacheRead;

		/**
		 * Price of a million input tokens written to the prompt cache; unset charges them
		 * as input.
		 */
		private @Nullable BigDecimal cacheWrite;

		/**
		 * Price of a million reasoning tokens where billed apart from the rest of the
		 * output; unset charges them as output.
		 */
		private @Nullable BigDecimal reasoning;

		/**
		 * ISO 4217 code of the currency of these prices; unset means the configured
		 * currency.
		 */
		private @Nullable String currency;

		public String getModel() {
			return this.model;
		}

		public void setModel(String model) {
			this.model = model;
		}

		public @Nullable BigDecimal getInput() {
			return this.input;
		}

		public void setInput(@Nullable BigDecimal input) {
			this.input = input;
		}

		public @Nullable BigDecimal getOutput() {
			return this.output;
		}

		public void setOutput(@Nullable BigDecimal output) {
			this.output = output;
		}

		public @Nullable BigDecimal getCacheRead() {
			return this.cacheRead;
		}

		public void setCacheRead(@Nullable BigDecimal cacheRead) {
			this.cacheRead = cacheRead;
		}

		public @Nullable BigDecimal getCacheWrite() {
			return this.cacheWrite;
		}

		public void setCacheWrite(@Nullable BigDecimal cacheWrite) {
			this.cacheWrite = cacheWrite;
		}

		public @Nullable BigDecimal getReasoning() {
			return this.reasoning;
		}

		public void setReasoning(@Nullable BigDecimal reasoning) {
			this.reasoning = reasoning;
		}

		public @Nullable String getCurrency() {
			return this.currency;
		}

		public void setCurrency(@Nullable String currency) {
			this.currency = currency;
		}

	}

	/**
	 * The price catalogue: the one bundled in the jar, and a maintained price list read
	 * at runtime.
	 */
	public static class PriceCatalogue {

		/**
		 * Whether to price models from catalogues: the bundled one and the price list at
		 * location. When off, only ai.observability.prices are used.
		 */
		private boolean enabled = true;

		/**
		 * Where to read a price list from, in LiteLLM's
		 * model_prices_and_context_window.json format or the bundled catalogue's:
		 * classpath:, file:, http: or https:. Its prices win over the bundled
		 * catalogue's, ai.observability.prices win over both.
		 */
		private @Nullable String location;

		/**
		 * How often to read the price list again. Unset: every 6 hours for http: and
		 * https: locations, never for classpath: and file:.
		 */
		private @Nullable Duration refreshInterval;

		/**
		 * How long one read of a price list over the network may take, connecting
		 * included.
		 */
		private Duration timeout = Duration.ofSeconds(30);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getLocation() {
			return this.location;
		}

		public void setLocation(@Nullable String location) {
			this.location = location;
		}

		public @Nullable Duration getRefreshInterval() {
			return this.refreshInterval;
		}

		public void setRefreshInterval(@Nullable Duration refreshInterval) {
			this.refreshInterval = refreshInterval;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * Alert thresholds. They are exported as {@code ai_api_threshold} gauges, which the
	 * shipped alert rules compare against, so changing one here changes when the alert
	 * fires without editing a rule file. Costs are in the configured currency.
	 */
	public static class Thresholds {

		/**
		 * Share of failed requests, over 5 minutes, above which the error-rate alert
		 * fires, from 0 (exclusive) to 1.
		 */
		private double errorRate = 0.05;

		/**
		 * 99th percentile latency above which the latency alert fires.
		 */
		private Duration latencyP99 = Duration.ofSeconds(10);

		/**
		 * 95th percentile time to first token above which the streaming alert fires.
		 */
		private Duration timeToFirstTokenP95 = Duration.ofSeconds(3);

		/**
		 * Cost of the last 24 hours above which a warning fires.
		 */
		private double dailyCostWarning = 500;

		/**
		 * Cost of the last 24 hours above which a critical alert fires; at least the
		 * warning threshold.
		 */
		private double dailyCostCritical = 1000;

		/**
		 * Cost of the last 30 days above which an alert fires.
		 */
		private double monthlyCost = 15000;

		/**
		 * Input tokens in one minute above which a possible-abuse alert fires.
		 */
		private long inputTokensPerMinute = 1_000_000;

		/**
		 * Rate-limited (429) responses per minute above which an alert fires.
		 */
		private double rateLimitedPerMinute = 10;

		/**
		 * Requests per second above which a capacity notice fires.
		 */
		private double requestsPerSecond = 100;

		/**
		 * Share of a provider rate limit (requests or tokens) left, below which the
		 * headroom alert fires after 5 minutes, from 0 (exclusive) to 1.
		 */
		private double rateLimitHeadroom = 0.1;

		/**
		 * Retries per model round-trip (HTTP attempts the client retried after a 429, 5xx
		 * or timeout, over calls), above which the retry alert fires.
		 */
		private double retriesPerRequest = 0.1;

		/**
		 * Thresholds of some models, for models slower or less reliable than the rest by
		 * design (a reasoning model taking a minute). The first entry whose model matches
		 * applies; a threshold it does not set is the application's.
		 */
		private List<ModelThresholds> models = new ArrayList<>();

		public double getErrorRate() {
			return this.errorRate;
		}

		public void setErrorRate(double errorRate) {
			this.errorRate = errorRate;
		}

		public Duration getLatencyP99() {
			return this.latencyP99;
		}

		public void setLatencyP99(Duration latencyP99) {
			this.latencyP99 = latencyP99;
		}

		public Duration getTimeToFirstTokenP95() {
			return this.timeToFirstTokenP95;
		}

		public void setTimeToFirstTokenP95(Duration timeToFirstTokenP95) {
			this.timeToFirstTokenP95 = timeToFirstTokenP95;
		}

		public double getDailyCostWarning() {
			return this.dailyCostWarning;
		}

		public void setDailyCostWarning(double dailyCostWarning) {
			this.dailyCostWarning = dailyCostWarning;
		}

		public double getDailyCostCritical() {
			return this.dailyCostCritical;
		}

		public void setDailyCostCritical(double dailyCostCritical) {
			this.dailyCostCritical = dailyCostCritical;
		}

		public double getMonthlyCost() {
			return this.monthlyCost;
		}

		public void setMonthlyCost(double monthlyCost) {
			this.monthlyCost = monthlyCost;
		}

		public long getInputTokensPerMinute() {
			return this.inputTokensPerMinute;
		}

		public void setInputTokensPerMinute(long inputTokensPerMinute) {
			this.inputTokensPerMinute = inputTokensPerMinute;
		}

		public double getRateLimitedPerMinute() {
			return this.rateLimitedPerMinute;
		}

		public void setRateLimitedPerMinute(double rateLimitedPerMinute) {
			this.rateLimitedPerMinute = rateLimitedPerMinute;
		}

		public double getRequestsPerSecond() {
			return this.requestsPerSecond;
		}

		public void setRequestsPerSecond(double requestsPerSecond) {
			this.requestsPerSecond = requestsPerSecond;
		}

		public double getRateLimitHeadroom() {
			return this.rateLimitHeadroom;
		}

		public void setRateLimitHeadroom(double rateLimitHeadroom) {
			this.rateLimitHeadroom = rateLimitHeadroom;
		}

		public double getRetriesPerRequest() {
			return this.retriesPerRequest;
		}

		public void setRetriesPerRequest(double retriesPerRequest) {
			this.retriesPerRequest = retriesPerRequest;
		}

		public List<ModelThresholds> getModels() {
			return this.models;
		}

		public void setModels(List<ModelThresholds> models) {
			this.models = models;
		}

		/**
		 * The thresholds of the models an entry matches. Each one left unset is the
		 * application's.
		 */
		public static class ModelThresholds {

			/**
			 * Model name, or a pattern with '*' for any characters and '?' for one, for
			 * example o3-* or deepseek-reasoner.
			 */
			private String model = "";

			/**
			 * 99th percentile latency above which the latency alert fires for these
			 * models.
			 */
			private @Nullable Duration latencyP99;

			/**
			 * 95th percentile time to first token above which the streaming alert fires
			 * for these models.
			 */
			private @Nullable Duration timeToFirstTokenP95;

			/**
			 * Share of failed requests, over 5 minutes, above which the error-rate alert
			 * fires for these models, from 0 (exclusive) to 1.
			 */
			private @Nullable Double errorRate;

			/**
			 * Share of a provider rate limit left, below which the headroom alert fires
			 * for these models, from 0 (exclusive) to 1.
			 */
			private @Nullable Double rateLimitHeadroom;

			public String getModel() {
				return this.model;
			}

			public void setModel(String model) {
				this.model = model;
			}

			public @Nullable Duration getLatencyP99() {
				return this.latencyP99;
			}

			public void setLatencyP99(@Nullable Duration latencyP99) {
				this.latencyP99 = latencyP99;
			}

			public @Nullable Duration getTimeToFirstTokenP95() {
				return this.timeToFirstTokenP95;
			}

			public void setTimeToFirstTokenP95(@Nullable Duration timeToFirstTokenP95) {
				this.timeToFirstTokenP95 = timeToFirstTokenP95;
			}

			public @Nullable Double getErrorRate() {
				return this.errorRate;
			}

			public void setErrorRate(@Nullable Double errorRate) {
				this.errorRate = errorRate;
			}

			public @Nullable Double getRateLimitHeadroom() {
				return this.rateLimitHeadroom;
			}

			public void setRateLimitHeadroom(@Nullable Double rateLimitHeadroom) {
				this.rateLimitHeadroom = rateLimitHeadroom;
			}

		}

	}

	/**
	 * Spending budgets: limits per period for the whole application or per request tag
	 * value, and what happens to calls once one is spent.
	 */
	public static class Budgets {

		/**
		 * The budgets.
		 */
		private List<Limit> limits = new ArrayList<>();

		/**
		 * Time zone whose midnight starts a budget's day or month.
		 */
		private ZoneId zone = ZoneOffset.UTC;

		/**
		 * Where spend is kept: memory (each instance its own) or redis (shared by every
		 * instance; needs Spring Data Redis and a Redis connection).
		 */
		private Store store = Store.MEMORY;

		/**
		 * Start of every Redis key. The braces make it a Redis Cluster hash tag, so one
		 * application's keys share a node.
		 */
		private String keyPrefix = "{ai-observability}:budget:";

		/**
		 * How long one Redis operation may take before the store counts it as failed and
		 * goes on without it.
		 */
		private Duration redisTimeout = Duration.ofMillis(250);

		public List<Limit> getLimits() {
			return this.limits;
		}

		public void setLimits(List<Limit> limits) {
			this.limits = limits;
		}

		public ZoneId getZone() {
			return this.zone;
		}

		public void setZone(ZoneId zone) {
			this.zone = zone;
		}

		public Store getStore() {
			return this.store;
		}

		public void setStore(Store store) {
			this.store = store;
		}

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		public Duration getRedisTimeout() {
			return this.redisTimeout;
		}

		public void setRedisTimeout(Duration redisTimeout) {
			this.redisTimeout = redisTimeout;
		}

		/**
		 * Where spend is kept.
		 */
		public enum Store {

			/** In this instance's memory. */
			MEMORY,

			/** In Redis, shared by every instance. */
			REDIS

		}

		/**
		 * One budget.
		 */
		public static class Limit {

			/**
			 * Name of the budget, its 'budget' label.
			 */
			private String name = "";

			/**
			 * Request tag (one of ai.observability.request-tags) whose every value has a
			 * budget of its own; unset for one budget for the whole application.
			 */
			private @Nullable String tag;

			/**
			 * Spend allowed per period, in ai.observability.currency.
			 */
			private @Nullable BigDecimal limit;

			/**
			 * How long spend accumulates: day or month.
			 */
			private BudgetPeriod period = BudgetPeriod.DAY;

			/**
			 * Limits of particular tag values, for example acme: 2000.
			 */
			private Map<String, BigDecimal> overrides = new LinkedHashMap<>();

			/**
			 * What happens to a ChatClient call once the limit is reached: alert (the
			 * call goes on and is counted), reject (refused with BudgetExceededException)
			 * or fallback (sent to fallback-model).
			 */
			private BudgetAction action = BudgetAction.ALERT;

			/**
			 * Model calls are sent to once the limit is reached, with action fallback.
			 */
			private @Nullable String fallbackModel;

			public String getName() {
				return this.name;
			}

			public void setName(String name) {
				this.name = name;
			}

			public @Nullable String getTag() {
				return this.tag;
			}

			public void setTag(@Nullable String tag) {
				this.tag = tag;
			}

			public @Nullable BigDecimal getLimit() {
				return this.limit;
			}

			public void setLimit(@Nullable BigDecimal limit) {
				this.limit = limit;
			}

			public BudgetPeriod getPeriod() {
				return this.period;
			}

			public void setPeriod(BudgetPeriod period) {
				this.period = period;
			}

			public Map<String, BigDecimal> getOverrides() {
				return this.overrides;
			}

			public void setOverrides(Map<String, BigDecimal> overrides) {
				this.overrides = overrides;
			}

			public BudgetAction getAction() {
				return this.action;
			}

			public void setAction(BudgetAction action) {
				this.action = action;
			}

			public @Nullable String getFallbackModel() {
				return this.fallbackModel;
			}

			public void setFallbackModel(@Nullable String fallbackModel) {
				this.fallbackModel = fallbackModel;
			}

		}

	}

}

package io.github.aiobservability.autoconfigure;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.aiobservability.autoconfigure.budget.BudgetsProperties;
import io.github.aiobservability.autoconfigure.cost.PriceCatalogueProperties;
import io.github.aiobservability.autoconfigure.cost.PriceProperties;
import io.github.aiobservability.autoconfigure.slo.SloProperties;
import io.github.aiobservability.autoconfigure.thresholds.ThresholdsProperties;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Configuration of the AI observability starter: the one root of every
 * {@code ai.observability.*} property. The small properties are here; the big groups are
 * classes of their own beside the code they configure, held as nested properties
 * ({@link PriceCatalogueProperties}, {@link ThresholdsProperties},
 * {@link BudgetsProperties}), as Spring Boot's {@code ServerProperties} holds
 * {@code Compression} and {@code Ssl}.
 * <p>
 * Data only: {@link EnableAiObservabilityProperties} binds it and has
 * {@link AiObservabilityPropertiesValidator} check every group once bound, so that a typo
 * stops startup with the property's name instead of producing broken or missing series
 * later.
 */
@ConfigurationProperties(AiObservabilityProperties.CONFIG_PREFIX)
public class AiObservabilityProperties {

	/** The prefix of every property. */
	public static final String CONFIG_PREFIX = "ai.observability";

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
	 * Whether to add the advisor that times ChatClient streams from their chunks to the
	 * auto-configured ChatClient.Builder. Streams whose bytes the starter reads off the
	 * wire (OpenAI and OpenAI-compatible providers, Anthropic) get their time to first
	 * token, time per output token and full usage either way; the advisor gives them to
	 * the ChatClient streams of other providers. Spring AI aggregates the chunks of a
	 * ChatClient stream once more for each advisor, about 400 B per chunk for this one;
	 * turn it off where all streams are read off the wire or streaming throughput matters
	 * more. The advisor stays a bean for ChatClients built by hand.
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
	 * Bucket boundaries of the ai_api_time_per_output_token_seconds histogram,
	 * increasing: by default the OpenTelemetry GenAI semantic conventions' advice for
	 * gen_ai.server.time_per_output_token.
	 */
	private List<Duration> timePerOutputTokenBuckets = new ArrayList<>(List.of(Duration.ofMillis(10),
			Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(75), Duration.ofMillis(100),
			Duration.ofMillis(150), Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofMillis(400),
			Duration.ofMillis(500), Duration.ofMillis(750), Duration.ofSeconds(1), Duration.ofMillis(2500)));

	/**
	 * Rules that set the provider label of calls by model name, base URL or ChatModel
	 * bean, for OpenAI-compatible clients pointed at another provider. The first matching
	 * rule wins.
	 */
	private List<ProviderProperties> providers = new ArrayList<>();

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
	private List<PriceProperties> prices = new ArrayList<>();

	/**
	 * Provider labels of models that run on your own hardware and cost nothing per token:
	 * their calls record a cost of 0 (not unpriced) unless a price in prices names the
	 * model. Set it empty to count their calls as unpriced.
	 */
	private List<String> localProviders = new ArrayList<>(List.of("ollama"));

	/**
	 * The price catalogue: the bundled one and a price list read at runtime.
	 */
	@NestedConfigurationProperty
	private final PriceCatalogueProperties priceCatalogue = new PriceCatalogueProperties();

	/**
	 * Alert thresholds, exported as ai_api_threshold gauges that the shipped alert rules
	 * compare against.
	 */
	@NestedConfigurationProperty
	private final ThresholdsProperties thresholds = new ThresholdsProperties();

	/**
	 * Spending budgets.
	 */
	@NestedConfigurationProperty
	private final BudgetsProperties budgets = new BudgetsProperties();

	/**
	 * Service level objectives, each exported per model as ai_api_slo_objective and
	 * related gauges, which the shipped rules turn into error-budget burn-rate alerts.
	 */
	private List<SloProperties> slos = new ArrayList<>();

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

	public List<Duration> getTimePerOutputTokenBuckets() {
		return this.timePerOutputTokenBuckets;
	}

	public void setTimePerOutputTokenBuckets(List<Duration> timePerOutputTokenBuckets) {
		this.timePerOutputTokenBuckets = timePerOutputTokenBuckets;
	}

	public List<ProviderProperties> getProviders() {
		return this.providers;
	}

	public void setProviders(List<ProviderProperties> providers) {
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

	public List<PriceProperties> getPrices() {
		return this.prices;
	}

	public void setPrices(List<PriceProperties> prices) {
		this.prices = prices;
	}

	public List<String> getLocalProviders() {
		return this.localProviders;
	}

	public void setLocalProviders(List<String> localProviders) {
		this.localProviders = localProviders;
	}

	public PriceCatalogueProperties getPriceCatalogue() {
		return this.priceCatalogue;
	}

	public ThresholdsProperties getThresholds() {
		return this.thresholds;
	}

	public BudgetsProperties getBudgets() {
		return this.budgets;
	}

	public List<SloProperties> getSlos() {
		return this.slos;
	}

	public void setSlos(List<SloProperties> slos) {
		this.slos = slos;
	}

}

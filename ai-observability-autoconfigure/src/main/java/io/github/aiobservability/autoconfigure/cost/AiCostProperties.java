package io.github.aiobservability.autoconfigure.cost;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.aiobservability.autoconfigure.AiObservabilityProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of what AI calls cost.
 */
@ConfigurationProperties(AiObservabilityProperties.CONFIG_PREFIX)
public class AiCostProperties {

	/**
	 * ISO 4217 code of the currency every cost is recorded in.
	 */
	private String currency = "CNY";

	/**
	 * Value of one unit of another currency in the configured currency, by ISO 4217
	 * code, for example USD: 7.1 when the currency is CNY. Currencies without an entry
	 * are converted at the price catalogue's dated reference rates.
	 */
	private Map<String, BigDecimal> exchangeRates = new LinkedHashMap<>();

	/**
	 * Prices per model. They win over the built-in catalogue's.
	 */
	private List<Price> prices = new ArrayList<>();

	private final PriceCatalogue priceCatalogue = new PriceCatalogue();

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

	public PriceCatalogue getPriceCatalogue() {
		return this.priceCatalogue;
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

}

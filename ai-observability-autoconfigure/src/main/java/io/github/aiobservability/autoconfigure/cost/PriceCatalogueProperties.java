package io.github.aiobservability.autoconfigure.cost;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The price catalogue ({@code ai.observability.price-catalogue}): the one bundled in the
 * jar, and a maintained price list read at runtime.
 */
public class PriceCatalogueProperties {

	/**
	 * Whether to price models from catalogues: the bundled one and the price list at
	 * location. When off, only ai.observability.prices are used.
	 */
	private boolean enabled = true;

	/**
	 * Where to read a price list from, in LiteLLM's model_prices_and_context_window.json
	 * format or the bundled catalogue's: classpath:, file:, http: or https:. Its prices
	 * win over the bundled catalogue's, ai.observability.prices win over both.
	 */
	private @Nullable String location;

	/**
	 * How often to read the price list again. Unset: every 6 hours for http: and https:
	 * locations, never for classpath: and file:.
	 */
	private @Nullable Duration refreshInterval;

	/**
	 * How long one read of a price list over the network may take, connecting included.
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

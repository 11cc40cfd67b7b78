package io.github.aiobservability.cost;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.github.aiobservability.support.GlobPattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds the price of a model. The user's prices are searched first, then the zero of a
 * local provider ({@link LocalProviders}), then the price list loaded from
 * {@code ai.observability.price-catalogue.location}, then the bundled catalogue; in each:
 * the exact name, then the name without a date snapshot suffix ({@code gpt-4o-2024-08-06}
 * is priced as {@code gpt-4o}) or {@code -latest}, then patterns in order. When several
 * providers sell a model under one name, the price of the call's {@code provider} is
 * taken, or the first listed when none is its.
 * <p>
 * The loaded list can be replaced while calls are priced; {@link #version()} tells
 * callers that cache prices when it was.
 */
public class PriceResolver {

	private static final Pattern SNAPSHOT_SUFFIX = Pattern.compile("-(\\d{4}-\\d{2}-\\d{2}|\\d{8}|latest)$");

	private final Source configured;

	private volatile Source loaded = new Source(List.of());

	private final Source bundled;

	private final LocalProviders localProviders;

	private volatile int version;

	/**
	 * Creates a resolver.
	 * @param configured the user's prices, in configuration order
	 * @param bundled the bundled catalogue's prices, empty when the catalogue is off
	 */
	public PriceResolver(List<ModelPrice> configured, List<ModelPrice> bundled) {
		this(configured, bundled, LocalProviders.NONE);
	}

	/**
	 * Creates a resolver that prices the models of local providers at zero, unless the
	 * user's prices name them.
	 * @param configured the user's prices, in configuration order
	 * @param bundled the bundled catalogue's prices, empty when the catalogue is off
	 * @param localProviders the providers whose models cost nothing per token
	 */
	public PriceResolver(List<ModelPrice> configured, List<ModelPrice> bundled, LocalProviders localProviders) {
		this.configured = new Source(configured);
		this.bundled = new Source(bundled);
		this.localProviders = localProviders;
	}

	/**
	 * Replaces the prices loaded from a price list, all at once.
	 * @param prices the new list's prices
	 */
	public synchronized void useLoaded(List<ModelPrice> prices) {
		this.loaded = new Source(prices);
		this.version++;
	}

	/**
	 * Changes each time the loaded prices are replaced.
	 * @return a number that differs from the last one read after a replacement
	 */
	public int version() {
		return this.version;
	}

	/**
	 * The price of a model.
	 * @param model the model name the call used
	 * @param provider the call's {@code provider} label, {@code null} when unknown
	 * @return its price, or empty when it has none
	 */
	public Optional<ModelPrice> find(String model, @Nullable String provider) {
		String name = model.toLowerCase(Locale.ROOT);
		String undated = SNAPSHOT_SUFFIX.matcher(name).replaceFirst("");
		ModelPrice price = this.configured.find(name, undated, provider);
		if (price == null) {
			price = this.localProviders.price(model, provider);
		}
		if (price == null) {
			price = this.loaded.find(name, undated, provider);
		}
		if (price == null) {
			price = this.bundled.find(name, undated, provider);
		}
		return Optional.ofNullable(price);
	}

	/**
	 * The prices of one origin, indexed for lookup.
	 */
	private static final class Source {

		private final Map<String, List<ModelPrice>> exact = new HashMap<>();

		private final List<Map.Entry<GlobPattern, ModelPrice>> patterns = new ArrayList<>();

		Source(List<ModelPrice> prices) {
			for (ModelPrice price : prices) {
				GlobPattern pattern = price.pattern();
				if (pattern != null) {
					this.patterns.add(Map.entry(pattern, price));
				}
				else {
					this.exact.computeIfAbsent(price.model().toLowerCase(Locale.ROOT), (name) -> new ArrayList<>(1))
						.add(price);
				}
			}
		}

		@Nullable ModelPrice find(String model, String undated, @Nullable String provider) {
			List<ModelPrice> sellers = this.exact.get(model);
			if (sellers == null) {
				sellers = this.exact.get(undated);
			}
			if (sellers != null) {
				return sellerOf(sellers, provider);
			}
			for (Map.Entry<GlobPattern, ModelPrice> pattern : this.patterns) {
				if (pattern.getKey().matches(model)) {
					return pattern.getValue();
				}
			}
			return null;
		}

		private static ModelPrice sellerOf(List<ModelPrice> sellers, @Nullable String provider) {
			if (sellers.size() > 1 && provider != null) {
				for (ModelPrice seller : sellers) {
					if (provider.equals(seller.provider())) {
						return seller;
					}
				}
			}
			return sellers.get(0);
		}

	}

}

package io.github.aiobservability.cost;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.github.aiobservability.support.GlobPattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds the price of a model. The user's prices are searched before the catalogue's, and
 * in each: the exact name, then the name without a date snapshot suffix
 * ({@code gpt-4o-2024-08-06} is priced as {@code gpt-4o}) or {@code -latest}, then
 * patterns in order.
 */
public class PriceResolver {

	private static final Pattern SNAPSHOT_SUFFIX = Pattern
		.compile("-(\\d{4}-\\d{2}-\\d{2}|\\d{8}|latest)$");

	private final List<Source> sources;

	/**
	 * Creates a resolver.
	 * @param configured the user's prices, in configuration order
	 * @param catalogue the built-in prices, empty when the catalogue is off
	 */
	public PriceResolver(List<ModelPrice> configured, List<ModelPrice> catalogue) {
		this.sources = List.of(new Source(configured), new Source(catalogue));
	}

	/**
	 * The price of a model.
	 * @param model the model name the call used
	 * @return its price, or empty when it has none
	 */
	public Optional<ModelPrice> find(String model) {
		String name = model.toLowerCase(Locale.ROOT);
		String undated = SNAPSHOT_SUFFIX.matcher(name).replaceFirst("");
		for (Source source : this.sources) {
			ModelPrice price = source.find(name, undated);
			if (price != null) {
				return Optional.of(price);
			}
		}
		return Optional.empty();
	}

	/**
	 * The prices of one origin, indexed for lookup.
	 */
	private static final class Source {

		private final Map<String, ModelPrice> exact = new ConcurrentHashMap<>();

		private final List<Map.Entry<GlobPattern, ModelPrice>> patterns = new ArrayList<>();

		Source(List<ModelPrice> prices) {
			for (ModelPrice price : prices) {
				GlobPattern pattern = price.pattern();
				if (pattern != null) {
					this.patterns.add(Map.entry(pattern, price));
				}
				else {
					this.exact.putIfAbsent(price.model().toLowerCase(Locale.ROOT), price);
				}
			}
		}

		@Nullable ModelPrice find(String model, String undated) {
			ModelPrice price = this.exact.get(model);
			if (price == null) {
				price = this.exact.get(undated);
			}
			if (price == null) {
				for (Map.Entry<GlobPattern, ModelPrice> pattern : this.patterns) {
					if (pattern.getKey().matches(model)) {
						return pattern.getValue();
					}
				}
			}
			return price;
		}

	}

}

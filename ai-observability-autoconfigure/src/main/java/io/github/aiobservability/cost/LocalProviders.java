package io.github.aiobservability.cost;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Providers whose models run on the application's own hardware, such as Ollama: a token
 * costs nothing, so their calls are priced at zero rather than counted as unpriced, which
 * would warn and fire the unpriced-model alert for every local model. A price configured
 * for one of their models still wins: someone who wants to charge their own hardware per
 * token can.
 */
public final class LocalProviders {

	/** No provider is local. */
	public static final LocalProviders NONE = new LocalProviders(Set.of(), Currency.getInstance("USD"), "none");

	private static final List<PriceTier> FREE = List
		.of(new PriceTier(null, BigDecimal.ZERO, BigDecimal.ZERO, null, null));

	private final Set<String> providers;

	private final Currency currency;

	private final String origin;

	/**
	 * Creates the set.
	 * @param providers their {@code provider} labels
	 * @param currency the currency the zero is in, that of the recorded costs
	 * @param origin where the set is configured, for the price's origin
	 */
	public LocalProviders(Set<String> providers, Currency currency, String origin) {
		this.providers = Set.copyOf(providers);
		this.currency = currency;
		this.origin = origin;
	}

	/**
	 * The price of a model of a local provider.
	 * @param model the model name
	 * @param provider the call's {@code provider} label, {@code null} when unknown
	 * @return a price of zero, or {@code null} when the provider is not local
	 */
	@Nullable ModelPrice price(String model, @Nullable String provider) {
		if (provider == null || !this.providers.contains(provider)) {
			return null;
		}
		return new ModelPrice(model, provider, this.currency, FREE, this.origin);
	}

}

package io.github.aiobservability.cost;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads LiteLLM's {@code model_prices_and_context_window.json}: one object per model key,
 * USD prices per token ({@code input_cost_per_token}, {@code output_cost_per_token},
 * {@code cache_read_input_token_cost}, {@code cache_creation_input_token_cost},
 * {@code output_cost_per_reasoning_token}), tiers as {@code <price>_above_<N>k_tokens},
 * the seller as {@code litellm_provider}.
 * <p>
 * Only models called per token are read ({@code mode} chat, completion, responses or
 * embedding); images, audio, per-second and commitment entries are skipped, as are
 * entries without an input price. A key prefixed with its provider
 * ({@code deepseek/deepseek-chat}) is known by the name after the prefix, and entries
 * under the bare name come first, so that the bare name wins when the {@code provider}
 * label picks none of several.
 */
final class LiteLlmPriceList {

	private static final Set<String> MODES = Set.of("chat", "completion", "responses", "embedding");

	/** LiteLLM's provider names that the {@code provider} label spells differently. */
	private static final Map<String, String> PROVIDER_LABELS = Map.of("dashscope", "qwen", "vertex_ai-language-models",
			"vertex_ai", "zai", "zhipu", "cohere_chat", "cohere", "text-completion-openai", "openai");

	private static final Pattern TIERED = Pattern.compile("(.+)_above_(\\d+)k_tokens");

	private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

	private static final Currency USD = Currency.getInstance("USD");

	private LiteLlmPriceList() {
	}

	/**
	 * Whether a document is in this format rather than the project's own.
	 * @param root the parsed document
	 * @return {@code true} for an object of model entries
	 */
	static boolean isLiteLlm(JsonNode root) {
		return root.isObject() && !root.path("models").isArray();
	}

	/**
	 * Reads the prices.
	 * @param root the parsed document
	 * @param origin where it was read from, for messages
	 * @return the prices, bare names first
	 * @throws IllegalStateException when a price is not a number
	 */
	static List<ModelPrice> parse(JsonNode root, String origin) {
		List<ModelPrice> bare = new ArrayList<>();
		List<ModelPrice> prefixed = new ArrayList<>();
		for (Map.Entry<String, JsonNode> property : root.properties()) {
			String key = property.getKey();
			JsonNode entry = property.getValue();
			if (!entry.isObject() || !MODES.contains(entry.path("mode").asString("")) || key.indexOf('*') >= 0
					|| key.indexOf('?') >= 0) {
				continue;
			}
			List<PriceTier> tiers = tiers(key, entry);
			if (tiers.isEmpty()) {
				continue;
			}
			String provider = entry.path("litellm_provider").asString("");
			String name = (!provider.isEmpty() && key.startsWith(provider + "/")) ? key.substring(provider.length() + 1)
					: key;
			String label = provider.isEmpty() ? null : PROVIDER_LABELS.getOrDefault(provider, provider);
			ModelPrice price = new ModelPrice(name, label, USD, tiers, origin + " (" + key + ")");
			(name.equals(key) ? bare : prefixed).add(price);
		}
		bare.addAll(prefixed);
		return List.copyOf(bare);
	}

	private static List<PriceTier> tiers(String key, JsonNode entry) {
		Map<Field, BigDecimal> base = new EnumMap<>(Field.class);
		TreeSet<Long> bounds = new TreeSet<>();
		for (Map.Entry<String, JsonNode> property : entry.properties()) {
			Field field = Field.of(property.getKey());
			if (field != null) {
				base.put(field, perMillion(key, property));
				continue;
			}
			Matcher tiered = TIERED.matcher(property.getKey());
			if (tiered.matches() && Field.of(tiered.group(1)) != null) {
				bounds.add(Long.parseLong(tiered.group(2)) * 1000);
			}
		}
		if (!base.containsKey(Field.INPUT)) {
			return List.of();
		}
		if (!base.containsKey(Field.OUTPUT)) {
			if (!"embedding".equals(entry.path("mode").asString(""))) {
				return List.of();
			}
			base.put(Field.OUTPUT, BigDecimal.ZERO);
		}
		List<PriceTier> tiers = new ArrayList<>();
		Map<Field, BigDecimal> prices = base;
		for (Long bound : bounds) {
			tiers.add(tier(bound, prices));
			prices = above(key, entry, bound, prices);
		}
		tiers.add(tier(null, prices));
		return List.copyOf(tiers);
	}

	/**
	 * The prices above a bound: each tiered price, or the one below where none is given.
	 */
	private static Map<Field, BigDecimal> above(String key, JsonNode entry, long bound, Map<Field, BigDecimal> below) {
		Map<Field, BigDecimal> prices = new EnumMap<>(below);
		for (Field field : Field.values()) {
			String name = field.key + "_above_" + (bound / 1000) + "k_tokens";
			if (entry.has(name)) {
				prices.put(field, perMillion(key, Map.entry(name, entry.path(name))));
			}
		}
		return prices;
	}

	private static PriceTier tier(@Nullable Long maxInputTokens, Map<Field, BigDecimal> prices) {
		return new PriceTier(maxInputTokens, prices.get(Field.INPUT), prices.get(Field.OUTPUT),
				prices.get(Field.CACHE_READ), prices.get(Field.CACHE_WRITE), prices.get(Field.REASONING));
	}

	private static BigDecimal perMillion(String key, Map.Entry<String, JsonNode> property) {
		JsonNode value = property.getValue();
		if (!value.isNumber()) {
			throw new IllegalStateException(
					"'" + key + "' has " + property.getKey() + " " + value + ", which is not a number");
		}
		return value.decimalValue().multiply(MILLION).stripTrailingZeros();
	}

	/** The per-token prices read, by LiteLLM's field name. */
	private enum Field {

		INPUT("input_cost_per_token"), OUTPUT("output_cost_per_token"), CACHE_READ("cache_read_input_token_cost"),
		CACHE_WRITE("cache_creation_input_token_cost"), REASONING("output_cost_per_reasoning_token");

		private final String key;

		Field(String key) {
			this.key = key;
		}

		static @Nullable Field of(String key) {
			for (Field field : values()) {
				if (field.key.equals(key)) {
					return field;
				}
			}
			return null;
		}

	}

}

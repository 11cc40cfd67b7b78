package io.github.aiobservability.cost;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The built-in list prices, read from a data file in the jar ({@value #LOCATION}). Each
 * entry names its provider, currency, the date the price was taken and its source; tiered
 * prices list their tiers. The file also holds dated reference exchange rates.
 *
 * @param entries the prices, in file order
 * @param referenceRatesPerUsd units of each currency per US dollar
 * @param referenceRatesDate when the reference rates were taken, {@code null} in a price
 * list that carries none
 */
public record PriceCatalogue(List<Entry> entries, Map<Currency, BigDecimal> referenceRatesPerUsd,
		@Nullable LocalDate referenceRatesDate) {

	/** Where the catalogue lives on the classpath. */
	public static final String LOCATION = "META-INF/ai-observability/price-catalogue.json";

	/**
	 * Reads the built-in catalogue.
	 * @return the catalogue
	 */
	public static PriceCatalogue load() {
		try (InputStream in = PriceCatalogue.class.getClassLoader().getResourceAsStream(LOCATION)) {
			if (in == null) {
				throw new IllegalStateException("The price catalogue " + LOCATION + " is missing from the classpath");
			}
			return parse(JsonMapper.builder().build().readTree(in));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not read the price catalogue " + LOCATION, ex);
		}
	}

	/**
	 * Reads a catalogue in this format.
	 * @param root the parsed document
	 * @return the catalogue
	 * @throws IllegalStateException when an entry lacks a field or a price
	 */
	static PriceCatalogue parse(JsonNode root) {
		List<Entry> entries = new ArrayList<>();
		for (JsonNode node : root.path("models")) {
			String provider = required(node, "provider");
			String model = required(node, "model");
			LocalDate date = LocalDate.parse(required(node, "date"));
			String source = required(node, "source");
			Currency currency = Currency.getInstance(required(node, "currency"));
			List<PriceTier> tiers = new ArrayList<>();
			if (node.has("tiers")) {
				for (JsonNode tier : node.path("tiers")) {
					tiers.add(tier(tier, model));
				}
			}
			else {
				tiers.add(tier(node, model));
			}
			String origin = "price catalogue (" + provider + ", " + date + ", " + source + ")";
			entries.add(new Entry(provider, date, source,
					new ModelPrice(model, provider, currency, List.copyOf(tiers), origin)));
		}
		JsonNode rates = root.path("exchangeRates");
		Map<Currency, BigDecimal> perUsd = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> rate : rates.path("perUsd").properties()) {
			perUsd.put(Currency.getInstance(rate.getKey()), rate.getValue().decimalValue());
		}
		LocalDate ratesDate = rates.has("date") ? LocalDate.parse(required(rates, "date")) : null;
		return new PriceCatalogue(List.copyOf(entries), Map.copyOf(perUsd), ratesDate);
	}

	/**
	 * The prices alone.
	 * @return one price per entry
	 */
	public List<ModelPrice> prices() {
		return this.entries.stream().map(Entry::price).toList();
	}

	private static PriceTier tier(JsonNode node, String model) {
		Long maxInputTokens = node.has("maxInputTokens") ? node.path("maxInputTokens").longValue() : null;
		BigDecimal input = decimal(node, "input");
		BigDecimal output = decimal(node, "output");
		if (input == null || output == null) {
			throw new IllegalStateException("Price catalogue entry '" + model + "' lacks input or output price");
		}
		return new PriceTier(maxInputTokens, input, output, decimal(node, "cacheRead"), decimal(node, "cacheWrite"),
				decimal(node, "reasoning"));
	}

	private static @Nullable BigDecimal decimal(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return value.isNumber() ? value.decimalValue() : null;
	}

	private static String required(JsonNode node, String field) {
		String value = node.path(field).asString("");
		if (value.isBlank()) {
			throw new IllegalStateException("Price catalogue entry " + node + " lacks '" + field + "'");
		}
		return value;
	}

	/**
	 * One catalogue entry.
	 *
	 * @param provider who sells the model
	 * @param date when the price was taken
	 * @param source where it was published
	 * @param price the price
	 */
	public record Entry(String provider, LocalDate date, String source, ModelPrice price) {
	}

}

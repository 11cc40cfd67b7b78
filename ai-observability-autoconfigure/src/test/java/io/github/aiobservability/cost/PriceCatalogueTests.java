package io.github.aiobservability.cost;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PriceCatalogueTests {

	private final PriceCatalogue catalogue = PriceCatalogue.load();

	@Test
	void everyEntryLoadsWithCurrencyDateAndSource() {
		assertThat(this.catalogue.entries()).hasSizeGreaterThan(30);
		assertThat(this.catalogue.entries()).allSatisfy((entry) -> {
			assertThat(entry.price().currency()).as(entry.price().model()).isNotNull();
			assertThat(entry.date()).as(entry.price().model()).isBefore(LocalDate.now().plusDays(1));
			assertThat(entry.source()).as(entry.price().model()).startsWith("https://");
			assertThat(this.catalogue.referenceRatesPerUsd()).as("reference rate of " + entry.price().currency())
				.containsKey(entry.price().currency());
		});
	}

	@Test
	void coversTheProvidersUsersAskFor() {
		Set<String> providers = new HashSet<>();
		this.catalogue.entries().forEach((entry) -> providers.add(entry.provider()));

		assertThat(providers).contains("openai", "anthropic", "gemini", "deepseek", "qwen", "zhipu", "moonshot",
				"mistral", "xai");
	}

	@Test
	void tiersAreOrderedAndTheLastIsUnbounded() {
		assertThat(this.catalogue.prices()).allSatisfy((price) -> {
			long previous = 0;
			for (int i = 0; i < price.tiers().size(); i++) {
				PriceTier tier = price.tiers().get(i);
				assertThat(tier.input().signum()).as(price.model()).isNotNegative();
				assertThat(tier.output().signum()).as(price.model()).isNotNegative();
				if (i == price.tiers().size() - 1) {
					assertThat(tier.maxInputTokens()).as(price.model() + " last tier").isNull();
				}
				else {
					assertThat(tier.maxInputTokens()).as(price.model()).isGreaterThan(previous);
					previous = tier.maxInputTokens();
				}
			}
		});
	}

	@Test
	void pricesGemini25And3ProFlashAndFlashLiteWithContextTiersAndCacheReads() {
		PriceResolver resolver = new PriceResolver(List.of(), this.catalogue.prices());
		Map<String, String> flat = Map.of("gemini-2.5-flash", "0.3 0.03 2.5", "gemini-2.5-flash-lite", "0.1 0.01 0.4",
				"gemini-3-flash-preview", "0.5 0.05 3", "gemini-3.1-flash-lite", "0.25 0.025 1.5", "gemini-3.5-flash",
				"1.5 0.15 9");
		flat.forEach((model, prices) -> {
			ModelPrice price = resolver.find(model, "gemini").orElseThrow();
			assertThat(price.provider()).isEqualTo("gemini");
			assertThat(price.tiers()).as(model).singleElement().satisfies((tier) -> assertTier(tier, prices));
		});
		Map<String, String[]> tiered = Map.of("gemini-2.5-pro", new String[] { "1.25 0.125 10", "2.5 0.25 15" },
				"gemini-3.1-pro-preview", new String[] { "2 0.2 12", "4 0.4 18" });
		tiered.forEach((model, prices) -> {
			List<PriceTier> tiers = resolver.find(model, "vertex_ai").orElseThrow().tiers();
			assertThat(tiers).as(model).hasSize(2);
			assertThat(tiers.get(0).maxInputTokens()).as(model).isEqualTo(200_000L);
			assertTier(tiers.get(0), prices[0]);
			assertTier(tiers.get(1), prices[1]);
		});
	}

	private static void assertTier(PriceTier tier, String inputCacheReadOutput) {
		String[] prices = inputCacheReadOutput.split(" ");
		assertThat(tier.input()).isEqualByComparingTo(prices[0]);
		assertThat(tier.cacheRead()).isEqualByComparingTo(prices[1]);
		assertThat(tier.output()).isEqualByComparingTo(prices[2]);
		assertThat(tier.reasoning()).as("thinking billed as output").isNull();
	}

	@Test
	void modelsAppearOnce() {
		Set<String> models = new HashSet<>();

		assertThat(this.catalogue.prices())
			.allSatisfy((price) -> assertThat(models.add(price.model())).as("duplicate " + price.model()).isTrue());
	}

	@Test
	void holdsTheExpectedPriceOfAWellKnownModel() {
		ModelPrice gpt4oMini = new PriceResolver(java.util.List.of(), this.catalogue.prices()).find("gpt-4o-mini", null)
			.orElseThrow();

		assertThat(gpt4oMini.currency().getCurrencyCode()).isEqualTo("USD");
		assertThat(gpt4oMini.tiers().get(0).input()).isEqualByComparingTo(new BigDecimal("0.15"));
		assertThat(gpt4oMini.tiers().get(0).output()).isEqualByComparingTo(new BigDecimal("0.60"));
	}

	@Test
	void pricesTheWidelyUsedEmbeddingModelsOnInputOnly() {
		Map<String, String> currencies = Map.ofEntries(Map.entry("text-embedding-3-small", "USD"),
				Map.entry("text-embedding-3-large", "USD"), Map.entry("text-embedding-ada-002", "USD"),
				Map.entry("gemini-embedding-001", "USD"), Map.entry("text-embedding-v3", "CNY"),
				Map.entry("text-embedding-v4", "CNY"), Map.entry("mistral-embed", "USD"),
				Map.entry("codestral-embed", "USD"), Map.entry("embedding-3", "CNY"), Map.entry("embedding-2", "CNY"));
		PriceResolver resolver = new PriceResolver(List.of(), this.catalogue.prices());

		currencies.forEach((model, currency) -> {
			ModelPrice price = resolver.find(model, null)
				.orElseThrow(() -> new AssertionError(model + " is not priced"));
			assertThat(price.model()).isEqualTo(model);
			assertThat(price.currency().getCurrencyCode()).as(model).isEqualTo(currency);
			assertThat(price.tiers()).as(model).hasSize(1);
			PriceTier tier = price.tiers().get(0);
			assertThat(tier.input().signum()).as(model + " input").isPositive();
			assertThat(tier.output().signum()).as(model + " output").isZero();
			assertThat(tier.cacheRead()).as(model + " cacheRead").isNull();
			assertThat(tier.cacheWrite()).as(model + " cacheWrite").isNull();
		});
		assertThat(resolver.find("TEXT-EMBEDDING-3-SMALL", null)).get()
			.extracting(ModelPrice::model)
			.isEqualTo("text-embedding-3-small");
		assertThat(resolver.find("text-embedding-3-small", null).orElseThrow().tiers().get(0).input())
			.isEqualByComparingTo(new BigDecimal("0.02"));
		assertThat(resolver.find("embedding-3", null).orElseThrow().tiers().get(0).input())
			.isEqualByComparingTo(new BigDecimal("0.5"));
	}

	@Test
	void holdsTheReasoningAndEmbeddingModelsInCommonUse() {
		List<String> reasoning = List.of("o1", "o1-pro", "o3", "o3-mini", "o3-pro", "o4-mini", "gpt-5", "gpt-5-mini",
				"gpt-5-nano", "gpt-5-pro", "gpt-5.1", "gpt-5.2", "gpt-5.2-pro", "gpt-5.4", "gpt-5.4-mini", "gpt-5.5",
				"gpt-5.5-pro", "gpt-5-codex", "gpt-5.1-codex", "gpt-5.1-codex-mini", "gpt-5.2-codex", "gpt-5.3-codex",
				"codex-mini-latest", "claude-opus-4-1", "claude-opus-4-5", "claude-opus-4-6", "claude-opus-4-7",
				"claude-sonnet-4-5", "claude-sonnet-4-6", "claude-haiku-4-5", "gemini-2.5-pro", "gemini-2.5-flash",
				"gemini-2.5-flash-lite", "gemini-3.1-pro-preview", "gemini-3-flash-preview", "gemini-3.1-flash-lite",
				"deepseek-reasoner", "deepseek-v4-pro", "deepseek-v4-flash", "qwen3-max", "qwq-plus", "glm-4.6",
				"glm-5", "kimi-k2.6", "magistral-medium", "magistral-small", "grok-4", "grok-4-1-fast-reasoning",
				"grok-3-mini");
		List<String> embedding = List.of("text-embedding-3-small", "text-embedding-3-large", "gemini-embedding-001",
				"gemini-embedding-2", "text-embedding-v4", "embedding-3", "mistral-embed", "codestral-embed",
				"embed-v4.0", "voyage-3.5", "voyage-3.5-lite", "voyage-3-large", "voyage-code-3");

		assertThat(reasoning).allSatisfy((model) -> {
			ModelPrice price = price(model).orElseThrow(() -> new AssertionError(model + " is not in the catalogue"));
			assertThat(price.tiers()).as(model)
				.allSatisfy((tier) -> assertThat(tier.output().signum()).as(model + " output").isPositive());
		});
		assertThat(embedding).allSatisfy((model) -> {
			ModelPrice price = price(model).orElseThrow(() -> new AssertionError(model + " is not in the catalogue"));
			assertThat(price.tiers()).as(model).singleElement().satisfies((tier) -> {
				assertThat(tier.input().signum()).as(model + " input").isPositive();
				assertThat(tier.output().signum()).as(model + " output").isZero();
			});
		});
	}

	@Test
	void anEntryWithoutItsDateOrSourceFailsTheBuild() {
		JsonMapper mapper = JsonMapper.builder().build();
		String withoutDate = """
				{"exchangeRates": {"date": "2026-07-24", "perUsd": {"USD": 1}},
				 "models": [{"provider": "openai", "model": "gpt-x", "currency": "USD",
				             "source": "https://example.com/pricing", "input": 1, "output": 2}]}
				""";
		String withoutSource = """
				{"exchangeRates": {"date": "2026-07-24", "perUsd": {"USD": 1}},
				 "models": [{"provider": "openai", "model": "gpt-x", "currency": "USD",
				             "date": "2026-07-24", "input": 1, "output": 2}]}
				""";
		String complete = """
				{"exchangeRates": {"date": "2026-07-24", "perUsd": {"USD": 1}},
				 "models": [{"provider": "openai", "model": "gpt-x", "currency": "USD", "date": "2026-07-24",
				             "source": "https://example.com/pricing", "input": 1, "output": 2}]}
				""";

		assertThatIllegalStateException().isThrownBy(() -> PriceCatalogue.parse(mapper.readTree(withoutDate)))
			.withMessageContaining("'date'");
		assertThatIllegalStateException().isThrownBy(() -> PriceCatalogue.parse(mapper.readTree(withoutSource)))
			.withMessageContaining("'source'");
		assertThat(PriceCatalogue.parse(mapper.readTree(complete)).entries()).singleElement()
			.satisfies((entry) -> assertThat(entry.source()).isEqualTo("https://example.com/pricing"));
	}

	@Test
	void everyReasoningPriceIsANumberOfAtLeastZero() throws Exception {
		List<JsonNode> reasoning = new ArrayList<>();
		for (JsonNode entry : rawCatalogue().path("models")) {
			List<JsonNode> tiers = new ArrayList<>();
			entry.path("tiers").forEach(tiers::add);
			tiers.add(entry);
			tiers.stream()
				.filter((tier) -> tier.has("reasoning"))
				.forEach((tier) -> reasoning.add(tier.get("reasoning")));
		}

		assertThat(reasoning).allSatisfy((price) -> {
			assertThat(price.isNumber()).as(price.toString()).isTrue();
			assertThat(price.decimalValue()).isGreaterThanOrEqualTo(BigDecimal.ZERO);
		});
	}

	@Test
	void pricesTakenFromLiteLlmAreInUsd() {
		assertThat(this.catalogue.entries())
			.filteredOn((entry) -> entry.source().contains("github.com/BerriAI/litellm"))
			.isNotEmpty()
			.allSatisfy((entry) -> assertThat(entry.price().currency().getCurrencyCode()).as(entry.price().model())
				.isEqualTo("USD"));
	}

	private Optional<ModelPrice> price(String model) {
		return this.catalogue.prices().stream().filter((price) -> price.model().equals(model)).findFirst();
	}

	private static JsonNode rawCatalogue() throws Exception {
		try (InputStream in = PriceCatalogue.class.getClassLoader().getResourceAsStream(PriceCatalogue.LOCATION)) {
			return JsonMapper.builder().build().readTree(in);
		}
	}

}

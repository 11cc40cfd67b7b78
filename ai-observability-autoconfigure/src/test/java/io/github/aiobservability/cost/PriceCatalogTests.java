package io.github.aiobservability.cost;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PriceCatalogTests {

	private final PriceCatalog catalogue = PriceCatalog.load();

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

		assertThat(providers).contains("openai", "anthropic", "google", "deepseek", "qwen", "zhipu", "moonshot",
				"mistral");
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
	void modelsAppearOnce() {
		Set<String> models = new HashSet<>();

		assertThat(this.catalogue.prices()).allSatisfy((price) -> assertThat(models.add(price.model()))
			.as("duplicate " + price.model())
			.isTrue());
	}

	@Test
	void holdsTheExpectedPriceOfAWellKnownModel() {
		ModelPrice gpt4oMini = new PriceResolver(java.util.List.of(), this.catalogue.prices()).find("gpt-4o-mini")
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
				Map.entry("codestral-embed", "USD"), Map.entry("embedding-3", "CNY"),
				Map.entry("embedding-2", "CNY"));
		PriceResolver resolver = new PriceResolver(List.of(), this.catalogue.prices());

		currencies.forEach((model, currency) -> {
			ModelPrice price = resolver.find(model).orElseThrow(() -> new AssertionError(model + " is not priced"));
			assertThat(price.model()).isEqualTo(model);
			assertThat(price.currency().getCurrencyCode()).as(model).isEqualTo(currency);
			assertThat(price.tiers()).as(model).hasSize(1);
			PriceTier tier = price.tiers().get(0);
			assertThat(tier.input().signum()).as(model + " input").isPositive();
			assertThat(tier.output().signum()).as(model + " output").isZero();
			assertThat(tier.cacheRead()).as(model + " cacheRead").isNull();
			assertThat(tier.cacheWrite()).as(model + " cacheWrite").isNull();
		});
		assertThat(resolver.find("TEXT-EMBEDDING-3-SMALL")).get().extracting(ModelPrice::model)
			.isEqualTo("text-embedding-3-small");
		assertThat(resolver.find("text-embedding-3-small").orElseThrow().tiers().get(0).input())
			.isEqualByComparingTo(new BigDecimal("0.02"));
		assertThat(resolver.find("embedding-3").orElseThrow().tiers().get(0).input())
			.isEqualByComparingTo(new BigDecimal("0.5"));
	}

}

package io.github.aiobservability.cost;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PriceResolverTests {

	private final List<ModelPrice> catalogue = PriceCatalogue.load().prices();

	@Test
	void pricesADatedSnapshotAsItsModel() {
		PriceResolver resolver = new PriceResolver(List.of(), this.catalogue);

		assertThat(resolver.find("gpt-4o-2024-08-06", null)).get().extracting(ModelPrice::model).isEqualTo("gpt-4o");
		assertThat(resolver.find("gpt-4o-mini-2024-07-18", null)).get()
			.extracting(ModelPrice::model)
			.isEqualTo("gpt-4o-mini");
		assertThat(resolver.find("claude-3-5-haiku-20241022", null)).get()
			.extracting(ModelPrice::model)
			.isEqualTo("claude-3-5-haiku");
		assertThat(resolver.find("mistral-large-latest", null)).get()
			.extracting(ModelPrice::model)
			.isEqualTo("mistral-large");
		assertThat(resolver.find("GPT-4o", null)).get().extracting(ModelPrice::model).isEqualTo("gpt-4o");
	}

	@Test
	void theUsersPricesWinOverTheCatalogue() {
		PriceResolver resolver = new PriceResolver(List.of(price("gpt-4o*", "9")), this.catalogue);

		assertThat(resolver.find("gpt-4o", null)).get().extracting(ModelPrice::model).isEqualTo("gpt-4o*");
		assertThat(resolver.find("gpt-4o-2024-08-06", null)).get().extracting(ModelPrice::model).isEqualTo("gpt-4o*");
		assertThat(resolver.find("deepseek-chat", null)).get()
			.extracting(ModelPrice::origin)
			.asString()
			.startsWith("price catalogue (deepseek");
	}

	@Test
	void triesExactNamesAndSnapshotsBeforePatterns() {
		PriceResolver resolver = new PriceResolver(List.of(price("my-*", "1"), price("my-model", "2")), List.of());

		assertThat(resolver.find("my-model", null)).get().extracting(ModelPrice::model).isEqualTo("my-model");
		assertThat(resolver.find("my-model-20250101", null)).get().extracting(ModelPrice::model).isEqualTo("my-model");
		assertThat(resolver.find("my-other", null)).get().extracting(ModelPrice::model).isEqualTo("my-*");
	}

	@Test
	void searchesTheUsersPricesThenTheLoadedListThenTheBundledCatalogue() {
		PriceResolver resolver = new PriceResolver(List.of(price("mine", "1")), this.catalogue);
		resolver.useLoaded(List.of(price("mine", "2"), price("gpt-4o", "3")));

		assertThat(resolver.find("mine", null)).get().extracting(ModelPrice::origin).isEqualTo("test");
		assertThat(resolver.find("mine", null).orElseThrow().tiers().get(0).input()).isEqualByComparingTo("1");
		assertThat(resolver.find("gpt-4o", null).orElseThrow().tiers().get(0).input()).isEqualByComparingTo("3");
		assertThat(resolver.find("gpt-4o-mini", null)).get()
			.extracting(ModelPrice::origin)
			.asString()
			.startsWith("price catalogue (openai");
	}

	@Test
	void replacesTheLoadedListWholeAndSaysSo() {
		PriceResolver resolver = new PriceResolver(List.of(), List.of());
		resolver.useLoaded(List.of(price("a", "1"), price("b", "1")));
		int version = resolver.version();

		resolver.useLoaded(List.of(price("b", "2")));

		assertThat(resolver.version()).isNotEqualTo(version);
		assertThat(resolver.find("a", null)).isEmpty();
		assertThat(resolver.find("b", null).orElseThrow().tiers().get(0).input()).isEqualByComparingTo("2");
	}

	@Test
	void picksTheSellerNamedByTheProviderLabelAmongSeveral() {
		PriceResolver resolver = new PriceResolver(List.of(), List.of());
		resolver.useLoaded(List.of(price("deepseek-v3", "deepseek", "0.28"),
				price("deepseek-v3", "together_ai", "1.25"), price("deepseek-v3", "fireworks_ai", "0.9")));

		assertThat(resolver.find("deepseek-v3", "fireworks_ai").orElseThrow().provider()).isEqualTo("fireworks_ai");
		assertThat(resolver.find("deepseek-v3", "deepseek").orElseThrow().provider()).isEqualTo("deepseek");
		// No seller is the call's: the first listed.
		assertThat(resolver.find("deepseek-v3", "my-gateway").orElseThrow().provider()).isEqualTo("deepseek");
		assertThat(resolver.find("deepseek-v3-20250324", "together_ai").orElseThrow().provider())
			.isEqualTo("together_ai");
	}

	@Test
	void pricesTheModelsOfALocalProviderAtZeroUnlessTheUserPricesThem() {
		PriceResolver resolver = new PriceResolver(List.of(price("llama3.2-on-gpu", "0.05")), this.catalogue,
				new LocalProviders(Set.of("ollama"), Currency.getInstance("CNY"), "local providers"));
		resolver.useLoaded(List.of(price("qwen3", "ollama", "4")));

		ModelPrice local = resolver.find("qwen3", "ollama").orElseThrow();
		assertThat(local.origin()).isEqualTo("local providers");
		assertThat(local.tiers()).singleElement().satisfies((tier) -> {
			assertThat(tier.input()).isZero();
			assertThat(tier.output()).isZero();
		});
		assertThat(resolver.find("llama3.2-on-gpu", "ollama").orElseThrow().origin()).isEqualTo("test");
		assertThat(resolver.find("qwen3", "openrouter").orElseThrow().origin()).isEqualTo("test ollama");
		assertThat(resolver.find("gpt-4o", "openai").orElseThrow().tiers().get(0).input()).isPositive();
	}

	@Test
	void findsNothingForAnUnknownModel() {
		assertThat(new PriceResolver(List.of(), this.catalogue).find("mystery-model", null)).isEmpty();
	}

	private static ModelPrice price(String model, String input) {
		return new ModelPrice(model, Currency.getInstance("USD"),
				List.of(new PriceTier(null, new BigDecimal(input), BigDecimal.ONE, null, null)), "test");
	}

	private static ModelPrice price(String model, String provider, String input) {
		return new ModelPrice(model, provider, Currency.getInstance("USD"),
				List.of(new PriceTier(null, new BigDecimal(input), BigDecimal.ONE, null, null)), "test " + provider);
	}

}

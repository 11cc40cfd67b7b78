package io.github.aiobservability.cost;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class LiteLlmPriceListTests {

	private static final Currency USD = Currency.getInstance("USD");

	private final byte[] sample = read("/price-lists/litellm-sample.json");

	private final PriceList list = PriceList.parse(this.sample, "test list");

	@Test
	void readsPerTokenPricesAsPricesPerMillion() {
		ModelPrice gpt4o = price("gpt-4o", "openai");

		assertThat(gpt4o.currency()).isEqualTo(USD);
		assertThat(gpt4o.tiers()).singleElement().satisfies((tier) -> {
			assertThat(tier.input()).isEqualByComparingTo("2.5");
			assertThat(tier.output()).isEqualByComparingTo("10");
			assertThat(tier.cacheRead()).isEqualByComparingTo("1.25");
			assertThat(tier.cacheWrite()).isNull();
			assertThat(tier.reasoning()).isNull();
			assertThat(tier.maxInputTokens()).isNull();
		});
	}

	@Test
	void readsTiersAboveAnInputSizeAndKeepsLowerPricesWhereATierGivesNone() {
		ModelPrice sonnet = price("claude-sonnet-4-5", "anthropic");

		assertThat(sonnet.tiers()).hasSize(2);
		PriceTier base = sonnet.tiers().get(0);
		PriceTier above = sonnet.tiers().get(1);
		assertThat(base.maxInputTokens()).isEqualTo(200_000);
		assertThat(base.input()).isEqualByComparingTo("3");
		assertThat(base.cacheWrite()).isEqualByComparingTo("3.75");
		assertThat(above.maxInputTokens()).isNull();
		assertThat(above.input()).isEqualByComparingTo("6");
		assertThat(above.output()).isEqualByComparingTo("22.5");
		assertThat(above.cacheRead()).isEqualByComparingTo("0.6");
		// cache_creation_input_token_cost_above_1hr_above_200k_tokens is the one-hour
		// cache's price, not the tier's.
		assertThat(above.cacheWrite()).isEqualByComparingTo("7.5");
	}

	@Test
	void readsAReasoningPriceThatDiffersFromTheOutputPrice() {
		PriceTier qwenTurbo = price("qwen-turbo", "qwen").tiers().get(0);

		assertThat(qwenTurbo.output()).isEqualByComparingTo("0.2");
		assertThat(qwenTurbo.reasoning()).isEqualByComparingTo("0.5");
	}

	@Test
	void namesProvidersAsTheProviderLabelDoesAndDropsTheirPrefix() {
		Map<String, List<String>> providersByModel = new java.util.TreeMap<>();
		this.list.prices()
			.forEach((price) -> providersByModel.computeIfAbsent(price.model(), (model) -> new java.util.ArrayList<>())
				.add(price.provider()));

		assertThat(providersByModel).containsEntry("gemini-2.5-pro", List.of("vertex_ai", "gemini"))
			.containsEntry("deepseek-chat", List.of("deepseek", "deepseek"))
			.containsEntry("qwen-turbo", List.of("qwen"))
			.containsEntry("gemini-embedding-001", List.of("gemini"));
	}

	@Test
	void pricesEmbeddingsOnInputAndSkipsWhatIsNotBilledPerToken() {
		assertThat(price("text-embedding-3-small", "openai").tiers().get(0).input()).isEqualByComparingTo("0.02");
		assertThat(price("gemini-embedding-001", "gemini").tiers().get(0).output()).isEqualByComparingTo("0");
		assertThat(this.list.prices()).extracting(ModelPrice::model)
			.doesNotContain("sample_spec", "whisper-1", "1024-x-1024/50-steps/stability.stable-diffusion-xl-v1",
					"twelvelabs.pegasus-1-2-v1:0")
			.noneMatch((model) -> model.contains("*"));
	}

	@Test
	void theBareNameIsPricedWhenTheProviderLabelMatchesNoSeller() {
		PriceResolver resolver = new PriceResolver(List.of(), List.of());
		resolver.useLoaded(this.list.prices());

		assertThat(resolver.find("gemini-2.5-pro", "gemini").orElseThrow().origin())
			.isEqualTo("test list (gemini/gemini-2.5-pro)");
		assertThat(resolver.find("gemini-2.5-pro", "my-gateway").orElseThrow().origin())
			.isEqualTo("test list (gemini-2.5-pro)");
		assertThat(resolver.find("gemini-2.5-pro", null).orElseThrow().origin())
			.isEqualTo("test list (gemini-2.5-pro)");
	}

	@Test
	void rejectsAListWhosePriceIsNotANumber() {
		String broken = new String(this.sample, StandardCharsets.UTF_8)
			.replaceFirst("\"input_cost_per_token\": 2.5e-06", "\"input_cost_per_token\": \"2.5e-06\"");

		assertThatIllegalStateException().isThrownBy(() -> PriceList.parse(bytes(broken), "test list"))
			.withMessage("'gpt-4o' has input_cost_per_token \"2.5e-06\", which is not a number");
	}

	@Test
	void rejectsAListWithANegativePrice() {
		String broken = new String(this.sample, StandardCharsets.UTF_8).replaceFirst("\"output_cost_per_token\": 1e-05",
				"\"output_cost_per_token\": -1e-05");

		assertThatIllegalStateException().isThrownBy(() -> PriceList.parse(bytes(broken), "test list"))
			.withMessage("test list (gpt-4o) has a negative output price -10");
	}

	@Test
	void rejectsAListWithAPricePerTokenAboveOneUnit() {
		String broken = new String(this.sample, StandardCharsets.UTF_8)
			.replaceFirst("\"input_cost_per_token\": 2.5e-06", "\"input_cost_per_token\": 2.5");

		assertThatIllegalStateException().isThrownBy(() -> PriceList.parse(bytes(broken), "test list"))
			.withMessageContaining("absurd input price of 2500000 per million tokens");
	}

	@Test
	void rejectsAListWhosePriceIsAHundredTimesOffTheBundledOne() {
		String perThousand = new String(this.sample, StandardCharsets.UTF_8)
			.replaceFirst("\"input_cost_per_token\": 2.5e-06", "\"input_cost_per_token\": 0.0025");
		PriceList list = PriceList.parse(bytes(perThousand), "test list");
		List<ModelPrice> bundled = List.of(new ModelPrice("gpt-4o", "openai", USD,
				List.of(new PriceTier(null, new BigDecimal("2.5"), BigDecimal.TEN, null, null)), "bundled"));
		ExchangeRates rates = new ExchangeRates(USD, Map.of(), Map.of());

		assertThatIllegalStateException().isThrownBy(() -> list.checkAgainst(bundled, rates))
			.withMessage("test list (gpt-4o) has an absurd input price of 2500 USD per million tokens, "
					+ "1000 times the bundled catalogue's 2.5 USD");
		this.list.checkAgainst(bundled, rates);
	}

	@Test
	void rejectsTruncatedAndEmptyLists() {
		byte[] truncated = java.util.Arrays.copyOf(this.sample, this.sample.length / 2);

		assertThatIllegalStateException().isThrownBy(() -> PriceList.parse(truncated, "test list"))
			.withMessageStartingWith("not valid JSON");
		assertThatIllegalStateException().isThrownBy(() -> PriceList.parse(bytes("{}"), "test list"))
			.withMessage("it prices no model");
		assertThatIllegalStateException().isThrownBy(() -> PriceList.parse(bytes("[]"), "test list"))
			.withMessage("not a JSON object of prices");
	}

	@Test
	void readsTheBundledCataloguesFormatToo() {
		byte[] own = read("/META-INF/ai-observability/price-catalogue.json");

		PriceList list = PriceList.parse(own, "test list");

		assertThat(list.prices()).hasSize(PriceCatalogue.load().entries().size());
		assertThat(list.prices()).allSatisfy((price) -> assertThat(price.provider()).isNotBlank());
	}

	private ModelPrice price(String model, String provider) {
		return this.list.prices()
			.stream()
			.filter((price) -> price.model().equals(model) && provider.equals(price.provider()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no price for " + model + " of " + provider));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] read(String resource) {
		try (InputStream in = LiteLlmPriceListTests.class.getResourceAsStream(resource)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

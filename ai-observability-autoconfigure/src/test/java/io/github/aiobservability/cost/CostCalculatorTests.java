package io.github.aiobservability.cost;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import io.github.aiobservability.metrics.TokenUsage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Costs checked against amounts computed by hand from the catalogue's list prices.
 */
class CostCalculatorTests {

	private static final Currency CNY = Currency.getInstance("CNY");

	private static final Currency USD = Currency.getInstance("USD");

	private final PriceCatalogue catalogue = PriceCatalogue.load();

	@Test
	void pricesCachedInputInsideThePromptTokensWithoutCountingItTwice() {
		CostCalculator calculator = calculator(CNY, Map.of(USD, new BigDecimal("7")));
		// gpt-4o-mini: 0.15 input, 0.075 cached, 0.60 output USD per million.
		TokenUsage usage = new TokenUsage(1000, 500, false, false, 200, 0, 100);

		double expected = (800 * 0.15 + 200 * 0.075 + 500 * 0.60) / 1e6 * 7;
		assertThat(cost(calculator, "gpt-4o-mini", usage)).isCloseTo(expected, within(1e-12));
	}

	@Test
	void pricesAnthropicCacheReadsAndWritesAtTheirOwnPrices() {
		CostCalculator calculator = calculator(USD, Map.of());
		// claude-3-5-haiku: 0.80 input, 0.08 cache read, 1.00 cache write, 4.00 output.
		// Anthropic reported 100 input tokens on top of 300 read and 200 written.
		TokenUsage usage = new TokenUsage(600, 50, false, false, 300, 200, 0);

		double expected = (100 * 0.80 + 300 * 0.08 + 200 * 1.00 + 50 * 4.00) / 1e6;
		assertThat(cost(calculator, "claude-3-5-haiku-20241022", usage)).isCloseTo(expected, within(1e-12));
	}

	@Test
	void usesTheTierTheRequestSizeFallsIn() {
		CostCalculator calculator = calculator(USD, Map.of());
		// gemini-2.5-pro: 1.25 / 10.00 up to 200k input tokens, 2.50 / 15.00 above.

		assertThat(cost(calculator, "gemini-2.5-pro", TokenUsage.of(200_000, 1000, false, false)))
			.isCloseTo((200_000 * 1.25 + 1000 * 10.00) / 1e6, within(1e-12));
		assertThat(cost(calculator, "gemini-2.5-pro", TokenUsage.of(250_000, 1000, false, false)))
			.isCloseTo((250_000 * 2.50 + 1000 * 15.00) / 1e6, within(1e-12));
	}

	@Test
	void convertsAtTheCatalogueReferenceRateWhenNoneIsConfigured() {
		CostCalculator calculator = calculator(USD, Map.of());
		// deepseek-chat: 2 CNY per million input tokens; 7.12 CNY per USD.

		assertThat(cost(calculator, "deepseek-chat", TokenUsage.of(1_000_000, 0, false, false))).isCloseTo(2 / 7.12,
				within(1e-9));
	}

	@Test
	void pricesReasoningTokensAtTheirOwnPriceWhereTheyHaveOne() {
		PriceResolver prices = new PriceResolver(List.of(new ModelPrice("thinker", USD,
				List.of(new PriceTier(null, BigDecimal.ONE, new BigDecimal("2"), null, null, new BigDecimal("5"))),
				"test")), List.of());
		CostCalculator calculator = new CostCalculator(prices, new ExchangeRates(USD, Map.of(), Map.of()));
		// 100 output tokens, 60 of them reasoning.
		TokenUsage usage = new TokenUsage(10, 100, false, false, 0, 0, 60);

		assertThat(cost(calculator, "thinker", usage)).isCloseTo((10 * 1 + 40 * 2 + 60 * 5) / 1e6, within(1e-15));
	}

	@Test
	void pricesFromTheNewListOnceTheLoadedOneIsReplaced() {
		PriceResolver prices = new PriceResolver(List.of(), this.catalogue.prices());
		CostCalculator calculator = new CostCalculator(prices, new ExchangeRates(USD, Map.of(), Map.of()));
		TokenUsage million = TokenUsage.of(1_000_000, 0, false, false);
		assertThat(cost(calculator, "gpt-4o-mini", million)).isCloseTo(0.15, within(1e-12));
		assertThat(calculator.prices("fresh-model", "")).isNull();

		prices.useLoaded(List.of(usd("gpt-4o-mini", "0.3"), usd("fresh-model", "1")));

		assertThat(cost(calculator, "gpt-4o-mini", million)).isCloseTo(0.3, within(1e-12));
		assertThat(cost(calculator, "fresh-model", "openai", million)).isCloseTo(1, within(1e-12));
	}

	@Test
	void hasNoPricesForAModelWithoutAPrice() {
		assertThat(calculator(CNY, Map.of()).prices("mystery-model", "openai")).isNull();
	}

	private static double cost(CostCalculator calculator, String model, TokenUsage usage) {
		return cost(calculator, model, "", usage);
	}

	private static double cost(CostCalculator calculator, String model, String provider, TokenUsage usage) {
		TokenPrices prices = calculator.prices(model, provider);
		assertThat(prices).as("prices of %s", model).isNotNull();
		return prices.cost(usage);
	}

	private static ModelPrice usd(String model, String input) {
		return new ModelPrice(model, USD,
				List.of(new PriceTier(null, new BigDecimal(input), BigDecimal.ONE, null, null)), "test");
	}

	private CostCalculator calculator(Currency target, Map<Currency, BigDecimal> rates) {
		ExchangeRates exchangeRates = new ExchangeRates(target, rates, this.catalogue.referenceRatesPerUsd());
		return new CostCalculator(new PriceResolver(List.of(), this.catalogue.prices()), exchangeRates);
	}

}

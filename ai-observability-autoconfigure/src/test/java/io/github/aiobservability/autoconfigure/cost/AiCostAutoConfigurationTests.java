package io.github.aiobservability.autoconfigure.cost;

import java.util.Currency;
import java.util.List;
import java.util.Map;

import io.github.aiobservability.cost.CostCalculator;
import io.github.aiobservability.cost.ExchangeRates;
import io.github.aiobservability.cost.PriceCatalogue;
import io.github.aiobservability.cost.PriceCatalogueMeters;
import io.github.aiobservability.cost.PriceListRefresher;
import io.github.aiobservability.cost.PriceResolver;
import io.github.aiobservability.metrics.TokenUsage;
import io.github.aiobservability.test.InvalidValue;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AiCostAutoConfigurationTests {

	private static final TokenUsage MILLION_IN_MILLION_OUT = TokenUsage.of(1_000_000, 1_000_000, false, false);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AiCostAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@Test
	void autoConfiguresCostWhenSpringAiAndAMeterRegistryArePresent() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(PriceCatalogue.class)
			.hasSingleBean(ExchangeRates.class)
			.hasSingleBean(PriceResolver.class)
			.hasSingleBean(CostCalculator.class)
			.hasSingleBean(PriceCatalogueMeters.class));
	}

	@Test
	void pricesConfiguredModelsFirstThenTheCatalogueInTheConfiguredCurrency() {
		this.contextRunner
			.withPropertyValues("ai.observability.currency=EUR", "ai.observability.exchange-rates.USD=0.9",
					"ai.observability.prices[0].model=gpt-4o", "ai.observability.prices[0].input=1",
					"ai.observability.prices[0].output=2")
			.run((context) -> {
				CostCalculator costs = context.getBean(CostCalculator.class);
				assertThat(costs.currency()).isEqualTo("EUR");
				assertThat(costs.prices("gpt-4o", "openai").cost(MILLION_IN_MILLION_OUT)).isCloseTo(3, within(1e-9));
				// The catalogue's gpt-4o-mini: 0.15 USD per million input tokens, 0.6
				// output.
				assertThat(costs.prices("gpt-4o-mini", "openai").cost(MILLION_IN_MILLION_OUT)).isCloseTo(0.75 * 0.9,
						within(1e-9));
				assertThat(costs.prices("in-house-model", "openai")).isNull();
			});
	}

	@Test
	void exportsHowManyModelsTheBundledCataloguePrices() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			context.getBean(PriceCatalogueMeters.class).bindTo(registry);
			assertThat(registry.get("ai.api.price.catalogue.models").tag("source", "bundled").gauge().value())
				.isEqualTo(context.getBean(PriceCatalogue.class).entries().size());
		});
	}

	@Test
	void turnsTheCatalogueOffOnRequest() {
		this.contextRunner.withPropertyValues("ai.observability.price-catalogue.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PriceCatalogue.class)
				.hasSingleBean(CostCalculator.class));
	}

	@Test
	void allowsACustomCostCalculatorToBeUsed() {
		CostCalculator custom = new CostCalculator(new PriceResolver(List.of(), List.of()),
				new ExchangeRates(Currency.getInstance("USD"), Map.of(), Map.of()));
		this.contextRunner.withBean("customCostCalculator", CostCalculator.class, () -> custom)
			.run((context) -> assertThat(context).getBean(CostCalculator.class).isSameAs(custom));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("ai.observability.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PriceCatalogue.class)
				.doesNotHaveBean(ExchangeRates.class)
				.doesNotHaveBean(PriceResolver.class)
				.doesNotHaveBean(CostCalculator.class)
				.doesNotHaveBean(PriceCatalogueMeters.class));
	}

	@Test
	void backsOffWhenMeterRegistryIsMissing() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AiCostAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(CostCalculator.class)
				.doesNotHaveBean(PriceCatalogue.class));
	}

	@Test
	void backsOffWhenSpringAiIsMissing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ChatModel.class))
			.run((context) -> assertThat(context).doesNotHaveBean(CostCalculator.class)
				.doesNotHaveBean(PriceCatalogue.class));
	}

	@Test
	void readsNoPriceListUnlessOneIsConfigured() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(PriceListRefresher.class)
			.hasSingleBean(PriceCatalogueMeters.class));
	}

	@Test
	void startsOnTheBundledCatalogueWhenTheListFileIsMissing() {
		this.contextRunner.withPropertyValues("ai.observability.price-catalogue.location=file:/nonexistent/prices.json")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				PriceListRefresher refresher = context.getBean(PriceListRefresher.class);
				assertThat(refresher.failures()).isEqualTo(1);
				assertThat(refresher.lastRefreshSuccessful()).isZero();
				assertThat(context.getBean(CostCalculator.class)
					.prices("gpt-4o-mini", "")
					.cost(TokenUsage.of(1, 1, false, false))).isPositive();
			});
	}

	@Test
	void readsAPriceListFromTheClasspathOnceAtStartup() {
		this.contextRunner
			.withPropertyValues("ai.observability.price-catalogue.location=classpath:price-lists/litellm-sample.json")
			.run((context) -> {
				PriceListRefresher refresher = context.getBean(PriceListRefresher.class);
				assertThat(refresher.models()).isGreaterThan(5);
				assertThat(refresher.failures()).isZero();
				assertThat(context.getBean(CostCalculator.class)
					.prices("gemini-embedding-001", "gemini")
					.cost(TokenUsage.of(1_000_000, 0, false, false))).isPositive();
			});
	}

	@Test
	void pricesOllamasModelsAtZeroUnlessLocalProvidersIsEmptied() {
		this.contextRunner.run((context) -> {
			CostCalculator costs = context.getBean(CostCalculator.class);
			assertThat(costs.prices("llama3.2", "ollama")).isNotNull()
				.satisfies((prices) -> assertThat(prices.cost(TokenUsage.of(1_000_000, 1_000_000, false, false)))
					.isZero());
			assertThat(costs.prices("llama3.2", "openai")).isNull();
		});
		this.contextRunner.withPropertyValues("ai.observability.local-providers=")
			.run((context) -> assertThat(context.getBean(CostCalculator.class).prices("llama3.2", "ollama")).isNull());
		this.contextRunner
			.withPropertyValues("ai.observability.local-providers=ollama,vllm",
					"ai.observability.prices[0].model=qwen3", "ai.observability.prices[0].input=0.01",
					"ai.observability.prices[0].output=0.02")
			.run((context) -> {
				CostCalculator costs = context.getBean(CostCalculator.class);
				assertThat(costs.prices("mistral", "vllm")).isNotNull();
				assertThat(costs.prices("qwen3", "ollama").cost(TokenUsage.of(1_000_000, 0, false, false)))
					.isPositive();
			});
	}

	@Test
	void readsNoPriceListWhenTheCatalogueIsOff() {
		this.contextRunner
			.withPropertyValues("ai.observability.price-catalogue.enabled=false",
					"ai.observability.price-catalogue.location=classpath:price-lists/litellm-sample.json")
			.run((context) -> assertThat(context).doesNotHaveBean(PriceListRefresher.class)
				.hasSingleBean(CostCalculator.class));
	}

	@Test
	void failsOnANegativePrice() {
		assertStartupFails(new String[] { "ai.observability.prices[0].model=gpt-4o",
				"ai.observability.prices[0].input=-1", "ai.observability.prices[0].output=10" },
				"ai.observability.prices[0].input", "-1");
	}

	@Test
	void failsOnAPriceWithoutItsOutputPrice() {
		assertStartupFails(
				new String[] { "ai.observability.prices[0].model=gpt-4o", "ai.observability.prices[0].input=1" },
				"ai.observability.prices[0].output", "(unset)");
	}

	@Test
	void failsOnANegativeReasoningPrice() {
		assertStartupFails(
				new String[] { "ai.observability.prices[0].model=o3", "ai.observability.prices[0].input=1",
						"ai.observability.prices[0].output=2", "ai.observability.prices[0].reasoning=-2" },
				"ai.observability.prices[0].reasoning", "-2");
	}

	@Test
	void failsOnAMalformedModelPattern() {
		assertStartupFails(new String[] { "ai.observability.prices[0].model=gpt 4o",
				"ai.observability.prices[0].input=1", "ai.observability.prices[0].output=2" },
				"ai.observability.prices[0].model", "gpt 4o");
	}

	@Test
	void failsOnAPriceInACurrencyWithoutAnExchangeRate() {
		assertStartupFails(
				new String[] { "ai.observability.price-catalogue.enabled=false",
						"ai.observability.prices[0].model=gpt-4o", "ai.observability.prices[0].input=1",
						"ai.observability.prices[0].output=2", "ai.observability.prices[0].currency=JPY" },
				"ai.observability.prices[0].currency", "JPY");
	}

	@Test
	void failsOnAnExchangeRateOfZero() {
		assertStartupFails("ai.observability.exchange-rates.USD=0", "ai.observability.exchange-rates.USD", "0");
	}

	@Test
	void failsOnAnUnknownCurrency() {
		assertStartupFails("ai.observability.currency=yuan", "ai.observability.currency", "yuan");
	}

	@Test
	void failsOnAPriceListLocationOfAnotherScheme() {
		assertStartupFails("ai.observability.price-catalogue.location=ftp://example.org/prices.json",
				"ai.observability.price-catalogue.location", "ftp://example.org/prices.json");
	}

	@Test
	void failsOnANegativePriceListRefreshInterval() {
		assertStartupFails(
				new String[] { "ai.observability.price-catalogue.location=classpath:prices.json",
						"ai.observability.price-catalogue.refresh-interval=-1m" },
				"ai.observability.price-catalogue.refresh-interval", "PT-1M");
	}

	@Test
	void failsOnAZeroPriceListTimeout() {
		assertStartupFails(
				new String[] { "ai.observability.price-catalogue.location=https://example.org/prices.json",
						"ai.observability.price-catalogue.timeout=0s" },
				"ai.observability.price-catalogue.timeout", "PT0S");
	}

	private void assertStartupFails(String property, String name, String value) {
		assertStartupFails(new String[] { property }, name, value);
	}

	private void assertStartupFails(String[] properties, String name, String value) {
		InvalidValue.assertStartupFails(this.contextRunner, properties, name, value);
	}

}

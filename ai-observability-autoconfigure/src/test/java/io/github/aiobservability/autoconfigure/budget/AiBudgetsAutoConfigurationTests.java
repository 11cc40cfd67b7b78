package io.github.aiobservability.autoconfigure.budget;

import java.util.List;

import io.github.aiobservability.autoconfigure.AiObservabilityAutoConfiguration;
import io.github.aiobservability.autoconfigure.cost.AiCostAutoConfiguration;
import io.github.aiobservability.budget.BudgetAdvisor;
import io.github.aiobservability.budget.BudgetEnforcer;
import io.github.aiobservability.budget.BudgetStore;
import io.github.aiobservability.budget.InMemoryBudgetStore;
import io.github.aiobservability.budget.RedisBudgetStore;
import io.github.aiobservability.model.ModelCallRecorder;
import io.github.aiobservability.test.InvalidValue;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class AiBudgetsAutoConfigurationTests {

	private static final String TENANT_BUDGET = "ai.observability.budgets.limits[0].name=tenant-daily";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AiObservabilityAutoConfiguration.class, AiCostAutoConfiguration.class,
				AiBudgetsAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("ai.observability.request-tags=tenant,feature");

	@Test
	void backsOffWhenNoBudgetIsConfigured() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(BudgetEnforcer.class)
			.doesNotHaveBean(BudgetAdvisor.class)
			.doesNotHaveBean(BudgetStore.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner
			.withPropertyValues(TENANT_BUDGET, "ai.observability.budgets.limits[0].limit=10",
					"ai.observability.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BudgetEnforcer.class)
				.doesNotHaveBean(BudgetAdvisor.class)
				.doesNotHaveBean(BudgetStore.class));
	}

	@Test
	void backsOffWhenMeterRegistryIsMissing() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AiObservabilityAutoConfiguration.class,
					AiCostAutoConfiguration.class, AiBudgetsAutoConfiguration.class))
			.withPropertyValues(TENANT_BUDGET, "ai.observability.budgets.limits[0].limit=10")
			.run((context) -> assertThat(context).doesNotHaveBean(BudgetEnforcer.class)
				.doesNotHaveBean(BudgetStore.class));
	}

	@Test
	void backsOffWithoutACostCalculator() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(AiObservabilityAutoConfiguration.class, AiBudgetsAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues(TENANT_BUDGET, "ai.observability.budgets.limits[0].limit=10")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(BudgetEnforcer.class)
				.doesNotHaveBean(BudgetStore.class));
	}

	@Test
	void backsOffWhenChatClientIsMissing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ChatClient.class))
			.withPropertyValues(TENANT_BUDGET, "ai.observability.budgets.limits[0].limit=10")
			.run((context) -> assertThat(context).doesNotHaveBean(BudgetEnforcer.class)
				.doesNotHaveBean(BudgetAdvisor.class)
				.doesNotHaveBean(BudgetStore.class));
	}

	@Test
	void backsOffWhenSpringAiRetryIsMissing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(NonTransientAiException.class))
			.withPropertyValues(TENANT_BUDGET, "ai.observability.budgets.limits[0].limit=10")
			.run((context) -> assertThat(context).doesNotHaveBean(BudgetEnforcer.class)
				.doesNotHaveBean(BudgetAdvisor.class));
	}

	@Test
	void keepsSpendInMemoryWithoutSpringDataRedis() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(StringRedisTemplate.class))
			.withPropertyValues(TENANT_BUDGET, "ai.observability.budgets.limits[0].limit=10")
			.run((context) -> assertThat(context).hasSingleBean(BudgetEnforcer.class)
				.doesNotHaveBean(RedisBudgetStore.class)
				.getBean(BudgetStore.class)
				.isInstanceOf(InMemoryBudgetStore.class));
	}

	@Test
	void keepsSpendInMemoryAndHearsEveryPricedRoundTrip() {
		this.contextRunner.withPropertyValues(TENANT_BUDGET, "ai.observability.budgets.limits[0].limit=10")
			.run((context) -> {
				assertThat(context).hasSingleBean(BudgetAdvisor.class)
					.hasSingleBean(ModelCallRecorder.class)
					.getBean(BudgetStore.class)
					.isInstanceOf(InMemoryBudgetStore.class);
				assertThat(context.getBean(BudgetEnforcer.class).budgets()).singleElement()
					.satisfies((budget) -> assertThat(budget.scopeValue(java.util.List.of("a", "b")))
						.isEqualTo("application"));
				assertThat(context).getBean("aiBudgetChatClientBuilderCustomizer").isNotNull();
			});
	}

	@Test
	void keepsSpendPerValueOfTheBudgetsTag() {
		this.contextRunner
			.withPropertyValues(TENANT_BUDGET, "ai.observability.budgets.limits[0].limit=10",
					"ai.observability.budgets.limits[0].tag=feature")
			.run((context) -> assertThat(context.getBean(BudgetEnforcer.class).budgets()).singleElement()
				.satisfies((budget) -> assertThat(budget.scopeValue(java.util.List.of("acme", "search")))
					.isEqualTo("search")));
	}

	@Test
	void usesRedisWhenAskedAndAStringRedisTemplateExists() {
		// Never started: the store connects on its first operation, which this test makes
		// none of.
		this.contextRunner
			.withBean(StringRedisTemplate.class, () -> new StringRedisTemplate(new LettuceConnectionFactory()))
			.withPropertyValues(TENANT_BUDGET, "ai.observability.budgets.limits[0].limit=10",
					"ai.observability.budgets.store=redis")
			.run((context) -> assertThat(context).getBean(BudgetStore.class).isInstanceOf(RedisBudgetStore.class));
	}

	@Test
	void failsOnAKeyPrefixWithoutAHashTagWithRedisCluster() {
		this.contextRunner
			.withBean(StringRedisTemplate.class,
					() -> new StringRedisTemplate(
							new LettuceConnectionFactory(new RedisClusterConfiguration(List.of("127.0.0.1:7000")))))
			.withPropertyValues(TENANT_BUDGET, "ai.observability.budgets.limits[0].limit=10",
					"ai.observability.budgets.store=redis", "ai.observability.budgets.key-prefix=budget:")
			.run((context) -> InvalidValue.assertInvalid(context.getStartupFailure(),
					"ai.observability.budgets.key-prefix", "budget:", "hash tag"));
	}

	@Test
	void takesAKeyPrefixWithAHashTagWithRedisCluster() {
		this.contextRunner
			.withBean(StringRedisTemplate.class,
					() -> new StringRedisTemplate(
							new LettuceConnectionFactory(new RedisClusterConfiguration(List.of("127.0.0.1:7000")))))
			.withPropertyValues(TENANT_BUDGET, "ai.observability.budgets.limits[0].limit=10",
					"ai.observability.budgets.store=redis", "ai.observability.budgets.key-prefix={shop}:budget:")
			.run((context) -> assertThat(context).getBean(BudgetStore.class).isInstanceOf(RedisBudgetStore.class));
	}

	@Test
	void failsOnANegativeLimit() {
		assertStartupFails(new String[] { TENANT_BUDGET, "ai.observability.budgets.limits[0].limit=-5" },
				"ai.observability.budgets.limits[0].limit", "-5");
	}

	@Test
	void failsOnAMissingLimit() {
		assertStartupFails(new String[] { TENANT_BUDGET }, "ai.observability.budgets.limits[0].limit", "(unset)");
	}

	@Test
	void failsOnANegativeOverride() {
		assertStartupFails(
				new String[] { TENANT_BUDGET, "ai.observability.budgets.limits[0].limit=5",
						"ai.observability.budgets.limits[0].tag=tenant",
						"ai.observability.budgets.limits[0].overrides.acme=-1" },
				"ai.observability.budgets.limits[0].overrides.acme", "-1");
	}

	@Test
	void failsOnATagThatIsNotARequestTag() {
		assertStartupFails(
				new String[] { TENANT_BUDGET, "ai.observability.budgets.limits[0].limit=5",
						"ai.observability.budgets.limits[0].tag=team" },
				"ai.observability.budgets.limits[0].tag", "team");
	}

	@Test
	void failsOnAFallbackWithoutItsModel() {
		assertStartupFails(
				new String[] { TENANT_BUDGET, "ai.observability.budgets.limits[0].limit=5",
						"ai.observability.budgets.limits[0].action=fallback" },
				"ai.observability.budgets.limits[0].fallback-model", "(unset)");
	}

	@Test
	void failsOnAFallbackModelForAnotherAction() {
		assertStartupFails(
				new String[] { TENANT_BUDGET, "ai.observability.budgets.limits[0].limit=5",
						"ai.observability.budgets.limits[0].action=reject",
						"ai.observability.budgets.limits[0].fallback-model=gpt-4o-mini" },
				"ai.observability.budgets.limits[0].fallback-model", "gpt-4o-mini");
	}

	@Test
	void failsOnTwoBudgetsOfOneName() {
		assertStartupFails(new String[] { TENANT_BUDGET, "ai.observability.budgets.limits[0].limit=5",
				"ai.observability.budgets.limits[1].name=tenant-daily", "ai.observability.budgets.limits[1].limit=5" },
				"ai.observability.budgets.limits[1].name", "tenant-daily");
	}

	@Test
	void failsOnANonPositiveRedisTimeout() {
		assertStartupFails(
				new String[] { TENANT_BUDGET, "ai.observability.budgets.limits[0].limit=5",
						"ai.observability.budgets.redis-timeout=0s" },
				"ai.observability.budgets.redis-timeout", "PT0S");
	}

	@Test
	void failsOnANonPositiveRedisConnectTimeout() {
		assertStartupFails(
				new String[] { TENANT_BUDGET, "ai.observability.budgets.limits[0].limit=5",
						"ai.observability.budgets.redis-connect-timeout=-1s" },
				"ai.observability.budgets.redis-connect-timeout", "PT-1S");
	}

	@Test
	void failsOnANonPositiveRedisShutdownTimeout() {
		assertStartupFails(
				new String[] { TENANT_BUDGET, "ai.observability.budgets.limits[0].limit=5",
						"ai.observability.budgets.redis-shutdown-timeout=0ms" },
				"ai.observability.budgets.redis-shutdown-timeout", "PT0S");
	}

	@Test
	void failsOnARedisBacklogLimitBelowOne() {
		assertStartupFails(
				new String[] { TENANT_BUDGET, "ai.observability.budgets.limits[0].limit=5",
						"ai.observability.budgets.redis-backlog-limit=0" },
				"ai.observability.budgets.redis-backlog-limit", "0");
	}

	@Test
	void failsOnTheRedisStoreWithoutSpringDataRedis() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(StringRedisTemplate.class))
			.withPropertyValues(TENANT_BUDGET, "ai.observability.budgets.limits[0].limit=5",
					"ai.observability.budgets.store=redis")
			.run((context) -> InvalidValue.assertInvalid(context.getStartupFailure(), "ai.observability.budgets.store",
					"redis", "spring-boot-starter-data-redis"));
	}

	@Test
	void failsOnTheRedisStoreWithoutARedisConnection() {
		this.contextRunner
			.withPropertyValues(TENANT_BUDGET, "ai.observability.budgets.limits[0].limit=5",
					"ai.observability.budgets.store=redis")
			.run((context) -> InvalidValue.assertInvalid(context.getStartupFailure(), "ai.observability.budgets.store",
					"redis", "no StringRedisTemplate bean"));
	}

	private void assertStartupFails(String[] properties, String name, String value) {
		InvalidValue.assertStartupFails(this.contextRunner, properties, name, value);
	}

}

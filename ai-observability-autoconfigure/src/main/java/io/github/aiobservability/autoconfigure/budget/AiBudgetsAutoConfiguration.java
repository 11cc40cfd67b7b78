package io.github.aiobservability.autoconfigure.budget;

import java.time.Clock;

import io.github.aiobservability.autoconfigure.AiObservabilityAutoConfiguration;
import io.github.aiobservability.autoconfigure.AiObservabilityProperties;
import io.github.aiobservability.autoconfigure.cost.AiCostAutoConfiguration;
import io.github.aiobservability.budget.BudgetAdvisor;
import io.github.aiobservability.budget.BudgetEnforcer;
import io.github.aiobservability.budget.BudgetPeriodGauges;
import io.github.aiobservability.budget.BudgetStore;
import io.github.aiobservability.budget.InMemoryBudgetStore;
import io.github.aiobservability.budget.RedisBudgetStore;
import io.github.aiobservability.cost.CostCalculator;
import io.github.aiobservability.model.RequestTagResolver;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientBuilderCustomizer;
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Spending budgets ({@code ai.observability.budgets.limits}): an advisor ordered first
 * holds ChatClient calls and streams to them, and every priced round-trip's cost is added
 * to the budgets it counts toward, in memory or in Redis.
 */
// afterName: the MeterRegistry bean and Boot's StringRedisTemplate.
@AutoConfiguration(after = { AiObservabilityAutoConfiguration.class, AiCostAutoConfiguration.class },
		afterName = {
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration" })
@ConditionalOnClass({ ChatClient.class, NonTransientAiException.class, MeterRegistry.class })
@ConditionalOnBean({ MeterRegistry.class, CostCalculator.class, RequestTagResolver.class })
@ConditionalOnBooleanProperty(name = AiObservabilityProperties.CONFIG_PREFIX + ".enabled", matchIfMissing = true)
@Conditional(OnBudgetsCondition.class)
@EnableConfigurationProperties(AiObservabilityProperties.class)
public final class AiBudgetsAutoConfiguration {

	private static final String STORE = AiObservabilityProperties.CONFIG_PREFIX + ".budgets.store";

	@Bean
	@ConditionalOnMissingBean
	BudgetStore aiBudgetStore(AiObservabilityProperties properties, ObjectProvider<Clock> clock) {
		if (properties.getBudgets().getStore() == AiObservabilityProperties.Budgets.Store.REDIS) {
			throw new InvalidConfigurationPropertyValueException(STORE, "redis", "Allowed is memory, or redis with "
					+ "Spring Data Redis on the classpath (spring-boot-starter-data-redis).");
		}
		return new InMemoryBudgetStore(clock.getIfUnique(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean
	BudgetEnforcer aiBudgetEnforcer(AiObservabilityProperties properties, BudgetStore store, CostCalculator costs,
			RequestTagResolver requestTags, MeterRegistry meterRegistry, ObjectProvider<Clock> clock) {
		AiObservabilityProperties.Budgets budgets = properties.getBudgets();
		return new BudgetEnforcer(BudgetSettings.budgets(budgets, requestTags.keys()), store,
				clock.getIfUnique(Clock::systemUTC), budgets.getZone(), budgets.getKeyPrefix(), costs.currency(),
				meterRegistry, properties.staticTags());
	}

	@Bean
	@ConditionalOnMissingBean
	BudgetPeriodGauges aiBudgetPeriodGauges(BudgetEnforcer enforcer, AiObservabilityProperties properties,
			ObjectProvider<Clock> clock) {
		return new BudgetPeriodGauges(enforcer.budgets(), clock.getIfUnique(Clock::systemUTC),
				properties.getBudgets().getZone(), properties.staticTags());
	}

	@Bean
	@ConditionalOnMissingBean
	BudgetAdvisor aiBudgetAdvisor(BudgetEnforcer enforcer, RequestTagResolver requestTags) {
		return new BudgetAdvisor(enforcer, requestTags);
	}

	// Applied to the auto-configured ChatClient.Builder; a ChatClient built by hand adds
	// the advisor itself.
	@Bean
	@ConditionalOnMissingBean(name = "aiBudgetChatClientBuilderCustomizer")
	ChatClientBuilderCustomizer aiBudgetChatClientBuilderCustomizer(BudgetAdvisor advisor) {
		return (builder) -> builder.defaultAdvisors(advisor);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(StringRedisTemplate.class)
	@ConditionalOnProperty(name = STORE, havingValue = "redis")
	static class RedisStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(BudgetStore.class)
		RedisBudgetStore aiRedisBudgetStore(AiObservabilityProperties properties,
				ObjectProvider<StringRedisTemplate> redis, ObjectProvider<Clock> clock) {
			StringRedisTemplate template = redis.getIfUnique();
			if (template == null) {
				throw new InvalidConfigurationPropertyValueException(STORE, "redis",
						"Allowed is memory, or redis with a "
								+ "Redis connection (spring.data.redis.*): no StringRedisTemplate bean.");
			}
			return new RedisBudgetStore(template, properties.getBudgets().getRedisTimeout(),
					clock.getIfUnique(Clock::systemUTC));
		}

	}

}

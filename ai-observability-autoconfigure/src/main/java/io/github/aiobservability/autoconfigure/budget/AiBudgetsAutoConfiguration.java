package io.github.aiobservability.autoconfigure.budget;

import java.time.Clock;

import io.github.aiobservability.autoconfigure.AiObservabilityAutoConfiguration;
import io.github.aiobservability.autoconfigure.AiObservabilityProperties;
import io.github.aiobservability.autoconfigure.EnableAiObservabilityProperties;
import io.github.aiobservability.autoconfigure.StaticTags;
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
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
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
@EnableAiObservabilityProperties
public final class AiBudgetsAutoConfiguration {

	private static final String STORE = AiObservabilityProperties.CONFIG_PREFIX + ".budgets.store";

	private static final String KEY_PREFIX = AiObservabilityProperties.CONFIG_PREFIX + ".budgets.key-prefix";

	@Bean
	@ConditionalOnMissingBean
	BudgetStore aiBudgetStore(AiObservabilityProperties properties, ObjectProvider<Clock> clock) {
		if (properties.getBudgets().getStore() == BudgetsProperties.Store.REDIS) {
			throw new InvalidConfigurationPropertyValueException(STORE, "redis", "Allowed is memory, or redis with "
					+ "Spring Data Redis on the classpath (spring-boot-starter-data-redis).");
		}
		return new InMemoryBudgetStore(clock.getIfUnique(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean
	BudgetEnforcer aiBudgetEnforcer(AiObservabilityProperties properties, BudgetStore store, CostCalculator costs,
			RequestTagResolver requestTags, MeterRegistry meterRegistry, ObjectProvider<Clock> clock) {
		BudgetsProperties budgets = properties.getBudgets();
		return new BudgetEnforcer(BudgetSettings.budgets(budgets, requestTags.keys()), store,
				clock.getIfUnique(Clock::systemUTC), budgets.getZone(), budgets.getKeyPrefix(), costs.currency(),
				meterRegistry, StaticTags.of(properties));
	}

	@Bean
	@ConditionalOnMissingBean
	BudgetPeriodGauges aiBudgetPeriodGauges(BudgetEnforcer enforcer, AiObservabilityProperties properties,
			ObjectProvider<Clock> clock) {
		return new BudgetPeriodGauges(enforcer.budgets(), clock.getIfUnique(Clock::systemUTC),
				properties.getBudgets().getZone(), StaticTags.of(properties));
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
			BudgetsProperties budgets = properties.getBudgets();
			if (template.getConnectionFactory() instanceof LettuceConnectionFactory lettuce && lettuce.isClusterAware()
					&& !hasHashTag(budgets.getKeyPrefix())) {
				throw new InvalidConfigurationPropertyValueException(KEY_PREFIX, budgets.getKeyPrefix(),
						"Allowed is a prefix with a hash tag, such as {ai-observability}:budget:, with Redis Cluster: "
								+ "the keys a call reads and writes together must share a slot.");
			}
			return new RedisBudgetStore(template, budgets.getKeyPrefix(), budgets.getRedisTimeout(),
					budgets.getRedisConnectTimeout(), budgets.getRedisShutdownTimeout(), budgets.getRedisBacklogLimit(),
					clock.getIfUnique(Clock::systemUTC));
		}

		/** Whether Redis Cluster hashes the keys of a prefix by a part of it alone. */
		private static boolean hasHashTag(String prefix) {
			int open = prefix.indexOf('{');
			return open >= 0 && prefix.indexOf('}', open + 1) > open + 1;
		}

	}

}

package io.github.aiobservability.sample;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Keeps the budgets' spend in Redis, shared by every instance, when {@code REDIS_URL} is
 * set (as the compose stack does for its two instances), and in memory otherwise, with
 * Redis left out entirely so that a sample without one reports healthy.
 */
public class BudgetStoreEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String REDIS_AUTO_CONFIGURATIONS = String.join(",",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String redisUrl = environment.getProperty("REDIS_URL");
		Map<String, Object> defaults = new LinkedHashMap<>();
		if (StringUtils.hasText(redisUrl)) {
			defaults.put("ai.observability.budgets.store", "redis");
			defaults.put("spring.data.redis.url", redisUrl);
		}
		else {
			defaults.put("spring.autoconfigure.exclude", REDIS_AUTO_CONFIGURATIONS);
		}
		// Last: anything the user sets explicitly still wins.
		environment.getPropertySources().addLast(new MapPropertySource("sampleBudgetStore", defaults));
	}

	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

}

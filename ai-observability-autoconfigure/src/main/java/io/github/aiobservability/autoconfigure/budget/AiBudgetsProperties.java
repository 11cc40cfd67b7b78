package io.github.aiobservability.autoconfigure.budget;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.aiobservability.budget.BudgetAction;
import io.github.aiobservability.budget.BudgetPeriod;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Spending budgets: limits per period for the whole application or per request tag value,
 * and what happens to calls once one is spent.
 */
@ConfigurationProperties(AiBudgetsProperties.CONFIG_PREFIX)
public class AiBudgetsProperties {

	/** The prefix of these properties. */
	public static final String CONFIG_PREFIX = "ai.observability.budgets";

	/**
	 * The budgets.
	 */
	private List<Limit> limits = new ArrayList<>();

	/**
	 * Time zone whose midnight starts a budget's day or month.
	 */
	private ZoneId zone = ZoneOffset.UTC;

	/**
	 * Where spend is kept: memory (each instance its own) or redis (shared by every
	 * instance; needs Spring Data Redis and a Redis connection).
	 */
	private Store store = Store.MEMORY;

	/**
	 * Start of every Redis key. The braces make it a Redis Cluster hash tag, so one
	 * application's keys share a node.
	 */
	private String keyPrefix = "{ai-observability}:budget:";

	/**
	 * How long one Redis operation may take before the store counts it as failed and
	 * goes on without it.
	 */
	private Duration redisTimeout = Duration.ofMillis(250);

	public List<Limit> getLimits() {
		return this.limits;
	}

	public void setLimits(List<Limit> limits) {
		this.limits = limits;
	}

	public ZoneId getZone() {
		return this.zone;
	}

	public void setZone(ZoneId zone) {
		this.zone = zone;
	}

	public Store getStore() {
		return this.store;
	}

	public void setStore(Store store) {
		this.store = store;
	}

	public String getKeyPrefix() {
		return this.keyPrefix;
	}

	public void setKeyPrefix(String keyPrefix) {
		this.keyPrefix = keyPrefix;
	}

	public Duration getRedisTimeout() {
		return this.redisTimeout;
	}

	public void setRedisTimeout(Duration redisTimeout) {
		this.redisTimeout = redisTimeout;
	}

	/**
	 * Where spend is kept.
	 */
	public enum Store {

		/** In this instance's memory. */
		MEMORY,

		/** In Redis, shared by every instance. */
		REDIS

	}

	/**
	 * One budget.
	 */
	public static class Limit {

		/**
		 * Name of the budget, its 'budget' label.
		 */
		private String name = "";

		/**
		 * Request tag (one of ai.observability.request-tags) whose every value has a
		 * budget of its own; unset for one budget for the whole application.
		 */
		private @Nullable String tag;

		/**
		 * Spend allowed per period, in ai.observability.currency.
		 */
		private @Nullable BigDecimal limit;

		/**
		 * How long spend accumulates: day or month.
		 */
		private BudgetPeriod period = BudgetPeriod.DAY;

		/**
		 * Limits of particular tag values, for example acme: 2000.
		 */
		private Map<String, BigDecimal> overrides = new LinkedHashMap<>();

		/**
		 * What happens to a ChatClient call once the limit is reached: alert (the call
		 * goes on and is counted), reject (refused with BudgetExceededException) or
		 * fallback (sent to fallback-model).
		 */
		private BudgetAction action = BudgetAction.ALERT;

		/**
		 * Model calls are sent to once the limit is reached, with action fallback.
		 */
		private @Nullable String fallbackModel;

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public @Nullable String getTag() {
			return this.tag;
		}

		public void setTag(@Nullable String tag) {
			this.tag = tag;
		}

		public @Nullable BigDecimal getLimit() {
			return this.limit;
		}

		public void setLimit(@Nullable BigDecimal limit) {
			this.limit = limit;
		}

		public BudgetPeriod getPeriod() {
			return this.period;
		}

		public void setPeriod(BudgetPeriod period) {
			this.period = period;
		}

		public Map<String, BigDecimal> getOverrides() {
			return this.overrides;
		}

		public void setOverrides(Map<String, BigDecimal> overrides) {
			this.overrides = overrides;
		}

		public BudgetAction getAction() {
			return this.action;
		}

		public void setAction(BudgetAction action) {
			this.action = action;
		}

		public @Nullable String getFallbackModel() {
			return this.fallbackModel;
		}

		public void setFallbackModel(@Nullable String fallbackModel) {
			this.fallbackModel = fallbackModel;
		}

	}

}

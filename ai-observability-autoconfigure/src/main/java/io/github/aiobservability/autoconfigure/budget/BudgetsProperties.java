package io.github.aiobservability.autoconfigure.budget;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Spending budgets ({@code ai.observability.budgets}): limits per period for the whole
 * application or per request tag value, and what happens to calls once one is spent.
 */
public class BudgetsProperties {

	/**
	 * The budgets.
	 */
	private List<BudgetLimitProperties> limits = new ArrayList<>();

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
	 * How long one Redis operation may take before the store counts it as failed and goes
	 * on without it.
	 */
	private Duration redisTimeout = Duration.ofMillis(250);

	/**
	 * How long startup waits for Redis to answer a first PING: opening a connection takes
	 * longer than one operation. Redis down at startup is not a startup error.
	 */
	private Duration redisConnectTimeout = Duration.ofSeconds(5);

	/**
	 * How long a graceful shutdown waits to write the spend Redis has not yet taken; what
	 * is left then is dropped, logged and counted in ai_budget_spend_dropped_total.
	 */
	private Duration redisShutdownTimeout = Duration.ofSeconds(5);

	/**
	 * Most keys (budget, scope value and period) whose spend an instance keeps in memory
	 * while Redis does not answer; spend for further keys is dropped, logged and counted
	 * in ai_budget_spend_dropped_total.
	 */
	private int redisBacklogLimit = 10_000;

	public List<BudgetLimitProperties> getLimits() {
		return this.limits;
	}

	public void setLimits(List<BudgetLimitProperties> limits) {
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

	public Duration getRedisConnectTimeout() {
		return this.redisConnectTimeout;
	}

	public void setRedisConnectTimeout(Duration redisConnectTimeout) {
		this.redisConnectTimeout = redisConnectTimeout;
	}

	public Duration getRedisShutdownTimeout() {
		return this.redisShutdownTimeout;
	}

	public void setRedisShutdownTimeout(Duration redisShutdownTimeout) {
		this.redisShutdownTimeout = redisShutdownTimeout;
	}

	public int getRedisBacklogLimit() {
		return this.redisBacklogLimit;
	}

	public void setRedisBacklogLimit(int redisBacklogLimit) {
		this.redisBacklogLimit = redisBacklogLimit;
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

}

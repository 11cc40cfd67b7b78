package io.github.aiobservability.metrics;

/**
 * Names of the meters this starter registers. Micrometer's Prometheus naming turns them
 * into the exported names shown on each constant, which dashboards and alert rules depend
 * on.
 */
public enum AiMetricNames {

	/** {@code ai_api_requests_total}: model round-trips by outcome. */
	REQUESTS("ai.api.requests"),

	/**
	 * {@code ai_api_request_duration_seconds}: latency histogram of model round-trips.
	 */
	REQUEST_DURATION("ai.api.request.duration"),

	/** {@code ai_api_time_to_first_token_seconds}: streaming only. */
	TIME_TO_FIRST_TOKEN("ai.api.time.to.first.token"),

	/**
	 * {@code ai_api_time_per_output_token_seconds}: streaming only, the decode speed
	 * between the first and the last generated content.
	 */
	TIME_PER_OUTPUT_TOKEN("ai.api.time.per.output.token"),

	/** {@code ai_token_usage_input_total}: prompt tokens, reported or estimated. */
	TOKENS_INPUT("ai.token.usage.input"),

	/** {@code ai_token_usage_output_total}: completion tokens, reported or estimated. */
	TOKENS_OUTPUT("ai.token.usage.output"),

	/**
	 * {@code ai_token_usage_estimated_total}: the part of the token counters that was
	 * estimated.
	 */
	TOKENS_ESTIMATED("ai.token.usage.estimated"),

	/**
	 * {@code ai_token_usage_cache_read_total}: input tokens served from the prompt cache.
	 */
	TOKENS_CACHE_READ("ai.token.usage.cache.read"),

	/**
	 * {@code ai_token_usage_cache_write_total}: input tokens written to the prompt cache.
	 */
	TOKENS_CACHE_WRITE("ai.token.usage.cache.write"),

	/** {@code ai_token_usage_reasoning_total}: output tokens spent on reasoning. */
	TOKENS_REASONING("ai.token.usage.reasoning"),

	/** {@code ai_api_cost_total}: cost in the configured currency. */
	COST("ai.api.cost"),

	/** {@code ai_api_unpriced_requests_total}: round-trips of models with no price. */
	UNPRICED_REQUESTS("ai.api.unpriced.requests"),

	/** {@code ai_api_threshold}: the alert thresholds configured in the application. */
	THRESHOLD("ai.api.threshold"),

	/**
	 * {@code ai_api_slo_objective}: the share of good calls a service level objective
	 * asks of a model.
	 */
	SLO_OBJECTIVE("ai.api.slo.objective"),

	/**
	 * {@code ai_api_slo_period_seconds}: the rolling period of a service level objective.
	 */
	SLO_PERIOD("ai.api.slo.period"),

	/**
	 * {@code ai_api_slo_threshold_seconds}: the time within which a call is good, for a
	 * latency or time-to-first-token objective.
	 */
	SLO_THRESHOLD("ai.api.slo.threshold"),

	/** {@code ai_api_requests_in_flight}: round-trips started and not yet finished. */
	REQUESTS_IN_FLIGHT("ai.api.requests.in.flight"),

	/**
	 * {@code ai_api_attempts_total}: HTTP attempts of round-trips, the client's retries
	 * included.
	 */
	ATTEMPTS("ai.api.attempts"),

	/**
	 * {@code ai_api_rate_limit_limit}: the provider's rate limit, as it last reported it.
	 */
	RATE_LIMIT_LIMIT("ai.api.rate.limit.limit"),

	/**
	 * {@code ai_api_rate_limit_remaining}: what is left of it, as it last reported it.
	 */
	RATE_LIMIT_REMAINING("ai.api.rate.limit.remaining"),

	/**
	 * {@code ai_api_model_load_duration_seconds}: how long a local model server (Ollama)
	 * took to load the model into memory for a call, as it reports it.
	 */
	MODEL_LOAD_DURATION("ai.api.model.load.duration"),

	/** {@code ai_api_price_catalogue_models}: models a price source prices. */
	PRICE_CATALOGUE_MODELS("ai.api.price.catalogue.models"),

	/**
	 * {@code ai_api_price_catalogue_loaded_timestamp_seconds}: when a price list was last
	 * read whole.
	 */
	PRICE_CATALOGUE_LOADED("ai.api.price.catalogue.loaded.timestamp"),

	/**
	 * {@code ai_api_price_catalogue_refresh_failures_total}: loads that failed or were
	 * rejected.
	 */
	PRICE_CATALOGUE_REFRESH_FAILURES("ai.api.price.catalogue.refresh.failures"),

	/** {@code ai_budget_spent}: spend of a budget's current period, by scope value. */
	BUDGET_SPENT("ai.budget.spent"),

	/** {@code ai_budget_limit}: a budget's limit, by scope value. */
	BUDGET_LIMIT("ai.budget.limit"),

	/**
	 * {@code ai_budget_period_end_timestamp_seconds}: when a budget's current period
	 * ends.
	 */
	BUDGET_PERIOD_END("ai.budget.period.end.timestamp"),

	/**
	 * {@code ai_budget_actions_total}: calls that found their budget spent, by action.
	 */
	BUDGET_ACTIONS("ai.budget.actions"),

	/**
	 * {@code ai_budget_store_failures_total}: failed operations on the shared budget
	 * store.
	 */
	BUDGET_STORE_FAILURES("ai.budget.store.failures"),

	/**
	 * {@code ai_budget_spend_dropped_total}: spend the shared budget store never got, by
	 * budget.
	 */
	BUDGET_SPEND_DROPPED("ai.budget.spend.dropped"),

	/** {@code ai_api_price_catalogue_last_refresh_successful}: 1 or 0. */
	PRICE_CATALOGUE_LAST_REFRESH_SUCCESSFUL("ai.api.price.catalogue.last.refresh.successful");

	private final String value;

	AiMetricNames(String value) {
		this.value = value;
	}

	public String value() {
		return this.value;
	}

}

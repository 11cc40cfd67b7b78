package io.github.aiobservability.metrics;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * The meters of one label set (model, provider, endpoint, request tags, static tags),
 * shared by every round-trip recorded with those labels. Embeddings get no output, cache
 * or reasoning series: they produce no output.
 * <p>
 * The request counters of every outcome are registered up front, at zero: an alert on
 * {@code increase(ai_api_requests_total{error_type="unauthorized"}[5m])} cannot see the
 * first 401 if its series only appears with it.
 */
public final class LabelSetMeters {

	private final MeterRegistry registry;

	private final Tags tags;

	private final Tags endpointTags;

	private final Buckets buckets;

	private final Counter[] requests = new Counter[CallOutcome.values().length];

	private final @Nullable Timer[] durations = new Timer[CallOutcome.Status.values().length];

	private final Counter inputTokens;

	// Null for embeddings: they produce no output, so no output, cache or reasoning
	// series.
	private final @Nullable Counter outputTokens;

	private final @Nullable Counter cacheReadTokens;

	private final @Nullable Counter cacheWriteTokens;

	private final @Nullable Counter reasoningTokens;

	private final AtomicLong inFlight;

	private volatile @Nullable Counter cost;

	private volatile @Nullable Counter estimatedInputTokens;

	private volatile @Nullable Counter estimatedOutputTokens;

	private volatile @Nullable Timer timeToFirstToken;

	private volatile @Nullable Timer timePerOutputToken;

	LabelSetMeters(MeterRegistry registry, Tags modelTags, Endpoint endpoint, AtomicLong inFlight, Buckets buckets) {
		this.registry = registry;
		this.inFlight = inFlight;
		this.tags = modelTags;
		this.buckets = buckets;
		Tags endpointTags = modelTags.and(AiMetricLabels.ENDPOINT, endpoint.value());
		this.endpointTags = endpointTags;
		for (CallOutcome type : CallOutcome.values()) {
			this.requests[type.ordinal()] = Counter.builder(AiMetricNames.REQUESTS.value())
				.description("Model round-trips by outcome")
				.tags(endpointTags)
				.tag(AiMetricLabels.STATUS, type.status().value())
				.tag(AiMetricLabels.ERROR_TYPE, type.value())
				.register(registry);
		}
		this.inputTokens = tokenCounter(AiMetricNames.TOKENS_INPUT, "Input (prompt) tokens", endpointTags);
		boolean output = endpoint.producesOutput();
		this.outputTokens = output
				? tokenCounter(AiMetricNames.TOKENS_OUTPUT, "Output (completion) tokens", endpointTags) : null;
		this.cacheReadTokens = output ? tokenCounter(AiMetricNames.TOKENS_CACHE_READ,
				"Input tokens served from the provider's prompt cache", endpointTags) : null;
		this.cacheWriteTokens = output
				? tokenCounter(AiMetricNames.TOKENS_CACHE_WRITE,
						"Input tokens written to the provider's prompt cache, where billed separately", endpointTags)
				: null;
		this.reasoningTokens = output
				? tokenCounter(AiMetricNames.TOKENS_REASONING, "Output tokens spent on reasoning", endpointTags) : null;
	}

	/**
	 * The round-trips of these labels in flight, shared with every label set of the same
	 * model, provider and endpoint: the gauge carries no request tags.
	 * @return the counter behind the {@code ai_api_requests_in_flight} gauge
	 */
	public AtomicLong inFlight() {
		return this.inFlight;
	}

	/**
	 * Records a finished round-trip.
	 * @param outcome its outcome, {@link CallOutcome#NONE} for a success
	 * @param durationNanos how long it took
	 */
	public void recordOutcome(CallOutcome outcome, long durationNanos) {
		this.requests[outcome.ordinal()].increment();
		duration(outcome.status()).record(durationNanos, TimeUnit.NANOSECONDS);
	}

	/**
	 * Records the tokens of a round-trip.
	 * @param usage its token counts
	 */
	public void recordTokens(TokenUsage usage) {
		if (usage.input() > 0) {
			this.inputTokens.increment(usage.input());
			if (usage.inputEstimated()) {
				estimatedInput().increment(usage.input());
			}
		}
		if (usage.output() > 0 && this.outputTokens != null) {
			this.outputTokens.increment(usage.output());
			if (usage.outputEstimated()) {
				estimatedOutput().increment(usage.output());
			}
		}
		increment(this.cacheReadTokens, usage.cacheRead());
		increment(this.cacheWriteTokens, usage.cacheWrite());
		increment(this.reasoningTokens, usage.reasoning());
	}

	/**
	 * Records the cost of a round-trip; an amount of 0 registers the counter, as the cost
	 * recorder does when a round-trip starts, so that every label set has its cost series
	 * from its first round-trip on, whatever that costs.
	 * @param currency the currency costs are recorded in, one per application
	 * @param amount the cost in that currency, 0 or more
	 */
	public void recordCost(String currency, double amount) {
		Counter counter = this.cost;
		if (counter == null) {
			counter = Counter.builder(AiMetricNames.COST.value())
				.description("Cost of model round-trips in the configured currency")
				.tags(this.endpointTags)
				.tag(AiMetricLabels.CURRENCY, currency)
				.register(this.registry);
			this.cost = counter;
		}
		if (amount > 0) {
			counter.increment(amount);
		}
	}

	/**
	 * Records the time from a stream's start to its first generated content.
	 * @param nanos the time
	 */
	public void recordTimeToFirstToken(long nanos) {
		Timer timer = this.timeToFirstToken;
		if (timer == null) {
			timer = Timer.builder(AiMetricNames.TIME_TO_FIRST_TOKEN.value())
				.description("Time from the start of a stream to its first generated content")
				.tags(this.tags)
				.serviceLevelObjectives(this.buckets.timeToFirstToken())
				.register(this.registry);
			this.timeToFirstToken = timer;
		}
		timer.record(nanos, TimeUnit.NANOSECONDS);
	}

	/**
	 * Records how long a stream took per output token between its first and its last
	 * generated content: its decode speed.
	 * @param nanos the time per token
	 */
	public void recordTimePerOutputToken(long nanos) {
		Timer timer = this.timePerOutputToken;
		if (timer == null) {
			timer = Timer.builder(AiMetricNames.TIME_PER_OUTPUT_TOKEN.value())
				.description("Time per output token of a stream, from its first to its last generated content")
				.tags(this.tags)
				.serviceLevelObjectives(this.buckets.timePerOutputToken())
				.register(this.registry);
			this.timePerOutputToken = timer;
		}
		timer.record(nanos, TimeUnit.NANOSECONDS);
	}

	private Timer duration(CallOutcome.Status status) {
		Timer timer = this.durations[status.ordinal()];
		if (timer == null) {
			timer = Timer.builder(AiMetricNames.REQUEST_DURATION.value())
				.description("Latency of model round-trips")
				.tags(this.endpointTags)
				.tag(AiMetricLabels.STATUS, status.value())
				.serviceLevelObjectives(this.buckets.latency())
				.register(this.registry);
			this.durations[status.ordinal()] = timer;
		}
		return timer;
	}

	private Counter estimatedInput() {
		Counter counter = this.estimatedInputTokens;
		if (counter == null) {
			counter = estimatedCounter("input");
			this.estimatedInputTokens = counter;
		}
		return counter;
	}

	private Counter estimatedOutput() {
		Counter counter = this.estimatedOutputTokens;
		if (counter == null) {
			counter = estimatedCounter("output");
			this.estimatedOutputTokens = counter;
		}
		return counter;
	}

	private Counter estimatedCounter(String direction) {
		return Counter.builder(AiMetricNames.TOKENS_ESTIMATED.value())
			.description("Tokens estimated locally because the provider reported no usage")
			.tags(this.endpointTags)
			.tag(AiMetricLabels.DIRECTION, direction)
			.register(this.registry);
	}

	private static void increment(@Nullable Counter counter, long tokens) {
		if (counter != null && tokens > 0) {
			counter.increment(tokens);
		}
	}

	private Counter tokenCounter(AiMetricNames name, String description, Tags endpointTags) {
		return Counter.builder(name.value()).description(description).tags(endpointTags).register(this.registry);
	}

	/**
	 * The bucket boundaries as Micrometer takes them, converted once for every label set.
	 */
	record Buckets(Duration[] latency, Duration[] timeToFirstToken, Duration[] timePerOutputToken) {

		Buckets(HistogramBuckets buckets) {
			this(buckets.latency().toArray(Duration[]::new), buckets.timeToFirstToken().toArray(Duration[]::new),
					buckets.timePerOutputToken().toArray(Duration[]::new));
		}

	}

}

package io.github.aiobservability.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * The {@code ai_api_rate_limit_limit} and {@code ai_api_rate_limit_remaining} gauges: per
 * model, provider and resource, what the provider's rate-limit headers last said.
 * <p>
 * A reading describes a moment. Once the reset time the provider gave has passed, its
 * window has refilled, so the remaining value reads as the limit. When nothing was
 * reported for {@link #STALE_AFTER_MILLIS}, nothing current is known and both read NaN,
 * which alert comparisons treat as false: a provider that stopped reporting (or traffic
 * that stopped) leaves no stale value behind.
 */
public class RateLimitGauges {

	/** How long a reading stays current without a new one: 15 minutes. */
	public static final long STALE_AFTER_MILLIS = 15 * 60 * 1000L;

	private final MeterRegistry registry;

	private final Tags staticTags;

	private final Clock clock;

	private final ConcurrentMap<Key, ModelRateLimits> models = new ConcurrentHashMap<>();

	public RateLimitGauges(MeterRegistry registry, Tags staticTags) {
		this.registry = registry;
		this.staticTags = staticTags;
		this.clock = registry.config().clock();
	}

	/**
	 * Records what a response said of one resource.
	 * @param model the model label
	 * @param provider the provider label
	 * @param resource {@code requests}, {@code tokens}, {@code input_tokens} or
	 * {@code output_tokens}
	 * @param limit the limit
	 * @param remaining what is left of it
	 * @param resetAtMillis when it is fully replenished (epoch milliseconds), or a
	 * negative number when the provider did not say
	 */
	public void update(String model, String provider, String resource, double limit, double remaining,
			long resetAtMillis) {
		of(model, provider).update(resource, limit, remaining, resetAtMillis);
	}

	/**
	 * The rate limits of one model and provider, for recording the several resources of
	 * one response with one look-up.
	 * @param model the model label
	 * @param provider the provider label
	 * @return its rate limits
	 */
	public ModelRateLimits of(String model, String provider) {
		Key key = new Key(model, provider);
		ModelRateLimits limits = this.models.get(key);
		return (limits != null) ? limits : this.models.computeIfAbsent(key, ModelRateLimits::new);
	}

	private Reading register(Key key, String resource) {
		Reading reading = new Reading(this.clock);
		Tags tags = Tags
			.of(AiMetricLabels.MODEL, key.model(), AiMetricLabels.PROVIDER, key.provider(), AiMetricLabels.RESOURCE,
					resource)
			.and(this.staticTags);
		Gauge.builder(AiMetricNames.RATE_LIMIT_LIMIT.value(), reading, Reading::limit)
			.description("The provider's rate limit, as its last response reported it")
			.tags(tags)
			.strongReference(true)
			.register(this.registry);
		Gauge.builder(AiMetricNames.RATE_LIMIT_REMAINING.value(), reading, Reading::remaining)
			.description("What is left of the provider's rate limit, as its last response reported it")
			.tags(tags)
			.strongReference(true)
			.register(this.registry);
		return reading;
	}

	/**
	 * The gauges of one model and provider, one pair per resource, registered when the
	 * provider first reports that resource.
	 */
	public final class ModelRateLimits {

		private final Key key;

		private final ConcurrentMap<String, Reading> readings = new ConcurrentHashMap<>(4);

		private ModelRateLimits(Key key) {
			this.key = key;
		}

		/**
		 * Records what a response said of one resource.
		 * @param resource {@code requests}, {@code tokens}, {@code input_tokens} or
		 * {@code output_tokens}
		 * @param limit the limit
		 * @param remaining what is left of it
		 * @param resetAtMillis when it is fully replenished (epoch milliseconds), or a
		 * negative number when the provider did not say
		 */
		public void update(String resource, double limit, double remaining, long resetAtMillis) {
			Reading reading = this.readings.get(resource);
			if (reading == null) {
				reading = this.readings.computeIfAbsent(resource, (name) -> register(this.key, name));
			}
			reading.set(limit, remaining, resetAtMillis, RateLimitGauges.this.clock.wallTime());
		}

	}

	private record Key(String model, String provider) {
	}

	/**
	 * The last values reported, swapped as one so a scrape never mixes two responses.
	 */
	private static final class Reading {

		private final Clock clock;

		private volatile Values values = new Values(Double.NaN, Double.NaN, -1, 0);

		Reading(Clock clock) {
			this.clock = clock;
		}

		void set(double limit, double remaining, long resetAtMillis, long nowMillis) {
			this.values = new Values(limit, remaining, resetAtMillis, nowMillis);
		}

		double limit() {
			Values current = this.values;
			return isStale(current) ? Double.NaN : current.limit();
		}

		double remaining() {
			Values current = this.values;
			if (isStale(current)) {
				return Double.NaN;
			}
			boolean refilled = current.resetAtMillis() >= 0 && this.clock.wallTime() >= current.resetAtMillis();
			return refilled ? current.limit() : current.remaining();
		}

		private boolean isStale(Values values) {
			return this.clock.wallTime() - values.reportedAtMillis() > STALE_AFTER_MILLIS;
		}

	}

	private record Values(double limit, double remaining, long resetAtMillis, long reportedAtMillis) {
	}

}

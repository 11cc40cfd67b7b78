package io.github.aiobservability.monitoring;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import io.github.aiobservability.autoconfigure.slo.SloGauges;
import io.github.aiobservability.autoconfigure.slo.SloProperties;
import io.github.aiobservability.autoconfigure.thresholds.ModelThresholdsProperties;
import io.github.aiobservability.autoconfigure.thresholds.ThresholdGauges;
import io.github.aiobservability.autoconfigure.thresholds.ThresholdsProperties;
import io.github.aiobservability.budget.Budget;
import io.github.aiobservability.budget.BudgetAction;
import io.github.aiobservability.budget.BudgetPeriod;
import io.github.aiobservability.budget.BudgetPeriodGauges;
import io.github.aiobservability.metrics.AiMetricLabels;
import io.github.aiobservability.metrics.AiMetricNames;
import io.github.aiobservability.metrics.AttemptMeters;
import io.github.aiobservability.metrics.CallOutcome;
import io.github.aiobservability.metrics.Endpoint;
import io.github.aiobservability.metrics.HistogramBuckets;
import io.github.aiobservability.metrics.LabelSetMeters;
import io.github.aiobservability.metrics.ModelMetrics;
import io.github.aiobservability.metrics.RateLimitGauges;
import io.github.aiobservability.metrics.TagValueLimiter;
import io.github.aiobservability.metrics.TokenUsage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * An application at the starter's caps, as Prometheus scrapes it: the starter's own meter
 * classes ({@link ModelMetrics}, {@link SloGauges}, {@link ThresholdGauges},
 * {@link RateLimitGauges}, {@link BudgetPeriodGauges}) on Micrometer's Prometheus
 * registry, with the default buckets and caps of the starter's configuration metadata,
 * served at {@code /actuator/prometheus}. Model names go through the starter's
 * {@link TagValueLimiter}: {@code max-models} of them, and more that it records as
 * {@code other}. Each model is called by chat and by stream through one of four
 * providers, with every outcome, retried 429s, tokens, cost and rate-limit headers; a
 * budget for the application and one per tenant (at {@code max-tag-values} tenants).
 * <p>
 * Its samples carry their time, and its history starts nearly an hour ago: each round of
 * calls is a step of the shipped scrape interval, rendered once the previous round has
 * been scraped, so that Prometheus, scraping it every fraction of a second, holds within
 * a minute the last hour's samples at the density a 15 s scrape gives them. Then the
 * rounds follow the clock, one per step. Each round is served once: a scrape before the
 * next one is rendered gets no samples, which costs Prometheus nothing and leaves no gap
 * (samples with their own time never go stale).
 */
final class CappedApplication implements AutoCloseable {

	static final List<String> PROVIDERS = List.of("openai", "anthropic", "gemini", "deepseek");

	/** The model names called past the cap: the starter records them as other. */
	private static final int MODELS_PAST_THE_CAP = 10;

	private static final List<Endpoint> ENDPOINTS = List.of(Endpoint.CHAT, Endpoint.CHAT_STREAM);

	private static final String CURRENCY = "USD";

	/** The history before the first scrape: under the hour Prometheus's head accepts. */
	private static final Duration HISTORY = Duration.ofMinutes(59);

	private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

	private final Random random;

	private final List<LabelSet> labelSets = new ArrayList<>();

	private final Set<Model> models = new LinkedHashSet<>();

	private final RateLimitGauges rateLimits;

	private final ModelMetrics metrics;

	private final HistogramBuckets buckets;

	private final double[] applicationSpent = new double[1];

	private final double[] tenantSpent;

	private final HttpServer server;

	private final Duration step;

	private final Semaphore scraped = new Semaphore(0);

	private final Thread renderer;

	/** The samples of the last round, until a scrape takes them. */
	private final AtomicReference<byte[]> body = new AtomicReference<>(new byte[0]);

	/** The time of the samples last rendered, epoch milliseconds. */
	private volatile long time;

	private long rounds;

	/**
	 * Starts an application.
	 * @param slos its service level objectives
	 * @param tenants values of a request tag {@code tenant} per model and endpoint, 0 for
	 * no request tag; past {@code max-label-sets} the starter records them as
	 * {@code other}
	 * @param step the time between two rounds of calls: the scrape interval it stands for
	 * @param seed the seed of its traffic
	 * @throws IOException when its server cannot start
	 */
	CappedApplication(List<SloProperties> slos, int tenants, Duration step, long seed) throws IOException {
		this.random = new Random(seed);
		this.step = step;
		Tags staticTags = Tags.of("application", "rule-cost");
		this.buckets = new HistogramBuckets(StarterConfiguration.durations("ai.observability.latency-buckets"),
				StarterConfiguration.durations("ai.observability.time-to-first-token-buckets"),
				StarterConfiguration.durations("ai.observability.time-per-output-token-buckets"));
		SloGauges sloGauges = new SloGauges(slos, staticTags);
		sloGauges.bindTo(this.registry);
		ThresholdGauges thresholdGauges = new ThresholdGauges(thresholds(), staticTags);
		thresholdGauges.bindTo(this.registry);
		List<String> requestTags = (tenants > 0) ? List.of("tenant") : List.of();
		this.metrics = new ModelMetrics(this.registry, staticTags, requestTags, this.buckets, cap("max-label-sets"),
				StarterConfiguration.PREFIX + "max-label-sets", List.of(sloGauges, thresholdGauges));
		this.rateLimits = new RateLimitGauges(this.registry, staticTags);
		TagValueLimiter modelCap = new TagValueLimiter(AiMetricLabels.MODEL, cap("max-models"),
				StarterConfiguration.PREFIX + "max-models");
		for (int i = 0; i < cap("max-models") + MODELS_PAST_THE_CAP; i++) {
			Model model = new Model(modelCap.limit(String.format("model-%03d", i)),
					PROVIDERS.get(i % PROVIDERS.size()));
			if (!this.models.add(model)) {
				continue;
			}
			for (Endpoint endpoint : ENDPOINTS) {
				AttemptMeters attempts = this.metrics.attempts(model.name(), model.provider(), endpoint);
				for (int tenant = 0; tenant < Math.max(tenants, 1); tenant++) {
					List<String> tags = (tenants > 0) ? List.of(String.format("tenant-%03d", tenant)) : List.of();
					LabelSetMeters meters = this.metrics.meters(model.name(), model.provider(), endpoint, tags);
					this.labelSets.add(new LabelSet(model, endpoint, meters, attempts));
				}
			}
		}
		this.tenantSpent = new double[cap("max-tag-values") + 2];
		budgets(staticTags);
		Gauge.builder(AiMetricNames.PRICE_CATALOGUE_LAST_REFRESH_SUCCESSFUL.value(), () -> 1)
			.tags(staticTags)
			.tag(AiMetricLabels.SOURCE, "bundled")
			.register(this.registry);
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.time = System.currentTimeMillis() - HISTORY.toMillis();
		this.body.set(render());
		this.renderer = new Thread(this::renderRounds, "capped-application-" + seed);
		this.renderer.setDaemon(true);
		this.renderer.start();
		this.server.createContext("/actuator/prometheus", (exchange) -> {
			try (exchange) {
				byte[] body = this.body.getAndSet(new byte[0]);
				if (body.length > 0) {
					this.scraped.release();
				}
				exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
				exchange.sendResponseHeaders(200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			}
		});
		this.server.start();
	}

	/**
	 * Where Prometheus scrapes it.
	 * @return host:port
	 */
	String target() {
		return "127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * Whether its rounds follow the clock: its history is rendered.
	 * @return whether the next round is due later
	 */
	boolean caughtUp() {
		return this.time + this.step.toMillis() > System.currentTimeMillis();
	}

	/**
	 * The model labels it exports: {@code max-models} names, and {@code other}.
	 * @return how many
	 */
	long modelLabels() {
		return this.models.stream().map(Model::name).distinct().count();
	}

	@Override
	public void close() {
		this.renderer.interrupt();
		this.server.stop(0);
		try {
			this.renderer.join(TimeUnit.SECONDS.toMillis(10));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.registry.close();
	}

	static int cap(String property) {
		return StarterConfiguration.number(StarterConfiguration.PREFIX + property).intValue();
	}

	/**
	 * Renders the next round once the last one has been scraped and its time has come.
	 * Only a scrape that took a round's samples may let the next one be rendered.
	 */
	private void renderRounds() {
		try {
			while (!Thread.currentThread().isInterrupted()) {
				this.scraped.acquire();
				this.scraped.drainPermits();
				long next = this.time + this.step.toMillis();
				long wait = next - System.currentTimeMillis();
				if (wait > 0) {
					Thread.sleep(wait);
				}
				this.time = next;
				this.body.set(render());
			}
		}
		catch (InterruptedException ex) {
			// Closed.
		}
	}

	/**
	 * A round of calls, and the samples at its time.
	 */
	private byte[] render() {
		callRound();
		String suffix = " " + this.time + "\n";
		StringBuilder timed = new StringBuilder();
		for (String line : this.registry.scrape().split("\n")) {
			if (!line.isBlank()) {
				timed.append(line).append(line.startsWith("#") ? "\n" : suffix);
			}
		}
		return timed.toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * One round of calls on every label set: four successes, sometimes a failure of any
	 * kind (every kind in the first round, so that every status has its latency histogram
	 * from the start), a 429 that a retry absorbed, and for streams their time to first
	 * token and per output token.
	 */
	private void callRound() {
		long now = System.currentTimeMillis();
		for (LabelSet set : this.labelSets) {
			for (int i = 0; i < 4; i++) {
				set.meters().recordOutcome(CallOutcome.NONE, within(this.buckets.latency()));
				set.attempts().record("200", CallOutcome.NONE, false);
				set.meters()
					.recordTokens(new TokenUsage(800 + this.random.nextInt(400), 200 + this.random.nextInt(300), false,
							false, this.random.nextInt(200), 0, this.random.nextInt(50)));
				set.meters().recordCost(CURRENCY, 0.001 + this.random.nextDouble() / 100);
				if (set.endpoint().isStreaming()) {
					set.meters().recordTimeToFirstToken(within(this.buckets.timeToFirstToken()));
					set.meters().recordTimePerOutputToken(within(this.buckets.timePerOutputToken()));
				}
			}
			if (this.rounds == 0) {
				for (CallOutcome outcome : CallOutcome.values()) {
					fail(set, outcome);
				}
			}
			else if (this.random.nextInt(4) == 0) {
				fail(set, CallOutcome.values()[1 + this.random.nextInt(CallOutcome.values().length - 1)]);
			}
			if (this.random.nextInt(5) == 0) {
				set.attempts().record("429", CallOutcome.RATE_LIMITED, false);
				set.attempts().record("200", CallOutcome.NONE, true);
			}
		}
		for (Model model : this.models) {
			this.rateLimits.update(model.name(), model.provider(), "requests", 10_000,
					2_000 + this.random.nextInt(8_000), now + 60_000);
			this.rateLimits.update(model.name(), model.provider(), "tokens", 2_000_000,
					100_000 + this.random.nextInt(1_900_000), now + 60_000);
			if (model.name().endsWith("0")) {
				this.metrics.countUnpriced(model.name(), model.provider());
			}
		}
		this.applicationSpent[0] += 0.5;
		for (int i = 0; i < this.tenantSpent.length; i++) {
			this.tenantSpent[i] += this.random.nextDouble() / 10;
		}
		this.rounds++;
	}

	private void fail(LabelSet set, CallOutcome outcome) {
		set.meters().recordOutcome(outcome, within(this.buckets.latency()));
		set.attempts().record(statusCode(outcome), outcome, false);
	}

	private static String statusCode(CallOutcome outcome) {
		return switch (outcome) {
			case RATE_LIMITED -> "429";
			case UNAUTHORIZED -> "401";
			case FORBIDDEN -> "403";
			case CLIENT_ERROR -> "400";
			case SERVER_ERROR -> "500";
			default -> AttemptMeters.NO_STATUS;
		};
	}

	/**
	 * A time in one of the buckets, any of them equally likely, the last one's overflow
	 * included.
	 */
	private long within(List<Duration> bounds) {
		int bucket = this.random.nextInt(bounds.size() + 1);
		long upper = (bucket < bounds.size()) ? bounds.get(bucket).toNanos()
				: 2 * bounds.get(bounds.size() - 1).toNanos();
		long lower = (bucket > 0) ? bounds.get(bucket - 1).toNanos() : 0;
		return lower + 1 + (long) (this.random.nextDouble() * (upper - lower - 1));
	}

	/**
	 * The application's thresholds, the defaults, and the first ten models' own error
	 * rate and latency.
	 */
	private static ThresholdsProperties thresholds() {
		ThresholdsProperties thresholds = new ThresholdsProperties();
		ModelThresholdsProperties own = new ModelThresholdsProperties();
		own.setModel("model-00?");
		own.setErrorRate(0.1);
		own.setLatencyP99(Duration.ofSeconds(30));
		thresholds.setModels(List.of(own));
		return thresholds;
	}

	/**
	 * A daily budget for the application and a monthly one per tenant, at the tag's cap
	 * and its other and none.
	 */
	private void budgets(Tags staticTags) {
		Budget application = new Budget("application-daily", -1, 5_000, Map.of(), BudgetPeriod.DAY, BudgetAction.ALERT,
				null);
		Budget tenant = new Budget("tenant-monthly", 0, 1_000, Map.of(), BudgetPeriod.MONTH, BudgetAction.REJECT, null);
		new BudgetPeriodGauges(List.of(application, tenant), Clock.systemUTC(), ZoneOffset.UTC, staticTags)
			.bindTo(this.registry);
		budgetGauges(application, Budget.APPLICATION, this.applicationSpent, 0, staticTags);
		for (int i = 0; i < this.tenantSpent.length; i++) {
			String scopeValue = (i < this.tenantSpent.length - 2) ? String.format("tenant-%03d", i)
					: (i == this.tenantSpent.length - 2) ? AiMetricLabels.OTHER : AiMetricLabels.NONE;
			budgetGauges(tenant, scopeValue, this.tenantSpent, i, staticTags);
		}
		Counter.builder(AiMetricNames.BUDGET_STORE_FAILURES.value()).tags(staticTags).register(this.registry);
	}

	private void budgetGauges(Budget budget, String scopeValue, double[] spent, int index, Tags staticTags) {
		Tags tags = staticTags.and(AiMetricLabels.BUDGET, budget.name(), AiMetricLabels.SCOPE_VALUE, scopeValue);
		Gauge.builder(AiMetricNames.BUDGET_SPENT.value(), spent, (values) -> values[index])
			.tags(tags)
			.register(this.registry);
		Gauge.builder(AiMetricNames.BUDGET_LIMIT.value(), () -> budget.limitOf(scopeValue))
			.tags(tags)
			.register(this.registry);
	}

	private record Model(String name, String provider) {
	}

	private record LabelSet(Model model, Endpoint endpoint, LabelSetMeters meters, AttemptMeters attempts) {
	}

}

package io.github.aiobservability.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import io.github.aiobservability.budget.BudgetStore;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Redis budget store as it was before writes carried an identity (issue 12), kept
 * unchanged but for its name and the budget name {@link #slot} now takes: the baseline
 * {@link BudgetBenchmark} measures today's store against, in the same run. Its writes can
 * count twice after a timeout, and its outage spend waits for the next call; do not use
 * it.
 */
final class RedisBudgetStoreBefore implements BudgetStore, InitializingBean, DisposableBean {

	/** How long an outage stops the store asking Redis. */
	public static final Duration RETRY_AFTER = Duration.ofSeconds(1);

	/**
	 * How long startup waits for Redis to answer a first PING. Opening the connection in
	 * a fresh JVM takes longer than an operation's timeout (about 500ms on two cores).
	 */
	public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

	private static final Log logger = LogFactory.getLog(RedisBudgetStoreBefore.class);

	/**
	 * Adds ARGV[2i - 1] to the i-th key and sets its expiry to ARGV[2i] when it has none;
	 * returns the new totals.
	 */
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> ADD = RedisScript.of("""
			local totals = {}
			for i, key in ipairs(KEYS) do
				totals[i] = redis.call('INCRBYFLOAT', key, ARGV[2 * i - 1])
				if redis.call('TTL', key) == -1 then
					redis.call('EXPIREAT', key, ARGV[2 * i])
				end
			end
			return totals""", List.class);

	private final StringRedisTemplate redis;

	private final Duration timeout;

	private final Clock clock;

	private final ExecutorService executor = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "ai-observability-budget-redis");
		thread.setDaemon(true);
		return thread;
	});

	private final ConcurrentMap<String, RedisSlot> slots = new ConcurrentHashMap<>();

	private final AtomicLong failures = new AtomicLong();

	/**
	 * Set by a failure: spend may be waiting in memory, in slots no call may touch again.
	 * The next operation Redis answers writes every slot's pending spend.
	 */
	private final AtomicBoolean backlog = new AtomicBoolean();

	private volatile long skipUntilMillis;

	private volatile boolean outage;

	/**
	 * Creates the store.
	 * @param redis the application's Redis
	 * @param timeout how long one operation may take before it counts as failed
	 * @param clock for period ends and outages
	 */
	RedisBudgetStoreBefore(StringRedisTemplate redis, Duration timeout, Clock clock) {
		this.redis = redis;
		this.timeout = timeout;
		this.clock = clock;
	}

	/**
	 * Opens the connection before the first check needs it: a check that timed out while
	 * it opened would hold a call to this instance's own (at startup, empty) view of the
	 * spend. Redis down at startup is a failure like any other, not a startup error.
	 */
	@Override
	public void afterPropertiesSet() {
		call(() -> this.redis.execute((RedisCallback<String>) RedisConnection::ping), CONNECT_TIMEOUT);
	}

	@Override
	public Slot slot(String budget, String key, Instant expiresAt) {
		RedisSlot slot = this.slots.get(key);
		if (slot == null) {
			Instant now = this.clock.instant();
			this.slots.values().removeIf((old) -> !now.isBefore(old.expiresAt));
			slot = this.slots.computeIfAbsent(key, (name) -> new RedisSlot(name, expiresAt));
		}
		return slot;
	}

	@Override
	public void refresh(List<Slot> slots) {
		if (slots.isEmpty() || skipping()) {
			return;
		}
		List<String> keys = new ArrayList<>(slots.size());
		slots.forEach((slot) -> keys.add(((RedisSlot) slot).key));
		List<String> values = call(() -> this.redis.opsForValue().multiGet(keys), this.timeout);
		if (values == null) {
			return;
		}
		for (int i = 0; i < slots.size(); i++) {
			((RedisSlot) slots.get(i)).shared(parse(values.get(i)));
		}
		if (this.backlog.get()) {
			// A check is the first operation after an outage: the calls it lets through
			// may be for other keys than those that recorded spend meanwhile.
			flush(List.of());
		}
	}

	@Override
	public void add(List<Slot> slots, double amount) {
		if (slots.isEmpty()) {
			return;
		}
		List<RedisSlot> redisSlots = new ArrayList<>(slots.size());
		slots.forEach((slot) -> {
			RedisSlot redisSlot = (RedisSlot) slot;
			redisSlot.pending.add(amount);
			redisSlots.add(redisSlot);
		});
		// During an outage only a check's read asks Redis again: a write that timed out
		// may still be applied (a hung Redis that resumes, a command replayed on
		// reconnection), and written again it would count twice.
		if (!this.outage) {
			flush(redisSlots);
		}
	}

	@Override
	public long failures() {
		return this.failures.get();
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

	/**
	 * Writes the pending spend of these slots, or of every slot after an outage, in one
	 * script call. While it is written, an amount counts as in flight, so this instance's
	 * view never lacks it, and no amount is written twice.
	 */
	private void flush(List<RedisSlot> slots) {
		// One thread writes the backlog; a failure sets it again.
		boolean recovering = this.backlog.compareAndSet(true, false);
		Instant now = this.clock.instant();
		List<RedisSlot> written = new ArrayList<>();
		List<String> keys = new ArrayList<>();
		List<String> args = new ArrayList<>();
		List<Double> amounts = new ArrayList<>();
		for (RedisSlot slot : recovering ? new ArrayList<>(this.slots.values()) : slots) {
			if (!now.isBefore(slot.expiresAt)) {
				continue;
			}
			double amount = slot.pending.sumThenReset();
			if (amount == 0) {
				continue;
			}
			slot.inFlight.add(amount);
			written.add(slot);
			keys.add(slot.key);
			args.add(Double.toString(amount));
			args.add(Long.toString(slot.expiresAt.getEpochSecond()));
			amounts.add(amount);
		}
		if (written.isEmpty()) {
			return;
		}
		List<?> totals = call(() -> this.redis.execute(ADD, keys, args.toArray()), this.timeout);
		for (int i = 0; i < written.size(); i++) {
			RedisSlot slot = written.get(i);
			if (totals != null) {
				slot.shared(parse(String.valueOf(totals.get(i))));
			}
			else {
				slot.pending.add(amounts.get(i));
			}
			slot.inFlight.add(-amounts.get(i));
		}
		if (recovering && totals != null) {
			logger.info("Redis answers the budget store again: the spend recorded during the outage was added to it");
		}
	}

	/** Runs an operation within a timeout; {@code null} when it failed. */
	private <T> @Nullable T call(Callable<T> operation, Duration timeout) {
		Future<T> result = this.executor.submit(operation);
		try {
			T value = result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			this.outage = false;
			return value;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			result.cancel(true);
			failed(ex);
		}
		catch (TimeoutException | java.util.concurrent.ExecutionException | RuntimeException ex) {
			result.cancel(true);
			failed(ex);
		}
		return null;
	}

	private void failed(Exception ex) {
		this.failures.incrementAndGet();
		this.backlog.set(true);
		this.skipUntilMillis = this.clock.millis() + RETRY_AFTER.toMillis();
		if (!this.outage) {
			this.outage = true;
			Throwable cause = (ex instanceof java.util.concurrent.ExecutionException && ex.getCause() != null)
					? ex.getCause() : ex;
			logger.warn("The budget store cannot reach Redis (" + cause.getClass().getSimpleName()
					+ "): calls go on, each instance holding them to the spend it knows; spend recorded meanwhile is "
					+ "added to Redis when it answers. Failures are counted in ai_budget_store_failures_total");
		}
	}

	private boolean skipping() {
		return this.outage && this.clock.millis() < this.skipUntilMillis;
	}

	private static double parse(@Nullable String value) {
		return (value != null) ? Double.parseDouble(value) : 0;
	}

	/**
	 * One key: the spend Redis last reported, plus what this instance added since and has
	 * not yet written.
	 */
	private static final class RedisSlot implements Slot {

		private final String key;

		private final Instant expiresAt;

		private final DoubleAdder pending = new DoubleAdder();

		private final DoubleAdder inFlight = new DoubleAdder();

		private volatile double shared;

		RedisSlot(String key, Instant expiresAt) {
			this.key = key;
			this.expiresAt = expiresAt;
		}

		@Override
		public double spent() {
			return this.shared + this.pending.sum() + this.inFlight.sum();
		}

		/**
		 * Spend only grows within a period: an older reading never lowers a newer one.
		 */
		synchronized void shared(double value) {
			if (value > this.shared) {
				this.shared = value;
			}
		}

	}

}

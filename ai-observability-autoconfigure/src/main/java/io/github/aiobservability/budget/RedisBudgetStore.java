package io.github.aiobservability.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Spend shared by every instance of an application through Redis: one key per budget,
 * scope value and period, increased atomically ({@code INCRBYFLOAT}) and expiring when
 * the period ends. A check reads all of a call's keys in one {@code MGET}; a cost is
 * added to all of them in one script call. A restart loses nothing Redis holds.
 * <p>
 * Every cost reaches Redis once. Each write carries an identity, this instance's id and a
 * sequence number, that the script sets ({@code SET NX PX}) before adding: a write sent
 * again after a timeout (a hung Redis that resumes, a stalled connection, a command the
 * client replays on reconnecting) finds its identity and adds nothing. An identity is
 * kept until its keys' period ends, unless the write was answered at its first attempt:
 * then no copy of it can still be on its way, and the next write deletes it. All keys of
 * a write share the key prefix, so with a Redis Cluster hash tag in it (the default has
 * one) they share a slot, as a script needs.
 * <p>
 * Redis never holds a call up for long, nor fails it. Each operation waits at most the
 * configured timeout. When one fails, the store fails open: it counts the failure, logs
 * one warning per outage, and for {@link #RETRY_AFTER} serves checks from what this
 * instance knows (the spend it last read plus what it has added since) without asking
 * Redis. Spend added meanwhile is kept in memory, one amount per key, and written by a
 * background thread as soon as Redis answers, and by a graceful shutdown, which waits for
 * it at most the shutdown timeout. What an instance keeps is bounded: the spend of at
 * most the backlog limit's keys, plus the writes that were on their way when Redis
 * stopped answering (at most one per calling thread; new spend is kept per key behind
 * them). What the store gives up on (a key beyond the backlog limit, a period that ended
 * first, a shutdown that could not wait longer) is counted per budget by
 * {@link #dropped(String)} and logged.
 */
public class RedisBudgetStore implements BudgetStore, InitializingBean, SmartLifecycle, DisposableBean {

	/** How long an outage stops the store asking Redis; the backlog's retry interval. */
	public static final Duration RETRY_AFTER = Duration.ofSeconds(1);

	/**
	 * When the store stops: after the web server (its last calls' spend is in), before
	 * Spring Data Redis's connection factory (phase 0), which it still needs.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	/** Most spend keys one write of the backlog carries. */
	static final int KEYS_PER_WRITE = 100;

	/** Most identities of answered writes one write deletes. */
	static final int DELETES_PER_WRITE = 16;

	private static final Log logger = LogFactory.getLog(RedisBudgetStore.class);

	/**
	 * KEYS[1] is the write's identity, KEYS[2..n+1] its spend keys, the rest identities
	 * no longer needed. ARGV[1] is n, ARGV[2] how long to keep the identity (ms), then
	 * each spend key's amount and expiry (epoch seconds). Adds the amounts unless the
	 * identity exists; returns 1 (added) or 0 (added before), then each key's total.
	 */
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> ADD = RedisScript.of("""
			local n = tonumber(ARGV[1])
			local fresh = redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[2])
			local result = { fresh and 1 or 0 }
			for i = 1, n do
				local key = KEYS[i + 1]
				if fresh then
					result[i + 1] = redis.call('INCRBYFLOAT', key, ARGV[2 * i + 1])
					if redis.call('TTL', key) == -1 then
						redis.call('EXPIREAT', key, ARGV[2 * i + 2])
					end
				else
					result[i + 1] = redis.call('GET', key) or '0'
				end
			end
			for i = n + 2, #KEYS do
				redis.call('DEL', KEYS[i])
			end
			return result""", List.class);

	private final StringRedisTemplate redis;

	private final String writeIdPrefix;

	private final Duration timeout;

	private final Duration connectTimeout;

	private final Duration shutdownTimeout;

	private final int backlogLimit;

	private final Clock clock;

	private final ExecutorService executor = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "ai-observability-budget-redis");
		thread.setDaemon(true);
		return thread;
	});

	/** Writes the backlog; one pass at a time. */
	private final ScheduledThreadPoolExecutor flusher = new ScheduledThreadPoolExecutor(1, (task) -> {
		Thread thread = new Thread(task, "ai-observability-budget-redis-flush");
		thread.setDaemon(true);
		return thread;
	});

	private final ConcurrentMap<String, RedisSlot> slots = new ConcurrentHashMap<>();

	private final AtomicLong sequence = new AtomicLong();

	/**
	 * Writes sent that Redis did not answer: they may have been applied, so each is sent
	 * again as it is, identity and all, oldest first.
	 */
	private final Queue<Write> unanswered = new ConcurrentLinkedQueue<>();

	/** Slots with spend in {@link RedisSlot#pending} that no write carries yet. */
	private final Set<RedisSlot> dirty = ConcurrentHashMap.newKeySet();

	/**
	 * Identities of writes answered at their first attempt, for the next write to delete.
	 */
	private final Queue<String> answeredIds = new ConcurrentLinkedQueue<>();

	private final ConcurrentMap<String, DoubleAdder> dropped = new ConcurrentHashMap<>();

	private final AtomicLong failures = new AtomicLong();

	private final AtomicLong resent = new AtomicLong();

	private final AtomicLong duplicates = new AtomicLong();

	/** Writes of calls under way, which a shutdown waits for. */
	private final AtomicInteger writing = new AtomicInteger();

	/** Set by the outage warning, cleared by the recovery's info line. */
	private final AtomicBoolean warned = new AtomicBoolean();

	private final AtomicBoolean warnedDrop = new AtomicBoolean();

	/** {@link #resent} and {@link #duplicates} when the outage began. */
	private volatile long resentBefore;

	private volatile long duplicatesBefore;

	private @Nullable ScheduledFuture<?> nextFlush;

	private volatile long skipUntilMillis;

	private volatile boolean outage;

	private volatile boolean running;

	private volatile boolean stopped;

	/** Set when a shutdown waited long enough: the flusher sends nothing more. */
	private volatile boolean givingUp;

	/**
	 * Creates the store.
	 * @param redis the application's Redis
	 * @param keyPrefix the start of every budget key, which write identities share
	 * @param timeout how long one operation may take before it counts as failed
	 * @param connectTimeout how long startup waits for a first PING
	 * @param shutdownTimeout how long a graceful shutdown waits for the backlog
	 * @param backlogLimit most keys whose spend is kept while Redis does not answer
	 * @param clock for period ends and outages
	 */
	public RedisBudgetStore(StringRedisTemplate redis, String keyPrefix, Duration timeout, Duration connectTimeout,
			Duration shutdownTimeout, int backlogLimit, Clock clock) {
		this.redis = redis;
		UUID instance = UUID.randomUUID();
		this.writeIdPrefix = keyPrefix + "#write:"
				+ Long.toUnsignedString(instance.getMostSignificantBits() ^ instance.getLeastSignificantBits(), 36)
				+ ":";
		this.timeout = timeout;
		this.connectTimeout = connectTimeout;
		this.shutdownTimeout = shutdownTimeout;
		this.backlogLimit = backlogLimit;
		this.clock = clock;
		this.flusher.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
	}

	/**
	 * Opens the connection before the first check needs it: a check that timed out while
	 * it opened would hold a call to this instance's own (at startup, empty) view of the
	 * spend. Redis down at startup is a failure like any other, not a startup error.
	 */
	@Override
	public void afterPropertiesSet() {
		call(this::ping, this.connectTimeout);
	}

	@Override
	public Slot slot(String budget, String key, Instant expiresAt) {
		RedisSlot slot = this.slots.get(key);
		if (slot == null) {
			Instant now = this.clock.instant();
			this.slots.values().removeIf((old) -> !now.isBefore(old.expiresAt));
			slot = this.slots.computeIfAbsent(key, (name) -> new RedisSlot(budget, name, expiresAt));
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
		if (waiting()) {
			// Redis answers: what waits is written now, not a retry interval later.
			scheduleFlush(0);
		}
	}

	@Override
	public void add(List<Slot> slots, double amount) {
		if (slots.isEmpty()) {
			return;
		}
		List<RedisSlot> redisSlots = new ArrayList<>(slots.size());
		slots.forEach((slot) -> redisSlots.add((RedisSlot) slot));
		if (this.outage || waiting()) {
			// Kept, one amount per key, behind what already waits: the backlog grows with
			// the keys, not with the calls.
			keep(redisSlots, amount);
			scheduleFlush(this.outage ? RETRY_AFTER.toMillis() : 0);
			return;
		}
		double[] amounts = new double[redisSlots.size()];
		for (int i = 0; i < amounts.length; i++) {
			amounts[i] = amount;
			redisSlots.get(i).inFlight.add(amount);
		}
		this.writing.incrementAndGet();
		try {
			Write write = write(redisSlots, amounts);
			if (!send(write)) {
				unanswered(write);
			}
		}
		finally {
			this.writing.decrementAndGet();
		}
	}

	@Override
	public long failures() {
		return this.failures.get();
	}

	@Override
	public double dropped(String budget) {
		DoubleAdder amount = this.dropped.get(budget);
		return (amount != null) ? amount.sum() : 0;
	}

	@Override
	public void start() {
		this.running = true;
	}

	/**
	 * Writes what waits before the application stops, waiting for it at most the shutdown
	 * timeout; what is left is dropped, counted and logged.
	 */
	@Override
	public void stop() {
		if (this.stopped) {
			return;
		}
		this.stopped = true;
		long deadline = System.nanoTime() + this.shutdownTimeout.toNanos();
		if (waiting()) {
			scheduleFlush(0);
		}
		// In this order: a call's write joins the unanswered ones before it stops
		// counting.
		while ((this.writing.get() > 0 || waiting()) && System.nanoTime() < deadline) {
			sleep(10);
		}
		this.givingUp = true;
		this.flusher.shutdown();
		try {
			// A pass under way ends within one operation's timeout.
			this.flusher.awaitTermination(this.timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		double left = dropAll();
		if (left > 0) {
			logger.warn("The budget store could not add spend of " + left
					+ " recorded by this instance to Redis within " + this.shutdownTimeout.toMillis()
					+ " ms of shutting down (ai.observability.budgets.redis-shutdown-timeout): "
					+ "it is dropped, and counted in ai_budget_spend_dropped_total");
		}
		deleteAnsweredIds();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public void destroy() {
		this.flusher.shutdownNow();
		this.executor.shutdownNow();
	}

	/**
	 * Whether a graceful shutdown has begun.
	 * @return {@code true} once {@link #stop()} was called
	 */
	boolean stopping() {
		return this.stopped;
	}

	/**
	 * Whether spend waits to be written: kept during an outage, or sent without an
	 * answer.
	 * @return {@code true} while a backlog waits
	 */
	boolean waiting() {
		// In this order: kept spend joins the unanswered writes before it leaves the
		// kept keys, so it is always seen in one of them.
		return !this.dirty.isEmpty() || !this.unanswered.isEmpty();
	}

	/**
	 * Writes sent again because their first attempt had no answer.
	 * @return their count
	 */
	long resent() {
		return this.resent.get();
	}

	/**
	 * Writes Redis found it had applied before: sent again after a timeout, they added
	 * nothing.
	 * @return their count
	 */
	long duplicates() {
		return this.duplicates.get();
	}

	private void keep(List<RedisSlot> slots, double amount) {
		for (RedisSlot slot : slots) {
			if (this.dirty.size() >= this.backlogLimit && !this.dirty.contains(slot)) {
				drop(slot.budget, amount);
				if (this.warnedDrop.compareAndSet(false, true)) {
					logger.warn("The budget store keeps the spend of at most " + this.backlogLimit
							+ " keys while Redis "
							+ "does not answer (ai.observability.budgets.redis-backlog-limit): spend of further keys "
							+ "is dropped, and counted in ai_budget_spend_dropped_total");
				}
			}
			else {
				slot.pending.add(amount);
				this.dirty.add(slot);
			}
		}
	}

	/** A new write of amounts to slots, whose amounts already count as in flight. */
	private Write write(List<RedisSlot> slots, double[] amounts) {
		String id = this.writeIdPrefix + this.sequence.incrementAndGet();
		List<String> keys = new ArrayList<>(slots.size() + 2);
		keys.add(id);
		Object[] args = new Object[2 + 2 * slots.size()];
		args[0] = Integer.toString(slots.size());
		long lastEnd = 0;
		for (int i = 0; i < slots.size(); i++) {
			RedisSlot slot = slots.get(i);
			keys.add(slot.key);
			args[2 + 2 * i] = Double.toString(amounts[i]);
			args[3 + 2 * i] = Long.toString(slot.expiresAt.getEpochSecond());
			lastEnd = Math.max(lastEnd, slot.expiresAt.toEpochMilli());
		}
		// The identity guards the spend as long as Redis keeps it.
		args[1] = Long.toString(Math.max(1, lastEnd - this.clock.millis()));
		for (int i = 0; i < DELETES_PER_WRITE; i++) {
			String answered = this.answeredIds.poll();
			if (answered == null) {
				break;
			}
			keys.add(answered);
		}
		return new Write(id, slots, amounts, keys, args);
	}

	/**
	 * Sends a write, or sends it again; on an answer, takes the totals Redis holds.
	 * @return whether Redis answered
	 */
	private boolean send(Write write) {
		if (write.attempts++ > 0) {
			this.resent.incrementAndGet();
		}
		List<?> result = call(() -> this.redis.execute(ADD, write.keys, write.args), this.timeout);
		if (result == null) {
			return false;
		}
		if (!"1".equals(String.valueOf(result.get(0)))) {
			this.duplicates.incrementAndGet();
		}
		for (int i = 0; i < write.slots.size(); i++) {
			RedisSlot slot = write.slots.get(i);
			slot.shared(parse(String.valueOf(result.get(i + 1))));
			slot.inFlight.add(-write.amounts[i]);
		}
		if (write.attempts == 1) {
			this.answeredIds.add(write.id);
		}
		return true;
	}

	private void unanswered(Write write) {
		if (this.stopped && this.flusher.isShutdown()) {
			dropWrite(write);
			return;
		}
		this.unanswered.add(write);
		scheduleFlush(RETRY_AFTER.toMillis());
	}

	/** Runs a flush pass after a delay, unless one is due sooner. */
	private synchronized void scheduleFlush(long delayMillis) {
		if (this.flusher.isShutdown()) {
			return;
		}
		ScheduledFuture<?> next = this.nextFlush;
		if (next != null && !next.isDone()) {
			if (next.getDelay(TimeUnit.MILLISECONDS) <= delayMillis) {
				return;
			}
			next.cancel(false);
		}
		this.nextFlush = this.flusher.schedule(this::flush, delayMillis, TimeUnit.MILLISECONDS);
	}

	/**
	 * Writes the backlog: the unanswered writes as they were, then the spend kept during
	 * the outage, in new writes. Stops at the first failure and tries again later.
	 */
	private void flush() {
		synchronized (this) {
			this.nextFlush = null;
		}
		if (this.outage && this.unanswered.isEmpty() && !this.dirty.isEmpty()
				&& call(this::ping, this.timeout) == null) {
			// Kept spend goes into writes once Redis answers, so that what is kept stays
			// within the backlog limit.
			scheduleFlush(RETRY_AFTER.toMillis());
			return;
		}
		while (true) {
			Write write = this.unanswered.peek();
			if (write == null) {
				if (writeOfKeptSpend() == null && this.dirty.isEmpty()) {
					break;
				}
				continue;
			}
			if (this.givingUp) {
				return;
			}
			if (!send(write)) {
				scheduleFlush(RETRY_AFTER.toMillis());
				return;
			}
			this.unanswered.remove(write);
		}
		recoveredIfDone();
	}

	/**
	 * Moves kept spend of at most {@link #KEYS_PER_WRITE} keys into a new unanswered
	 * write; {@code null} when the keys held nothing to write.
	 */
	private @Nullable Write writeOfKeptSpend() {
		Instant now = this.clock.instant();
		List<RedisSlot> taken = new ArrayList<>();
		List<RedisSlot> slots = new ArrayList<>();
		List<Double> amounts = new ArrayList<>();
		for (RedisSlot slot : this.dirty) {
			if (taken.size() == KEYS_PER_WRITE) {
				break;
			}
			taken.add(slot);
			double amount = slot.pending.sumThenReset();
			if (amount == 0) {
				continue;
			}
			if (!now.isBefore(slot.expiresAt)) {
				// Its period ended while Redis did not answer: Redis no longer keeps it.
				drop(slot.budget, amount);
				continue;
			}
			slot.inFlight.add(amount);
			slots.add(slot);
			amounts.add(amount);
		}
		Write write = null;
		if (!slots.isEmpty()) {
			write = write(slots, amounts.stream().mapToDouble(Double::doubleValue).toArray());
			this.unanswered.add(write);
		}
		for (RedisSlot slot : taken) {
			this.dirty.remove(slot);
			if (slot.pending.sum() != 0) {
				// Kept meanwhile, after this write took what the key held.
				this.dirty.add(slot);
			}
		}
		return write;
	}

	/** Drops everything that waits; returns the amount dropped. */
	private double dropAll() {
		double total = 0;
		for (Write write = this.unanswered.poll(); write != null; write = this.unanswered.poll()) {
			total += dropWrite(write);
		}
		for (Iterator<RedisSlot> kept = this.dirty.iterator(); kept.hasNext();) {
			RedisSlot slot = kept.next();
			kept.remove();
			double amount = slot.pending.sumThenReset();
			drop(slot.budget, amount);
			total += amount;
		}
		return total;
	}

	private double dropWrite(Write write) {
		double total = 0;
		for (int i = 0; i < write.slots.size(); i++) {
			write.slots.get(i).inFlight.add(-write.amounts[i]);
			drop(write.slots.get(i).budget, write.amounts[i]);
			total += write.amounts[i];
		}
		return total;
	}

	private void drop(String budget, double amount) {
		if (amount != 0) {
			this.dropped.computeIfAbsent(budget, (name) -> new DoubleAdder()).add(amount);
		}
	}

	/** Deletes the identities no write took with it: they guard nothing any more. */
	private void deleteAnsweredIds() {
		List<String> ids = new ArrayList<>();
		for (String id = this.answeredIds.poll(); id != null; id = this.answeredIds.poll()) {
			ids.add(id);
		}
		if (!ids.isEmpty()) {
			call(() -> this.redis.delete(ids), this.timeout);
		}
	}

	/** Runs an operation within a timeout; {@code null} when it failed. */
	private <T> @Nullable T call(Callable<T> operation, Duration timeout) {
		Future<T> result = this.executor.submit(operation);
		try {
			T value = result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			this.outage = false;
			recoveredIfDone();
			return value;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			result.cancel(true);
			failed(ex);
		}
		catch (TimeoutException | ExecutionException | RuntimeException ex) {
			result.cancel(true);
			failed(ex);
		}
		return null;
	}

	private void failed(Exception ex) {
		this.failures.incrementAndGet();
		this.skipUntilMillis = this.clock.millis() + RETRY_AFTER.toMillis();
		this.outage = true;
		if (this.warned.compareAndSet(false, true)) {
			this.resentBefore = this.resent.get();
			this.duplicatesBefore = this.duplicates.get();
			Throwable cause = (ex instanceof ExecutionException && ex.getCause() != null) ? ex.getCause() : ex;
			logger.warn("The budget store cannot reach Redis (" + cause.getClass().getSimpleName()
					+ "): calls go on, each instance holding them to the spend it knows; spend recorded meanwhile is "
					+ "added to Redis when it answers. Failures are counted in ai_budget_store_failures_total");
		}
	}

	/** Logs the end of an outage once Redis answers and nothing waits any more. */
	private void recoveredIfDone() {
		if (this.warned.get() && !this.outage && !waiting() && this.warned.compareAndSet(true, false)) {
			this.warnedDrop.set(false);
			logger.info("Redis answers the budget store again: the spend recorded during the outage was added to it ("
					+ (this.resent.get() - this.resentBefore) + " writes sent again, "
					+ (this.duplicates.get() - this.duplicatesBefore) + " of them found applied before, not twice)");
		}
	}

	private @Nullable String ping() {
		return this.redis.execute((RedisCallback<String>) RedisConnection::ping);
	}

	private boolean skipping() {
		return this.outage && this.clock.millis() < this.skipUntilMillis;
	}

	private static double parse(@Nullable String value) {
		return (value != null) ? Double.parseDouble(value) : 0;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * One key: the spend Redis last reported, plus what this instance added since and
	 * Redis has not confirmed.
	 */
	private static final class RedisSlot implements Slot {

		private final String budget;

		private final String key;

		private final Instant expiresAt;

		/** Kept during an outage, in no write yet. */
		private final DoubleAdder pending = new DoubleAdder();

		/** In writes sent and not yet answered. */
		private final DoubleAdder inFlight = new DoubleAdder();

		private volatile double shared;

		RedisSlot(String budget, String key, Instant expiresAt) {
			this.budget = budget;
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

	/**
	 * One script call: its identity, its amounts, and the keys and arguments it is sent
	 * with, the same at every attempt.
	 */
	private static final class Write {

		private final String id;

		private final List<RedisSlot> slots;

		private final double[] amounts;

		private final List<String> keys;

		private final Object[] args;

		private int attempts;

		Write(String id, List<RedisSlot> slots, double[] amounts, List<String> keys, Object[] args) {
			this.id = id;
			this.slots = slots;
			this.amounts = amounts;
			this.keys = keys;
			this.args = args;
		}

	}

}

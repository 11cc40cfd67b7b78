package io.github.aiobservability.budget;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;

/**
 * Priced calls from several threads per instance, for a few tenants in turn, until
 * stopped; counts the calls, keeps every failure and the longest call.
 */
final class Load {

	private final ExecutorService threads;

	private final List<Future<?>> running = new ArrayList<>();

	private final AtomicBoolean stopped = new AtomicBoolean();

	private final AtomicLong calls = new AtomicLong();

	private final AtomicLong longestNanos = new AtomicLong();

	private final List<Throwable> failures = new CopyOnWriteArrayList<>();

	private Load(List<RedisBudgetApp> apps, int threadsPerApp, List<String> tenants) {
		this.threads = Executors.newFixedThreadPool(apps.size() * threadsPerApp);
		int thread = 0;
		for (RedisBudgetApp app : apps) {
			for (int i = 0; i < threadsPerApp; i++) {
				int first = thread++;
				this.running.add(this.threads.submit(() -> call(app, tenants, first)));
			}
		}
	}

	/**
	 * Starts calling.
	 * @param apps the instances
	 * @param threadsPerApp how many threads call each
	 * @param tenants whose calls they make, each thread going round them
	 * @return the running load
	 */
	static Load start(List<RedisBudgetApp> apps, int threadsPerApp, List<String> tenants) {
		return new Load(apps, threadsPerApp, tenants);
	}

	/**
	 * Lets threads call for one tenant, all starting together, until each is refused.
	 * @param threads the instance each thread calls
	 * @param tenant the tenant
	 * @return how many calls were let through
	 */
	static int untilRejected(List<RedisBudgetApp> threads, String tenant) {
		ExecutorService executor = Executors.newFixedThreadPool(threads.size());
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<Integer>> letThrough = new ArrayList<>();
			for (RedisBudgetApp app : threads) {
				letThrough.add(executor.submit(() -> {
					go.await();
					return app.callsUntilRejected(tenant);
				}));
			}
			go.countDown();
			int calls = 0;
			for (Future<Integer> result : letThrough) {
				calls += result.get(60, TimeUnit.SECONDS);
			}
			return calls;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("A calling thread failed", ex);
		}
		finally {
			executor.shutdownNow();
		}
	}

	private void call(RedisBudgetApp app, List<String> tenants, int first) {
		for (int i = first; !this.stopped.get(); i++) {
			long start = System.nanoTime();
			try {
				app.chat(tenants.get(i % tenants.size()));
				this.calls.incrementAndGet();
			}
			catch (Throwable ex) {
				this.failures.add(ex);
			}
			this.longestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
		}
	}

	/**
	 * Waits until this many more calls were made.
	 * @param more how many
	 */
	void awaitMoreCalls(int more) {
		long target = this.calls.get() + more;
		await("%d more calls".formatted(more)).atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.calls.get() >= target || !this.failures.isEmpty());
	}

	/**
	 * Stops calling; returns once every thread finished its call.
	 */
	void stop() {
		this.stopped.set(true);
		for (Future<?> thread : this.running) {
			try {
				thread.get(60, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				throw new IllegalStateException("A calling thread did not end", ex);
			}
		}
		this.threads.shutdownNow();
	}

	long calls() {
		return this.calls.get();
	}

	List<Throwable> failures() {
		return this.failures;
	}

	Duration longest() {
		return Duration.ofNanos(this.longestNanos.get());
	}

}

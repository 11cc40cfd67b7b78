package io.github.aiobservability.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.aiobservability.budget.Budget;
import io.github.aiobservability.budget.BudgetAction;
import io.github.aiobservability.budget.BudgetEnforcer;
import io.github.aiobservability.budget.BudgetPeriod;
import io.github.aiobservability.budget.BudgetStore;
import io.github.aiobservability.budget.InMemoryBudgetStore;
import io.github.aiobservability.budget.RedisBudgetStore;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * What budgets add to a ChatClient call: the check before it ({@code check}) and the
 * spend added after it ({@code checkAndAdd}), for a tenant budget and an application
 * budget, with spend in memory or in a local {@code redis-server} (started by the
 * benchmark; install it with {@code apt-get install -y redis-server}). {@code REDIS} is
 * today's store, whose writes carry an identity; {@code REDIS_BEFORE} the store before
 * identities ({@link RedisBudgetStoreBefore}), for the ratio in the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class BudgetBenchmark {

	private static final List<String> TAGS = List.of("acme");

	private static final String KEY_PREFIX = "{bench}:budget:";

	@Param({ "MEMORY", "REDIS", "REDIS_BEFORE" })
	public String store;

	private BudgetEnforcer enforcer;

	private Process redisServer;

	private LettuceConnectionFactory connections;

	private BudgetStore budgetStore;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		Clock clock = Clock.systemUTC();
		if (this.store.startsWith("REDIS")) {
			int port = freePort();
			Path dir = Files.createTempDirectory("budget-benchmark-redis");
			this.redisServer = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind",
					"127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString())
				.redirectErrorStream(true)
				.redirectOutput(dir.resolve("redis.log").toFile())
				.start();
			awaitPort(port);
			this.connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port));
			this.connections.afterPropertiesSet();
			this.connections.start();
			StringRedisTemplate redis = new StringRedisTemplate(this.connections);
			this.budgetStore = "REDIS".equals(this.store)
					? new RedisBudgetStore(redis, KEY_PREFIX, Duration.ofSeconds(1), Duration.ofSeconds(5),
							Duration.ofSeconds(5), 10_000, clock)
					: new RedisBudgetStoreBefore(redis, Duration.ofSeconds(1), clock);
		}
		else {
			this.budgetStore = new InMemoryBudgetStore(clock);
		}
		List<Budget> budgets = List.of(
				new Budget("tenant-daily", 0, 1e12, Map.of(), BudgetPeriod.DAY, BudgetAction.REJECT, null),
				new Budget("app-monthly", -1, 1e12, Map.of(), BudgetPeriod.MONTH, BudgetAction.FALLBACK, "cheap"));
		this.enforcer = new BudgetEnforcer(budgets, this.budgetStore, clock, ZoneOffset.UTC, KEY_PREFIX, "USD",
				new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Tags.empty());
	}

	@TearDown(Level.Trial)
	public void tearDown() throws Exception {
		if (this.budgetStore instanceof RedisBudgetStore redis) {
			redis.stop();
			redis.destroy();
		}
		if (this.budgetStore instanceof RedisBudgetStoreBefore redis) {
			redis.destroy();
		}
		if (this.connections != null) {
			this.connections.destroy();
		}
		if (this.redisServer != null) {
			this.redisServer.destroy();
			this.redisServer.waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Benchmark
	public BudgetEnforcer.Decision check() {
		return this.enforcer.check(TAGS);
	}

	@Benchmark
	public BudgetEnforcer.Decision checkAndAdd() {
		BudgetEnforcer.Decision decision = this.enforcer.check(TAGS);
		this.enforcer.costRecorded(TAGS, 0.0001);
		return decision;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static void awaitPort(int port) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
				return;
			}
			catch (IOException ex) {
				Thread.sleep(50);
			}
		}
		throw new IllegalStateException(
				"redis-server did not start on port " + port + ": is it installed (apt-get install -y redis-server)?");
	}

}

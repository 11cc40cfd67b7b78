package io.github.aiobservability.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * A master, its replica and three Sentinels watching them, each a real
 * {@code redis-server} on a free loopback port: what a team runs for a Redis that fails
 * over. Nothing is persisted; the replica copies the master asynchronously, as Redis
 * always does.
 */
public final class RedisSentinels implements AutoCloseable {

	/** The name the Sentinels know the master by. */
	public static final String MASTER = "budgets";

	private final RedisServer master;

	private final RedisServer replica;

	private final List<RedisServer> sentinels;

	private RedisSentinels(RedisServer master, RedisServer replica, List<RedisServer> sentinels) {
		this.master = master;
		this.replica = replica;
		this.sentinels = sentinels;
	}

	/**
	 * Starts the master, the replica (returning once it copies the master) and three
	 * Sentinels (returning once each knows the replica and the other two).
	 * @param downAfter how long the master may not answer before the Sentinels think it
	 * down
	 * @return the running servers
	 */
	public static RedisSentinels startOnLoopback(Duration downAfter) {
		List<RedisServer> started = new ArrayList<>();
		try {
			RedisServer master = RedisServer.startOnLoopback();
			started.add(master);
			RedisServer replica = RedisServer.startOnLoopback("--replicaof", "127.0.0.1",
					Integer.toString(master.port()));
			started.add(replica);
			await("the replica copies the master").atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> info(replica, "replication").contains("master_link_status:up"));
			List<RedisServer> sentinels = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				RedisServer sentinel = RedisServer.sentinelOnLoopback(MASTER, master.port(), 2, downAfter);
				started.add(sentinel);
				sentinels.add(sentinel);
			}
			await("every Sentinel knows the replica and the other Sentinels").atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> sentinels.stream()
					.allMatch((sentinel) -> ((List<?>) command(sentinel, "SENTINEL", "REPLICAS", MASTER)).size() == 1
							&& ((List<?>) command(sentinel, "SENTINEL", "SENTINELS", MASTER)).size() == 2));
			return new RedisSentinels(master, replica, sentinels);
		}
		catch (RuntimeException | Error ex) {
			started.forEach(RedisServer::close);
			throw ex;
		}
	}

	/**
	 * The Sentinels, as Spring Boot's {@code spring.data.redis.sentinel.nodes} lists
	 * them.
	 * @return {@code 127.0.0.1:port} of each Sentinel, comma-separated
	 */
	public String sentinelAddresses() {
		return this.sentinels.stream().map((node) -> "127.0.0.1:" + node.port()).collect(Collectors.joining(","));
	}

	/**
	 * The master the Sentinels started with.
	 * @return it
	 */
	public RedisServer master() {
		return this.master;
	}

	/**
	 * The replica the Sentinels started with.
	 * @return it
	 */
	public RedisServer replica() {
		return this.replica;
	}

	/**
	 * The port of the master, as the first Sentinel reports it.
	 * @return the port
	 */
	public int masterPort() {
		List<?> address = (List<?>) command(this.sentinels.get(0), "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER);
		return Integer.parseInt((String) address.get(1));
	}

	@Override
	public void close() {
		this.sentinels.forEach(RedisServer::close);
		this.replica.close();
		this.master.close();
	}

	private static String info(RedisServer server, String section) {
		return String.valueOf(command(server, "INFO", section));
	}

	private static Object command(RedisServer server, String... arguments) {
		try {
			return server.command(arguments);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

package io.github.aiobservability.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.springframework.test.util.TestSocketUtils;

import static org.awaitility.Awaitility.await;

/**
 * A Redis Cluster of real {@code redis-server} processes, masters only, on free loopback
 * ports, joined as an operator joins them: {@code redis-cli --cluster create}.
 */
public final class RedisCluster implements AutoCloseable {

	private final List<RedisServer> nodes;

	private RedisCluster(List<RedisServer> nodes) {
		this.nodes = nodes;
	}

	/**
	 * Starts the nodes and joins them; returns once every node reports the cluster ok.
	 * @param masters how many masters share the slots (3 at least)
	 * @return the cluster
	 */
	public static RedisCluster startOnLoopback(int masters) {
		Path cli = RedisServer.require("redis-cli", "redis-tools");
		List<RedisServer> nodes = new ArrayList<>();
		try {
			for (int i = 0; i < masters; i++) {
				// The cluster bus on a port of its own: the default, port + 10000, may be
				// taken or out of range.
				nodes.add(RedisServer.startOnLoopback("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
						"--cluster-port", Integer.toString(TestSocketUtils.findAvailableTcpPort()),
						"--cluster-node-timeout", "2000"));
			}
			List<String> command = new ArrayList<>(List.of(cli.toString(), "--cluster", "create"));
			nodes.forEach((node) -> command.add("127.0.0.1:" + node.port()));
			command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
			Process create = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(create.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!create.waitFor(60, TimeUnit.SECONDS) || create.exitValue() != 0) {
				throw new IllegalStateException("redis-cli --cluster create failed: " + output);
			}
			RedisCluster cluster = new RedisCluster(nodes);
			await("the cluster is ok").atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> nodes.stream()
					.allMatch((node) -> String.valueOf(command(node, "CLUSTER", "INFO")).contains("cluster_state:ok")));
			return cluster;
		}
		catch (IOException ex) {
			nodes.forEach(RedisServer::close);
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			nodes.forEach(RedisServer::close);
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (RuntimeException | Error ex) {
			nodes.forEach(RedisServer::close);
			throw ex;
		}
	}

	/**
	 * The nodes, as Spring Boot's {@code spring.data.redis.cluster.nodes} lists them.
	 * @return {@code 127.0.0.1:port} of each node, comma-separated
	 */
	public String nodeAddresses() {
		return this.nodes.stream().map((node) -> "127.0.0.1:" + node.port()).collect(Collectors.joining(","));
	}

	/**
	 * The keys matching a pattern on every node, with their values.
	 * @param pattern a {@code KEYS} pattern
	 * @return each node's port with the keys it holds and their values
	 */
	public Map<Integer, Map<String, String>> keysByNode(String pattern) {
		Map<Integer, Map<String, String>> byNode = new LinkedHashMap<>();
		for (RedisServer node : this.nodes) {
			Map<String, String> values = new LinkedHashMap<>();
			for (Object key : (List<?>) command(node, "KEYS", pattern)) {
				values.put((String) key, node.get((String) key));
			}
			byNode.put(node.port(), values);
		}
		return byNode;
	}

	@Override
	public void close() {
		this.nodes.forEach(RedisServer::close);
	}

	private static Object command(RedisServer node, String... arguments) {
		try {
			return node.command(arguments);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

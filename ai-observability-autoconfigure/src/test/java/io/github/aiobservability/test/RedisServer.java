package io.github.aiobservability.test;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * The real {@code redis-server} on a free loopback port, its data in a temporary
 * directory, for tests that need what a Redis does (atomic scripts, persistence, outages,
 * replication, Cluster and Sentinel) rather than a stand-in. It is driven the way an
 * operator would: stopped with {@code SHUTDOWN SAVE} and started again on the same port
 * and data file, killed ({@code SIGKILL}), or hung with {@code SIGSTOP} and resumed with
 * {@code SIGCONT}. Commands go over a plain socket in RESP, so the fixture needs no
 * client library.
 * <p>
 * Without the binary a developer's run skips the test and says so loudly; CI (CI=true)
 * installs it, so there a missing binary fails the build instead of hiding a gap.
 */
public final class RedisServer implements AutoCloseable {

	private static final String BINARY = "redis-server";

	private static final String DEBIAN_PACKAGE = "redis-server";

	private static final Duration STARTUP = Duration.ofSeconds(10);

	private static final int SOCKET_TIMEOUT_MILLIS = 2000;

	private final Path binary;

	private final Path directory;

	private final int port;

	/** Added to the command line, after the defaults they may override. */
	private final List<String> options;

	/** A Sentinel's configuration file, which it rewrites; {@code null} for a server. */
	private final @Nullable Path sentinelConfig;

	private @Nullable Process process;

	private boolean paused;

	private RedisServer(Path binary, Path directory, int port, List<String> options, @Nullable Path sentinelConfig) {
		this.binary = binary;
		this.directory = directory;
		this.port = port;
		this.options = options;
		this.sentinelConfig = sentinelConfig;
	}

	/**
	 * Starts a server on a free loopback port, or skips the test (fails it under CI) when
	 * {@code redis-server} is not installed.
	 * @param options more of redis-server's command line, such as
	 * {@code --appendonly yes}; by default nothing is persisted
	 * @return the running server, answering PING
	 */
	public static RedisServer startOnLoopback(String... options) {
		return start(List.of(options), null);
	}

	/**
	 * Starts a Sentinel ({@code redis-server --sentinel}) on a free loopback port,
	 * watching a master on this machine.
	 * @param master the name the master is known by
	 * @param masterPort the master's port on 127.0.0.1
	 * @param quorum how many Sentinels must agree that the master is down
	 * @param downAfter how long the master may not answer before it is thought down
	 * @return the running Sentinel, answering PING
	 */
	public static RedisServer sentinelOnLoopback(String master, int masterPort, int quorum, Duration downAfter) {
		try {
			Path config = Files.createTempFile("redis-sentinel-test", ".conf");
			Files.writeString(config,
					"sentinel monitor " + master + " 127.0.0.1 " + masterPort + " " + quorum + "\n"
							+ "sentinel down-after-milliseconds " + master + " " + downAfter.toMillis() + "\n"
							+ "sentinel failover-timeout " + master + " 10000\n");
			return start(List.of("--sentinel"), config);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static RedisServer start(List<String> options, @Nullable Path sentinelConfig) {
		Path binary = require();
		try {
			Path directory = Files.createTempDirectory("redis-server-test");
			IOException last = null;
			for (int attempt = 0; attempt < 3; attempt++) {
				RedisServer server = new RedisServer(binary, directory, freePort(), options, sentinelConfig);
				try {
					server.launch();
					return server;
				}
				catch (IOException ex) {
					// Someone took the port between finding it free and binding it.
					server.destroy();
					last = ex;
				}
			}
			throw new UncheckedIOException("Could not start " + binary, last);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The server's port on 127.0.0.1.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Starts the server (again) on its port and data file: data saved by {@link #stop()}
	 * is loaded. Returns once it answers PING.
	 */
	public void start() {
		try {
			launch();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void launch() throws IOException {
		if (this.process != null && this.process.isAlive()) {
			throw new IllegalStateException("redis-server is already running");
		}
		List<String> command = new ArrayList<>(List.of(this.binary.toString()));
		if (this.sentinelConfig != null) {
			command.add(this.sentinelConfig.toString());
		}
		command.addAll(List.of("--port", Integer.toString(this.port), "--bind", "127.0.0.1", "--dir",
				this.directory.toString(), "--daemonize", "no", "--logfile", ""));
		if (this.sentinelConfig == null) {
			command.addAll(List.of("--dbfilename", "dump.rdb", "--save", "", "--appendonly", "no"));
		}
		command.addAll(this.options);
		this.process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.directory.resolve("redis.log").toFile()))
			.start();
		this.paused = false;
		long deadline = System.nanoTime() + STARTUP.toNanos();
		while (true) {
			try {
				if ("PONG".equals(command("PING"))) {
					return;
				}
			}
			catch (IOException ex) {
				if (!this.process.isAlive()) {
					throw new IOException("redis-server exited with " + this.process.exitValue() + ": " + log());
				}
				if (System.nanoTime() > deadline) {
					throw new IOException("redis-server did not answer PING within " + STARTUP + ": " + log(), ex);
				}
			}
			sleep(20);
		}
	}

	/**
	 * Stops the server as an operator does: {@code SHUTDOWN SAVE} writes the data file
	 * first, so {@link #start()} finds every key again. Returns once the process ended.
	 */
	public void stop() {
		Process running = running();
		try {
			command("SHUTDOWN", "SAVE");
		}
		catch (IOException ex) {
			// The server closes the connection instead of answering.
		}
		try {
			if (!running.waitFor(STARTUP.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException("redis-server did not shut down: " + log());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		this.process = null;
	}

	/**
	 * Kills the server ({@code SIGKILL}): it writes nothing more, and what it had not
	 * written to disk is lost. Returns once the process ended.
	 */
	public void kill() {
		Process running = running();
		signal("KILL");
		try {
			if (!running.waitFor(STARTUP.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException("redis-server did not die");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		this.process = null;
		this.paused = false;
	}

	/**
	 * Whether the process runs.
	 * @return {@code true} while it runs
	 */
	public boolean isRunning() {
		Process running = this.process;
		return running != null && running.isAlive();
	}

	/**
	 * Hangs the server ({@code SIGSTOP}): connections stay open and nothing answers.
	 */
	public void pause() {
		signal("STOP");
		this.paused = true;
	}

	/**
	 * Lets a paused server go on ({@code SIGCONT}).
	 */
	public void resume() {
		signal("CONT");
		this.paused = false;
	}

	/**
	 * Sends one command.
	 * @param arguments the command and its arguments, such as {@code GET key}
	 * @return the reply: a {@code String} (simple or bulk), a {@code Long}, a
	 * {@code List} or {@code null}
	 * @throws IOException when the server does not answer, or answers with an error
	 */
	public @Nullable Object command(String... arguments) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), SOCKET_TIMEOUT_MILLIS);
			socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
			OutputStream out = socket.getOutputStream();
			ByteArrayOutputStream request = new ByteArrayOutputStream();
			request.writeBytes(("*" + arguments.length + "\r\n").getBytes(StandardCharsets.UTF_8));
			for (String argument : arguments) {
				byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
				request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
				request.writeBytes(bytes);
				request.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
			}
			out.write(request.toByteArray());
			out.flush();
			return reply(new BufferedInputStream(socket.getInputStream()));
		}
	}

	/**
	 * The value of a key.
	 * @param key the key
	 * @return its value, {@code null} when it does not exist
	 */
	public @Nullable String get(String key) {
		try {
			return (String) command("GET", key);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Stops the process, whatever its state, and deletes its data.
	 */
	@Override
	public void close() {
		destroy();
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
		catch (IOException ex) {
			// A temporary directory left behind.
		}
		if (this.sentinelConfig != null) {
			this.sentinelConfig.toFile().delete();
		}
	}

	private void destroy() {
		Process running = this.process;
		if (running != null && running.isAlive()) {
			if (this.paused) {
				resume();
			}
			running.destroy();
			try {
				if (!running.waitFor(5, TimeUnit.SECONDS)) {
					running.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.process = null;
	}

	private Process running() {
		Process running = this.process;
		if (running == null || !running.isAlive()) {
			throw new IllegalStateException("redis-server is not running");
		}
		return running;
	}

	private void signal(String signal) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(running().pid())).inheritIO().start();
			if (kill.waitFor() != 0) {
				throw new IllegalStateException("kill -" + signal + " failed");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private String log() {
		try {
			return Files.readString(this.directory.resolve("redis.log"));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	private static @Nullable Object reply(InputStream in) throws IOException {
		int type = in.read();
		String line = line(in);
		switch (type) {
			case '+':
				return line;
			case '-':
				throw new IOException("Redis answered: " + line);
			case ':':
				return Long.parseLong(line);
			case '$': {
				int length = Integer.parseInt(line);
				if (length < 0) {
					return null;
				}
				byte[] bytes = in.readNBytes(length + 2);
				if (bytes.length < length + 2) {
					throw new EOFException("Redis closed the connection mid-reply");
				}
				return new String(bytes, 0, length, StandardCharsets.UTF_8);
			}
			case '*': {
				int count = Integer.parseInt(line);
				if (count < 0) {
					return null;
				}
				List<@Nullable Object> items = new ArrayList<>(count);
				for (int i = 0; i < count; i++) {
					items.add(reply(in));
				}
				return items;
			}
			case -1:
				throw new EOFException("Redis closed the connection");
			default:
				throw new IOException("Not a RESP reply: " + (char) type + line);
		}
	}

	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int previous = -1;
		int current;
		while ((current = in.read()) != -1) {
			if (previous == '\r' && current == '\n') {
				byte[] bytes = line.toByteArray();
				return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
			}
			line.write(current);
			previous = current;
		}
		return line.toString(StandardCharsets.UTF_8);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Path require() {
		return require(BINARY, DEBIAN_PACKAGE);
	}

	/**
	 * Finds one of Redis's binaries, or skips the test (fails it under CI) when it is not
	 * installed.
	 * @param binary the command, such as {@code redis-cli}
	 * @param debianPackage the package that provides it
	 * @return its path
	 */
	public static Path require(String binary, String debianPackage) {
		Optional<Path> found = find(binary);
		if (found.isEmpty()) {
			String message = "'" + binary + "' is not installed, so the tests that need a real Redis did not run."
					+ " Install it with: apt-get install -y " + debianPackage;
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new AssertionError(message + " (CI must install it: see .ci/run)");
			}
			System.err.println("SKIPPED: " + message);
			Assumptions.abort(message);
		}
		return found.get();
	}

	private static Optional<Path> find(String binary) {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(dir, binary);
			if (Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

}

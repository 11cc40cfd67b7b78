package io.github.aiobservability.test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * What the fake provider servers share: the loopback server, the instructions that choose
 * a fault for one attempt, and the log of attempts.
 */
final class FakeServers {

	/** The header both SDKs send with the number of the attempt, 0 for the first. */
	static final String RETRY_COUNT_HEADER = "X-Stainless-Retry-Count";

	private static final String FAULT = "fault:";

	private static final String SCRIPT = "script:";

	private FakeServers() {
	}

	/**
	 * Starts an HTTP server on a free loopback port, its handlers run on daemon threads.
	 * @param threadName the name of the handler threads
	 * @return the running server
	 * @throws IOException if no port could be bound
	 */
	static HttpServer start(String threadName) throws IOException {
		// Without TCP_NODELAY every small answer waits for a delayed ACK (about 40 ms).
		System.setProperty("sun.net.httpserver.nodelay", "true");
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		ExecutorService executor = Executors.newFixedThreadPool(32, (task) -> {
			Thread thread = new Thread(task, threadName);
			thread.setDaemon(true);
			return thread;
		});
		server.setExecutor(executor);
		server.start();
		return server;
	}

	/**
	 * Stops a server started by {@link #start(String)} and its threads.
	 * @param server the server
	 */
	static void stop(HttpServer server) {
		server.stop(0);
		if (server.getExecutor() instanceof ExecutorService executor) {
			executor.shutdownNow();
		}
	}

	/**
	 * The attempt number the client sent.
	 * @param exchange the request
	 * @return the {@value #RETRY_COUNT_HEADER} header, 0 when absent or not a number
	 */
	static int retryCount(HttpExchange exchange) {
		String value = exchange.getRequestHeaders().getFirst(RETRY_COUNT_HEADER);
		try {
			return (value != null) ? Integer.parseInt(value.trim()) : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	/**
	 * What an instruction asks of one attempt. A {@code script:S0,S1,...} instruction
	 * asks step {@code min(retryCount, last)}: a step {@code 200} is the text after the
	 * script (a normal answer unless that text is an instruction itself), any other step
	 * {@code S} is {@code fault:S}. Any other instruction is returned as it is.
	 * @param instruction the last user message or input
	 * @param retryCount the attempt number
	 * @return the instruction for this attempt
	 */
	static String forAttempt(String instruction, int retryCount) {
		if (!instruction.startsWith(SCRIPT)) {
			return instruction;
		}
		String rest = instruction.substring(SCRIPT.length());
		int end = 0;
		while (end < rest.length() && !Character.isWhitespace(rest.charAt(end))) {
			end++;
		}
		String[] steps = rest.substring(0, end).split(",");
		String step = steps[Math.min(retryCount, steps.length - 1)];
		return "200".equals(step) ? rest.substring(end).trim() : FAULT + step;
	}

	/**
	 * The status a {@code fault:NNN} instruction asks for.
	 * @param instruction the instruction of the attempt
	 * @return NNN, or 0 when the instruction is not {@code fault:} followed by three
	 * digits
	 */
	static int faultStatus(String instruction) {
		if (instruction.startsWith(FAULT) && instruction.length() >= FAULT.length() + 3) {
			String code = instruction.substring(FAULT.length(), FAULT.length() + 3);
			if (code.chars().allMatch(Character::isDigit)) {
				return Integer.parseInt(code);
			}
		}
		return 0;
	}

	/**
	 * Whether an instruction is a {@code fault:} this server does not know.
	 * @param instruction the instruction of the attempt
	 * @param known the fault words the server knows, such as {@code fault:slow}
	 * @return true for a fault that is neither a status nor known
	 */
	static boolean isUnknownFault(String instruction, String... known) {
		if (!instruction.startsWith(FAULT) || faultStatus(instruction) != 0) {
			return false;
		}
		for (String word : known) {
			if (instruction.startsWith(word)) {
				return false;
			}
		}
		return true;
	}

	static Attempt attempt(HttpExchange exchange, String model, boolean stream, int retryCount, int status,
			String instruction, String body) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
		return new Attempt(exchange.getRequestURI().getPath(), model, stream, retryCount, status, instruction, headers,
				body);
	}

	static String readBody(InputStream in) throws IOException {
		return new String(in.readAllBytes(), StandardCharsets.UTF_8);
	}

	/**
	 * Waits until a moment, on {@link System#nanoTime()}: a pace kept by deadlines does
	 * not drift when a loaded machine wakes a thread late, as one kept by sleeps does.
	 * @param deadlineNanos when to wake
	 */
	static void sleepUntil(long deadlineNanos) {
		long millis = (deadlineNanos - System.nanoTime()) / 1_000_000;
		if (millis > 0) {
			sleep(millis);
		}
	}

	/**
	 * Waits for the i-th content of a {@code timed-stream}: the first
	 * {@link FakeProviderServer#TIMED_FIRST_CONTENT_MILLIS} after the stream's start, the
	 * others {@link FakeProviderServer#TIMED_CHUNK_MILLIS} apart.
	 * @param startNanos when the stream started, on {@link System#nanoTime()}
	 * @param i the content's index
	 */
	static void timedContent(long startNanos, int i) {
		sleepUntil(startNanos
				+ (FakeProviderServer.TIMED_FIRST_CONTENT_MILLIS + (long) i * FakeProviderServer.TIMED_CHUNK_MILLIS)
						* 1_000_000L);
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The attempts a server answered, in the order it decided their status.
	 */
	static final class AttemptLog {

		private final Queue<Attempt> attempts = new ConcurrentLinkedQueue<>();

		void add(Attempt attempt) {
			this.attempts.add(attempt);
		}

		List<Attempt> all() {
			return List.copyOf(this.attempts);
		}

		List<Attempt> forModel(String model) {
			List<Attempt> matching = new ArrayList<>();
			for (Attempt attempt : this.attempts) {
				if (attempt.model().equals(model)) {
					matching.add(attempt);
				}
			}
			return matching;
		}

		void clear() {
			this.attempts.clear();
		}

	}

}

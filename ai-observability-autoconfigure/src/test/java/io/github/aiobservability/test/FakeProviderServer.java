package io.github.aiobservability.test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * What a fake provider server offers its tests whatever the provider: the loopback
 * server, the log of the attempts it answered, and the rate-limit headers of its
 * responses.
 *
 * @param <R> the provider's rate-limit headers
 */
public abstract class FakeProviderServer<R> implements AutoCloseable {

	/**
	 * The first content of a {@code timed-stream} (and of a {@code tool-stream}) comes
	 * this long after the stream's first chunk or event, which carries none.
	 */
	public static final int TIMED_FIRST_CONTENT_MILLIS = 300;

	/** The content chunks of a {@code timed-stream} come this far apart. */
	public static final int TIMED_CHUNK_MILLIS = 20;

	/**
	 * The content chunks of a {@code timed-stream}, each one output token as its usage
	 * reports.
	 */
	public static final int TIMED_CHUNKS = 21;

	private final HttpServer server;

	private final R defaultRateLimits;

	private final FakeServers.AttemptLog attempts = new FakeServers.AttemptLog();

	private volatile @Nullable R rateLimits;

	private final Map<String, AtomicInteger> identicalRequests = new ConcurrentHashMap<>();

	protected FakeProviderServer(String threadName, R defaultRateLimits) throws IOException {
		this.server = FakeServers.start(threadName);
		this.defaultRateLimits = defaultRateLimits;
		this.rateLimits = defaultRateLimits;
	}

	/**
	 * Every request answered since the start or the last {@link #reset()}, in the order
	 * their status was decided.
	 * @return the attempts
	 */
	public List<Attempt> attempts() {
		return this.attempts.all();
	}

	/**
	 * The requests for one model, the way to read the shared server's log in a test that
	 * uses a model name of its own.
	 * @param model the {@code model} of the requests
	 * @return the attempts, in order
	 */
	public List<Attempt> attempts(String model) {
		return this.attempts.forModel(model);
	}

	/**
	 * Sets the rate-limit headers of the following responses.
	 * @param rateLimits the values, or {@code null} to send no rate-limit headers
	 */
	public void rateLimits(@Nullable R rateLimits) {
		this.rateLimits = rateLimits;
	}

	/**
	 * The rate-limit headers the next response carries.
	 * @return the values, {@code null} when none are sent
	 */
	public @Nullable R rateLimits() {
		return this.rateLimits;
	}

	/**
	 * Forgets the attempts and restores the default rate limits.
	 */
	public void reset() {
		this.attempts.clear();
		this.rateLimits = this.defaultRateLimits;
		this.identicalRequests.clear();
	}

	@Override
	public void close() {
		FakeServers.stop(this.server);
	}

	/**
	 * The server's port on loopback.
	 * @return the port
	 */
	protected int port() {
		return this.server.getAddress().getPort();
	}

	protected HttpServer server() {
		return this.server;
	}

	/**
	 * The number of a request among the identical ones, for clients that do not number
	 * their retries (Google's SDK, Spring AI's retry template resend the same bytes).
	 * @param path the request's path
	 * @param body the request's body
	 * @return how many identical requests came before it since the start or the last
	 * {@link #reset()}
	 */
	protected int identicalBefore(String path, String body) {
		return this.identicalRequests.computeIfAbsent(path + "\n" + body, (key) -> new AtomicInteger())
			.getAndIncrement();
	}

	protected void log(Attempt attempt) {
		this.attempts.add(attempt);
	}

}

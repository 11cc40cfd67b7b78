package io.github.aiobservability.test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * Serves a price list at {@code /prices.json} on loopback, as a static file host does:
 * {@code 200} with an {@code ETag}, {@code 304} when {@code If-None-Match} names the
 * current one. What it serves can be changed, made to fail with a status or to stall, or
 * the server stopped and started again on the same port.
 */
public final class FakePriceListServer implements AutoCloseable {

	private final int port;

	private volatile String body;

	private volatile int failStatus;

	private volatile long stallMillis;

	private final AtomicInteger requests = new AtomicInteger();

	private final AtomicInteger notModified = new AtomicInteger();

	private @Nullable HttpServer server;

	private FakePriceListServer(int port, String body) {
		this.port = port;
		this.body = body;
	}

	/**
	 * Starts a server on a free port.
	 * @param body the list to serve
	 * @return the running server
	 */
	public static FakePriceListServer start(String body) {
		try (ServerSocket probe = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
			FakePriceListServer server = new FakePriceListServer(probe.getLocalPort(), body);
			probe.close();
			server.up();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The list's URL.
	 * @return {@code http://127.0.0.1:<port>/prices.json}
	 */
	public String url() {
		return "http://127.0.0.1:" + this.port + "/prices.json";
	}

	/**
	 * Serves another list from now on.
	 * @param body the list
	 */
	public void serve(String body) {
		this.body = body;
		this.failStatus = 0;
	}

	/**
	 * Answers every request with a status and no list until {@link #serve} is called.
	 * @param status the HTTP status
	 */
	public void failWith(int status) {
		this.failStatus = status;
	}

	/**
	 * Waits before answering each request from now on.
	 * @param millis how long, 0 to answer at once
	 */
	public void stall(long millis) {
		this.stallMillis = millis;
	}

	/**
	 * Requests answered, whatever the answer.
	 * @return their count
	 */
	public int requests() {
		return this.requests.get();
	}

	/**
	 * Requests answered {@code 304 Not Modified}.
	 * @return their count
	 */
	public int notModified() {
		return this.notModified.get();
	}

	/**
	 * Stops listening: connections are refused.
	 */
	public synchronized void down() {
		if (this.server != null) {
			this.server.stop(0);
			this.server = null;
		}
	}

	/**
	 * Listens again, on the same port.
	 */
	public synchronized void up() {
		if (this.server != null) {
			return;
		}
		// HttpServer.stop closes its socket on its dispatcher thread, a moment later.
		long deadline = System.nanoTime() + 10_000_000_000L;
		while (true) {
			try {
				HttpServer server = HttpServer
					.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 0);
				server.createContext("/prices.json", this::handle);
				server.start();
				this.server = server;
				return;
			}
			catch (BindException ex) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Port " + this.port + " stays taken", ex);
				}
				FakeServers.sleep(50);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	@Override
	public void close() {
		down();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			this.requests.incrementAndGet();
			FakeServers.sleep(this.stallMillis);
			if (this.failStatus != 0) {
				exchange.sendResponseHeaders(this.failStatus, -1);
				return;
			}
			String body = this.body;
			String etag = "\"" + Integer.toHexString(body.hashCode()) + "\"";
			exchange.getResponseHeaders().add("ETag", etag);
			if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
				this.notModified.incrementAndGet();
				exchange.sendResponseHeaders(304, -1);
				return;
			}
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

}

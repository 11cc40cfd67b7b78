package io.github.aiobservability.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a free loopback port that the test controls, to stall a connection the
 * way a network does: the bytes stop flowing, nothing is closed, nobody is told. Each
 * client connection gets its own connection to the upstream port; a connection that
 * cannot reach it is closed, as an unreachable server would be.
 */
public final class TcpProxy implements AutoCloseable {

	private final ServerSocket server;

	private final int upstreamPort;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private final Gate requests = new Gate();

	private final Gate replies = new Gate();

	private TcpProxy(int upstreamPort) throws IOException {
		this.upstreamPort = upstreamPort;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		daemon("tcp-proxy-accept", this::accept).start();
	}

	/**
	 * Starts a proxy to a port on 127.0.0.1.
	 * @param upstreamPort where the bytes go
	 * @return the running proxy
	 */
	public static TcpProxy to(int upstreamPort) {
		try {
			return new TcpProxy(upstreamPort);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The port clients connect to.
	 * @return the proxy's port on 127.0.0.1
	 */
	public int port() {
		return this.server.getLocalPort();
	}

	/**
	 * Holds the bytes of every connection, both ways, until {@link #resume()}.
	 */
	public void stall() {
		this.requests.close();
		this.replies.close();
	}

	/**
	 * Holds only what the upstream sends back: requests arrive and are acted on, their
	 * answers wait until {@link #resume()}.
	 */
	public void stallReplies() {
		this.replies.close();
	}

	/**
	 * Lets the held bytes go on, in order.
	 */
	public void resume() {
		this.requests.open();
		this.replies.open();
	}

	@Override
	public void close() {
		resume();
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// Closing anyway.
		}
		this.sockets.forEach(TcpProxy::closeQuietly);
	}

	private void accept() {
		while (!this.server.isClosed()) {
			Socket client;
			try {
				client = this.server.accept();
			}
			catch (IOException ex) {
				return;
			}
			Socket upstream = new Socket();
			try {
				upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.upstreamPort), 2000);
			}
			catch (IOException ex) {
				closeQuietly(client);
				closeQuietly(upstream);
				continue;
			}
			this.sockets.add(client);
			this.sockets.add(upstream);
			daemon("tcp-proxy-requests", () -> pump(client, upstream, this.requests)).start();
			daemon("tcp-proxy-replies", () -> pump(upstream, client, this.replies)).start();
		}
	}

	private void pump(Socket from, Socket to, Gate gate) {
		byte[] buffer = new byte[16 * 1024];
		try {
			InputStream in = from.getInputStream();
			OutputStream out = to.getOutputStream();
			int read;
			while ((read = in.read(buffer)) != -1) {
				gate.await();
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// One side went away: so does the other.
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
			this.sockets.remove(from);
			this.sockets.remove(to);
		}
	}

	private static Thread daemon(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Already gone.
		}
	}

	/**
	 * Open or closed; a closed gate holds whoever waits at it.
	 */
	private static final class Gate {

		private boolean closed;

		synchronized void close() {
			this.closed = true;
		}

		synchronized void open() {
			this.closed = false;
			notifyAll();
		}

		synchronized void await() throws InterruptedException {
			while (this.closed) {
				wait();
			}
		}

	}

}

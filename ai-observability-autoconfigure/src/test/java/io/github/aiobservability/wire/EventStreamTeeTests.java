package io.github.aiobservability.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Whether a stream read through the tee was abandoned, as a consumer's cancel abandons
 * it: closed by another thread than its reader, before its end. Real OkHttp against a
 * server on a socket, which sends one event and then does what each test tells it.
 */
class EventStreamTeeTests {

	private static final String EVENT = "event: message_start\ndata: {}\n\n";

	private final WireStreams wire = new WireStreams();

	private final List<String> events = new ArrayList<>();

	private final OkHttpClient client = new OkHttpClient.Builder()
		.addInterceptor(new EventStreamTee(
				(request) -> (bytes, length) -> this.events.add(new String(bytes, 0, length, StandardCharsets.UTF_8))))
		.build();

	private final ExecutorService reader = Executors.newSingleThreadExecutor();

	private final CountDownLatch serverMayFinish = new CountDownLatch(1);

	private ServerSocket server;

	private volatile ServerEnd serverEnd = ServerEnd.HOLD;

	@BeforeEach
	void startServer() throws IOException {
		this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
		CompletableFuture.runAsync(this::serveOne);
	}

	@AfterEach
	void stop() throws IOException {
		this.serverMayFinish.countDown();
		this.reader.shutdownNow();
		this.server.close();
		this.client.dispatcher().executorService().shutdown();
		this.client.connectionPool().evictAll();
	}

	@Test
	void aStreamClosedByAnotherThreadBeforeItsEndIsAbandonedForItsReaderOnce() throws Exception {
		Response response = call();
		readOneEvent(response);

		response.close();

		assertThat(onReader(() -> failingRead(response))).isTrue();
		assertThat(this.wire.abandonedOnThisThread()).as("asked again, on the closing thread").isFalse();
		assertThat(onReader(this.wire::abandonedOnThisThread)).as("asked again, on the reader").isFalse();
		assertThat(this.events).containsExactly(EVENT.substring(0, EVENT.length() - 1));
	}

	@Test
	void aStreamClosedByAnotherThreadBeforeItsEndIsAbandonedForTheClosingThreadOnce() throws Exception {
		Response response = call();
		readOneEvent(response);

		response.close();

		assertThat(this.wire.abandonedOnThisThread()).isTrue();
		assertThat(onReader(() -> failingRead(response))).as("then asked on the reader").isFalse();
	}

	@Test
	void aStreamReadToItsEndIsNotAbandonedWhenAnotherThreadClosesIt() throws Exception {
		this.serverEnd = ServerEnd.END;
		Response response = call();
		readOneEvent(response);
		this.serverMayFinish.countDown();
		assertThat(onReader(() -> response.body().source().exhausted())).isTrue();

		response.close();

		assertThat(this.wire.abandonedOnThisThread()).isFalse();
		assertThat(onReader(this.wire::abandonedOnThisThread)).isFalse();
	}

	@Test
	void aStreamWhoseReadFailedIsNotAbandonedWhenAnotherThreadClosesIt() throws Exception {
		this.serverEnd = ServerEnd.RESET;
		Response response = call();
		readOneEvent(response);
		this.serverMayFinish.countDown();
		assertThat(onReader(() -> failingRead(response))).as("asked after the network's failure").isFalse();

		response.close();

		assertThat(this.wire.abandonedOnThisThread()).isFalse();
		assertThat(onReader(this.wire::abandonedOnThisThread)).isFalse();
	}

	@Test
	void aStreamClosedByItsReaderIsNotAbandoned() throws Exception {
		Response response = call();
		readOneEvent(response);

		onReader(() -> {
			response.close();
			return null;
		});

		assertThat(onReader(this.wire::abandonedOnThisThread)).isFalse();
		assertThat(this.wire.abandonedOnThisThread()).isFalse();
	}

	@Test
	void aThreadThatTouchedNoStreamHasNoneAbandoned() {
		assertThat(this.wire.abandonedOnThisThread()).isFalse();
	}

	private Response call() throws IOException {
		Response response = this.client
			.newCall(new Request.Builder().url("http://127.0.0.1:" + this.server.getLocalPort() + "/stream").build())
			.execute();
		assertThat(response.isSuccessful()).isTrue();
		return response;
	}

	/** Reads the first event on the reader thread, which then reads the stream. */
	private void readOneEvent(Response response) throws Exception {
		assertThat(onReader(() -> {
			BufferedSource source = response.body().source();
			return source.readUtf8LineStrict() + source.readUtf8LineStrict() + source.readUtf8LineStrict();
		})).isEqualTo("event: message_startdata: {}");
	}

	/** Reads on, as an SDK does, and answers whether the stream was abandoned then. */
	private boolean failingRead(Response response) {
		assertThatException().isThrownBy(() -> response.body().source().readUtf8LineStrict());
		return this.wire.abandonedOnThisThread();
	}

	private <T> T onReader(Callable<T> task) throws Exception {
		return this.reader.submit(task).get(10, TimeUnit.SECONDS);
	}

	/** Answers one request with an event stream of one event, then ends it as told. */
	private void serveOne() {
		try (Socket socket = this.server.accept()) {
			InputStream in = socket.getInputStream();
			byte[] request = new byte[8192];
			int read = in.read(request);
			assertThat(read).isPositive();
			OutputStream out = socket.getOutputStream();
			out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n" + EVENT)
				.getBytes(StandardCharsets.UTF_8));
			out.flush();
			this.serverMayFinish.await(10, TimeUnit.SECONDS);
			if (this.serverEnd == ServerEnd.RESET) {
				// An abortive close: the client's read fails with a reset, the network's
				// failure.
				socket.setSoLinger(true, 0);
			}
		}
		catch (IOException ex) {
			// The client went away first.
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private enum ServerEnd {

		/** Holds the stream open until the test ends. */
		HOLD,

		/** Ends the stream: the body ends with the connection. */
		END,

		/** Resets the connection. */
		RESET

	}

}

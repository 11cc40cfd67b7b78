package io.github.aiobservability.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.github.aiobservability.test.StarterFixture;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The attempt handlers of Spring's HTTP clients on the real {@code http.client.requests}
 * observations of a real {@code RestClient} and {@code WebClient}, under or beside a chat
 * model's observation, against a server on loopback.
 */
class ClientRequestAttemptObservationHandlerTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final ObservationRegistry observations = StarterFixture
		.handlers(this.meters, List.of(), (request) -> Map.of(), 100)
		.registerOn(ObservationRegistry.create());

	private final AtomicInteger requests = new AtomicInteger();

	private final HttpServer server = server();

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void countsTheFirstRestClientAttemptOfARoundTripFirstAndTheNextOnesRetries() {
		RestClient client = RestClient.builder().baseUrl(baseUrl()).observationRegistry(this.observations).build();

		chatCall("llama3.2", false).observe(() -> {
			assertThatThrownBy(() -> client.post().uri("/api/chat?status=503").retrieve().toBodilessEntity())
				.isInstanceOf(HttpServerErrorException.class);
			client.post().uri("/api/chat?status=200").retrieve().toBodilessEntity();
		});

		assertThat(attempts("llama3.2", "chat", "503", "server_error", "first")).isEqualTo(1);
		assertThat(attempts("llama3.2", "chat", "200", "none", "retry")).isEqualTo(1);
		assertThat(attempts("llama3.2", "chat", "200", "none", "first")).isZero();
		assertThat(this.requests).hasValue(2);
	}

	@Test
	void readsTheRateLimitHeadersOfARestClientResponse() {
		RestClient client = RestClient.builder().baseUrl(baseUrl()).observationRegistry(this.observations).build();

		chatCall("llama3.2", false)
			.observe(() -> client.post().uri("/api/chat?status=200&limited").retrieve().toBodilessEntity());

		assertThat(this.meters.get("ai.api.rate.limit.remaining")
			.tags("model", "llama3.2", "resource", "requests")
			.gauge()
			.value()).isEqualTo(41);
	}

	@Test
	void countsAWebClientAttemptUnderTheModelObservationOfItsReactorContext() {
		WebClient client = WebClient.builder().baseUrl(baseUrl()).observationRegistry(this.observations).build();
		Observation stream = chatCall("llama3.2", true).start();

		client.post()
			.uri("/api/chat?status=200")
			.retrieve()
			.toBodilessEntity()
			.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, stream))
			.block();
		stream.stop();

		assertThat(attempts("llama3.2", "chat_stream", "200", "none", "first")).isEqualTo(1);
	}

	@Test
	void countsAnAttemptThatGotNoResponseByItsFailure() {
		RestClient client = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + freePort())
			.observationRegistry(this.observations)
			.build();

		chatCall("llama3.2", false)
			.observe(() -> assertThatThrownBy(() -> client.post().uri("/api/chat").retrieve().toBodilessEntity())
				.isInstanceOf(ResourceAccessException.class));

		assertThat(attempts("llama3.2", "chat", "none", "network", "first")).isEqualTo(1);
	}

	@Test
	void leavesAloneHttpCallsWithoutAModelCallAbove() {
		RestClient restClient = RestClient.builder().baseUrl(baseUrl()).observationRegistry(this.observations).build();
		WebClient webClient = WebClient.builder().baseUrl(baseUrl()).observationRegistry(this.observations).build();

		restClient.post().uri("/api/chat?status=200").retrieve().toBodilessEntity();
		webClient.post().uri("/api/chat?status=200").retrieve().toBodilessEntity().block();

		assertThat(this.requests).hasValue(2);
		assertThat(this.meters.find("ai.api.attempts").counters().stream().mapToDouble(Counter::count).sum()).isZero();
	}

	private Observation chatCall(String model, boolean streaming) {
		ChatModelObservationContext context = ChatModelObservationContext.builder()
			.prompt(new Prompt("hi", ChatOptions.builder().model(model).build()))
			.provider("ollama")
			.streaming(streaming)
			.build();
		return Observation.createNotStarted("gen_ai.client.operation", () -> context, this.observations);
	}

	private double attempts(String model, String endpoint, String statusCode, String errorType, String attempt) {
		Counter counter = this.meters.find("ai.api.attempts")
			.tags("model", model, "provider", "ollama", "endpoint", endpoint, "status_code", statusCode, "error_type",
					errorType, "attempt", attempt)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * Answers {@code ?status=NNN} with that status and an empty JSON object; with
	 * {@code limited}, OpenAI-style rate-limit headers too.
	 */
	private HttpServer server() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/", (exchange) -> {
				this.requests.incrementAndGet();
				String query = exchange.getRequestURI().getQuery();
				int status = Integer.parseInt(query.replaceAll(".*status=(\\d{3}).*", "$1"));
				if (query.contains("limited")) {
					exchange.getResponseHeaders().add("x-ratelimit-limit-requests", "60");
					exchange.getResponseHeaders().add("x-ratelimit-remaining-requests", "41");
					exchange.getResponseHeaders().add("x-ratelimit-reset-requests", "1m");
				}
				byte[] body = "{}".getBytes();
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(status, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

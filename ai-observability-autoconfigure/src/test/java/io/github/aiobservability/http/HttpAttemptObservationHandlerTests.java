package io.github.aiobservability.http;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;

import io.github.aiobservability.test.StarterFixture;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.binder.okhttp3.OkHttpContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attempt handler on Micrometer's real observation types: the OkHttp observation
 * Spring AI's clients make, under or beside the chat model's observation.
 */
class HttpAttemptObservationHandlerTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final ObservationRegistry observations = StarterFixture
		.handlers(this.meters, List.of(), (request) -> Map.of(), 100)
		.registerOn(ObservationRegistry.create());

	@Test
	void countsEachAttemptOfACallUnderItsRoundTrip() {
		Observation call = chatCall("gpt-4o", false).start();
		try (Observation.Scope scope = call.openScope()) {
			attempt(request(0, "gpt-4o"), response(429, Map.of("Retry-After", "0")), null);
			attempt(request(1, "gpt-4o"), response(503, Map.of()), null);
			attempt(request(2, "gpt-4o"), response(200, Map.of()), null);
		}
		call.stop();

		assertThat(attempts("gpt-4o", "chat", "429", "rate_limited", "first")).isEqualTo(1);
		assertThat(attempts("gpt-4o", "chat", "503", "server_error", "retry")).isEqualTo(1);
		assertThat(attempts("gpt-4o", "chat", "200", "none", "retry")).isEqualTo(1);
		assertThat(attempts("gpt-4o", "chat", "200", "none", "first")).isZero();
		assertThat(this.meters.get("ai.api.requests").tags("model", "gpt-4o", "error_type", "none").counter().count())
			.isEqualTo(1);
	}

	@Test
	void keepsTheRateLimitsEachResponseReports() {
		Observation call = chatCall("gpt-4o", false).start();
		try (Observation.Scope scope = call.openScope()) {
			attempt(request(0, "gpt-4o"), response(200, Map.of("x-ratelimit-limit-requests", "500",
					"x-ratelimit-remaining-requests", "480", "x-ratelimit-reset-requests", "1m")), null);
			attempt(request(0, "gpt-4o"), response(200, Map.of("x-ratelimit-limit-requests", "500",
					"x-ratelimit-remaining-requests", "470", "x-ratelimit-reset-requests", "1m")), null);
		}
		call.stop();

		assertThat(gauge("ai.api.rate.limit.limit", "requests")).isEqualTo(500);
		assertThat(gauge("ai.api.rate.limit.remaining", "requests")).isEqualTo(470);
	}

	@Test
	void attributesAStreamAttemptWithoutParentToTheStreamOfItsModel() {
		Observation mini = chatCall("gpt-4o-mini", true).start();
		Observation large = chatCall("gpt-4o", true).start();

		attempt(request(0, "gpt-4o"), response(429, Map.of()), null);
		attempt(request(1, "gpt-4o"), response(200, Map.of()), null);
		attempt(request(0, "gpt-4o-mini"), response(200, Map.of()), null);
		large.stop();
		attempt(request(0, "anything: one stream is left"), response(500, Map.of()), null);
		mini.stop();

		assertThat(attempts("gpt-4o", "chat_stream", "429", "rate_limited", "first")).isEqualTo(1);
		assertThat(attempts("gpt-4o", "chat_stream", "200", "none", "retry")).isEqualTo(1);
		assertThat(attempts("gpt-4o-mini", "chat_stream", "200", "none", "first")).isEqualTo(1);
		assertThat(attempts("gpt-4o-mini", "chat_stream", "500", "server_error", "first")).isEqualTo(1);
	}

	@Test
	void countsAnAttemptWithoutResponseByItsFailure() {
		Observation call = chatCall("gpt-4o", false).start();
		try (Observation.Scope scope = call.openScope()) {
			attempt(request(0, "gpt-4o"), null, new SocketTimeoutException("timeout"));
			attempt(request(1, "gpt-4o"), null, new IOException("Canceled"));
		}
		call.stop();

		assertThat(attempts("gpt-4o", "chat", "none", "timeout", "first")).isEqualTo(1);
		assertThat(attempts("gpt-4o", "chat", "none", "cancelled", "retry")).isEqualTo(1);
	}

	@Test
	void leavesAlonePlainHttpCallsAndCallsOfNoRecordedModel() {
		Observation stream = chatCall("gpt-4o", true).start();
		attempt(new Request.Builder().url("http://127.0.0.1/health").build(), response(200, Map.of()), null);
		attempt(request(0, "gpt-4o").newBuilder().removeHeader("Accept").build(), response(200, Map.of()), null);
		stream.stop();
		attempt(request(0, "gpt-4o"), response(200, Map.of()), null);

		assertThat(this.meters.find("ai.api.attempts").counters().stream().mapToDouble(Counter::count).sum()).isZero();
	}

	private Observation chatCall(String model, boolean streaming) {
		ChatModelObservationContext context = ChatModelObservationContext.builder()
			.prompt(new Prompt("hi", ChatOptions.builder().model(model).build()))
			.provider("openai")
			.streaming(streaming)
			.build();
		return Observation.createNotStarted("gen_ai.client.operation", () -> context, this.observations);
	}

	/**
	 * One attempt observed the way Micrometer's OkHttp interceptor observes it.
	 */
	private void attempt(Request request, @Nullable Response response, @Nullable IOException error) {
		OkHttpContext context = new OkHttpContext((r) -> "none", List.of(), List.of(), List.of(), false, request);
		Observation observation = Observation.createNotStarted("okhttp.requests", () -> context, this.observations)
			.start();
		if (response != null) {
			context.setResponse(response);
		}
		if (error != null) {
			observation.error(error);
		}
		observation.stop();
	}

	private static Request request(int retryCount, String model) {
		return new Request.Builder().url("http://127.0.0.1/v1/chat/completions")
			.header("X-Stainless-Retry-Count", Integer.toString(retryCount))
			.header("Accept", "text/event-stream")
			.post(RequestBody.create("{\"messages\":[],\"model\":\"" + model + "\"}",
					MediaType.get("application/json")))
			.build();
	}

	private static Response response(int status, Map<String, String> headers) {
		Response.Builder builder = new Response.Builder()
			.request(new Request.Builder().url("http://127.0.0.1/v1/chat/completions").build())
			.protocol(Protocol.HTTP_1_1)
			.code(status)
			.message("status " + status);
		headers.forEach(builder::header);
		return builder.build();
	}

	private double attempts(String model, String endpoint, String statusCode, String errorType, String attempt) {
		Counter counter = this.meters.find("ai.api.attempts")
			.tags("model", model, "provider", "openai", "endpoint", endpoint, "status_code", statusCode, "error_type",
					errorType, "attempt", attempt)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private double gauge(String name, String resource) {
		return this.meters.get(name).tags("model", "gpt-4o", "resource", resource).gauge().value();
	}

}

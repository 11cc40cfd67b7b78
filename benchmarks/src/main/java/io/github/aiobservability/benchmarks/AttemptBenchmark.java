package io.github.aiobservability.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.aiobservability.test.StarterFixture;
import io.micrometer.core.instrument.binder.okhttp3.DefaultOkHttpObservationConvention;
import io.micrometer.core.instrument.binder.okhttp3.OkHttpContext;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.client.observation.DefaultClientRequestObservationConvention;

/**
 * What recording one HTTP attempt adds to the {@code okhttp.requests} observation Spring
 * AI makes of it anyway, against what that observation's own meter handling costs
 * (Micrometer's default meter handler, as Boot registers it): one start and one stop on
 * an attempt's context, its response carrying OpenAI's rate-limit headers.
 * <ul>
 * <li>{@code CALL}: the attempt of a call, whose parent is the chat model's
 * observation;</li>
 * <li>{@code STREAM}: a stream's attempt, which has no parent, with one stream in
 * flight;</li>
 * <li>{@code STREAMS_OF_TWO_MODELS}: the same with streams of two models in flight, so
 * the attempt's model is read from its request body of {@code bodyChars} characters;</li>
 * <li>{@code REST_CLIENT}: the {@code http.client.requests} observation Boot's
 * {@code RestClient} makes of an attempt of a RestClient-based model (Ollama's call),
 * under the chat model's observation, against Micrometer's default meter handler's
 * handling of that observation.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class AttemptBenchmark {

	private static final DefaultOkHttpObservationConvention CONVENTION = new DefaultOkHttpObservationConvention(
			"okhttp.requests");

	private static final DefaultClientRequestObservationConvention REST_CLIENT_CONVENTION = new DefaultClientRequestObservationConvention();

	@Param({ "SPRING_AI", "STARTER" })
	public String handler;

	@Param({ "CALL", "STREAM", "STREAMS_OF_TWO_MODELS", "REST_CLIENT" })
	public String attempt;

	@Param({ "30000" })
	public int bodyChars;

	private PrometheusMeterRegistry meters;

	private ObservationHandler<Observation.Context> observationHandler;

	private Observation.Context context;

	private final List<Observation> calls = new ArrayList<>();

	@Setup(Level.Trial)
	@SuppressWarnings({ "rawtypes", "unchecked" })
	public void setUp() {
		this.meters = Instrumentation.prometheus();
		StarterFixture.Handlers starter = StarterFixture.handlers(this.meters, List.of(), (request) -> Map.of(), 100);
		boolean restClient = "REST_CLIENT".equals(this.attempt);
		this.observationHandler = !"STARTER".equals(this.handler) ? new DefaultMeterObservationHandler(this.meters)
				: restClient ? (ObservationHandler) starter.restClientAttempts()
						: (ObservationHandler) starter.attempts();
		// The chat round-trips the attempts belong to, recorded by the starter's chat
		// handler.
		ObservationRegistry chat = starter.registerOn(ObservationRegistry.create());
		boolean stream = !"CALL".equals(this.attempt) && !restClient;
		this.calls.add(chatCall(chat, "gpt-4o", stream));
		if (restClient) {
			this.context = restClientAttempt(this.calls.get(0));
			return;
		}
		if ("STREAMS_OF_TWO_MODELS".equals(this.attempt)) {
			this.calls.add(chatCall(chat, "gpt-4o-mini", stream));
		}
		Request request = new Request.Builder().url("https://api.openai.com/v1/chat/completions")
			.header("X-Stainless-Retry-Count", "0")
			.header("Accept", stream ? "text/event-stream" : "application/json")
			.post(RequestBody.create("{\"messages\":[{\"role\":\"user\",\"content\":\"" + "q".repeat(this.bodyChars)
					+ "\"}],\"model\":\"gpt-4o\"}", MediaType.get("application/json")))
			.build();
		OkHttpContext okHttp = new OkHttpContext((r) -> "none", List.of(), List.of(), List.of(), true, request);
		okHttp.setName("okhttp.requests");
		if (!stream) {
			okHttp.setParentObservation(this.calls.get(0));
		}
		okHttp.setResponse(new Response.Builder().request(request)
			.protocol(Protocol.HTTP_1_1)
			.code(200)
			.message("OK")
			.header("x-ratelimit-limit-requests", "500")
			.header("x-ratelimit-remaining-requests", "499")
			.header("x-ratelimit-reset-requests", "120ms")
			.header("x-ratelimit-limit-tokens", "30000")
			.header("x-ratelimit-remaining-tokens", "29000")
			.header("x-ratelimit-reset-tokens", "2s")
			.build());
		// What Observation.stop() adds before the handlers run; the default handler reads
		// them.
		okHttp.addLowCardinalityKeyValues(CONVENTION.getLowCardinalityKeyValues(okHttp));
		this.context = okHttp;
	}

	/**
	 * A RestClient attempt's context as Spring's {@code DefaultRestClient} leaves it at
	 * the stop: the request, the response (a 200 with OpenAI-style rate-limit headers,
	 * read as any provider's) and the model call above it.
	 */
	private static Observation.Context restClientAttempt(Observation modelCall) {
		try {
			ClientHttpRequest request = new JdkClientHttpRequestFactory()
				.createRequest(URI.create("http://localhost:11434/api/chat"), HttpMethod.POST);
			ClientRequestObservationContext context = new ClientRequestObservationContext(request);
			context.setName("http.client.requests");
			context.setUriTemplate("/api/chat");
			context.setParentObservation(modelCall);
			HttpHeaders headers = new HttpHeaders();
			headers.add("x-ratelimit-limit-requests", "500");
			headers.add("x-ratelimit-remaining-requests", "499");
			headers.add("x-ratelimit-reset-requests", "120ms");
			context.setResponse(new StaticResponse(headers));
			context.addLowCardinalityKeyValues(REST_CLIENT_CONVENTION.getLowCardinalityKeyValues(context));
			return context;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Observation chatCall(ObservationRegistry registry, String model, boolean stream) {
		ChatModelObservationContext context = ChatModelObservationContext.builder()
			.prompt(new Prompt("hi", ChatOptions.builder().model(model).build()))
			.provider("openai")
			.streaming(stream)
			.build();
		return Observation.createNotStarted("gen_ai.client.operation", () -> context, registry).start();
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		// Each set-up must have recorded what it stands for, or this measured nothing.
		String meter = "STARTER".equals(this.handler) ? "ai.api.attempts"
				: "REST_CLIENT".equals(this.attempt) ? "http.client.requests" : "okhttp.requests";
		if (this.meters.find(meter).counters().stream().noneMatch((counter) -> counter.count() > 0)
				&& this.meters.find(meter).timers().stream().noneMatch((timer) -> timer.count() > 0)) {
			throw new IllegalStateException("nothing recorded in " + meter);
		}
		this.calls.forEach(Observation::stop);
		this.meters.close();
	}

	@Benchmark
	public Observation.Context startAndStop() {
		this.observationHandler.onStart(this.context);
		this.observationHandler.onStop(this.context);
		return this.context;
	}

	/**
	 * A finished response whose status and headers are read at the observation's stop.
	 */
	private static final class StaticResponse implements ClientHttpResponse {

		private final HttpHeaders headers;

		StaticResponse(HttpHeaders headers) {
			this.headers = headers;
		}

		@Override
		public HttpStatusCode getStatusCode() {
			return HttpStatus.OK;
		}

		@Override
		public String getStatusText() {
			return "OK";
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

		@Override
		public InputStream getBody() {
			return InputStream.nullInputStream();
		}

		@Override
		public void close() {
		}

	}

}

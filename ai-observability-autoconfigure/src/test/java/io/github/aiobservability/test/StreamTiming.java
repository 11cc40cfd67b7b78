package io.github.aiobservability.test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Streams made the three ways an application makes them (a direct
 * {@code ChatModel.stream}, a ChatClient with the starter's advisor, a ChatClient without
 * it), and what their time to first token and time per output token must be against a
 * fake's {@code timed-stream}: a chunk or event without content at once, the first
 * content {@value FakeProviderServer#TIMED_FIRST_CONTENT_MILLIS} ms later, then content
 * every {@value FakeProviderServer#TIMED_CHUNK_MILLIS} ms.
 */
public final class StreamTiming {

	private final ChatModel chatModel;

	private final ChatClient.Builder chatClientBuilder;

	private final ObservationRegistry observationRegistry;

	private final MeterRegistry meterRegistry;

	private final Function<String, ChatOptions.Builder<?>> options;

	/** One warmed-up instance per application context, as Spring caches test contexts. */
	private static final Map<ApplicationContext, StreamTiming> instances = new ConcurrentHashMap<>();

	/**
	 * The streams of an application, warmed up the first time they are asked for.
	 * @param context the application
	 * @param options the provider's options builder naming a model
	 * @return the streams
	 */
	public static StreamTiming of(ApplicationContext context, Function<String, ChatOptions.Builder<?>> options) {
		return instances
			.computeIfAbsent(context,
					(app) -> new StreamTiming(app.getBean(ChatModel.class), app.getBean(ChatClient.Builder.class),
							app.getBean(ObservationRegistry.class), app.getBean(MeterRegistry.class), options)
						.warmedUp());
	}

	/**
	 * Creates the streams of one application.
	 * @param chatModel its chat model
	 * @param chatClientBuilder its auto-configured ChatClient builder, with the advisor
	 * @param observationRegistry its observation registry
	 * @param meterRegistry its meter registry
	 * @param options the provider's options builder naming a model
	 */
	public StreamTiming(ChatModel chatModel, ChatClient.Builder chatClientBuilder,
			ObservationRegistry observationRegistry, MeterRegistry meterRegistry,
			Function<String, ChatOptions.Builder<?>> options) {
		this.chatModel = chatModel;
		this.chatClientBuilder = chatClientBuilder;
		this.observationRegistry = observationRegistry;
		this.meterRegistry = meterRegistry;
		this.options = options;
	}

	/**
	 * Streams once each way, untimed, so that the timed streams measure the provider's
	 * delays rather than the first use of the client's classes.
	 * @return this
	 */
	public StreamTiming warmedUp() {
		direct("warm-up", "hi");
		withAdvisor("warm-up", "hi");
		withoutAdvisor("warm-up", "hi");
		return this;
	}

	/**
	 * Streams with {@code ChatModel.stream}, to its end.
	 * @param model the model to name
	 * @param instruction the fake's instruction
	 * @return the chunks
	 */
	public List<ChatResponse> direct(String model, String instruction) {
		return this.chatModel.stream(new Prompt(instruction, this.options.apply(model).build())).collectList().block();
	}

	/**
	 * Streams through the auto-configured ChatClient, which has the starter's advisor.
	 * @param model the model to name
	 * @param instruction the fake's instruction
	 * @return the text
	 */
	public String withAdvisor(String model, String instruction) {
		return content(this.chatClientBuilder.build(), model, instruction);
	}

	/**
	 * Streams through a ChatClient without the starter's advisor, as with
	 * {@code ai.observability.time-to-first-token-enabled=false}.
	 * @param model the model to name
	 * @param instruction the fake's instruction
	 * @return the text
	 */
	public String withoutAdvisor(String model, String instruction) {
		return content(ChatClient.builder(this.chatModel, this.observationRegistry, null, null).build(), model,
				instruction);
	}

	/**
	 * Starts a direct stream and cancels it before the fake's first content.
	 * @param model the model to name
	 * @param instruction the fake's instruction
	 */
	public void cancelledBeforeContent(String model, String instruction) {
		// On a thread of its own: some clients (Gemini's) read a stream on the
		// subscriber's.
		Disposable stream = this.chatModel.stream(new Prompt(instruction, this.options.apply(model).build()))
			.subscribeOn(Schedulers.boundedElastic())
			.subscribe();
		// Cancelled once its round-trip is in flight, long before the fake's first
		// content:
		// a fixed pause could cancel it before it started on a loaded machine.
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> Search.in(this.meterRegistry)
				.name("ai.api.requests.in.flight")
				.tag("model", model)
				.gauges()
				.stream()
				.anyMatch((gauge) -> gauge.value() > 0));
		sleep(FakeProviderServer.TIMED_FIRST_CONTENT_MILLIS / 8);
		stream.dispose();
	}

	/**
	 * Waits for a {@code timed-stream} of a model to be recorded, then requires exactly
	 * one time to first token in the bucket of the fake's delay (250 ms to 500 ms, not
	 * the chunk without content at once) and one time per output token in the bucket of
	 * its pace (10 ms to 25 ms).
	 * @param model the model the stream named
	 */
	public void assertTimedStream(String model) {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Timer timeToFirstToken = timer("ai.api.time.to.first.token", model);
			assertThat(timeToFirstToken.count()).as("times to first token of %s", model).isOne();
			assertThat(bucket(timeToFirstToken, 0.25)).as("%s: first token within 250 ms", model).isZero();
			assertThat(bucket(timeToFirstToken, 0.5)).as("%s: first token within 500 ms", model).isOne();
			Timer timePerToken = timer("ai.api.time.per.output.token", model);
			assertThat(timePerToken.count()).as("times per output token of %s", model).isOne();
			assertThat(bucket(timePerToken, 0.01)).as("%s: a token within 10 ms", model).isZero();
			assertThat(bucket(timePerToken, 0.025))
				.as("%s: a token within 25 ms (%s ms)", model, timePerToken.totalTime(TimeUnit.MILLISECONDS))
				.isOne();
		});
	}

	/**
	 * Requires exactly one time to first token of a model, in the bucket of the fake's
	 * delay.
	 * @param model the model the stream named
	 */
	public void assertFirstContentAfterTheDelay(String model) {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Timer timeToFirstToken = timer("ai.api.time.to.first.token", model);
			assertThat(timeToFirstToken.count()).as("times to first token of %s", model).isOne();
			assertThat(bucket(timeToFirstToken, 0.25)).isZero();
			assertThat(bucket(timeToFirstToken, 0.5)).isOne();
		});
	}

	/**
	 * Waits for a stream of a model to be recorded with an outcome, and requires that it
	 * has no time to first token.
	 * @param model the model the stream named
	 * @param status the {@code status} label it must be recorded with
	 */
	public void assertNoFirstToken(String model, String status) {
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(count("ai.api.requests", model, status))
				.as("%s streams of %s, among %s", status, model, outcomes(model))
				.isOne());
		assertThat(Search.in(this.meterRegistry).name("ai.api.time.to.first.token").tag("model", model).timers())
			.allSatisfy((timer) -> assertThat(timer.count()).isZero());
		assertThat(Search.in(this.meterRegistry).name("ai.api.requests.in.flight").tag("model", model).gauges())
			.allSatisfy((gauge) -> assertThat(gauge.value()).isZero());
	}

	/**
	 * Waits for a number of cancelled streams of a model to be recorded, and requires
	 * that none of its streams was recorded otherwise and none is in flight.
	 * @param model the model the streams named
	 * @param cancelled how many were cancelled
	 */
	public void assertOnlyCancelled(String model, int cancelled) {
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(count("ai.api.requests", model, "cancelled"))
				.as("cancelled streams of %s, among %s", model, outcomes(model))
				.isEqualTo(cancelled));
		assertThat(count("ai.api.requests", model)).as("streams of %s, among %s", model, outcomes(model))
			.isEqualTo(cancelled);
		assertThat(Search.in(this.meterRegistry).name("ai.api.requests.in.flight").tag("model", model).gauges())
			.allSatisfy((gauge) -> assertThat(gauge.value()).isZero());
	}

	/**
	 * Waits for a cancelled stream of a model to be recorded, out of flight, and requires
	 * its one time to first token in the bucket of the fake's delay.
	 * @param model the model the stream named
	 */
	public void assertCancelledAfterItsFirstContent(String model) {
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(count("ai.api.requests", model, "cancelled")).isOne());
		assertThat(Search.in(this.meterRegistry).name("ai.api.requests.in.flight").tag("model", model).gauges())
			.allSatisfy((gauge) -> assertThat(gauge.value()).isZero());
		assertFirstContentAfterTheDelay(model);
	}

	/**
	 * The sum of the counters of a metric for a model.
	 * @param name the meter's name
	 * @param model the model label
	 * @return the sum
	 */
	public double count(String name, String model) {
		return sum(this.meterRegistry, name, "model", model);
	}

	/** What was recorded of a model's calls, for a failure's message. */
	private List<String> outcomes(String model) {
		return Search.in(this.meterRegistry)
			.name("ai.api.requests")
			.tag("model", model)
			.counters()
			.stream()
			.map((counter) -> counter.getId().getTag("status") + "/" + counter.getId().getTag("error_type") + "="
					+ counter.count())
			.toList();
	}

	private double count(String name, String model, String status) {
		return sum(this.meterRegistry, name, "model", model, "status", status);
	}

	/**
	 * The sum of the counters of a metric with some labels.
	 * @param registry where the counters are
	 * @param name the meter's name
	 * @param tags pairs of label name and value
	 * @return the sum
	 */
	public static double sum(MeterRegistry registry, String name, String... tags) {
		return Search.in(registry).name(name).tags(tags).counters().stream().mapToDouble((c) -> c.count()).sum();
	}

	private Timer timer(String name, String model) {
		return this.meterRegistry.get(name).tag("model", model).timer();
	}

	private static double bucket(Timer timer, double seconds) {
		for (CountAtBucket bucket : timer.takeSnapshot().histogramCounts()) {
			if (Math.abs(bucket.bucket(TimeUnit.SECONDS) - seconds) < 1e-9) {
				return bucket.count();
			}
		}
		throw new AssertionError("no bucket at " + seconds + " s in " + timer.getId());
	}

	private String content(ChatClient chatClient, String model, String instruction) {
		return String.join("",
				chatClient.prompt()
					.user(instruction)
					.options(this.options.apply(model))
					.stream()
					.content()
					.collectList()
					.block());
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

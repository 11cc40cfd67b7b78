package io.github.aiobservability.chat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.anthropic.errors.AnthropicIoException;
import io.github.aiobservability.metrics.CallOutcome;
import io.github.aiobservability.metrics.ErrorClassifier;
import io.github.aiobservability.test.ProviderUsages;
import io.github.aiobservability.test.StarterFixture.Handlers;
import io.github.aiobservability.test.StarterFixture;
import io.github.aiobservability.wire.WireStreams;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.retry.NonTransientAiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Unit tests for {@link ChatModelMetricsObservationHandler}: a real observation over
 * Spring AI's {@link ChatModelObservationContext}, handled as the auto-configuration
 * wires the handler, and the meters it leaves in a {@link SimpleMeterRegistry}.
 */
class ChatModelMetricsObservationHandlerTests {

	private final MockClock clock = new MockClock();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry(SimpleConfig.DEFAULT, this.clock);

	/** The tenant the request tag contributor reports, {@code null} for none. */
	private @Nullable String tenant;

	private final ObservationRegistry observations = StarterFixture
		.handlers(this.meters, List.of("tenant"),
				(request) -> (this.tenant != null) ? Map.of("tenant", this.tenant) : Map.of(), 100)
		.registerOn(ObservationRegistry.create());

	@Test
	void countsASuccessfulCallWithItsDurationTokensAndCost() {
		ChatModelObservationContext context = context("gpt-4o", false);
		Observation observation = observation(context).start();
		this.clock.add(Duration.ofMillis(1500));
		context.setResponse(response("gpt-4o-2024-08-06", ProviderUsages.openAi(1000, 500, 200, 120)));
		observation.stop();

		assertThat(count("ai.api.requests", "status", "success", "error_type", "none")).isEqualTo(1);
		assertThat(count("ai.api.requests", "status", "error", "error_type", "rate_limited")).isZero();
		Timer duration = this.meters.get("ai.api.request.duration")
			.tags(chat("gpt-4o"))
			.tag("status", "success")
			.timer();
		assertThat(duration.count()).isEqualTo(1);
		assertThat(duration.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(1500);
		assertThat(count("ai.token.usage.input")).isEqualTo(1000);
		assertThat(count("ai.token.usage.output")).isEqualTo(500);
		assertThat(count("ai.token.usage.cache.read")).isEqualTo(200);
		assertThat(count("ai.token.usage.cache.write")).isZero();
		assertThat(count("ai.token.usage.reasoning")).isEqualTo(120);
		assertThat(this.meters.find("ai.token.usage.estimated").meters()).isEmpty();
		// The catalogue's gpt-4o: 2.5 USD per million uncached input tokens, 1.25 cached,
		// 10 output (reasoning included), at its reference rate of 7.12 CNY per USD.
		assertThat(count("ai.api.cost", "currency", "CNY"))
			.isCloseTo((800 * 2.5 + 200 * 1.25 + 500 * 10.0) / 1e6 * 7.12, within(1e-12));
		assertThat(this.meters.find("ai.api.unpriced.requests").meters()).isEmpty();
	}

	@Test
	void labelsACallWithTheRequestedModelItsProviderEndpointAndStaticTagsAndRegistersEveryOutcome() {
		ChatModelObservationContext context = context("gpt-4o", false);
		Observation observation = observation(context).start();
		context.setResponse(response("gpt-4o-2024-08-06", new DefaultUsage(10, 5, 15)));
		observation.stop();

		assertThat(this.meters.get("ai.api.requests")
			.tags("model", "gpt-4o", "provider", "openai", "endpoint", "chat", "tenant", "none", "application",
					"fixture")
			.counters()).hasSize(CallOutcome.values().length);
		assertThat(this.meters.find("ai.api.requests").tag("model", "gpt-4o-2024-08-06").meters()).isEmpty();
	}

	@Test
	void countsAFailedCallByTheClassifiedErrorWithoutTokensOrCost() {
		ChatModelObservationContext context = context("gpt-4o", false);
		Observation observation = observation(context).start();
		this.clock.add(Duration.ofMillis(200));
		observation.error(new NonTransientAiException("HTTP 401 - Incorrect API key provided"));
		observation.stop();

		assertThat(count("ai.api.requests", "status", "error", "error_type", "unauthorized")).isEqualTo(1);
		assertThat(count("ai.api.requests", "status", "success", "error_type", "none")).isZero();
		Timer duration = this.meters.get("ai.api.request.duration").tags(chat("gpt-4o")).tag("status", "error").timer();
		assertThat(duration.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(200);
		assertThat(count("ai.token.usage.input")).isZero();
		assertThat(count("ai.token.usage.output")).isZero();
		assertThat(count("ai.api.cost", "currency", "CNY")).isZero();
	}

	@Test
	void estimatesTheTokensOfACallWhoseProviderReportedNoUsage() {
		ChatModelObservationContext context = context("gpt-4o", false);
		Observation observation = observation(context).start();
		context.setResponse(response("gpt-4o", null));
		observation.stop();

		double input = count("ai.token.usage.input");
		double output = count("ai.token.usage.output");
		assertThat(input).isPositive();
		assertThat(output).isPositive();
		assertThat(count("ai.token.usage.estimated", "direction", "input")).isEqualTo(input);
		assertThat(count("ai.token.usage.estimated", "direction", "output")).isEqualTo(output);
		assertThat(count("ai.api.cost", "currency", "CNY")).isPositive();
	}

	@Test
	void countsACallOfAModelWithNoPriceAsUnpriced() {
		ChatModelObservationContext context = context("in-house-model", false);
		Observation observation = observation(context).start();
		context.setResponse(response("in-house-model", new DefaultUsage(100, 50, 150)));
		observation.stop();

		assertThat(this.meters.get("ai.api.unpriced.requests")
			.tags("model", "in-house-model", "provider", "openai", "application", "fixture")
			.counter()
			.count()).isEqualTo(1);
		assertThat(this.meters.get("ai.api.cost").tags(chat("in-house-model")).counter().count()).isZero();
		assertThat(this.meters.get("ai.token.usage.input").tags(chat("in-house-model")).counter().count())
			.isEqualTo(100);
	}

	@Test
	void countsACallInFlightFromItsStartToItsStop() {
		ChatModelObservationContext context = context("gpt-4o", false);
		Observation observation = observation(context).start();

		assertThat(inFlight("gpt-4o", "chat")).isEqualTo(1);

		context.setResponse(response("gpt-4o", new DefaultUsage(10, 5, 15)));
		observation.stop();

		assertThat(inFlight("gpt-4o", "chat")).isZero();
	}

	@Test
	void takesTheCallOutOfFlightWhenItFails() {
		Observation observation = observation(context("gpt-4o", false)).start();
		observation.error(new NonTransientAiException("HTTP 500 - Internal error"));
		observation.stop();

		assertThat(inFlight("gpt-4o", "chat")).isZero();
		assertThat(count("ai.api.requests", "status", "error", "error_type", "server_error")).isEqualTo(1);
	}

	@Test
	void tagsTheCallWithTheValuesOfTheRequestTagContributor() {
		this.tenant = "acme";
		ChatModelObservationContext context = context("gpt-4o", false);
		Observation observation = observation(context).start();
		context.setResponse(response("gpt-4o", new DefaultUsage(10, 5, 15)));
		observation.stop();

		assertThat(count("ai.api.requests", "tenant", "acme", "status", "success")).isEqualTo(1);
		assertThat(count("ai.token.usage.input", "tenant", "acme")).isEqualTo(10);
		assertThat(count("ai.api.cost", "tenant", "acme")).isPositive();
		assertThat(this.meters.find("ai.api.requests").tag("tenant", "none").meters()).isEmpty();
		// The in-flight gauge starts before the tags are known: it carries none.
		assertThat(this.meters.get("ai.api.requests.in.flight").gauge().getId().getTag("tenant")).isNull();
	}

	@Test
	void labelsEverySeriesOfACallWhoseRequestNamesNoModelUnknownAndPricesItByTheRespondedModel() {
		ChatModelObservationContext context = ChatModelObservationContext.builder()
			.prompt(new Prompt("What does prompt caching save?"))
			.provider("openai")
			.build();
		Observation observation = observation(context).start();
		assertThat(inFlight("unknown", "chat")).isEqualTo(1);
		context.setResponse(response("gpt-4o-mini", new DefaultUsage(10, 5, 15)));
		observation.stop();

		// One label for the whole round-trip, as in flight: decided when it started.
		assertThat(inFlight("unknown", "chat")).isZero();
		assertThat(this.meters.get("ai.api.requests")
			.tags(chat("unknown"))
			.tags("status", "success", "error_type", "none")
			.counter()
			.count()).isEqualTo(1);
		assertThat(this.meters.find("ai.api.requests").tag("model", "gpt-4o-mini").meters()).isEmpty();
		// The catalogue's gpt-4o-mini: 0.15 USD per million input tokens, 0.6 output.
		assertThat(this.meters.get("ai.api.cost").tags(chat("unknown")).counter().count())
			.isCloseTo((10 * 0.15 + 5 * 0.6) / 1e6 * 7.12, within(1e-15));
		assertThat(this.meters.find("ai.api.unpriced.requests").meters()).isEmpty();
	}

	@Test
	void countsAStreamThatStoppedBeforeItsResponseAsCancelledWithItsPromptEstimated() {
		Observation observation = observation(context("gpt-4o", true)).start();
		observation.stop();

		String[] stream = { "model", "gpt-4o", "provider", "openai", "endpoint", "chat_stream" };
		assertThat(this.meters.get("ai.api.requests")
			.tags(stream)
			.tags("status", "cancelled", "error_type", "cancelled")
			.counter()
			.count()).isEqualTo(1);
		double input = this.meters.get("ai.token.usage.input").tags(stream).counter().count();
		assertThat(input).isPositive();
		assertThat(this.meters.get("ai.token.usage.estimated").tags(stream).tag("direction", "input").counter().count())
			.isEqualTo(input);
		assertThat(this.meters.get("ai.token.usage.output").tags(stream).counter().count()).isZero();
		assertThat(inFlight("gpt-4o", "chat_stream")).isZero();
	}

	@Test
	void countsAStreamThatFailedReadingWhatItsConsumerClosedAsCancelled() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		Observation observation = streamWithWire(meters, abandonedWire());
		// What Anthropic's SDK throws reading the stream a cancel closed.
		observation.error(new AnthropicIoException("Stream failed", new IOException("Stream closed")));
		observation.stop();

		assertThat(
				meters.get("ai.api.requests").tags("status", "cancelled", "error_type", "cancelled").counter().count())
			.isEqualTo(1);
		assertThat(meters.get("ai.api.requests").tags("status", "error").counters())
			.allSatisfy((counter) -> assertThat(counter.count()).isZero());
	}

	@Test
	void countsAnAbandonedStreamThatTheProviderFailedByItsStatus() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		Observation observation = streamWithWire(meters, abandonedWire());
		observation.error(new NonTransientAiException("HTTP 500 - Internal Server Error"));
		observation.stop();

		assertThat(
				meters.get("ai.api.requests").tags("status", "error", "error_type", "server_error").counter().count())
			.isEqualTo(1);
	}

	@Test
	void countsAStreamThatFailedOnTheNetworkAsANetworkError() {
		Observation observation = observation(context("gpt-4o", true)).start();
		observation.error(new AnthropicIoException("Stream failed", new IOException("Connection reset")));
		observation.stop();

		assertThat(this.meters.get("ai.api.requests")
			.tags("endpoint", "chat_stream", "status", "error", "error_type", "network")
			.counter()
			.count()).isEqualTo(1);
	}

	/**
	 * The wire of a stream its consumer cancelled: closed by another thread than its
	 * reader, before its end ({@code EventStreamTeeTests} closes a real one).
	 */
	private static WireStreams abandonedWire() {
		return new WireStreams() {

			@Override
			public boolean abandonedOnThisThread() {
				return true;
			}

		};
	}

	/** A started {@code gpt-4o} stream, handled with the given wire. */
	private static Observation streamWithWire(SimpleMeterRegistry meters, WireStreams wire) {
		Handlers handlers = StarterFixture.handlers(meters, List.of(), (request) -> Map.of(), 100);
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig()
			.observationHandler(new ChatModelMetricsObservationHandler(handlers.recorder(),
					StarterFixture.usageReader(), new ErrorClassifier(), wire));
		return Observation
			.createNotStarted(new DefaultChatModelObservationConvention(), () -> context("gpt-4o", true), registry)
			.start();
	}

	private Observation observation(ChatModelObservationContext context) {
		return Observation.createNotStarted(new DefaultChatModelObservationConvention(), () -> context,
				this.observations);
	}

	private static ChatModelObservationContext context(String model, boolean streaming) {
		return ChatModelObservationContext.builder()
			.prompt(new Prompt("What does prompt caching save?", ChatOptions.builder().model(model).build()))
			.provider("openai")
			.streaming(streaming)
			.build();
	}

	private static ChatResponse response(String model, @Nullable Usage usage) {
		ChatResponseMetadata.Builder metadata = ChatResponseMetadata.builder().model(model);
		if (usage != null) {
			metadata.usage(usage);
		}
		return new ChatResponse(
				List.of(new Generation(new AssistantMessage("It saves the cost of reading a long prefix again."))),
				metadata.build());
	}

	private static String[] chat(String model) {
		return new String[] { "model", model, "provider", "openai", "endpoint", "chat" };
	}

	/**
	 * The count of a counter of the {@code gpt-4o} chat label set.
	 */
	private double count(String name, String... tags) {
		return this.meters.get(name).tags(chat("gpt-4o")).tags(tags).counter().count();
	}

	private double inFlight(String model, String endpoint) {
		return this.meters.get("ai.api.requests.in.flight")
			.tags("model", model, "provider", "openai", "endpoint", endpoint)
			.gauge()
			.value();
	}

}

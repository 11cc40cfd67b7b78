package io.github.aiobservability.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.aiobservability.autoconfigure.AiObservabilityAutoConfiguration;
import io.github.aiobservability.cost.CostCalculator;
import io.github.aiobservability.cost.ExchangeRates;
import io.github.aiobservability.cost.PriceCatalogue;
import io.github.aiobservability.cost.PriceResolver;
import io.github.aiobservability.metrics.CallOutcome;
import io.github.aiobservability.metrics.Endpoint;
import io.github.aiobservability.metrics.ModelMetrics;
import io.github.aiobservability.metrics.TokenUsage;
import io.github.aiobservability.test.LogText;
import io.github.aiobservability.test.StarterFixture;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The recorder's contract, on a {@link SimpleMeterRegistry}: what {@code start},
 * {@code stop} and {@code record} leave in the meters, whoever calls them.
 */
@ExtendWith(OutputCaptureExtension.class)
class ModelCallRecorderTests {

	/** The catalogue's reference rate, CNY per USD. */
	private static final double USD = 7.12;

	private final MockClock clock = new MockClock();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry(SimpleConfig.DEFAULT, this.clock);

	private final ModelMetrics metrics = new ModelMetrics(this.meters, Tags.empty(), List.of("tenant"),
			StarterFixture.BUCKETS, 1000, AiObservabilityAutoConfiguration.MAX_LABEL_SETS, List.of());

	private final List<String> events = new ArrayList<>();

	private final List<Object> costs = new ArrayList<>();

	private final RoundTripListener listener = new RoundTripListener() {

		@Override
		public void started(RoundTrip roundTrip) {
			ModelCallRecorderTests.this.events.add("started " + roundTrip.model());
		}

		@Override
		public void stopped(RoundTrip roundTrip) {
			ModelCallRecorderTests.this.events.add("stopped " + roundTrip.model());
		}

	};

	private final ModelCallRecorder recorder = recorder(
			new CostRecorder(calculator(), this.metrics, AiObservabilityAutoConfiguration.PRICES,
					() -> List.of((tags, cost) -> this.costs.addAll(List.of(tags, cost)))));

	@Test
	void startsARoundTripWithItsLabelsDecidedOnceAndCountsItInFlight() {
		RoundTrip roundTrip = this.recorder.start(context("gpt-4o"), Endpoint.CHAT, "gpt-4o", null);

		assertThat(roundTrip.model()).isEqualTo("gpt-4o");
		assertThat(roundTrip.provider()).isEqualTo("openai");
		assertThat(roundTrip.requestTagValues()).containsExactly("acme");
		assertThat(inFlight("gpt-4o")).isEqualTo(1);
		assertThat(this.events).containsExactly("started gpt-4o");
		// The label set has its cost series from the round-trip's start, at zero.
		assertThat(this.meters.get("ai.api.cost").tag("tenant", "acme").counter().count()).isZero();
	}

	@Test
	void stopsARoundTripOutOfFlight() {
		RoundTrip roundTrip = this.recorder.start(context("gpt-4o"), Endpoint.CHAT, "gpt-4o", null);

		this.recorder.stop(roundTrip);

		assertThat(inFlight("gpt-4o")).isZero();
		assertThat(this.events).containsExactly("started gpt-4o", "stopped gpt-4o");
	}

	@Test
	void stopsARoundTripOnce() {
		RoundTrip roundTrip = this.recorder.start(context("gpt-4o"), Endpoint.CHAT_STREAM, "gpt-4o", null);

		assertThat(this.recorder.stop(roundTrip)).isTrue();
		assertThat(this.recorder.stop(roundTrip)).isFalse();

		assertThat(inFlight("gpt-4o")).isZero();
		assertThat(roundTrip.isStopped()).isTrue();
		assertThat(this.events).containsExactly("started gpt-4o", "stopped gpt-4o");
	}

	@Test
	void failsARoundTripWhoseObservationWillNeverStopOnceWhateverStopsItLater() {
		ChatModelObservationContext context = context("gpt-4o");
		RoundTrip roundTrip = this.recorder.start(context, Endpoint.CHAT_STREAM, "gpt-4o", null);

		assertThat(this.recorder.failUnobserved(roundTrip, CallOutcome.RATE_LIMITED)).isTrue();
		assertThat(this.recorder.failUnobserved(roundTrip, CallOutcome.SERVER_ERROR)).isFalse();
		assertThat(this.recorder.stop(roundTrip, context)).isFalse();

		assertThat(inFlight("gpt-4o")).isZero();
		assertThat(this.meters.get("ai.api.requests").tag("error_type", "rate_limited").counter().count()).isEqualTo(1);
		assertThat(this.meters.find("ai.api.requests").tag("error_type", "server_error").counter().count()).isZero();
	}

	@Test
	void tellsTheResponseListenersOfAStoppedResponseAndRecordsWhenOneFails(CapturedOutput output) {
		List<String> responses = new ArrayList<>();
		ModelCallRecorder recorder = new ModelCallRecorder(labeler(), this.metrics, this.clock, null, List.of(),
				List.of((roundTrip, context) -> {
					throw new IllegalStateException("broken listener");
				}, (roundTrip, context) -> responses.add(roundTrip.model() + " " + context.getResponse())));
		ChatModelObservationContext answered = context("gpt-4o");
		answered.setResponse(new ChatResponse(List.of()));
		ChatModelObservationContext failed = context("gpt-4o-mini");

		assertThat(recorder.stop(recorder.start(answered, Endpoint.CHAT, "gpt-4o", null), answered)).isTrue();
		assertThat(recorder.stop(recorder.start(failed, Endpoint.CHAT, "gpt-4o-mini", null), failed)).isTrue();

		assertThat(responses).singleElement().asString().startsWith("gpt-4o ChatResponse");
		assertThat(LogText.count(output.getAll(), "broken listener")).isEqualTo(1);
	}

	@Test
	void recordsTheOutcomeWithTheDurationFromStartToStopHoweverLateItIsRecorded() {
		RoundTrip roundTrip = this.recorder.start(context("gpt-4o"), Endpoint.CHAT, "gpt-4o", null);
		this.clock.add(Duration.ofMillis(700));
		this.recorder.stop(roundTrip);
		this.clock.add(Duration.ofSeconds(5));

		this.recorder.record(roundTrip, CallOutcome.RATE_LIMITED, TokenUsage.NONE, null, StreamTiming.NONE);

		assertThat(this.meters.get("ai.api.requests")
			.tags("model", "gpt-4o", "status", "error", "error_type", "rate_limited", "tenant", "acme")
			.counter()
			.count()).isEqualTo(1);
		Timer duration = this.meters.get("ai.api.request.duration").tag("status", "error").timer();
		assertThat(duration.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(700);
		assertThat(this.meters.get("ai.token.usage.input").counter().count()).isZero();
		assertThat(this.costs).isEmpty();
	}

	@Test
	void recordsTokensAndCostAndTellsTheCostListeners() {
		RoundTrip roundTrip = started("gpt-4o-mini", "gpt-4o-mini");

		this.recorder.record(roundTrip, CallOutcome.NONE, TokenUsage.of(1000, 100, false, false), null,
				StreamTiming.NONE);

		double expected = (1000 * 0.15 + 100 * 0.6) / 1e6 * USD;
		assertThat(this.meters.get("ai.token.usage.input").counter().count()).isEqualTo(1000);
		assertThat(this.meters.get("ai.token.usage.output").counter().count()).isEqualTo(100);
		assertThat(this.meters.get("ai.api.cost").counter().count()).isCloseTo(expected, within(1e-15));
		assertThat(this.costs).hasSize(2).first().isEqualTo(List.of("acme"));
		assertThat((double) this.costs.get(1)).isCloseTo(expected, within(1e-15));
	}

	@Test
	void labelsARoundTripWhoseRequestNamesNoModelUnknownAndPricesItByTheRespondedModel() {
		RoundTrip roundTrip = started(null, null);
		assertThat(roundTrip.model()).isEqualTo("unknown");

		this.recorder.record(roundTrip, CallOutcome.NONE, TokenUsage.of(1000, 0, false, false), "gpt-4o-mini",
				StreamTiming.NONE);

		assertThat(this.meters.get("ai.api.cost").tag("model", "unknown").counter().count())
			.isCloseTo(1000 * 0.15 / 1e6 * USD, within(1e-15));
		assertThat(this.meters.find("ai.api.requests").tag("model", "gpt-4o-mini").meters()).isEmpty();
	}

	@Test
	void pricesByTheRequestedModelOverTheRespondedOne() {
		RoundTrip roundTrip = started("gpt-4o-mini", "gpt-4o-mini");

		this.recorder.record(roundTrip, CallOutcome.NONE, TokenUsage.of(1000, 0, false, false), "o3-pro",
				StreamTiming.NONE);

		assertThat(this.meters.get("ai.api.cost").counter().count()).isCloseTo(1000 * 0.15 / 1e6 * USD, within(1e-15));
	}

	@Test
	void countsAModelWithoutAPriceAsUnpricedAndWarnsOnce(CapturedOutput output) {
		for (int i = 0; i < 3; i++) {
			this.recorder.record(started("in-house-model", "in-house-model"), CallOutcome.NONE,
					TokenUsage.of(10, 5, false, false), null, StreamTiming.NONE);
		}

		assertThat(this.meters.get("ai.api.unpriced.requests").tag("model", "in-house-model").counter().count())
			.isEqualTo(3);
		assertThat(this.meters.get("ai.api.cost").counter().count()).isZero();
		assertThat(this.costs).isEmpty();
		assertThat(LogText.count(output.getOut(), "Model 'in-house-model' (provider openai) has no price")).isOne();
	}

	@Test
	void keepsRecordingWhenACostListenerFails(CapturedOutput output) {
		ModelCallRecorder recorder = recorder(new CostRecorder(calculator(), this.metrics,
				AiObservabilityAutoConfiguration.PRICES, () -> List.of((tags, cost) -> {
					throw new IllegalStateException("store down");
				}, (tags, cost) -> this.costs.add(cost))));

		for (int i = 0; i < 2; i++) {
			RoundTrip roundTrip = recorder.start(context("gpt-4o-mini"), Endpoint.CHAT, "gpt-4o-mini", null);
			recorder.stop(roundTrip);
			recorder.record(roundTrip, CallOutcome.NONE, TokenUsage.of(1000, 0, false, false), null, StreamTiming.NONE);
		}

		assertThat(this.costs).hasSize(2);
		assertThat(this.meters.get("ai.api.cost").counter().count()).isPositive();
		assertThat(LogText.count(output.getOut(), "failed")).isOne();
	}

	@Test
	void recordsNoCostWithoutACostRecorder() {
		ModelCallRecorder recorder = recorder(null);
		RoundTrip roundTrip = recorder.start(context("gpt-4o-mini"), Endpoint.CHAT, "gpt-4o-mini", null);
		recorder.stop(roundTrip);

		recorder.record(roundTrip, CallOutcome.NONE, TokenUsage.of(1000, 100, false, false), null, StreamTiming.NONE);

		assertThat(this.meters.get("ai.token.usage.input").counter().count()).isEqualTo(1000);
		assertThat(this.meters.find("ai.api.cost").meters()).isEmpty();
		assertThat(this.meters.find("ai.api.unpriced.requests").meters()).isEmpty();
	}

	@Test
	void recordsTimeToFirstTokenFromTheStartOnlyWhenTheFirstContentCameAfterIt() {
		RoundTrip stream = this.recorder.start(context("gpt-4o"), Endpoint.CHAT_STREAM, "gpt-4o", null);
		this.clock.add(Duration.ofMillis(400));
		long firstContent = this.clock.monotonicTime();
		this.recorder.stop(stream);

		this.recorder.record(stream, CallOutcome.NONE, TokenUsage.of(10, 5, false, false), null,
				new StreamTiming(firstContent, firstContent, false));
		RoundTrip unknown = this.recorder.start(context("gpt-4o"), Endpoint.CHAT_STREAM, "gpt-4o", null);
		this.recorder.stop(unknown);
		this.recorder.record(unknown, CallOutcome.NONE, TokenUsage.of(10, 5, false, false), null, StreamTiming.NONE);

		Timer timeToFirstToken = this.meters.get("ai.api.time.to.first.token").timer();
		assertThat(timeToFirstToken.count()).isOne();
		assertThat(timeToFirstToken.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(400);
		assertThat(this.meters.find("ai.api.time.per.output.token").meters()).as("one content event").isEmpty();
	}

	@Test
	void recordsNoTimeToFirstTokenForContentThatArrivedAfterTheRoundTripStopped() {
		RoundTrip stream = this.recorder.start(context("gpt-4o"), Endpoint.CHAT_STREAM, "gpt-4o", null);
		this.clock.add(Duration.ofMillis(100));
		this.recorder.stop(stream);
		long afterTheStop = this.clock.monotonicTime() + 200_000_000L;

		this.recorder.record(stream, CallOutcome.CANCELLED, TokenUsage.of(10, 0, true, false), null,
				new StreamTiming(afterTheStop, afterTheStop, false));

		assertThat(this.meters.find("ai.api.time.to.first.token").meters()).isEmpty();
	}

	@Test
	void recordsTheTimePerOutputTokenDecodedBetweenTheFirstAndTheLastContent() {
		RoundTrip stream = this.recorder.start(context("gpt-4o"), Endpoint.CHAT_STREAM, "gpt-4o", null);
		long first = this.clock.monotonicTime() + 400_000_000L;
		this.clock.add(Duration.ofSeconds(1));
		this.recorder.stop(stream);
		// 21 output tokens, 20 of them after the first, 20 ms apart.
		this.recorder.record(stream, CallOutcome.NONE, TokenUsage.of(10, 21, false, false), null,
				new StreamTiming(first, first + 400_000_000L, false));
		// 41 output tokens, 20 of them reasoning that was not streamed: as above.
		this.recorder.record(stream, CallOutcome.NONE, new TokenUsage(10, 41, false, false, 0, 0, 20), null,
				new StreamTiming(first, first + 400_000_000L, false));
		// 41 output tokens, 20 of them reasoning that was streamed: 40 after the first.
		this.recorder.record(stream, CallOutcome.NONE, new TokenUsage(10, 41, false, false, 0, 0, 20), null,
				new StreamTiming(first, first + 400_000_000L, true));

		Timer perToken = this.meters.get("ai.api.time.per.output.token").tag("model", "gpt-4o").timer();
		assertThat(perToken.count()).isEqualTo(3);
		assertThat(perToken.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(20 + 20 + 10);
	}

	private RoundTrip started(@Nullable String requested, @Nullable String contextModel) {
		RoundTrip roundTrip = this.recorder.start(context(contextModel), Endpoint.CHAT, requested, null);
		this.recorder.stop(roundTrip);
		return roundTrip;
	}

	private ModelCallRecorder recorder(@Nullable CostRecorder costs) {
		return new ModelCallRecorder(labeler(), this.metrics, this.clock, costs, List.of(this.listener));
	}

	private static CallLabeler labeler() {
		return new CallLabeler(new ProviderResolver(List.of(), AiObservabilityAutoConfiguration.PROVIDERS, null, null),
				new RequestTagResolver(List.of("tenant"), 100, AiObservabilityAutoConfiguration.MAX_TAG_VALUES,
						List.of((request) -> Map.of("tenant", "acme"))),
				100, AiObservabilityAutoConfiguration.MAX_MODELS);
	}

	private static CostCalculator calculator() {
		PriceCatalogue catalogue = PriceCatalogue.load();
		return new CostCalculator(new PriceResolver(List.of(), catalogue.prices()),
				new ExchangeRates(java.util.Currency.getInstance("CNY"), Map.of(), catalogue.referenceRatesPerUsd()));
	}

	private static ChatModelObservationContext context(@Nullable String model) {
		return ChatModelObservationContext.builder()
			.prompt(new Prompt("What does prompt caching save?", ChatOptions.builder().model(model).build()))
			.provider("openai")
			.build();
	}

	private double inFlight(String model) {
		return this.meters.get("ai.api.requests.in.flight").tag("model", model).gauge().value();
	}

}

package io.github.aiobservability.embedding;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.aiobservability.test.StarterFixture;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.EmbeddingResponseMetadata;
import org.springframework.ai.embedding.observation.DefaultEmbeddingModelObservationConvention;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationContext;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpServerErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Unit tests for {@link EmbeddingModelMetricsObservationHandler}: a real observation over
 * Spring AI's {@link EmbeddingModelObservationContext}, handled as the auto-configuration
 * wires the handler, and the meters it leaves in a {@link SimpleMeterRegistry}.
 */
class EmbeddingModelMetricsObservationHandlerTests {

	private static final List<String> INSTRUCTIONS = List.of("a document about prompt caching", "a question");

	private final MockClock clock = new MockClock();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry(SimpleConfig.DEFAULT, this.clock);

	/** The tenant the request tag contributor reports, {@code null} for none. */
	private @Nullable String tenant;

	private final ObservationRegistry observations = StarterFixture
		.handlers(this.meters, List.of("tenant"),
				(request) -> (this.tenant != null) ? Map.of("tenant", this.tenant) : Map.of(), 100)
		.registerOn(ObservationRegistry.create());

	@Test
	void countsASuccessfulCallWithItsDurationInputTokensAndCost() {
		EmbeddingModelObservationContext context = context("text-embedding-3-small");
		Observation observation = observation(context).start();
		this.clock.add(Duration.ofMillis(300));
		context.setResponse(response("text-embedding-3-small", new DefaultUsage(1000, 0, 1000)));
		observation.stop();

		assertThat(count("ai.api.requests", "status", "success", "error_type", "none")).isEqualTo(1);
		Timer duration = this.meters.get("ai.api.request.duration")
			.tags(embedding("text-embedding-3-small"))
			.tag("status", "success")
			.timer();
		assertThat(duration.count()).isEqualTo(1);
		assertThat(duration.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(300);
		assertThat(count("ai.token.usage.input")).isEqualTo(1000);
		assertThat(this.meters.find("ai.token.usage.estimated").meters()).isEmpty();
		// The catalogue's text-embedding-3-small: 0.02 USD per million input tokens, at
		// its reference rate of 7.12 CNY per USD.
		assertThat(count("ai.api.cost", "currency", "CNY")).isCloseTo(1000 * 0.02 / 1e6 * 7.12, within(1e-15));
		assertThat(this.meters.find("ai.api.unpriced.requests").meters()).isEmpty();
	}

	@Test
	void registersNoOutputCacheOrReasoningSeriesForEmbeddings() {
		EmbeddingModelObservationContext context = context("text-embedding-3-small");
		Observation observation = observation(context).start();
		context.setResponse(response("text-embedding-3-small", new DefaultUsage(1000, 0, 1000)));
		observation.stop();

		assertThat(this.meters.find("ai.token.usage.input").tags(embedding("text-embedding-3-small")).counters())
			.hasSize(1);
		for (String name : List.of("ai.token.usage.output", "ai.token.usage.cache.read", "ai.token.usage.cache.write",
				"ai.token.usage.reasoning")) {
			assertThat(this.meters.find(name).meters()).as(name).isEmpty();
		}
		assertThat(this.meters.find("ai.api.requests").tag("endpoint", "chat").meters()).isEmpty();
	}

	@Test
	void countsAFailedCallByTheClassifiedErrorWithoutTokensOrCost() {
		EmbeddingModelObservationContext context = context("text-embedding-3-small");
		Observation observation = observation(context).start();
		this.clock.add(Duration.ofMillis(50));
		observation.error(new HttpServerErrorException(HttpStatus.SERVICE_UNAVAILABLE));
		observation.stop();

		assertThat(count("ai.api.requests", "status", "error", "error_type", "server_error")).isEqualTo(1);
		assertThat(count("ai.api.requests", "status", "success", "error_type", "none")).isZero();
		Timer duration = this.meters.get("ai.api.request.duration")
			.tags(embedding("text-embedding-3-small"))
			.tag("status", "error")
			.timer();
		assertThat(duration.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(50);
		assertThat(count("ai.token.usage.input")).isZero();
		assertThat(count("ai.api.cost", "currency", "CNY")).isZero();
	}

	@Test
	void estimatesTheInputTokensOfACallWhoseProviderReportedNoUsage() {
		EmbeddingModelObservationContext context = context("text-embedding-3-small");
		Observation observation = observation(context).start();
		context.setResponse(new EmbeddingResponse(List.of()));
		observation.stop();

		double input = count("ai.token.usage.input");
		assertThat(input).isPositive();
		assertThat(count("ai.token.usage.estimated", "direction", "input")).isEqualTo(input);
		assertThat(this.meters.find("ai.token.usage.estimated").tag("direction", "output").meters()).isEmpty();
		assertThat(count("ai.api.cost", "currency", "CNY")).isPositive();
	}

	@Test
	void countsACallOfAModelWithNoPriceAsUnpriced() {
		EmbeddingModelObservationContext context = context("in-house-embedder");
		Observation observation = observation(context).start();
		context.setResponse(response("in-house-embedder", new DefaultUsage(100, 0, 100)));
		observation.stop();

		assertThat(this.meters.get("ai.api.unpriced.requests")
			.tags("model", "in-house-embedder", "provider", "openai", "application", "fixture")
			.counter()
			.count()).isEqualTo(1);
		assertThat(this.meters.get("ai.api.cost").tags(embedding("in-house-embedder")).counter().count()).isZero();
		assertThat(this.meters.get("ai.token.usage.input").tags(embedding("in-house-embedder")).counter().count())
			.isEqualTo(100);
	}

	@Test
	void countsACallInFlightFromItsStartToItsStop() {
		EmbeddingModelObservationContext context = context("text-embedding-3-small");
		Observation observation = observation(context).start();

		assertThat(inFlight()).isEqualTo(1);

		context.setResponse(response("text-embedding-3-small", new DefaultUsage(1000, 0, 1000)));
		observation.stop();

		assertThat(inFlight()).isZero();
	}

	@Test
	void tagsTheCallWithTheValuesOfTheRequestTagContributor() {
		this.tenant = "acme";
		EmbeddingModelObservationContext context = context("text-embedding-3-small");
		Observation observation = observation(context).start();
		context.setResponse(response("text-embedding-3-small", new DefaultUsage(1000, 0, 1000)));
		observation.stop();

		assertThat(count("ai.api.requests", "tenant", "acme", "status", "success")).isEqualTo(1);
		assertThat(count("ai.token.usage.input", "tenant", "acme")).isEqualTo(1000);
		assertThat(this.meters.find("ai.api.requests").tag("tenant", "none").meters()).isEmpty();
	}

	private Observation observation(EmbeddingModelObservationContext context) {
		return Observation.createNotStarted(new DefaultEmbeddingModelObservationConvention(), () -> context,
				this.observations);
	}

	private static EmbeddingModelObservationContext context(String model) {
		return EmbeddingModelObservationContext.builder()
			.embeddingRequest(new EmbeddingRequest(INSTRUCTIONS, EmbeddingOptions.builder().model(model).build()))
			.provider("openai")
			.build();
	}

	private static EmbeddingResponse response(String model, DefaultUsage usage) {
		return new EmbeddingResponse(List.of(), new EmbeddingResponseMetadata(model, usage));
	}

	private static String[] embedding(String model) {
		return new String[] { "model", model, "provider", "openai", "endpoint", "embedding" };
	}

	/**
	 * The count of a counter of the {@code text-embedding-3-small} label set.
	 */
	private double count(String name, String... tags) {
		return this.meters.get(name).tags(embedding("text-embedding-3-small")).tags(tags).counter().count();
	}

	private double inFlight() {
		return this.meters.get("ai.api.requests.in.flight").tags(embedding("text-embedding-3-small")).gauge().value();
	}

}

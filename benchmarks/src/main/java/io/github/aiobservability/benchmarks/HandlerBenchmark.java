package io.github.aiobservability.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.aiobservability.test.ProviderUsages;
import io.github.aiobservability.test.StarterFixture;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.jspecify.annotations.Nullable;
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

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * What a handler adds to a chat call whose observation exists anyway, as it does in every
 * Boot application with Actuator: one start and one stop on a finished call's context,
 * for this starter's handler and for Spring AI's meter handlers. This is the figure the
 * full-call benchmark measures as a difference, without the observation's own cost and
 * its noise around it. The prompt and the completion are 30 or 30,000 characters: with
 * usage reported, what a handler allocates must not depend on them.
 * <p>
 * The usage is each provider's as Spring AI's model reports it: {@code OPENAI} with the
 * SDK's {@code CompletionUsage} (reasoning tokens), {@code GEMINI} Spring AI's
 * {@code GoogleGenAiUsage} (thinking, cache reads, tool-use prompt), {@code OLLAMA} plain
 * counts with Ollama's timings in the response's metadata (its model load time is
 * recorded). {@code METERS_ALONE} updates the meters one of the starter's calls updates,
 * directly: the part of the starter's figure that is Micrometer's own.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class HandlerBenchmark {

	private static final DefaultChatModelObservationConvention CONVENTION = new DefaultChatModelObservationConvention();

	@Param({ "SPRING_AI", "STARTER", "METERS_ALONE" })
	public String handler;

	@Param({ "30", "30000" })
	public int textChars;

	@Param({ "OPENAI", "GEMINI", "OLLAMA" })
	public String provider;

	private PrometheusMeterRegistry meters;

	private ObservationHandler<ChatModelObservationContext> observationHandler;

	private ChatModelObservationContext context;

	private @Nullable UpdatedMeters updatedMeters;

	@Setup(Level.Trial)
	@SuppressWarnings({ "rawtypes", "unchecked" })
	public void setUp() {
		this.meters = Instrumentation.prometheus();
		this.observationHandler = "SPRING_AI".equals(this.handler)
				? (ObservationHandler) Instrumentation.springAiHandlers(this.meters)
				: StarterFixture.handler(this.meters, List.of(), (prompt) -> Map.of(), 100);
		String model = switch (this.provider) {
			case "GEMINI" -> "gemini-2.5-flash";
			case "OLLAMA" -> "llama3.2";
			default -> "gpt-4o-mini";
		};
		this.context = ChatModelObservationContext.builder()
			.prompt(new Prompt(text('q'), ChatOptions.builder().model(model).build()))
			.provider(switch (this.provider) {
				case "GEMINI" -> "google_genai";
				case "OLLAMA" -> "ollama";
				default -> "openai";
			})
			.build();
		this.context.setName(CONVENTION.getName());
		ChatResponseMetadata.Builder metadata = ChatResponseMetadata.builder().model(model);
		switch (this.provider) {
			case "GEMINI" -> metadata.usage(ProviderUsages.gemini(1200, 40, 300, 1000, 0));
			case "OLLAMA" -> metadata.usage(new DefaultUsage(120, 40))
				.keyValue("load-duration", Duration.ofMillis(12))
				.keyValue("prompt-eval-duration", Duration.ofMillis(130))
				.keyValue("eval-duration", Duration.ofMillis(4700));
			default -> metadata.usage(ProviderUsages.openAi(120, 40, 0, 10));
		}
		this.context
			.setResponse(new ChatResponse(List.of(new Generation(new AssistantMessage(text('a')))), metadata.build()));
		// What Observation.stop() adds before the handlers run; Spring AI's read them.
		this.context.addLowCardinalityKeyValues(CONVENTION.getLowCardinalityKeyValues(this.context));
		this.context.addHighCardinalityKeyValues(CONVENTION.getHighCardinalityKeyValues(this.context));
		if ("METERS_ALONE".equals(this.handler)) {
			this.observationHandler.onStart(this.context);
			this.observationHandler.onStop(this.context);
			this.updatedMeters = UpdatedMeters.of(this.meters);
		}
	}

	private String text(char letter) {
		return String.valueOf(letter).repeat(this.textChars);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		// Each set-up must have recorded what it stands for, or this measured nothing.
		String meter = "SPRING_AI".equals(this.handler) ? "gen_ai.client.operation" : "ai.api.requests";
		if (this.meters.find(meter).meters().isEmpty()) {
			throw new IllegalStateException("nothing recorded in " + meter);
		}
		this.meters.close();
	}

	@Benchmark
	public ChatModelObservationContext startAndStop() {
		if (this.updatedMeters != null) {
			this.updatedMeters.updateOnce();
			return this.context;
		}
		this.observationHandler.onStart(this.context);
		this.observationHandler.onStop(this.context);
		return this.context;
	}

	/**
	 * The meters one of the starter's calls updates, updated directly: the floor under
	 * the starter's handler, Micrometer's and the Prometheus client's own work.
	 */
	private record UpdatedMeters(List<Counter> counters, List<Timer> timers) {

		static UpdatedMeters of(MeterRegistry registry) {
			List<Counter> counters = new ArrayList<>();
			List<Timer> timers = new ArrayList<>();
			for (Meter meter : registry.getMeters()) {
				if (meter instanceof Counter counter && counter.count() > 0) {
					counters.add(counter);
				}
				else if (meter instanceof Timer timer && timer.count() > 0) {
					timers.add(timer);
				}
			}
			return new UpdatedMeters(counters, timers);
		}

		void updateOnce() {
			for (Counter counter : this.counters) {
				counter.increment(40);
			}
			for (Timer timer : this.timers) {
				timer.record(1_200_000_000L, TimeUnit.NANOSECONDS);
			}
		}

	}

}

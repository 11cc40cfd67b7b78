package io.github.aiobservability.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import io.github.aiobservability.chat.StreamChunksAdvisor;
import io.github.aiobservability.test.InMemoryChatModel;
import io.github.aiobservability.test.StarterFixture;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * A stream through a ChatClient, the path where the starter also works per chunk: its
 * time-to-first-token advisor watches every chunk. Streams of 1 and of 200 chunks under
 * each {@link Instrumentation}; the difference between the two, divided by 199, is the
 * cost per chunk, and the 1-chunk stream is the cost per stream. With
 * {@code passThroughAdvisor}, one more advisor that does nothing sits in the chain:
 * Spring AI aggregates the output of every stream advisor chunk by chunk, which is what
 * any advisor, the starter's included, costs per chunk before it does anything.
 * <p>
 * Spring AI hands every ChatClient stream to {@code Schedulers.boundedElastic()}; that
 * thread hop costs the same under every set-up but makes a timing mostly scheduling
 * noise, so here the bounded-elastic scheduler runs its work on the calling thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class ChatClientStreamBenchmark {

	@Param({ "BARE", "EMPTY_HANDLER", "SPRING_AI", "STARTER", "BOTH" })
	public Instrumentation instrumentation;

	@Param({ "1", "200" })
	public int chunks;

	@Param({ "false", "true" })
	public boolean passThroughAdvisor;

	private PrometheusMeterRegistry meters;

	private ChatClient chatClient;

	private final Prompt prompt = new Prompt("What is the capital of France?",
			ChatOptions.builder().model("gpt-4o-mini").build());

	@Setup(Level.Trial)
	public void setUp() {
		Schedulers.setFactory(new Schedulers.Factory() {
			@Override
			public Scheduler newBoundedElastic(int threadCap, int queuedTaskCap, ThreadFactory threadFactory,
					int ttlSeconds) {
				return Schedulers.immediate();
			}
		});
		this.meters = Instrumentation.prometheus();
		ObservationRegistry observations = this.instrumentation.registry(this.meters, List.of(), (prompt) -> Map.of());
		ChatClient.Builder builder = ChatClient.builder(new InMemoryChatModel(observations, this.chunks), observations,
				null, null);
		if (this.instrumentation == Instrumentation.STARTER || this.instrumentation == Instrumentation.BOTH) {
			builder
				.defaultAdvisors(new StreamChunksAdvisor(this.meters.config().clock(), StarterFixture.usageReader()));
		}
		if (this.passThroughAdvisor) {
			builder.defaultAdvisors(new PassThroughAdvisor());
		}
		this.chatClient = builder.build();
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		if (this.instrumentation == Instrumentation.STARTER || this.instrumentation == Instrumentation.BOTH) {
			// The advisor's probe must have reached the handler, or this measured
			// nothing.
			if (this.meters.find("ai.api.time.to.first.token").timer() == null) {
				throw new IllegalStateException("no time to first token was recorded");
			}
		}
		this.meters.close();
		Schedulers.resetFactory();
	}

	@Benchmark
	public ChatResponse stream() {
		return this.chatClient.prompt(this.prompt).stream().chatResponse().blockLast();
	}

	/**
	 * An advisor that passes the stream on untouched.
	 */
	static final class PassThroughAdvisor implements StreamAdvisor {

		@Override
		public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
			return chain.nextStream(request);
		}

		@Override
		public String getName() {
			return "PassThroughAdvisor";
		}

		@Override
		public int getOrder() {
			return 0;
		}

	}

}

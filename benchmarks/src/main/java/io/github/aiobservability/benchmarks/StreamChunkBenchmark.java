package io.github.aiobservability.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.aiobservability.chat.StreamChunksAdvisor;
import io.github.aiobservability.test.StarterFixture;
import io.micrometer.core.instrument.Clock;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * The starter's own work per stream chunk, apart from what Spring AI's advisor chain does
 * around any advisor: 200 chunks through the time-to-first-token advisor, against the
 * same chunks straight from the chain. Scores are per chunk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class StreamChunkBenchmark {

	private static final int CHUNKS = 200;

	private final List<ChatClientResponse> chunks = new ArrayList<>();

	private final ChatClientRequest request = ChatClientRequest.builder().prompt(new Prompt("hi")).build();

	private final StreamChunksAdvisor advisor = new StreamChunksAdvisor(Clock.SYSTEM, StarterFixture.usageReader());

	private final StreamAdvisorChain chain = new StreamAdvisorChain() {

		@Override
		public Flux<ChatClientResponse> nextStream(ChatClientRequest request) {
			return Flux.fromIterable(StreamChunkBenchmark.this.chunks);
		}

		@Override
		public List<StreamAdvisor> getStreamAdvisors() {
			return List.of();
		}

		@Override
		public StreamAdvisorChain copy(StreamAdvisor after) {
			return this;
		}

	};

	private Observation observation;

	@Setup
	public void setUp() {
		for (int i = 0; i < CHUNKS; i++) {
			DefaultUsage usage = (i == CHUNKS - 1) ? new DefaultUsage(120, CHUNKS) : new DefaultUsage(0, 0);
			ChatResponse response = new ChatResponse(List.of(new Generation(new AssistantMessage("word "))),
					ChatResponseMetadata.builder().model("gpt-4o-mini").usage(usage).build());
			this.chunks.add(ChatClientResponse.builder().chatResponse(response).context(Map.of()).build());
		}
		// The advisor works only under an observation, as Spring AI's chain gives it one.
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler((context) -> true);
		this.observation = Observation.start("advisor", registry);
	}

	@Benchmark
	@OperationsPerInvocation(CHUNKS)
	public ChatClientResponse chainAlone() {
		return this.chain.nextStream(this.request)
			.contextWrite((ctx) -> ctx.put(ObservationThreadLocalAccessor.KEY, this.observation))
			.blockLast();
	}

	@Benchmark
	@OperationsPerInvocation(CHUNKS)
	public ChatClientResponse throughTheAdvisor() {
		return this.advisor.adviseStream(this.request, this.chain)
			.contextWrite((ctx) -> ctx.put(ObservationThreadLocalAccessor.KEY, this.observation))
			.blockLast();
	}

}

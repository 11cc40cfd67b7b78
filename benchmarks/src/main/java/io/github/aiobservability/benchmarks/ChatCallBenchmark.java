package io.github.aiobservability.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.aiobservability.model.RequestTagContributor;
import io.github.aiobservability.test.InMemoryChatModel;
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

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Time and allocation of one chat call, and of a 200-chunk stream, under each
 * {@link Instrumentation}, with 0, 2 or 5 request tags, and 1 or 1,000 distinct models
 * and tag values (past the cap of 100, the {@code other} path).
 *
 * <pre>
 * mvn -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChatCallBenchmark {

	private static final int STREAM_CHUNKS = 200;

	@Param({ "BARE", "EMPTY_HANDLER", "SPRING_AI", "STARTER", "BOTH" })
	public Instrumentation instrumentation;

	@Param({ "0", "2", "5" })
	public int requestTags;

	@Param({ "1", "1000" })
	public int distinctValues;

	private PrometheusMeterRegistry meters;

	private InMemoryChatModel model;

	private Prompt[] prompts;

	private List<Map<String, String>> tagValues;

	private int next;

	@Setup(Level.Trial)
	public void setUp() {
		this.meters = Instrumentation.prometheus();
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < this.requestTags; i++) {
			keys.add("tag" + i);
		}
		this.prompts = new Prompt[this.distinctValues];
		this.tagValues = new ArrayList<>();
		for (int i = 0; i < this.distinctValues; i++) {
			String model = (this.distinctValues == 1) ? "gpt-4o-mini" : "model-" + i;
			this.prompts[i] = new Prompt("What is the capital of France?", ChatOptions.builder().model(model).build());
			Map<String, String> values = new HashMap<>();
			for (String key : keys) {
				values.put(key, "value-" + i);
			}
			this.tagValues.add(values);
		}
		RequestTagContributor contributor = (prompt) -> this.tagValues.get(this.next);
		this.model = new InMemoryChatModel(this.instrumentation.registry(this.meters, keys, contributor),
				STREAM_CHUNKS);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.meters.close();
	}

	@Benchmark
	public ChatResponse call() {
		return this.model.call(nextPrompt());
	}

	@Benchmark
	@Measurement(iterations = 5, time = 1)
	public ChatResponse stream200Chunks() {
		return this.model.stream(nextPrompt()).blockLast();
	}

	private Prompt nextPrompt() {
		int index = this.next + 1;
		if (index == this.prompts.length) {
			index = 0;
		}
		this.next = index;
		return this.prompts[index];
	}

}

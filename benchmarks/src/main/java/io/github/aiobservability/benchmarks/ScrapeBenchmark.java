package io.github.aiobservability.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * What Prometheus pays to scrape the starter's series: the time to render
 * {@code /actuator/prometheus} after calls over 100 models x 100 tenants (the caps), and
 * after 100,000 distinct tenants (the cap holding). The size of the text is printed at
 * set-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScrapeBenchmark {

	@Param({ "100x100", "1x100000" })
	public String modelsByTenants;

	private PrometheusMeterRegistry meters;

	@Setup(Level.Trial)
	public void setUp() {
		String[] sizes = this.modelsByTenants.split("x");
		int models = Integer.parseInt(sizes[0]);
		int tenants = Integer.parseInt(sizes[1]);
		this.meters = Instrumentation.prometheus();
		String[] tenant = { "" };
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig()
			.observationHandler(StarterFixture.handler(this.meters, List.of("tenant"),
					(prompt) -> Map.of("tenant", tenant[0]), 100));
		InMemoryChatModel model = new InMemoryChatModel(observations, 1);
		for (int m = 0; m < models; m++) {
			Prompt prompt = new Prompt("hi", ChatOptions.builder().model("model-" + m).build());
			for (int t = 0; t < tenants; t++) {
				tenant[0] = "tenant-" + t;
				model.call(prompt);
			}
		}
		String scrape = this.meters.scrape();
		System.out.printf("%n%s: %d series lines, %d bytes%n", this.modelsByTenants,
				scrape.lines().filter((line) -> !line.startsWith("#")).count(), scrape.length());
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.meters.close();
	}

	@Benchmark
	public String scrape() {
		return this.meters.scrape();
	}

}

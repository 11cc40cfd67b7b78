package io.github.aiobservability.sample;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample under three minutes of concurrent sync and streaming load through its HTTP
 * API, on loopback: the counters equal the load generator's own count, nothing stays in
 * flight, and the heap after GC, taken after each minute, does not grow with the number
 * of requests. The load makes some 16,000 calls a minute, so the model's rate limit is
 * raised far above them: a spent budget would turn calls into retried 429s, which is not
 * what this test measures.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = { "sample.demo-traffic.enabled=false", "sample.mock.faults.rate-limited=0",
				"sample.mock.faults.server-error=0", "sample.mock.faults.unavailable=0", "sample.mock.faults.slow=0",
				"sample.mock.faults.stream-cut=0", "sample.mock.models.gpt-4o-mini.latency=20ms",
				"sample.mock.models.gpt-4o-mini.tail-ratio=0",
				"sample.mock.models.gpt-4o-mini.rate-limit.requests=1000000000",
				"sample.mock.models.gpt-4o-mini.rate-limit.tokens=1000000000000", "server.tomcat.threads.max=64" })
class SustainedLoadTests {

	private static final int PORT = TestSocketUtils.findAvailableTcpPort();

	/**
	 * A minute; -DsustainedLoad.roundSeconds=10 shortens the test for a quick local run.
	 */
	private static final Duration ROUND = Duration.ofSeconds(Long.getLong("sustainedLoad.roundSeconds", 60));

	private static final int ROUNDS = 3;

	private final SampleHttp http = new SampleHttp(PORT);

	@DynamicPropertySource
	static void port(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
	}

	@Test
	void countersMatchTheLoadAndTheHeapStaysFlat() throws Exception {
		runLoad(Duration.ofSeconds(10), "warmup");
		long[] sent = new long[2];
		long[] heapAfterRound = new long[ROUNDS];
		long requestsAfterFirstRound = 0;
		for (int round = 0; round < ROUNDS; round++) {
			long[] roundSent = runLoad(ROUND, "load");
			sent[0] += roundSent[0];
			sent[1] += roundSent[1];
			heapAfterRound[round] = heapAfterGc();
			if (round == 0) {
				requestsAfterFirstRound = sent[0] + sent[1];
			}
			System.out.printf("Sustained load, minute %d: %d calls and %d streams; heap after GC %d bytes%n", round + 1,
					roundSent[0], roundSent[1], heapAfterRound[round]);
		}
		long requests = sent[0] + sent[1];
		assertThat(requests).isGreaterThan(ROUNDS * 1000L);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(this.http.metric("ai_api_requests_total", "tenant=\"load\"", "endpoint=\"chat\"",
					"status=\"success\""))
				.isEqualTo(sent[0]);
			assertThat(this.http.metric("ai_api_requests_total", "tenant=\"load\"", "endpoint=\"chat_stream\"",
					"status=\"success\""))
				.isEqualTo(sent[1]);
			assertThat(this.http.metric("ai_api_requests_total", "tenant=\"load\"", "status=\"error\"")).isZero();
			assertThat(this.http.metric("ai_api_requests_in_flight")).isZero();
		});
		// Flat from the first minute on (caches and pools have settled by then): well
		// under 1 KB retained per later request, when a leak of the per-call state
		// (observation contexts, probes, label lists) would keep several.
		long laterRequests = requests - requestsAfterFirstRound;
		assertThat(heapAfterRound[ROUNDS - 1] - heapAfterRound[0])
			.as("heap growth over %d requests after the first minute", laterRequests)
			.isLessThan(Math.max(16L << 20, laterRequests * 256));
	}

	/**
	 * Sync calls on six threads, streams on two, each counting what succeeded.
	 * @return successful sync calls and streams
	 */
	private long[] runLoad(Duration duration, String tenant) throws Exception {
		AtomicLong calls = new AtomicLong();
		AtomicLong streams = new AtomicLong();
		long deadline = System.nanoTime() + duration.toNanos();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		List<Future<?>> workers = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			boolean stream = i >= 6;
			workers.add(pool.submit(() -> {
				String body = "{\"message\":\"load test\",\"tenant\":\"" + tenant + "\"}";
				while (System.nanoTime() < deadline) {
					if (stream) {
						String events = this.http.post("/api/chat/stream", body).body();
						if (events.contains("event:done")) {
							streams.incrementAndGet();
						}
					}
					else if (this.http.post("/api/chat", body).statusCode() == 200) {
						calls.incrementAndGet();
					}
				}
				return null;
			}));
		}
		for (Future<?> worker : workers) {
			worker.get(duration.toSeconds() + 60, TimeUnit.SECONDS);
		}
		pool.shutdown();
		return new long[] { calls.get(), streams.get() };
	}

	private static long heapAfterGc() throws InterruptedException {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(200);
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

}

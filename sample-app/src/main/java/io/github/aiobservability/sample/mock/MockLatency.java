package io.github.aiobservability.sample.mock;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long the embedded provider's models take, whatever wire format they answer in.
 */
final class MockLatency {

	private MockLatency() {
	}

	/**
	 * The time one answer takes: the model's latency, or now and then its tail latency,
	 * each within 30 % either way.
	 * @param profile the model's profile
	 * @return milliseconds
	 */
	static long millis(MockProviderProperties.ModelProfile profile) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		Duration base = (random.nextDouble() < profile.getTailRatio()) ? profile.getTailLatency()
				: profile.getLatency();
		return Math.round(base.toMillis() * (0.7 + 0.6 * random.nextDouble()));
	}

	/**
	 * Waits, as a model computing its answer.
	 * @param millis how long
	 */
	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * How a streamed answer spreads over its latency: the first chunk after a third of
	 * it, the others evenly over the rest.
	 *
	 * @param firstChunkMillis the wait before the first chunk
	 * @param perChunkMillis the wait after each chunk
	 */
	record Pacing(long firstChunkMillis, long perChunkMillis) {

		static Pacing of(long latencyMillis, int chunks) {
			long first = latencyMillis / 3;
			return new Pacing(first, Math.max(1, (latencyMillis - first) / Math.max(1, chunks)));
		}

	}

}

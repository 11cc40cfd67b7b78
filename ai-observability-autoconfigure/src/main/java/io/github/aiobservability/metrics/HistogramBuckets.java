package io.github.aiobservability.metrics;

import java.time.Duration;
import java.util.List;

/**
 * The bucket boundaries of the starter's histograms, as configured.
 *
 * @param latency {@code ai_api_request_duration_seconds}
 * @param timeToFirstToken {@code ai_api_time_to_first_token_seconds}
 * @param timePerOutputToken {@code ai_api_time_per_output_token_seconds}
 */
public record HistogramBuckets(List<Duration> latency, List<Duration> timeToFirstToken,
		List<Duration> timePerOutputToken) {

	public HistogramBuckets {
		latency = List.copyOf(latency);
		timeToFirstToken = List.copyOf(timeToFirstToken);
		timePerOutputToken = List.copyOf(timePerOutputToken);
	}

}

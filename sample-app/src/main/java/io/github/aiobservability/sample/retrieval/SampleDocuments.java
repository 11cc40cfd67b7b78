package io.github.aiobservability.sample.retrieval;

import java.util.List;
import java.util.Map;

import org.springframework.ai.document.Document;

/**
 * The handful of documents the sample retrieves from: short notes on watching model
 * calls, one per question the demo traffic asks.
 */
public final class SampleDocuments {

	/** The documents, each with an id that names its topic. */
	public static final List<Document> ALL = List.of(
			document("cost-control",
					"To keep LLM costs under control, record what every call costs, by model and tenant, "
							+ "set daily cost thresholds with a warning below the critical limit, "
							+ "and send simple questions to cheaper models."),
			document("rate-limits",
					"A model call can return 429 when the provider's rate limit is reached: it counts requests "
							+ "and tokens per minute for each model, and answers 429 with Retry-After "
							+ "until the budget refills. Clients retry after that delay."),
			document("time-to-first-token",
					"Time to first token is the time from sending a streaming request until the first "
							+ "token of the answer arrives: what a user perceives as the latency of a chat."),
			document("prompt-caching",
					"Prompt caching serves the repeated start of a prompt, such as a long system prompt, "
							+ "from the provider's cache: cached prompt tokens are cheaper and faster, "
							+ "and the usage reports them separately. The benefits grow with the prompt's length."),
			document("latency-percentiles",
					"Alert on a high latency percentile, such as the 99th percentile, rather than on the "
							+ "average: the p99 shows what the slowest users experience, the average hides it."),
			document("api-keys",
					"A 401 answer means the API key is invalid, revoked or expired: every call fails until "
							+ "the key is replaced, so it deserves an immediate page."));

	private SampleDocuments() {
	}

	private static Document document(String id, String text) {
		return new Document(id, text, Map.of());
	}

}

package io.github.aiobservability.sample.mock;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.stereotype.Component;

/**
 * Writes plausible answers for the embedded provider: a few sentences, split into the
 * word-sized chunks a streaming provider sends.
 */
@Component
public class AnswerWriter {

	private static final List<String> SENTENCES = List.of(
			"Latency, errors, tokens and cost are the four signals worth watching for every model call.",
			"A rate limit usually means the account's tokens-per-minute quota is exhausted, not that the service is down.",
			"Prompt caching lowers the price of repeated system prompts, so keep them stable at the start of the request.",
			"Streaming improves perceived latency because the first tokens arrive long before the answer is complete.",
			"Reasoning models think before they answer, and those hidden tokens are billed as output.",
			"An expired API key fails every call with 401, which is why it deserves an immediate page.",
			"Budgets work best as daily thresholds with a warning well before the critical limit.",
			"Tagging calls by tenant shows which customer drives the bill.",
			"The ninety-ninth percentile tells you what your slowest users experience.",
			"Retries hide transient failures, but they also multiply cost when a provider is overloaded.");

	/**
	 * An answer to one request.
	 * @return two to four sentences
	 */
	public String answer() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		int sentences = 2 + random.nextInt(3);
		StringBuilder answer = new StringBuilder();
		for (int i = 0; i < sentences; i++) {
			if (i > 0) {
				answer.append(' ');
			}
			answer.append(SENTENCES.get(random.nextInt(SENTENCES.size())));
		}
		return answer.toString();
	}

	/**
	 * Splits an answer into chunks of about three words, which concatenate back to it.
	 * @param answer the answer
	 * @return the chunks
	 */
	public List<String> chunks(String answer) {
		List<String> chunks = new ArrayList<>();
		String[] words = answer.split("(?<= )");
		StringBuilder chunk = new StringBuilder();
		for (int i = 0; i < words.length; i++) {
			chunk.append(words[i]);
			if ((i + 1) % 3 == 0) {
				chunks.add(chunk.toString());
				chunk.setLength(0);
			}
		}
		if (chunk.length() > 0) {
			chunks.add(chunk.toString());
		}
		return chunks;
	}

}

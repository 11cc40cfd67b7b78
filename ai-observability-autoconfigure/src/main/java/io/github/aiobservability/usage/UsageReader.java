package io.github.aiobservability.usage;

import java.util.List;

import io.github.aiobservability.metrics.TokenUsage;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.tokenizer.JTokkitTokenCountEstimator;
import org.springframework.ai.tokenizer.TokenCountEstimator;

/**
 * The one place a round-trip's tokens are read: Spring AI's {@link Usage} with each
 * provider's {@link UsageAdapter}, a stream's chunks, and what the provider sent on the
 * wire, which Spring AI's stream aggregation partly drops, all gathered into one
 * {@link ReportedUsage} and normalised once.
 * <p>
 * Only when the provider reported nothing are the tokens estimated with a local
 * tokenizer, and marked as estimated. The tokenizer is loaded on first need, so
 * applications whose provider always reports usage never pay for it.
 */
public class UsageReader {

	private final List<UsageAdapter> adapters;

	private volatile @Nullable TokenCountEstimator estimator;

	/**
	 * Creates the reader.
	 * @param adapters the adapters of the providers whose SDKs are present
	 */
	public UsageReader(List<UsageAdapter> adapters) {
		this.adapters = List.copyOf(adapters);
	}

	/**
	 * Adds what a usage reports to a report: the generic counts, then what its provider's
	 * adapter reads.
	 * @param usage the usage, or {@code null}
	 * @param report where the counts go
	 */
	public void collect(@Nullable Usage usage, ReportedUsage report) {
		if (usage == null) {
			return;
		}
		report.prompt(usage.getPromptTokens());
		report.completion(usage.getCompletionTokens());
		report.cacheRead(usage.getCacheReadInputTokens());
		report.cacheWrite(usage.getCacheWriteInputTokens());
		for (UsageAdapter adapter : this.adapters) {
			if (adapter.read(usage, report)) {
				return;
			}
		}
	}

	/**
	 * The tokens of a completed call.
	 * @param prompt what was sent
	 * @param response what came back
	 * @return reported counts, or estimates when the provider reported none
	 */
	public TokenUsage call(Prompt prompt, ChatResponse response) {
		ReportedUsage report = new ReportedUsage();
		collect(usage(response), report);
		return normalise(report, prompt, response);
	}

	/**
	 * The tokens of a completed stream, from the most complete of its sources: what the
	 * provider sent on the wire, else what its chunks reported, else the aggregated
	 * response, which keeps only the plain counts.
	 * @param prompt what was sent
	 * @param response the stream's aggregated response
	 * @param chunks what its chunks reported, or {@code null} when they were not seen
	 * @param wire what the provider sent on the wire, or {@code null} when it was not
	 * read
	 * @return reported counts, or estimates when the provider reported none
	 */
	public TokenUsage stream(Prompt prompt, ChatResponse response, @Nullable ReportedUsage chunks,
			@Nullable ReportedUsage wire) {
		ReportedUsage report = (wire != null && wire.hasCounts()) ? wire
				: (chunks != null && chunks.hasCounts()) ? chunks : null;
		if (report == null) {
			report = new ReportedUsage();
			collect(usage(response), report);
		}
		return normalise(report, prompt, response);
	}

	/**
	 * The tokens of a stream its consumer cancelled: the provider bills the prompt it
	 * received, and reported nothing, so the input is estimated. The output is unknown.
	 * @param prompt what was sent
	 * @return the estimated input tokens
	 */
	public TokenUsage cancelled(Prompt prompt) {
		return TokenUsage.of(estimateInput(prompt), 0, true, false);
	}

	/**
	 * The tokens of a completed embedding call: input only.
	 * @param request what was sent
	 * @param response what came back
	 * @return the reported input tokens, or an estimate when the provider reported none
	 */
	public TokenUsage embedding(EmbeddingRequest request, EmbeddingResponse response) {
		ReportedUsage report = new ReportedUsage();
		collect((response.getMetadata() != null) ? response.getMetadata().getUsage() : null, report);
		long input = report.normalise().input();
		if (input > 0) {
			return TokenUsage.of(input, 0, false, false);
		}
		long estimated = 0;
		for (String text : request.getInstructions()) {
			estimated += estimator().estimate(text);
		}
		return TokenUsage.of(estimated, 0, true, false);
	}

	private TokenUsage normalise(ReportedUsage report, Prompt prompt, ChatResponse response) {
		if (!report.hasCounts()) {
			return TokenUsage.of(estimateInput(prompt), estimateOutput(response), true, true);
		}
		return report.normalise();
	}

	private static @Nullable Usage usage(ChatResponse response) {
		return (response.getMetadata() != null) ? response.getMetadata().getUsage() : null;
	}

	private long estimateInput(Prompt prompt) {
		long tokens = 0;
		for (Message message : prompt.getInstructions()) {
			tokens += estimator().estimate(message.getText());
		}
		return tokens;
	}

	private long estimateOutput(ChatResponse response) {
		long tokens = 0;
		for (Generation generation : response.getResults()) {
			if (generation.getOutput() != null) {
				tokens += estimator().estimate(generation.getOutput().getText());
			}
		}
		return tokens;
	}

	private TokenCountEstimator estimator() {
		TokenCountEstimator current = this.estimator;
		if (current == null) {
			current = new JTokkitTokenCountEstimator();
			this.estimator = current;
		}
		return current;
	}

}

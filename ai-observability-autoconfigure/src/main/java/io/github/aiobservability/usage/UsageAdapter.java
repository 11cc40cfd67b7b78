package io.github.aiobservability.usage;

import org.springframework.ai.chat.metadata.Usage;

/**
 * Reads what one provider's usage holds beyond Spring AI's generic counts: its SDK's own
 * usage object ({@link Usage#getNativeUsage()}) or its own {@link Usage} type, and how
 * its counts add up. One adapter per provider, loaded only when its SDK is on the class
 * path.
 */
@FunctionalInterface
public interface UsageAdapter {

	/**
	 * Adds what this provider's usage reports beyond the generic counts.
	 * @param usage the usage Spring AI's model reported
	 * @param report where the counts go
	 * @return whether the usage was this provider's; the first adapter that knows it wins
	 */
	boolean read(Usage usage, ReportedUsage report);

}

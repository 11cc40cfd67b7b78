package io.github.aiobservability.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.aiobservability.support.OneTimeLogger;

/**
 * Caps the number of distinct values one label can take. Once the cap is reached, new
 * values are recorded as {@code other}, so a flood of tenants or model names costs a
 * bounded number of series. The placeholders {@code none}, {@code other} and
 * {@code unknown} never use up a slot.
 */
public final class TagValueLimiter {

	// Per instance: each application context warns once, whatever ran before in the JVM.
	private final OneTimeLogger logger = new OneTimeLogger(TagValueLimiter.class);

	private final String label;

	private final int maxValues;

	private final Set<String> values = ConcurrentHashMap.newKeySet();

	private final String property;

	/**
	 * Creates a limiter.
	 * @param label the label it guards
	 * @param maxValues its cap
	 * @param property the property that sets the cap, named in the warning
	 */
	public TagValueLimiter(String label, int maxValues, String property) {
		this.label = label;
		this.property = property;
		this.maxValues = maxValues;
	}

	/**
	 * The value to record for this label.
	 * @param value the value the call carried
	 * @return the value itself, or {@code other} once the cap is reached by other values
	 */
	public String limit(String value) {
		if (this.values.contains(value) || AiMetricLabels.PLACEHOLDERS.contains(value)) {
			return value;
		}
		synchronized (this.values) {
			if (this.values.size() < this.maxValues) {
				this.values.add(value);
				return value;
			}
		}
		this.logger.warn(this.label,
				"Label '" + this.label + "' reached its cap of " + this.maxValues
						+ " distinct values; new values are recorded as '" + AiMetricLabels.OTHER + "'. Raise "
						+ this.property + " if these values are expected.",
				null);
		return AiMetricLabels.OTHER;
	}

}

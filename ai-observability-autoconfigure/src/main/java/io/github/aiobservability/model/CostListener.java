package io.github.aiobservability.model;

import java.util.List;

/**
 * Hears the cost of each priced round-trip, as {@code ai_api_cost_total} records it: one
 * calculation serves the metric and whoever else keeps spend, such as budgets.
 */
@FunctionalInterface
public interface CostListener {

	/**
	 * A round-trip was priced.
	 * @param requestTagValues its request tag values, one per declared key in declaration
	 * order, capped as the labels are
	 * @param cost its cost in the configured currency
	 */
	void costRecorded(List<String> requestTagValues, double cost);

}

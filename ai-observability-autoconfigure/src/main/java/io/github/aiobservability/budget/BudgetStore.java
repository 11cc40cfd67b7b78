package io.github.aiobservability.budget;

import java.time.Instant;
import java.util.List;

/**
 * Where spend is kept: one amount per budget, scope value and period, under a key that
 * names all three.
 */
public interface BudgetStore {

	/**
	 * The place of one key's spend, to read and add to.
	 * @param budget the budget's name
	 * @param key names the budget, scope value and period
	 * @param expiresAt when the period ends: the spend may be dropped after it
	 * @return the slot
	 */
	Slot slot(String budget, String key, Instant expiresAt);

	/**
	 * Brings the slots' spend up to date before a call is checked against it: nothing to
	 * do in memory, one round-trip for a shared store.
	 * @param slots the call's slots
	 */
	void refresh(List<Slot> slots);

	/**
	 * Adds a round-trip's cost to each of its slots: one round-trip for a shared store.
	 * @param slots the slots
	 * @param amount the cost
	 */
	void add(List<Slot> slots, double amount);

	/**
	 * Operations on a shared store that failed (calls went on).
	 * @return their count, 0 for a store that cannot fail
	 */
	default long failures() {
		return 0;
	}

	/**
	 * Spend of a budget recorded by this instance that a shared store never got: kept too
	 * long, or beyond what may be kept, while it did not answer.
	 * @param budget the budget's name
	 * @return the amount in the configured currency, 0 for a store that cannot fail
	 */
	default double dropped(String budget) {
		return 0;
	}

	/**
	 * One key's spend as this instance knows it.
	 */
	interface Slot {

		/**
		 * The spend as last read or added.
		 * @return the amount in the configured currency
		 */
		double spent();

	}

}

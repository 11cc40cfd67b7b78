package io.github.aiobservability.budget;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Spend kept in this instance's memory: each instance of an application has its own, and
 * a restart starts from zero. Slots of ended periods are dropped as new ones are made.
 */
public class InMemoryBudgetStore implements BudgetStore {

	private final ConcurrentMap<String, MemorySlot> slots = new ConcurrentHashMap<>();

	private final Clock clock;

	public InMemoryBudgetStore(Clock clock) {
		this.clock = clock;
	}

	@Override
	public Slot slot(String budget, String key, Instant expiresAt) {
		MemorySlot slot = this.slots.get(key);
		if (slot == null) {
			Instant now = this.clock.instant();
			this.slots.values().removeIf((old) -> !now.isBefore(old.expiresAt));
			slot = this.slots.computeIfAbsent(key, (name) -> new MemorySlot(expiresAt));
		}
		return slot;
	}

	@Override
	public void refresh(List<Slot> slots) {
	}

	@Override
	public void add(List<Slot> slots, double amount) {
		for (Slot slot : slots) {
			((MemorySlot) slot).spent.add(amount);
		}
	}

	private static final class MemorySlot implements Slot {

		private final DoubleAdder spent = new DoubleAdder();

		private final Instant expiresAt;

		MemorySlot(Instant expiresAt) {
			this.expiresAt = expiresAt;
		}

		@Override
		public double spent() {
			return this.spent.sum();
		}

	}

}

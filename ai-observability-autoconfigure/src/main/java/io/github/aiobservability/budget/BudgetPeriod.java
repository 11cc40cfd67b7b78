package io.github.aiobservability.budget;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * How long a budget's spend accumulates before it starts again from zero, in the budgets'
 * time zone.
 */
public enum BudgetPeriod {

	/** From midnight to midnight. */
	DAY,

	/** From the first of the month at midnight to the next first. */
	MONTH;

	/**
	 * The period an instant falls in.
	 * @param now the instant
	 * @param zone where midnight is
	 * @return the period: its id and when it ends
	 */
	public Window windowOf(Instant now, ZoneId zone) {
		LocalDate date = now.atZone(zone).toLocalDate();
		if (this == DAY) {
			return new Window(date.toString(), date.plusDays(1).atStartOfDay(zone).toInstant());
		}
		LocalDate first = date.withDayOfMonth(1);
		return new Window(first.toString().substring(0, 7), first.plusMonths(1).atStartOfDay(zone).toInstant());
	}

	/**
	 * One day or month.
	 *
	 * @param id {@code 2026-11-28} for a day, {@code 2026-11} for a month
	 * @param end when the next one starts
	 */
	public record Window(String id, Instant end) {

		/**
		 * Whether an instant is past this window.
		 * @param now the instant
		 * @return {@code true} once the next window has started
		 */
		public boolean isOver(Instant now) {
			return !now.isBefore(this.end);
		}

		ZonedDateTime endIn(ZoneId zone) {
			return this.end.atZone(zone);
		}

	}

}

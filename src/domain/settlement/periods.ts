import { LocalDate } from "../calendar/local-date.js";
import { DomainError } from "../errors.js";

/**
 * Settlement periods (periodically per creditor, docs/SETTLEMENT.md; issue 5: daily, weekly or monthly
 * by setting). A period is a whole calendar day, an ISO week (Monday to Sunday) or a calendar
 * month; it can be settled from the day after it ends.
 */
export const SETTLEMENT_FREQUENCIES = ["daily", "weekly", "monthly"] as const;
export type SettlementFrequency = (typeof SETTLEMENT_FREQUENCIES)[number];

export interface SettlementPeriod {
  readonly from: LocalDate;
  readonly to: LocalDate;
}

export function isSettlementFrequency(value: unknown): value is SettlementFrequency {
  return typeof value === "string" && (SETTLEMENT_FREQUENCIES as readonly string[]).includes(value);
}

/** The period of `frequency` that holds `day`. */
export function periodOf(frequency: SettlementFrequency, day: LocalDate): SettlementPeriod {
  switch (frequency) {
    case "daily":
      return { from: day, to: day };
    case "weekly": {
      const monday = day.minusDays(day.dayOfWeek - 1);
      return { from: monday, to: monday.plusDays(6) };
    }
    case "monthly": {
      const first = LocalDate.of(day.year, day.month, 1);
      return { from: first, to: first.plusMonths(1).minusDays(1) };
    }
  }
}

/**
 * The periods that have ended by `today` (each ends before it), in order, from the one holding
 * `since` — at most `limit`, the oldest first, so a worker that was down catches up a step at a
 * time. None when `since` is in a period that has not ended.
 */
export function endedPeriods(frequency: SettlementFrequency, since: LocalDate, today: LocalDate, limit = 400): SettlementPeriod[] {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new DomainError("invalid_input", `${limit} is not a positive number of periods`, "limit");
  const out: SettlementPeriod[] = [];
  let period = periodOf(frequency, since);
  while (period.to.isBefore(today) && out.length < limit) {
    out.push(period);
    period = periodOf(frequency, period.to.plusDays(1));
  }
  return out;
}

import { DomainError, invalidInput } from "../errors.js";
import { type BusinessCalendar, calendarFor } from "./business-calendar.js";
import type { Jurisdiction } from "./holiday.js";
import type { LocalDate } from "./local-date.js";

/** A deadline with the rule that set it, for the letter and the case timeline. */
export interface Deadline {
  readonly deadline: LocalDate;
  readonly rule: string;
  readonly source: string;
}

/** A period in one unit; exactly one of the three is given. */
export type Period = { readonly days: number } | { readonly months: number } | { readonly years: number };

const STATUTORY_COUNTING: Readonly<Record<Jurisdiction, { rule: string; source: string }>> = {
  NO: {
    rule: "the day the period starts is not counted; month and year periods end on the same day-number (the month's last day if it has none); a last day on a Saturday, helgedag or day equal to one (1 and 17 May) moves to the next virkedag",
    source: "domstolloven §§ 148–149",
  },
  SE: {
    rule: "month and year periods end on the same day-number (the month's last day if it has none); a last day on a Saturday, Sunday, allmän helgdag, midsommarafton, julafton or nyårsafton moves to the next vardag",
    source: "lag (1930:173) om beräkning av lagstadgad tid §§ 1–2",
  },
  FI: {
    rule: "month and year periods end on the same day-number (the month's last day if it has none); a last day on a weekend, pyhäpäivä, juhannusaatto or jouluaatto moves to the next arkipäivä",
    source: "laki säädettyjen määräaikain laskemisesta (150/1930) [K]",
  },
};

/**
 * A deadline fixed by statute, counted from `start` (the day of sending, service, judgment):
 * domstolloven § 148 (NO) and its Swedish and Finnish counterparts for the counting, § 149 for
 * moving a last day that is not a business day of `calendar`.
 */
export function statutoryDeadline(start: LocalDate, period: Period, calendar: BusinessCalendar): Deadline {
  const end = periodEnd(start, period);
  const counting = STATUTORY_COUNTING[calendar.jurisdiction];
  return {
    deadline: calendar.nextBusinessDay(end),
    rule: `${describe(period)} from ${start.toString()}: ${counting.rule}`,
    source: counting.source,
  };
}

/**
 * Inkassovarsel: the payment deadline is at least 14 days from sending (inkassoloven § 9). The last
 * day is the same weekday as the sending and is NOT moved when it is a holiday (Ot.prp. nr. 2
 * (1997–98) s. 114). A longer deadline may be configured (god inkassoskikk may call for it).
 */
export function collectionNoticeDeadline(sentOn: LocalDate, days = 14): Deadline {
  requireMinimumDays(days, 14, "inkassoloven § 9");
  return {
    deadline: sentOn.plusDays(days),
    rule: `${days} days from sending; the last day is not moved if it is a holiday`,
    source: "inkassoloven § 9; Ot.prp. nr. 2 (1997–98) s. 114",
  };
}

/**
 * Purring: inkassoforskriften § 1-2 makes a later fee depend on a deadline of at least 14 days.
 * The law says nothing on a last day that is not a business day. We treat the deadline as a
 * contractual payment date and move it to the next business day as gjeldsbrevloven § 5 does for
 * due dates: the debtor then never gets less than the days promised, and a fee charged for
 * missing it cannot be contested on that ground.
 */
export function reminderDeadline(sentOn: LocalDate, days = 14): Deadline {
  requireMinimumDays(days, 14, "inkassoforskriften § 1-2");
  return {
    deadline: calendarFor("NO").nextBusinessDay(sentOn.plusDays(days)),
    rule: `${days} days from sending, moved to the next business day if it ends on a weekend, helgedag, 1 or 17 May`,
    source: "inkassoforskriften § 1-2 (≥ 14 days for the fee rules); moved by analogy with gjeldsbrevloven § 5",
  };
}

/**
 * Betalingsoppfordring: the debtor has at least 14 days to pay or object (inkassoloven § 10). It
 * is a statutory deadline, so a last day off moves to the next virkedag (domstolloven § 149).
 */
export function paymentDemandDeadline(sentOn: LocalDate, days = 14): Deadline {
  requireMinimumDays(days, 14, "inkassoloven § 10");
  const { deadline, rule, source } = statutoryDeadline(sentOn, { days }, calendarFor("NO"));
  return { deadline, rule, source: `inkassoloven § 10; ${source}` };
}

/**
 * Swedish inkassokrav: god inkassosed asks for at least 8 days from the day it is sent (IMY FAQ,
 * IMY, god inkassosed); a last day off moves to the next vardag (lag 1930:173 § 2). IMY also wants
 * ≥ 4 bank days after presumed receipt; with slow post configure more days.
 */
export function swedishCollectionDemandDeadline(sentOn: LocalDate, days = 8): Deadline {
  requireMinimumDays(days, 8, "god inkassosed (IMY)");
  const { deadline, rule, source } = statutoryDeadline(sentOn, { days }, calendarFor("SE"));
  return { deadline, rule, source: `god inkassosed (imy.se FAQ: not shorter than 8 days from sending); ${source}` };
}

function periodEnd(start: LocalDate, period: Period): LocalDate {
  const units = (["days", "months", "years"] as const).filter((unit) => unit in period);
  if (units.length !== 1) throw invalidInput("period", "give exactly one of days, months or years");
  const unit = units[0]!;
  const n = (period as Record<string, unknown>)[unit];
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) {
    throw invalidInput(`period.${unit}`, `${String(n)} is not a whole, non-negative number of ${unit}`);
  }
  // LocalDate.plusMonths keeps the day-number and clamps to the month's last day (§ 148 / 1930:173 § 1).
  if (unit === "days") return start.plusDays(n);
  return unit === "months" ? start.plusMonths(n) : start.plusYears(n);
}

function describe(period: Period): string {
  if ("days" in period) return `${period.days} days`;
  if ("months" in period) return `${period.months} months`;
  return `${period.years} years`;
}

function requireMinimumDays(days: number, minimum: number, source: string): void {
  if (!Number.isSafeInteger(days)) throw invalidInput("days", `${days} is not a whole number of days`);
  if (days < minimum) {
    throw new DomainError("deadline_too_short", `a deadline of ${days} days is shorter than the ${minimum} days required by ${source}`, "days");
  }
}

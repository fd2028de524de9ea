import { calendarFor } from "./calendar/business-calendar.js";
import { adjustDueDateNO } from "./calendar/due-date.js";
import { LocalDate } from "./calendar/local-date.js";
import { DomainError, invalidInput } from "./errors.js";

/**
 * Foreldelse (limitation) of a Norwegian money claim, foreldelsesloven LOV-1979-05-18-18
 * (foreldelsesloven LOV-1979-05-18-18; docs/RULES.md § 7).
 *
 * - §§ 2–3: 3 years from the day the creditor can first demand payment, i.e. the due date as moved
 *   by gjeldsbrevloven § 5.
 * - § 14: the debtor's acknowledgement, express or by conduct (part payment, interest payment,
 *   asking for a payment plan), starts a new full period (skatteetaten.no handbook).
 * - §§ 15, 17: legal steps (forliksklage, stevning; begjæring om utlegg on a tvangsgrunnlag).
 *   While proceedings run the law keeps the claim interrupted until they end; we start a new
 *   full period on the day of the step, which is never later than the law's date, so warnings
 *   come early rather than late. Record the judgment (or the end of the proceedings) when it comes.
 * - § 21: after a judgment or rettsforlik the new period is 10 years, and later interruptions of
 *   that claim again give 10 years. (Interest under the judgment still becomes time-barred
 *   year by year after 3 years; that is not computed here.)
 * - Reminders, collection notices and payment demands do NOT interrupt: the list of interrupting
 *   acts is exhaustive (skatteetaten.no, "uttømmende").
 * - § 29: a period ends on the day with the same number N years later (the month's last day if it
 *   has none); a last day on a Saturday, helgedag or day equal to one moves to the next virkedag.
 * - An interruption after the claim is time-barred does not revive it.
 */
export type InterruptionKind =
  | "acknowledgement"
  | "part-payment"
  | "interest-payment"
  | "payment-plan-request"
  | "forliksklage"
  | "stevning"
  | "utlegg"
  | "judgment"
  | "reminder"
  | "collection-notice"
  | "payment-demand";

interface KindRule {
  /** null: the act does not interrupt limitation. */
  readonly years: 3 | 10 | null;
  readonly source: string;
}

const KIND_RULES: Readonly<Record<InterruptionKind, KindRule>> = {
  acknowledgement: { years: 3, source: "foreldelsesloven § 14" },
  "part-payment": { years: 3, source: "foreldelsesloven § 14 (acknowledgement by conduct)" },
  "interest-payment": { years: 3, source: "foreldelsesloven § 14 (acknowledgement by conduct)" },
  "payment-plan-request": { years: 3, source: "foreldelsesloven § 14 (acknowledgement by conduct)" },
  forliksklage: { years: 3, source: "foreldelsesloven § 15" },
  stevning: { years: 3, source: "foreldelsesloven § 15" },
  utlegg: { years: 3, source: "foreldelsesloven § 17" },
  judgment: { years: 10, source: "foreldelsesloven § 21" },
  reminder: { years: null, source: "skatteetaten.no: the interrupting acts are exhaustive" },
  "collection-notice": { years: null, source: "skatteetaten.no: the interrupting acts are exhaustive" },
  "payment-demand": { years: null, source: "skatteetaten.no: the interrupting acts are exhaustive" },
};

export const INTERRUPTION_KINDS = Object.keys(KIND_RULES) as readonly InterruptionKind[];

export function isInterruptionKind(kind: string): kind is InterruptionKind {
  return Object.prototype.hasOwnProperty.call(KIND_RULES, kind);
}

export interface Interruption {
  readonly on: LocalDate;
  readonly kind: InterruptionKind;
}

export interface IgnoredInterruption extends Interruption {
  readonly reason: string;
}

export interface LimitationInput {
  readonly dueDate: LocalDate;
  readonly interruptions: readonly Interruption[];
  readonly jurisdiction?: "NO";
}

export interface Limitation {
  /** The last day on which the claim can still be interrupted; time-barred from the day after. */
  readonly date: LocalDate;
  /** Length of the running period: 3, or 10 after a judgment. */
  readonly years: number;
  /** The day the running period started: the adjusted due date or the interruption. */
  readonly startedOn: LocalDate;
  readonly interruptedBy: Interruption | null;
  readonly ignored: readonly IgnoredInterruption[];
  readonly rule: string;
  readonly source: string;
}

export function limitationDate(input: LimitationInput): Limitation {
  if (input.jurisdiction !== undefined && input.jurisdiction !== "NO") {
    throw new DomainError("unsupported_jurisdiction", `limitation is only modelled for NO, not "${String(input.jurisdiction)}"`, "jurisdiction");
  }
  if (!(input.dueDate instanceof LocalDate)) throw invalidInput("dueDate", "is not a date");
  const interruptions = input.interruptions.map((interruption, i) => checked(interruption, i));

  let startedOn = adjustDueDateNO(input.dueDate);
  let years: 3 | 10 = 3;
  let date = periodEnd(startedOn, years);
  let interruptedBy: Interruption | null = null;
  let judged = false;
  const ignored: IgnoredInterruption[] = [];

  // Sorting is stable, so acts on the same day keep the caller's order.
  for (const interruption of [...interruptions].sort((a, b) => a.on.compare(b.on))) {
    const kindRule = KIND_RULES[interruption.kind];
    if (kindRule.years === null) {
      ignored.push({ ...interruption, reason: `a ${interruption.kind} does not interrupt limitation (${kindRule.source})` });
      continue;
    }
    if (interruption.on.isAfter(date)) {
      ignored.push({ ...interruption, reason: `already time-barred: the period ended ${date.toString()}` });
      continue;
    }
    const newYears: 3 | 10 = judged || kindRule.years === 10 ? 10 : 3;
    const newDate = periodEnd(interruption.on, newYears);
    if (!newDate.isAfter(date)) {
      // An act before the due date (or a 3-year period inside a 10-year one) never shortens the period.
      ignored.push({ ...interruption, reason: `does not extend the running period, which ends ${date.toString()}` });
      continue;
    }
    judged = judged || kindRule.years === 10;
    startedOn = interruption.on;
    years = newYears;
    date = newDate;
    interruptedBy = interruption;
  }

  const source = interruptedBy
    ? `${KIND_RULES[interruptedBy.kind].source}; foreldelsesloven § 29`
    : "foreldelsesloven §§ 2–3, § 29; gjeldsbrevloven § 5";
  const rule = interruptedBy
    ? `${years} years from the ${interruptedBy.kind} on ${startedOn.toString()}, the last day moved off Saturdays and helgedager`
    : `${years} years from the due date ${startedOn.toString()} (moved off weekends and holidays), the last day moved off Saturdays and helgedager`;
  return { date, years, startedOn, interruptedBy, ignored, rule, source };
}

/** Which limitation warning is due on `today`, if any. */
export type LimitationWarning =
  | { readonly level: "warning"; readonly withinDays: number; readonly daysLeft: number }
  | { readonly level: "time-barred"; readonly daysLeft: number };

/**
 * For the case engine: `time-barred` once `today` is after the limitation date; otherwise a
 * `warning` naming the smallest threshold in `warnDays` that the days left are within (so with
 * [90, 30] it says 90 from 90 days before, then 30 from 30 days before); null when further away.
 * `daysLeft` is 0 on the limitation date itself, the last day to act.
 */
export function limitationWarning(limitationDate: LocalDate, today: LocalDate, warnDays: readonly number[] = [90, 30]): LimitationWarning | null {
  warnDays.forEach((days, i) => {
    if (!Number.isSafeInteger(days) || days < 0) throw invalidInput(`warnDays[${i}]`, `${days} is not a whole, non-negative number of days`);
  });
  const daysLeft = today.daysUntil(limitationDate);
  if (daysLeft < 0) return { level: "time-barred", daysLeft };
  const within = warnDays.filter((days) => daysLeft <= days);
  if (within.length === 0) return null;
  return { level: "warning", withinDays: Math.min(...within), daysLeft };
}

/** foreldelsesloven § 29: same day-number (clamped), then off Saturdays and helgedager. */
function periodEnd(start: LocalDate, years: number): LocalDate {
  return calendarFor("NO").nextBusinessDay(start.plusYears(years));
}

function checked(interruption: Interruption, i: number): Interruption {
  if (!(interruption.on instanceof LocalDate)) throw invalidInput(`interruptions[${i}].on`, "is not a date");
  if (typeof interruption.kind !== "string" || !isInterruptionKind(interruption.kind)) {
    throw invalidInput(`interruptions[${i}].kind`, `"${String(interruption.kind)}" is not one of ${INTERRUPTION_KINDS.join(", ")}`);
  }
  return interruption;
}

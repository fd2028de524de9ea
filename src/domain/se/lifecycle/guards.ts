import type { LocalDate } from "../../calendar/local-date.js";
import type { SwedishRuleSet } from "../../jurisdictions/se/se-rule-set.js";
import { collectionDemandDeadline, type DeliveryChannel } from "../collection-demand.js";
import { DEFAULT_SWEDISH_GATES, type SwedishCaseState, type SwedishGates } from "./case-state.js";
import type { SwedishCaseEvent } from "./events.js";
import { type SwedishRefusal, swedishRefusal } from "./refusals.js";

/**
 * Guards (may this event happen now?) and conditions (which outcome applies) of the Swedish
 * table, named so the table stays printable data. The hold, balance and reopen guards say what
 * their Norwegian namesakes say (same names, same rules), with Swedish texts; the letter guards
 * are Swedish law.
 */
export interface SwedishTransitionContext {
  readonly today: LocalDate;
  /** The case's open balance in minor units (all buckets) after any money this event brings. */
  readonly balanceMinor: number;
  /** For the inkassokrav's deadline (god inkassosed rows). */
  readonly rules: SwedishRuleSet;
  /** How the inkassokrav goes out (default post). */
  readonly channel?: DeliveryChannel;
  readonly gates?: SwedishGates;
  /** Collection before surveillance (default 12 months from the inkassokrav). */
  readonly surveillanceAfterMonths?: number;
  /** Withdrawal is free this many days after the first letter (default 10, as for Norway). */
  readonly freeWithdrawalDays?: number;
}

type Check<T> = (s: SwedishCaseState, e: SwedishCaseEvent, ctx: SwedishTransitionContext) => T;

const after = (d: LocalDate | null, today: LocalDate): boolean => d !== null && today.isAfter(d);

/** The deadline a postponement moves, per stage. */
export function swedishRunningDeadline(s: SwedishCaseState): LocalDate | null {
  switch (s.stage) {
    case "opened":
      return s.respiteUntil ?? s.dueDate;
    case "reminder":
      return s.reminderDeadline;
    case "collection-notice":
      return s.noticeDeadline;
    default:
      return null;
  }
}

const letter = (e: SwedishCaseEvent) => (e.type === "send-reminder" || e.type === "send-collection-notice" ? e : null);

export const SWEDISH_GUARDS = {
  "not-on-hold": {
    rule: "Nothing moves while the case is paused, disputed or on an amorteringsplan.",
    check: (s) => (s.hold === null ? null : swedishRefusal(s.hold.kind === "paused" ? "case_paused" : s.hold.kind === "payment-plan" ? "on_payment_plan" : "case_disputed")),
  },
  "on-payment-plan": {
    rule: "Only a case on an amorteringsplan has a plan to end.",
    check: (s) => (s.hold?.kind === "payment-plan" ? null : swedishRefusal("not_on_payment_plan")),
  },
  overdue: {
    rule: "Letters only after the due date (lag (1981:739) 1 §: a debt that has fallen due).",
    check: (s, _e, ctx) => (ctx.today.isAfter(s.dueDate) ? null : swedishRefusal("not_overdue")),
  },
  "respite-over": {
    rule: "Not while a deadline given to the debtor runs.",
    check: (s, _e, ctx) => (s.respiteUntil && !ctx.today.isAfter(s.respiteUntil) ? swedishRefusal("respite_running", { date: s.respiteUntil }) : null),
  },
  "reminder-deadline-passed": {
    rule: "The inkassokrav after the påminnelse's deadline (god inkassosed: the debtor gets the time the påminnelse gave).",
    check: (s, _e, ctx) => (s.reminderDeadline && !ctx.today.isAfter(s.reminderDeadline) ? swedishRefusal("reminder_deadline_running", { date: s.reminderDeadline }) : null),
  },
  "letter-deadline-after-today": {
    rule: "A påminnelse's deadline lies after the day it is sent (no statutory minimum).",
    check: (_s, e, ctx) => (letter(e)!.deadline.isAfter(ctx.today) ? null : swedishRefusal("deadline_not_after_today")),
  },
  "receipt-not-before-sending": {
    rule: "A letter is presumed received on or after the day it is sent.",
    check: (_s, e, ctx) => (letter(e)!.presumedReceipt.isBefore(ctx.today) ? swedishRefusal("receipt_before_sending") : null),
  },
  "collection-demand-deadline-lawful": {
    rule: "The inkassokrav gives at least 8 days from sending and 4 bank days after presumed receipt (god inkassosed, IMY; inkassolagen 5 §).",
    check: (_s, e, ctx) => {
      const earliest = collectionDemandDeadline({ sentOn: ctx.today, channel: ctx.channel ?? "post", rules: ctx.rules }).earliestAllowed;
      return letter(e)!.deadline.isBefore(earliest) ? swedishRefusal("deadline_too_short", { date: earliest }) : null;
    },
  },
  "notice-deadline-passed": {
    rule: "The inkassokrav's deadline has passed; only then may the agency apply for betalningsföreläggande (god inkassosed).",
    check: (s, _e, ctx) => (after(s.noticeDeadline, ctx.today) ? null : swedishRefusal("notice_deadline_running", { date: s.noticeDeadline! })),
  },
  "legal-allowed": {
    rule: "Betalningsföreläggande only with the creditor's approval when that gate is on.",
    check: (s, _e, ctx) => ((ctx.gates ?? DEFAULT_SWEDISH_GATES).approveBeforeLegal && s.legalApprovedOn === null ? swedishRefusal("legal_approval_required") : null),
  },
  "twelve-months-of-collection": {
    rule: "Surveillance when unresolved 12 months after the inkassokrav (product choice, as for Norway).",
    check: (s, _e, ctx) => {
      const from = (s.noticeSentOn ?? s.openedOn).plusMonths(ctx.surveillanceAfterMonths ?? 12);
      return ctx.today.isBefore(from) ? swedishRefusal("surveillance_too_early", { date: from }) : null;
    },
  },
  "pause-allowed": {
    rule: "A pause needs a reason and an end after today; a disputed case is already on hold.",
    check: (s, e, ctx) => {
      if (s.hold?.kind === "disputed") return swedishRefusal("case_disputed");
      if (e.type !== "pause" || e.reason.trim() === "") return swedishRefusal("reason_required");
      return e.until && !e.until.isAfter(ctx.today) ? swedishRefusal("pause_end_not_after_today") : null;
    },
  },
  "is-paused": {
    rule: "Only a paused case resumes.",
    check: (s) => (s.hold?.kind === "paused" ? null : swedishRefusal("not_paused")),
  },
  "dispute-allowed": {
    rule: "A dispute needs the debtor's reason; it replaces a pause.",
    check: (s, e) => {
      if (s.hold?.kind === "disputed") return swedishRefusal("already_disputed");
      return e.type === "dispute" && e.reason.trim() !== "" ? null : swedishRefusal("reason_required");
    },
  },
  "is-disputed": {
    rule: "Only a disputed case has a dispute to resolve.",
    check: (s) => (s.hold?.kind === "disputed" ? null : swedishRefusal("not_disputed")),
  },
  "postpone-later": {
    rule: "A postponed deadline is later than the one running and after today.",
    check: (s, e, ctx) => {
      const current = swedishRunningDeadline(s)!;
      const floor = current.isAfter(ctx.today) ? current : ctx.today;
      return e.type === "postpone-due-date" && e.to.isAfter(floor) ? null : swedishRefusal("postpone_not_later", { date: floor });
    },
  },
  "balance-settled": {
    rule: "Paid in full means nothing is left on the case.",
    check: (_s, _e, ctx) => (ctx.balanceMinor <= 0 ? null : swedishRefusal("balance_not_zero")),
  },
  reopenable: {
    rule: "Only a case closed as paid or credited reopens.",
    check: (s) => (s.closeReason === "paid" || s.closeReason === "credited" ? null : swedishRefusal("not_reopenable")),
  },
  "balance-open": {
    rule: "A reopened case, or a payment plan, has something to pay.",
    check: (_s, _e, ctx) => (ctx.balanceMinor > 0 ? null : swedishRefusal("balance_zero")),
  },
} satisfies Record<string, { readonly rule: string; readonly check: Check<SwedishRefusal | null> }>;

export type SwedishGuardName = keyof typeof SWEDISH_GUARDS;

export const SWEDISH_CONDITIONS = {
  "legal-gate-closed": {
    rule: "The creditor wants to approve the application for betalningsföreläggande and has not approved it for this case.",
    holds: (s, _e, ctx) => (ctx.gates ?? DEFAULT_SWEDISH_GATES).approveBeforeLegal && s.legalApprovedOn === null,
  },
  "balance-settled": {
    rule: "Nothing is left on the case.",
    holds: (_s, _e, ctx) => ctx.balanceMinor <= 0,
  },
  "costs-incurred": {
    rule: "More than 10 days since the first letter: withdrawing costs the creditor the incurred fees and interest (as for Norway; product choice).",
    holds: (s, _e, ctx) => {
      const from = s.noticeSentOn ?? s.reminderSentOn;
      return from !== null && ctx.today.isAfter(from.plusDays(ctx.freeWithdrawalDays ?? 10));
    },
  },
} satisfies Record<string, { readonly rule: string; readonly holds: Check<boolean> }>;

export type SwedishConditionName = keyof typeof SWEDISH_CONDITIONS;

/** The part of each guard that looks only at the hold, for `allowedSwedishEvents` (the portal's buttons). */
export const SWEDISH_HOLD_CHECKS: Readonly<Partial<Record<SwedishGuardName, (s: SwedishCaseState) => boolean>>> = {
  "not-on-hold": (s) => s.hold === null,
  "is-paused": (s) => s.hold?.kind === "paused",
  "on-payment-plan": (s) => s.hold?.kind === "payment-plan",
  "is-disputed": (s) => s.hold?.kind === "disputed",
  "pause-allowed": (s) => s.hold?.kind !== "disputed",
  "dispute-allowed": (s) => s.hold?.kind !== "disputed",
};

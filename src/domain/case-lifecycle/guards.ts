import type { LocalDate } from "../calendar/local-date.js";
import { type CaseState, DEFAULT_GATES, type Gates, heavySalaryFrom, paymentRemarkFrom } from "./case-state.js";
import type { CaseEvent } from "./events.js";
import { type Refusal, refusal } from "./refusals.js";
import type { StopWindowPolicy } from "./stop-window.js";

/**
 * Guards (may this event happen now?) and conditions (which of a row's outcomes applies), named
 * so the transition table stays data that can be printed. Each carries the rule in words.
 */
export interface TransitionContext {
  readonly today: LocalDate;
  /** The case's open balance in minor units (all buckets) after any money this event brings. */
  readonly balanceMinor: number;
  readonly gates?: Gates;
  /** Default: Amili's list on the first Tuesday after the notice's deadline (`stop-window.ts`). */
  readonly stopWindow?: StopWindowPolicy;
  /** Collection before surveillance (Amili: 12 months). */
  readonly surveillanceAfterMonths?: number;
  /** Withdrawal is free this many days after the collection notice (Amili: 10). */
  readonly freeWithdrawalDays?: number;
}

type Check<T> = (s: CaseState, e: CaseEvent, ctx: TransitionContext) => T;

interface Guard {
  readonly rule: string;
  readonly check: Check<Refusal | null>;
}

const after = (d: LocalDate | null, today: LocalDate): boolean => d !== null && today.isAfter(d);
const gates = (ctx: TransitionContext): Gates => ctx.gates ?? DEFAULT_GATES;
const letterDeadline = (e: CaseEvent, today: LocalDate): LocalDate => ("deadline" in e && e.deadline) || today.plusDays(14);

/** The last payment demand sent: a renewed one (inkassoloven § 11) or the first. */
export function lastPaymentDemandOn(s: CaseState): LocalDate | null {
  return s.renewedDemandSentOn ?? s.demandSentOn;
}

/**
 * inkassoloven § 11: legal collection must start within six months after the payment demand was
 * sent; later, a new payment demand must be sent first. A case the agency took over with no demand
 * of its own (none sent) is not stale here: the demand guards of the stages before apply.
 */
export function paymentDemandStale(s: CaseState, today: LocalDate): boolean {
  const last = lastPaymentDemandOn(s);
  return last !== null && today.isAfter(last.plusMonths(6));
}

/** Where the first agency letter's free-withdrawal period starts (Amili: the notice; else the first letter). */
function freeWithdrawalFrom(s: CaseState): LocalDate | null {
  if (s.noticeSentBy === "agency" && s.noticeSentOn) return s.noticeSentOn;
  return s.reminderSentOn ?? s.demandSentOn;
}

/** The deadline a postponement moves, per stage. */
export function runningDeadline(s: CaseState): LocalDate | null {
  switch (s.stage) {
    case "opened":
      return s.respiteUntil ?? s.dueDate;
    case "reminder":
      return s.reminderDeadline;
    case "collection-notice":
      return s.noticeDeadline;
    case "payment-demand":
      return s.demandDeadline;
    default:
      return null;
  }
}

export const GUARDS = {
  "not-on-hold": {
    rule: "Nothing moves while the case is paused or disputed.",
    check: (s) => (s.hold === null ? null : refusal(s.hold.kind === "paused" ? "case_paused" : s.hold.kind === "payment-plan" ? "on_payment_plan" : s.hold.kind === "insolvency" ? "debtor_insolvent" : "case_disputed")),
  },
  overdue: {
    rule: "Letters only after the due date.",
    check: (s, _e, ctx) => (ctx.today.isAfter(s.dueDate) ? null : refusal("not_overdue")),
  },
  "respite-over": {
    rule: "Not while a deadline given to the debtor runs.",
    check: (s, _e, ctx) => (s.respiteUntil && !ctx.today.isAfter(s.respiteUntil) ? refusal("respite_running", { date: s.respiteUntil }) : null),
  },
  "notice-not-before-14-days": {
    rule: "The collection notice no earlier than 14 days after due (inkassoforskriften § 1-2: no fee before; Amili: 'sendes tidligst ut 14 dager etter forfall').",
    check: (s, _e, ctx) => {
      const from = s.dueDate.plusDays(14);
      return ctx.today.isBefore(from) ? refusal("too_early_for_notice", { date: from }) : null;
    },
  },
  "reminder-deadline-passed": {
    rule: "The collection notice after the reminder's deadline.",
    check: (s, _e, ctx) => (s.reminderDeadline && !ctx.today.isAfter(s.reminderDeadline) ? refusal("reminder_deadline_running", { date: s.reminderDeadline }) : null),
  },
  "letter-deadline-after-today": {
    rule: "A reminder's deadline lies after the day it is sent.",
    check: (_s, e, ctx) => (letterDeadline(e, ctx.today).isAfter(ctx.today) ? null : refusal("deadline_not_after_today")),
  },
  "deadline-at-least-14-days": {
    rule: "Collection notice and payment demand give at least 14 days (inkassoloven § 9, § 10).",
    check: (_s, e, ctx) => {
      const min = ctx.today.plusDays(14);
      return letterDeadline(e, ctx.today).isBefore(min) ? refusal("deadline_too_short", { date: min }) : null;
    },
  },
  "notice-deadline-passed": {
    rule: "The notice's deadline has passed (it is not extended for holidays: Ot.prp. nr. 2 (1997–98) s. 114).",
    check: (s, _e, ctx) => (after(s.noticeDeadline, ctx.today) ? null : refusal("notice_deadline_running", { date: s.noticeDeadline! })),
  },
  "ledger-notice-expired": {
    rule: "Without an agency notice, a payment demand needs the ledger's collection notice with its deadline passed (inkassoloven § 10).",
    check: (s, _e, ctx) => {
      if (s.noticeSentBy !== "ledger" || s.noticeDeadline === null) return refusal("no_collection_notice");
      return after(s.noticeDeadline, ctx.today) ? null : refusal("notice_deadline_running", { date: s.noticeDeadline });
    },
  },
  "stop-window-over": {
    rule: "The creditor's stop window has ended.",
    check: (s, _e, ctx) => (s.stopWindowEndsOn && !ctx.today.isAfter(s.stopWindowEndsOn) ? refusal("stop_window_open", { date: s.stopWindowEndsOn }) : null),
  },
  "payment-demand-deadline-passed": {
    rule: "The payment demand's deadline has passed.",
    check: (s, _e, ctx) => (after(s.demandDeadline, ctx.today) ? null : refusal("payment_demand_deadline_running", { date: s.demandDeadline! })),
  },
  "heavy-salary-due": {
    rule: "Heavy salary once the payment demand's deadline is overrun by more than 28 days (inkassoforskriften § 2-3), days disputed not counted (inkassoloven § 17), once.",
    check: (s, _e, ctx) => {
      if (s.heavySalaryOn !== null) return refusal("heavy_salary_already_charged");
      const from = heavySalaryFrom(s)!;
      return ctx.today.isBefore(from) ? refusal("heavy_salary_not_yet", { date: from }) : null;
    },
  },
  "legal-allowed": {
    rule: "Legal steps only with the creditor's approval when that gate is on.",
    check: (s, _e, ctx) => (gates(ctx).approveBeforeLegal && s.legalApprovedOn === null ? refusal("legal_approval_required") : null),
  },
  "renewed-demand-deadline-passed": {
    rule: "A renewed payment demand's deadline has passed before a legal step (inkassoloven § 11: the deadlines given must have run out).",
    check: (s, _e, ctx) =>
      s.renewedDemandDeadline && !after(s.renewedDemandDeadline, ctx.today) ? refusal("renewed_demand_deadline_running", { date: s.renewedDemandDeadline }) : null,
  },
  "renewed-demand-deadline-lawful": {
    rule: "A payment demand renewed under inkassoloven § 11 gives at least 14 days, as any payment demand (§ 10).",
    check: (s, e, ctx) => {
      if (!paymentDemandStale(s, ctx.today)) return null;
      const min = ctx.today.plusDays(14);
      return letterDeadline(e, ctx.today).isBefore(min) ? refusal("deadline_too_short", { date: min }) : null;
    },
  },
  "pending-legal-step-due": {
    rule: "A legal step waits for the renewed payment demand's deadline (inkassoloven § 11).",
    check: (s, _e, ctx) => {
      if (s.pendingLegalStep === null || s.renewedDemandDeadline === null) return refusal("no_pending_legal_step");
      return after(s.renewedDemandDeadline, ctx.today) ? null : refusal("renewed_demand_deadline_running", { date: s.renewedDemandDeadline });
    },
  },
  "remark-allowed": {
    rule: "Payment remark: businesses one month after the payment demand, consumers one month after a legal step, and not before 30 days (the bureaus' licence conditions, Prop. 139 L (2018–2019), PVN-2004-05; the agencies' published 30 days); once.",
    check: (s, _e, ctx) => {
      if (s.remarkOn !== null) return refusal("remark_already_registered");
      if (s.debtorType === "consumer" && s.legalOn === null) return refusal("remark_needs_legal_step");
      const from = paymentRemarkFrom(s)!;
      return ctx.today.isBefore(from) ? refusal("remark_too_early", { date: from }) : null;
    },
  },
  "twelve-months-of-collection": {
    rule: "Surveillance when unresolved after 12 months of collection from the payment demand (Amili: 'ikke er løst etter 12 måneders ordinær inkassopågang').",
    check: (s, _e, ctx) => {
      const from = (s.demandSentOn ?? s.openedOn).plusMonths(ctx.surveillanceAfterMonths ?? 12);
      return ctx.today.isBefore(from) ? refusal("surveillance_too_early", { date: from }) : null;
    },
  },
  "pause-allowed": {
    rule: "A pause needs a reason and an end after today; a disputed case is already on hold. A paused case may be paused again to change reason or end.",
    check: (s, e, ctx) => {
      if (s.hold?.kind === "disputed") return refusal("case_disputed");
      if (s.hold?.kind === "payment-plan") return refusal("on_payment_plan");
      if (s.hold?.kind === "insolvency") return refusal("debtor_insolvent");
      if (e.type !== "pause" || e.reason.trim() === "") return refusal("reason_required");
      return e.until && !e.until.isAfter(ctx.today) ? refusal("pause_end_not_after_today") : null;
    },
  },
  "is-paused": {
    rule: "Only a paused case resumes.",
    check: (s) => (s.hold?.kind === "paused" ? null : refusal("not_paused")),
  },
  "dispute-allowed": {
    rule: "A dispute needs the debtor's reason; it replaces a pause.",
    check: (s, e) => {
      if (s.hold?.kind === "disputed") return refusal("already_disputed");
      if (s.hold?.kind === "insolvency") return refusal("debtor_insolvent");
      return e.type === "dispute" && e.reason.trim() !== "" ? null : refusal("reason_required");
    },
  },
  "waiver-reason": {
    rule: "Waiving costs needs the case handler's reason (inkassoloven § 17; audited on the timeline).",
    check: (_s, e) => (e.type === "waive-costs" && e.reason.trim() !== "" ? null : refusal("reason_required")),
  },
  "is-disputed": {
    rule: "Only a disputed case has a dispute to resolve.",
    check: (s) => (s.hold?.kind === "disputed" ? null : refusal("not_disputed")),
  },
  "postpone-later": {
    rule: "A postponed deadline is later than the one running and after today (a shorter one would break inkassoloven §§ 9–10).",
    check: (s, e, ctx) => {
      const current = runningDeadline(s)!;
      const floor = current.isAfter(ctx.today) ? current : ctx.today;
      return e.type === "postpone-due-date" && e.to.isAfter(floor) ? null : refusal("postpone_not_later", { date: floor });
    },
  },
  "balance-settled": {
    rule: "Paid in full means nothing is left on the case.",
    check: (_s, _e, ctx) => (ctx.balanceMinor <= 0 ? null : refusal("balance_not_zero")),
  },
  reopenable: {
    rule: "Only a case closed as paid or credited reopens (a reversed payment or credit note, docs/CASES.md).",
    check: (s) => (s.closeReason === "paid" || s.closeReason === "credited" ? null : refusal("not_reopenable")),
  },
  "not-insolvent": {
    rule: "One insolvency at a time; it replaces a pause, a dispute or a payment plan (the estate or the debt settlement decides now).",
    check: (s) => (s.hold?.kind === "insolvency" ? refusal("debtor_insolvent") : null),
  },
  "is-insolvent": {
    rule: "Only a case held by the debtor's insolvency has one to end.",
    check: (s) => (s.hold?.kind === "insolvency" ? null : refusal("not_insolvent")),
  },
  "on-payment-plan": {
    rule: "Only a case held by a payment plan has a plan to end.",
    check: (s) => (s.hold?.kind === "payment-plan" ? null : refusal("not_on_payment_plan")),
  },
  "balance-open": {
    rule: "A reopened case has something to collect.",
    check: (_s, _e, ctx) => (ctx.balanceMinor > 0 ? null : refusal("balance_zero")),
  },
} satisfies Record<string, Guard>;

export type GuardName = keyof typeof GUARDS;

interface Condition {
  readonly rule: string;
  readonly holds: Check<boolean>;
}

export const CONDITIONS = {
  "payment-demand-gate-closed": {
    rule: "The creditor wants to approve payment demands and has not approved this one.",
    holds: (s, _e, ctx) => gates(ctx).approveBeforePaymentDemand && s.paymentDemandApprovedOn === null,
  },
  "legal-gate-closed": {
    rule: "The creditor wants to approve legal steps and has not approved them for this case.",
    holds: (s, _e, ctx) => gates(ctx).approveBeforeLegal && s.legalApprovedOn === null,
  },
  "balance-settled": {
    rule: "Nothing is left on the case.",
    holds: (_s, _e, ctx) => ctx.balanceMinor <= 0,
  },
  "costs-incurred": {
    rule: "More than 10 days since the agency's collection notice (or its first letter): withdrawing costs the creditor the incurred fees and interest (Amili).",
    holds: (s, _e, ctx) => {
      const from = freeWithdrawalFrom(s);
      return from !== null && ctx.today.isAfter(from.plusDays(ctx.freeWithdrawalDays ?? 10));
    },
  },
  "payment-demand-stale": {
    rule: "More than six months since the last payment demand: a new one must be sent before a legal step (inkassoloven § 11).",
    holds: (s, _e, ctx) => paymentDemandStale(s, ctx.today),
  },
  "instalment-cost-allowed": {
    rule: "inkassoforskriften § 2-4 første ledd: the salær maxima are raised when a payment plan of more than four instalments is agreed — only on a case charged salær, and only when the creditor charges it.",
    holds: (_s, e) => e.type === "agree-payment-plan" && e.instalments > 4 && e.chargeInstalmentCost === true,
  },
  "remark-registered": {
    rule: "A payment remark is registered (it is deleted when the case ends paid, credited or withdrawn).",
    holds: (s) => s.remarkOn !== null,
  },
} satisfies Record<string, Condition>;

export type ConditionName = keyof typeof CONDITIONS;

/** The part of each guard that looks only at the hold, for `allowedEvents` (the portal's buttons). */
export const HOLD_CHECKS: Readonly<Partial<Record<GuardName, (s: CaseState) => boolean>>> = {
  "not-on-hold": (s) => s.hold === null,
  "is-paused": (s) => s.hold?.kind === "paused",
  "is-disputed": (s) => s.hold?.kind === "disputed",
  "pause-allowed": (s) => s.hold?.kind !== "disputed" && s.hold?.kind !== "payment-plan" && s.hold?.kind !== "insolvency",
  "not-insolvent": (s) => s.hold?.kind !== "insolvency",
  "is-insolvent": (s) => s.hold?.kind === "insolvency",
  "on-payment-plan": (s) => s.hold?.kind === "payment-plan",
  "dispute-allowed": (s) => s.hold?.kind !== "disputed",
};

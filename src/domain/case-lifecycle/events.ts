import type { LocalDate } from "../calendar/local-date.js";
import type { InsolvencyKind, LegalStep } from "./case-state.js";

/**
 * What can happen to a case. Date-driven events come from the case engine's daily run
 * (`scheduledEvents`), the rest from people (creditor in the portal, case handler) or from the
 * ledger sync (payments, credit notes). A letter's `deadline` is computed by the caller with the
 * business calendar; when absent it is the legal minimum, 14 days from today.
 */
export type CaseEvent =
  | { readonly type: "send-reminder"; readonly deadline?: LocalDate }
  | { readonly type: "send-collection-notice"; readonly deadline?: LocalDate }
  | { readonly type: "notice-deadline-passed" }
  /** The payment demand is due: sent now, or held for the creditor's approval when that gate is on. */
  | { readonly type: "send-payment-demand"; readonly deadline?: LocalDate }
  | { readonly type: "approve-payment-demand"; readonly deadline?: LocalDate }
  | { readonly type: "payment-demand-deadline-passed" }
  | { readonly type: "heavy-salary-due" }
  | { readonly type: "approve-legal" }
  /**
   * A legal step asked for. More than six months after the last payment demand it is not taken:
   * a new demand goes out (with `deadline`, default 14 days) and the step waits for its deadline
   * (inkassoloven § 11).
   */
  | { readonly type: "legal-step-recorded"; readonly step: LegalStep; readonly deadline?: LocalDate }
  /** The day after a renewed payment demand's deadline: the legal step that waited for it is taken. */
  | { readonly type: "take-pending-legal-step" }
  | { readonly type: "register-payment-remark" }
  | { readonly type: "move-to-surveillance" }
  | { readonly type: "pause"; readonly reason: string; readonly until?: LocalDate | null }
  | { readonly type: "resume" }
  | { readonly type: "dispute"; readonly reason: string }
  | { readonly type: "dispute-resolved" }
  /** The creditor gave the debtor until `to`: moves the running letter's deadline (later only). */
  | { readonly type: "postpone-due-date"; readonly to: LocalDate }
  /** A part payment or part credit; the context's balance is the balance after it. */
  | { readonly type: "payment-received" }
  | { readonly type: "paid-in-full" }
  | { readonly type: "credited-in-full" }
  | { readonly type: "withdraw" }
  | { readonly type: "write-off" }
  /**
   * The case handler waives the debtor's fees, salær and legal costs already charged, with a
   * reason (inkassoloven § 17: no costs from a debtor whose objection reasonably needed
   * assessment, "selv om kostnadene påløp før innsigelsene ble satt fram"). Audited on the timeline.
   */
  | { readonly type: "waive-costs"; readonly reason: string }
  /** A payment or credit note reversed in the ledger after the case closed as paid or credited. */
  | { readonly type: "reopen" }
  /**
   * A payment plan agreed with the debtor (`planId`; `instalments` decides the instalment
   * agreement's cost, inkassoforskriften § 2-4): the case is held until the plan ends.
   */
  | { readonly type: "agree-payment-plan"; readonly planId: string; readonly instalments: number; readonly chargeInstalmentCost?: boolean; /** The first instalment (a Swedish amorteringsplan's confirmation names it). */ readonly firstOn?: LocalDate }
  /** The plan ended: completed, broken (a missed instalment past the grace period) or cancelled; the case resumes where it stood. */
  | { readonly type: "end-payment-plan"; readonly outcome: "completed" | "broken" | "cancelled" }
  /**
   * A case that cannot be collected now goes to surveillance instead of closing: no means found,
   * written off by the creditor, or legal steps without result (langtidsovervåking).
   */
  | { readonly type: "to-surveillance"; readonly reason: SurveillanceReason }
  /** The debtor's bankruptcy, death or debt settlement: ordinary collection stops (an insolvency hold). */
  | { readonly type: "insolvency"; readonly kind: InsolvencyKind }
  /** The bankruptcy or debt settlement ended without covering the claim (or was set aside): collection may resume. */
  | { readonly type: "insolvency-ended" };

export const SURVEILLANCE_REASONS = ["no-means", "written-off", "legal-no-result"] as const;
export type SurveillanceReason = (typeof SURVEILLANCE_REASONS)[number];

export type EventType = CaseEvent["type"];

export const EVENT_TYPES = [
  "send-reminder",
  "send-collection-notice",
  "notice-deadline-passed",
  "send-payment-demand",
  "approve-payment-demand",
  "payment-demand-deadline-passed",
  "heavy-salary-due",
  "approve-legal",
  "legal-step-recorded",
  "take-pending-legal-step",
  "register-payment-remark",
  "move-to-surveillance",
  "pause",
  "resume",
  "dispute",
  "dispute-resolved",
  "postpone-due-date",
  "payment-received",
  "paid-in-full",
  "credited-in-full",
  "withdraw",
  "write-off",
  "waive-costs",
  "reopen",
  "agree-payment-plan",
  "end-payment-plan",
  "to-surveillance",
  "insolvency",
  "insolvency-ended",
] as const satisfies readonly EventType[];

// Every member of the union is listed above (a missing one fails to compile here).
type _Missing = Exclude<EventType, (typeof EVENT_TYPES)[number]>;
const _allListed: _Missing extends never ? true : false = true;
void _allListed;

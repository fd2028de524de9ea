import type { LocalDate } from "../calendar/local-date.js";

/**
 * The Norwegian collection case (docs/CASES.md) as a stage plus the dates each step recorded.
 * Field names follow the `cases` table (`notice_sent_on`, `demand_deadline`, `hold`, …).
 *
 * Stages are the steps of the law's sequence (inkassoloven §§ 9–10, then legal steps). Two things
 * that look like stages are deliberately not:
 *
 * - **Holds** (`paused`, `disputed`) are a field beside the stage. A hold can start in any open
 *   stage and the case continues where it stood when it ends; as stages they would need a
 *   remembered return stage and would refuse every progression event anyway. As a field, the
 *   stage stays true ("payment demand sent") while the hold says why nothing moves, and the
 *   portal shows both. One hold at a time: a dispute replaces a pause, because a dispute stops
 *   costs (inkassoloven § 17) and must be resolved before anything else happens; the pause stays
 *   in the timeline.
 * - **Heavy salary** is a date (`heavySalaryOn`). It falls due 28 days after the payment demand's
 *   deadline whether the case then awaits legal approval, is in ordinary collection, in legal
 *   steps or in surveillance; a stage would fork every later stage.
 */
export const STAGES = [
  /** Taken over by the agency; no letter sent yet. */
  "opened",
  /** Purring sent by the agency (optional first letter). */
  "reminder",
  /** Inkassovarsel sent; its ≥ 14-day deadline runs (inkassoloven § 9). */
  "collection-notice",
  /** The notice's deadline passed; the creditor can still stop the case (Amili's collection list). */
  "stop-window",
  /** Gate: the creditor approves before the payment demand is sent (off by default). */
  "awaiting-payment-demand-approval",
  /** Betalingsoppfordring sent with ≥ 14 days (inkassoloven § 10); light salary charged. */
  "payment-demand",
  /** Gate: the creditor approves legal steps (on by default). */
  "awaiting-legal-approval",
  /** The demand's deadline passed; the handler works the case and may take legal steps. */
  "ordinary-collection",
  /** Forliksklage or utlegg recorded. */
  "legal",
  /** Unresolved after 12 months of collection: periodic credit checks (overvåking). */
  "surveillance",
  "closed",
] as const;
export type Stage = (typeof STAGES)[number];
export const OPEN_STAGES: readonly Stage[] = STAGES.filter((s) => s !== "closed");

export const CLOSE_REASONS = ["paid", "credited", "withdrawn", "written-off"] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export type DebtorType = "consumer" | "business";

export type Hold =
  | { readonly kind: "paused"; readonly reason: string; readonly since: LocalDate; readonly until: LocalDate | null }
  | { readonly kind: "disputed"; readonly reason: string; readonly since: LocalDate }
  /**
   * A payment plan (betalingsavtale) holds the case: no letters, salær or legal steps while it
   * holds; `reason` names the plan. It ends when the plan is completed, broken (a missed
   * instalment past the grace period) or cancelled, and the case resumes where it stood.
   */
  | { readonly kind: "payment-plan"; readonly reason: string; readonly since: LocalDate }
  /**
   * The debtor is bankrupt (konkurs), dead (dødsbo) or in debt settlement (gjeldsordning): ordinary
   * collection stops — no letters, salær or legal steps; the claim is lodged with the estate or the
   * debt settlement instead (`reason` says which). Payments (a dividend) still allocate.
   */
  | { readonly kind: "insolvency"; readonly reason: InsolvencyKind; readonly since: LocalDate };

export const INSOLVENCY_KINDS = ["bankruptcy", "deceased", "debt-settlement"] as const;
export type InsolvencyKind = (typeof INSOLVENCY_KINDS)[number];

/** The creditor's approval gates (docs/CASES.md; Procountor: "Som standard krävs alltid ditt godkännande innan några rättsliga inkassoåtgärder inleds"). */
export interface Gates {
  readonly approveBeforePaymentDemand: boolean;
  readonly approveBeforeLegal: boolean;
}
export const DEFAULT_GATES: Gates = { approveBeforePaymentDemand: false, approveBeforeLegal: true };

export type LegalStep = "forliksklage" | "utlegg";

export interface CaseState {
  readonly stage: Stage;
  readonly hold: Hold | null;
  readonly debtorType: DebtorType;
  readonly openedOn: LocalDate;
  /** Business-day adjusted due date; interest runs from here. */
  readonly dueDate: LocalDate;
  /** A new deadline given to the debtor before any letter went out ("utsatt forfallsdato"). */
  readonly respiteUntil: LocalDate | null;
  readonly reminderSentOn: LocalDate | null;
  readonly reminderDeadline: LocalDate | null;
  readonly noticeSentOn: LocalDate | null;
  readonly noticeDeadline: LocalDate | null;
  /** A notice sent by the ledger before transfer counts for inkassoloven § 10, but opens no stop window. */
  readonly noticeSentBy: "agency" | "ledger" | null;
  /** The day the creditor gets the list of cases about to go on (Amili: first Tuesday after the deadline). */
  readonly stopListOn: LocalDate | null;
  /** The last day the creditor can stop the case; the payment demand may go the day after. */
  readonly stopWindowEndsOn: LocalDate | null;
  readonly paymentDemandApprovedOn: LocalDate | null;
  readonly demandSentOn: LocalDate | null;
  readonly demandDeadline: LocalDate | null;
  /**
   * A new payment demand sent because a legal step came more than six months after the last one
   * (inkassoloven § 11). The first demand's dates stay: heavy salær, payment remarks and
   * surveillance count from them.
   */
  readonly renewedDemandSentOn: LocalDate | null;
  readonly renewedDemandDeadline: LocalDate | null;
  /** The legal step asked for while a renewed demand's deadline runs; taken the day after it. */
  readonly pendingLegalStep: LegalStep | null;
  readonly heavySalaryOn: LocalDate | null;
  /**
   * Days the claim stood disputed after the payment demand's deadline, before heavy salær: they do
   * not count toward the 28 days of inkassoforskriften § 2-3 (inkassoloven § 17: no costs from a
   * debtor whose objection reasonably needed assessment). Absent: none.
   */
  readonly disputedDays?: number;
  readonly legalApprovedOn: LocalDate | null;
  /** The first legal step (betalingsanmerkning for consumers counts from it). */
  readonly legalOn: LocalDate | null;
  readonly lastLegalStep: LegalStep | null;
  readonly remarkOn: LocalDate | null;
  readonly surveillanceOn: LocalDate | null;
  readonly closedOn: LocalDate | null;
  readonly closeReason: CloseReason | null;
  /** Where `reopen` returns to. */
  readonly closedFromStage: Stage | null;
}

/**
 * The first day heavy salær may be charged: the payment demand's deadline overrun by more than 28
 * days (inkassoforskriften § 2-3), the days the claim stood disputed after that deadline not
 * counted (`disputedDays`). Null before a payment demand.
 */
export function heavySalaryFrom(s: CaseState): LocalDate | null {
  return s.demandDeadline ? s.demandDeadline.plusDays(29 + (s.disputedDays ?? 0)) : null;
}

/**
 * The first day a payment remark may be registered (docs/CASES.md, "Payment remarks"): a business
 * one month after the payment demand (the agency's "krav om inndrivelse"), a consumer one month
 * after a legal step (forliksklage, stevning, begjæring om utlegg) — the credit bureaus' licence
 * conditions kredittopplysningsforskriften carried over (Prop. 139 L (2018–2019); Personvernnemnda
 * PVN-2004-05) — and never before the 30 days the agencies publish: the later of the two. Null
 * while the case has not reached that point (a consumer without a legal step).
 */
export function paymentRemarkFrom(s: CaseState): LocalDate | null {
  const base = s.debtorType === "business" ? s.demandSentOn : s.legalOn;
  if (!base) return null;
  const month = base.plusMonths(1);
  const days = base.plusDays(30);
  return month.isBefore(days) ? days : month;
}

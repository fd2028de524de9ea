import type { LocalDate } from "../calendar/local-date.js";
import { collectionNoticeDeadline, paymentDemandDeadline, reminderDeadline } from "../calendar/deadlines.js";
import type { LegalStep } from "../case-lifecycle/case-state.js";
import type { NorwegianRuleSet } from "../jurisdictions/no/no-rule-set.js";
import type { SwedishRuleSet } from "../jurisdictions/se/se-rule-set.js";

/**
 * What the planners need to know besides the case: the creditor's terms for running its cases
 * (its collection settings, docs/CASES.md), the day, the rule set, and where new ids come from.
 * The planners read no clock and draw no random number: `today` and `newId` are given.
 */
export interface CaseTerms {
  readonly firstStep: "reminder" | "collection-notice";
  readonly reminderDeadlineDays: number;
  readonly noticeDeadlineDays: number;
  readonly paymentDemandDeadlineDays: number;
  /** Days after the notice's deadline the creditor can still stop the case; null: Visma Amili's rule. */
  readonly stopWindowDays: number | null;
  readonly approveBeforePaymentDemand: boolean;
  readonly approveBeforeLegal: boolean;
  readonly legalStep: LegalStep;
  readonly surveillanceAfterMonths: number;
  readonly freeWithdrawalDays: number;
  // --- Swedish creditors (absent: false / true / the minimum) ---
  /** lag (1981:739) 2 §: a påminnelseavgift was agreed when the debt arose. */
  readonly reminderFeeAgreed?: boolean;
  /** The inkassokrav's days from sending; null: god inkassosed's minimum. */
  readonly collectionDemandDeadlineDays?: number | null;
  /** lag (1981:739) 4 a §: charge a business debtor the förseningsersättning (450 kr). */
  readonly lateCompensation?: boolean;
}

export interface CaseCreditor {
  readonly vatRegistered: boolean;
  readonly settings: CaseTerms;
  /** The creditor's country: its law runs the case (absent: NO). */
  readonly jurisdiction?: "NO" | "SE";
  /** The creditor's name (a Swedish inkassokrav must name the borgenär, inkassolagen 5 §). */
  readonly name?: string;
  readonly agencyName?: string;
  /** What the claim rests on, as the letter says it. */
  readonly claimBasis?: string;
}

export interface PlanContext {
  readonly today: LocalDate;
  readonly creditor: CaseCreditor;
  /** The Norwegian rule set: the only one the case engine runs today; the currency comes from the case. */
  readonly rules: NorwegianRuleSet;
  /** The Swedish rule set, for a Swedish creditor's cases (sweden.ts). */
  readonly swedishRules?: SwedishRuleSet;
  /** A fresh unique id (a letter's id); the caller decides how. */
  readonly newId: () => string;
}

/** The deadline each letter sent today gets, per the creditor's terms and the law's minimums. */
export function deadlinesFor(today: LocalDate, terms: CaseTerms): { reminder: LocalDate; notice: LocalDate; demand: LocalDate } {
  return {
    reminder: reminderDeadline(today, terms.reminderDeadlineDays).deadline,
    notice: collectionNoticeDeadline(today, terms.noticeDeadlineDays).deadline,
    demand: paymentDemandDeadline(today, terms.paymentDemandDeadlineDays).deadline,
  };
}

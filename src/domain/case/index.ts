/**
 * The case at the centre, pure: a typed account of one case and the planners of what a business
 * day, a payment, a credit note, a reversal, a person's action and an opening do to it. Each
 * returns a plan; the case store (src/collection/cases/case-store.ts) loads accounts and writes
 * plans. No database, no clock, no random: `today` and `newId` are given.
 */
export { type Buckets, type CaseAccount, type InterestFacts, type LedgerLetterFact, BUCKET_ORDER, inCurrency, openBalance, openBalances, zeroBuckets } from "./account.js";
export { type ActionPlan, planAction } from "./action.js";
export { type EventOutcome, type PlannedEvent, applyEvent, chargeFor, eventFor, planDay, runScheduled, scheduleOptions, transitionContext } from "./day.js";
export { planCreditNote } from "./credit-note.js";
export { compiledFor } from "./interest.js";
export { type CaseOpening, type ClaimToOpen, type OpeningCreditor, ledgerLetterFact, ledgerLetterJson, planOpening } from "./opening.js";
export {
  type MoneyChannel,
  type PaymentPlan,
  type PaymentToPlan,
  checkPaymentInput,
  closedCaseEvent,
  planClosedCasePayment,
  planMoney,
  planPayment,
} from "./payment.js";
export {
  type AllocationRecord,
  type CasePlan,
  type CaseStatusMessage,
  type ChargePlan,
  type LetterPlan,
  type PaymentChannel,
  type PaymentRecord,
  type ReasonText,
  type TimelinePlan,
  accountAfter,
  emptyPlan,
  finish,
  withReason,
} from "./plan.js";
export { type RestoredInterest, type ReversalToPlan, planReversal, restoredInterest } from "./reversal.js";
export { type CostBucket, COST_BUCKETS, costsIncurred, reduceCosts, waiveAllCosts } from "./waiver.js";
export { type CaseCreditor, type CaseTerms, type PlanContext, deadlinesFor } from "./terms.js";
export { isSwedish, swedishPaymentPlanFee } from "./sweden.js";

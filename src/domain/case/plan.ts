import type { Bucket } from "../allocation.js";
import type { LocalDate } from "../calendar/local-date.js";
import type { CaseState, Stage } from "../case-lifecycle/case-state.js";
import type { Money } from "../money.js";
import type { CaseAccount } from "./account.js";

/**
 * A plan: what one use case does to one case, computed in memory, for the case store to write in
 * the caller's transaction. Every row it names is keyed so that writing it again writes nothing
 * (charges per case and key, timeline rows per case and dedupe key, letters per case, kind and
 * day, payments per creditor, source and external reference, outbox rows per idempotency key).
 */
export interface ChargePlan {
  key: string;
  kind:
    | "reminder-fee"
    | "notice-fee"
    /** Swedish inkassoersättning (lag (1981:739) 3 § 1) and amorteringsplan fee (3 § 2). */
    | "collection-fee"
    | "payment-plan-fee"
    /** Swedish förseningsersättning from a business debtor (lag (1981:739) 4 a §), once per claim. */
    | "late-compensation"
    | "light-salary"
    | "heavy-salary"
    | "legal-costs"
    | "withdrawal-cost"
    /** The raised salær maximum of a payment plan of more than four instalments (inkassoforskriften § 2-4). */
    | "instalment-agreement"
    /** Negative: costs taken off the debtor's balance (waiver.ts). */
    | "fees-waived"
    | "salary-waived"
    | "legal-costs-waived"
    | "salary-recapped";
  /** "creditor": billed to the creditor, not added to the debtor's balance. */
  bucket: "fees" | "salary" | "legal-costs" | "creditor";
  amount: Money;
  rule: string;
  source: string;
  confidence: string;
  payer: "debtor" | "creditor";
}

export interface LetterPlan {
  id: string;
  /** Swedish cases add the amorteringsplan confirmation and the application for betalningsföreläggande. */
  kind: "reminder" | "collection-notice" | "payment-demand" | "payment-plan" | "payment-order-application";
  deadline: LocalDate;
}

export interface TimelinePlan {
  type: string;
  stage: string;
  data: Record<string, unknown>;
  reason: string | null;
  dedupeKey: string;
}

/** A timeline reason in the portal's languages. */
export interface ReasonText {
  readonly nb: string;
  readonly en: string;
}

/**
 * A timeline row's reason: `reason` keeps the English text (the CLI, logs, webhooks), and
 * `data.reasonText` carries it in each language, so the case page shows it in the reader's
 * (`GET /v1/cases/:id`, `reasonIn`).
 */
export function withReason(data: Record<string, unknown>, text: ReasonText): { data: Record<string, unknown>; reason: string } {
  return { data: { ...data, reasonText: text }, reason: text.en };
}

/** `cost-refund`: a zero-amount record that carries the negative allocations of costs waived by a person (waiver.ts). */
export type PaymentChannel = "agency" | "creditor" | "credit-note" | "reversal" | "cost-refund";

/** A `payments` row: money in (positive) or taken back (a reversal, negative). */
export interface PaymentRecord {
  id: string;
  receivedOn: LocalDate;
  amount: Money;
  channel: PaymentChannel;
  source: string;
  externalRef: string;
  reference: string | null;
  /** Due for the same-day payment journal in the creditor's ledger (money paid to the agency on an open case). */
  journalDue: boolean;
}

export interface AllocationRecord {
  paymentId: string;
  bucket: Bucket;
  /** Negative when a reversal undoes an allocation. */
  amount: Money;
}

/** The ledger must be told the case's stage and balance (PowerOffice UpdateStatus); the store adds the version and balance it wrote. */
export interface CaseStatusMessage {
  kind: "case-status";
  stage: Stage;
}

export interface CasePlan {
  caseId: string;
  creditorId: string;
  /** The version the plan was made from: the store writes only if the case is still at it. */
  expectedVersion: number;
  /** The account after the plan's money (paid per bucket, interest, credit, claim for salær); charges come on top, as recorded. */
  account: CaseAccount;
  /**
   * "case": state, money and version are written and the ledger is told. "money-only": only the
   * account's money columns (money kept on a closed case changes no state and no version).
   */
  scope: "case" | "money-only";
  state: CaseState;
  nextActionOn: LocalDate | null;
  /** The limitation date after the plan (a part payment or a legal step interrupts it: foreldelsesloven §§ 14, 15, 17). */
  limitationOn: LocalDate | null;
  charges: ChargePlan[];
  letters: LetterPlan[];
  timeline: TimelinePlan[];
  payments: PaymentRecord[];
  allocations: AllocationRecord[];
  outbox: CaseStatusMessage[];
  /** The event refused (the case needs a person), if any. */
  refused: string | null;
  /** räntelagen 4 §: the day interest starts, set by this plan (the inkassokrav on a claim without an agreed due date); null: unchanged. */
  interestFrom: LocalDate | null;
}

export function emptyPlan(account: CaseAccount): CasePlan {
  return {
    caseId: account.id,
    creditorId: account.creditorId,
    expectedVersion: account.version,
    account,
    scope: "case",
    state: account.state,
    nextActionOn: null,
    limitationOn: account.limitationOn,
    charges: [],
    letters: [],
    timeline: [],
    payments: [],
    allocations: [],
    outbox: [],
    refused: null,
    interestFrom: null,
  };
}

/** The plan complete: a plan that changes the case tells the ledger its stage (and balance). */
export function finish(plan: CasePlan): CasePlan {
  plan.outbox = plan.scope === "case" ? [{ kind: "case-status", stage: plan.state.stage }] : [];
  return plan;
}

/**
 * The account as it is once the plan is written: its money, the charges to the debtor's buckets
 * added, the new state, limitation and next action date, one version on (a money-only plan keeps
 * the version). What the store's write amounts to, for tests and for planning on.
 */
export function accountAfter(plan: CasePlan): CaseAccount {
  const a = plan.account;
  if (plan.scope === "money-only") return a;
  const charged = { ...a.charged };
  for (const c of plan.charges) {
    if (c.bucket === "creditor") continue;
    charged[c.bucket] = { amount: charged[c.bucket].amount + c.amount.amount, currency: a.currency };
  }
  return { ...a, charged, state: plan.state, limitationOn: plan.limitationOn, nextActionOn: plan.nextActionOn, version: a.version + 1 };
}

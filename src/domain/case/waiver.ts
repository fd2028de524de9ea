import type { Bucket } from "../allocation.js";
import type { Money } from "../money.js";
import type { CaseAccount } from "./account.js";
import type { AllocationRecord, CasePlan, ChargePlan } from "./plan.js";

/**
 * Costs the debtor turns out not to owe, taken off the debtor's balance: fees, salær and legal
 * costs waived in full (a claim credited in full; inkassoloven § 17 through the case handler's
 * `waive-costs`), or the salær re-capped to what a corrected claim allows.
 *
 * Representation: a negative charge per bucket (kind `fees-waived`, `salary-waived`,
 * `legal-costs-waived`, `salary-recapped`). The case store already adds every charge it writes to
 * the bucket's charged column, keyed once per (case, key), so a negative charge needs no new
 * column, no new statement and no new reader: the charges list shows the charge and its waiver
 * side by side, and the generated balance follows. Nothing is edited after the fact.
 *
 * What the debtor already paid toward a cost that is no longer owed is not a negative bucket: the
 * bucket's paid amount comes down to what is still charged, the difference becomes the debtor's
 * credit (to refund), and a negative allocation on `refundPaymentId` records it, so that for every
 * bucket what was paid is what was allocated, and no bucket is negative.
 */
export type CostBucket = Extract<Bucket, "fees" | "salary" | "legal-costs">;
export const COST_BUCKETS: readonly CostBucket[] = ["fees", "salary", "legal-costs"];

const WAIVED_KIND = { fees: "fees-waived", salary: "salary-waived", "legal-costs": "legal-costs-waived" } as const;

/** What is charged on a bucket once the plan is written: the account's figure and the plan's own charges. */
export function chargedInPlan(plan: CasePlan, bucket: CostBucket): number {
  return plan.account.charged[bucket].amount + plan.charges.filter((c) => c.bucket === bucket).reduce((s, c) => s + c.amount.amount, 0);
}

export interface Reduction {
  bucket: CostBucket;
  /** The new charged figure of the bucket (≥ 0). */
  to: number;
  kind: ChargePlan["kind"];
  key: string;
  rule: string;
  source: string;
}

/**
 * Brings each bucket's charge down to `to` (a negative charge) and the paid amount with it (the
 * excess paid becomes credit, allocated negatively on `refundPaymentId`). Changes `plan` in
 * place; returns the charges added and the credit moved. A bucket already at or below `to` is left alone.
 */
export function reduceCosts(plan: CasePlan, reductions: readonly Reduction[], refundPaymentId: string): { charges: ChargePlan[]; refunded: number; allocations: AllocationRecord[] } {
  const currency = plan.account.currency;
  const money = (amount: number): Money => ({ amount, currency });
  const charges: ChargePlan[] = [];
  const allocations: AllocationRecord[] = [];
  let paid = plan.account.paid;
  let refunded = 0;
  for (const r of reductions) {
    const charged = chargedInPlan(plan, r.bucket);
    const cut = charged - Math.max(0, r.to);
    if (cut <= 0) continue;
    const charge: ChargePlan = { key: r.key, kind: r.kind, bucket: r.bucket, amount: money(-cut), rule: r.rule, source: r.source, confidence: "primary", payer: "debtor" };
    plan.charges.push(charge);
    charges.push(charge);
    const refund = Math.max(0, paid[r.bucket].amount - (charged - cut));
    if (refund > 0) {
      paid = { ...paid, [r.bucket]: money(paid[r.bucket].amount - refund) };
      allocations.push({ paymentId: refundPaymentId, bucket: r.bucket, amount: money(-refund) });
      refunded += refund;
    }
  }
  plan.account = { ...plan.account, paid, credit: money(plan.account.credit.amount + refunded) };
  plan.allocations.push(...allocations);
  return { charges, refunded, allocations };
}

/** Every cost bucket waived in full (a full credit, or the case handler's waiver), keyed by `key`. */
export function waiveAllCosts(plan: CasePlan, key: string, rule: string, source: string, refundPaymentId: string) {
  return reduceCosts(
    plan,
    COST_BUCKETS.map((bucket) => ({ bucket, to: 0, kind: WAIVED_KIND[bucket], key: `${WAIVED_KIND[bucket]}:${key}`, rule, source })),
    refundPaymentId,
  );
}

/** The costs a plan leaves charged to the debtor, before any waiver (what a creditor may be invoiced for). */
export function costsIncurred(account: CaseAccount, earlier: readonly ChargePlan[]): number {
  const positive = earlier.filter((c) => c.bucket !== "creditor" && c.amount.amount > 0).reduce((s, c) => s + c.amount.amount, 0);
  return COST_BUCKETS.reduce((s, b) => s + account.charged[b].amount, 0) + positive;
}

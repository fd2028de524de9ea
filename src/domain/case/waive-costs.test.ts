import { TERMS } from "./case.fixture.js";
import { describe, expect, it } from "vitest";
import { LocalDate } from "../calendar/local-date.js";
import { caseAt } from "../case-lifecycle/test-fixtures.js";
import { transition } from "../case-lifecycle/transition.js";
import { maxCollectionSalary } from "../fees/collection-salary.js";
import { rulesFor } from "../jurisdictions/rule-set.js";
import type { Money } from "../money.js";
import { BUCKET_ORDER, openBalance, type CaseAccount } from "./account.js";
import { planAction } from "./action.js";
import { planPayment } from "./payment.js";
import { accountAfter } from "./plan.js";
import type { CaseTerms, PlanContext } from "./terms.js";

/**
 * inkassoloven § 17: costs cannot be claimed from a debtor whose objection reasonably needed
 * assessment, "selv om kostnadene påløp før innsigelsene ble satt fram" — so the case handler can
 * waive costs already charged (with a reason, audited), not only stop future ones (issue 12, item 3).
 */
const rules = rulesFor("NO");
const d = (t: string) => LocalDate.parse(t);
const nok = (amount: number): Money => ({ amount, currency: "NOK" });
const terms: CaseTerms = TERMS;
let ids = 0;
const ctx = (today: string): PlanContext => ({ today: d(today), creditor: { vatRegistered: true, settings: terms }, rules, newId: () => `00000000-0000-4000-9000-${String(++ids).padStart(12, "0")}` });

/** A disputed consumer case after its payment demand: notice fee and light salær charged, some interest. */
function disputedCase(): CaseAccount {
  const demanded = caseAt("payment-demand");
  const r = transition(demanded, { type: "dispute", reason: "the goods were never delivered" }, { today: d("2025-03-18"), balanceMinor: 1 });
  if (!r.ok) throw new Error(r.reason.code);
  const salary = maxCollectionSalary({ claim: nok(10_000_00), debtor: "consumer", heavy: false, creditorVatRegistered: true, claimDueDate: demanded.dueDate, on: demanded.demandSentOn!, rules }).amount;
  const z = nok(0);
  return {
    id: "case-2",
    creditorId: "creditor-1",
    currency: "NOK",
    version: 7,
    state: r.state,
    charged: { fees: nok(35_00), salary, "legal-costs": z, interest: nok(120_00), principal: nok(10_000_00) },
    paid: { fees: z, salary: z, "legal-costs": z, interest: z, principal: z },
    interest: { base: z, baseOn: demanded.dueDate, accruedOn: d("2025-03-20") },
    claimForSalary: nok(10_000_00),
    credit: z,
    limitationOn: null,
    nextActionOn: null,
  };
}

describe("waive-costs (inkassoloven § 17)", () => {
  it("takes every fee, salær and legal cost already charged off the debtor's balance; the interest stays", () => {
    const account = disputedCase();
    const planned = planAction(account, { type: "waive-costs", reason: "the objection needed assessment" }, ctx("2025-03-20"));
    if (!planned.ok) throw new Error(planned.code);
    const after = accountAfter(planned.plan);
    expect(after.charged.fees.amount).toBe(0);
    expect(after.charged.salary.amount).toBe(0);
    expect(after.charged["legal-costs"].amount).toBe(0);
    expect(after.charged.interest.amount).toBe(120_00);
    expect(openBalance(after).amount).toBe(10_000_00 + 120_00);
    expect(planned.plan.charges.map((c) => c.kind).sort()).toEqual(["fees-waived", "salary-waived"]);
    // Audited: the timeline row carries the reason (the store adds the actor).
    expect(planned.plan.timeline[0]).toMatchObject({ type: "waive-costs", reason: "the objection needed assessment" });
    // The dispute itself stays until it is resolved.
    expect(after.state.hold?.kind).toBe("disputed");
  });

  it("costs the debtor already paid become credit to refund, carried by a zero-amount cost-refund row", () => {
    const undisputed = { ...disputedCase(), state: caseAt("payment-demand") };
    const paid = accountAfter(planPayment(undisputed, { paymentId: "p1", amount: nok(100_00), receivedOn: d("2025-03-20"), channel: "agency", source: "bank", externalRef: "p1" }, ctx("2025-03-20")).plan);
    expect(paid.paid.fees.amount).toBe(35_00);
    const planned = planAction(paid, { type: "waive-costs", reason: "unfounded fee" }, ctx("2025-03-20"));
    if (!planned.ok) throw new Error(planned.code);
    const after = accountAfter(planned.plan);
    expect(after.credit.amount).toBe(100_00);
    expect(planned.plan.payments).toHaveLength(1);
    expect(planned.plan.payments[0]).toMatchObject({ channel: "cost-refund", amount: { amount: 0 } });
    for (const b of BUCKET_ORDER) {
      const allocated = planned.plan.allocations.filter((a) => a.bucket === b).reduce((s, a) => s + a.amount.amount, 0);
      expect(after.paid[b].amount - paid.paid[b].amount, b).toBe(allocated);
      expect(after.charged[b].amount - after.paid[b].amount, b).toBeGreaterThanOrEqual(0);
    }
  });

  it("is refused without a reason, and changes nothing", () => {
    const planned = planAction(disputedCase(), { type: "waive-costs", reason: "  " }, ctx("2025-03-20"));
    expect(planned).toMatchObject({ ok: false, code: "reason_required" });
  });
});

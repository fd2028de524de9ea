import { TERMS } from "./case.fixture.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LocalDate } from "../calendar/local-date.js";
import { caseAt } from "../case-lifecycle/test-fixtures.js";
import type { CaseState } from "../case-lifecycle/case-state.js";
import { maxCollectionSalary } from "../fees/collection-salary.js";
import { interestMinor } from "../interest/compiled-rate-table.js";
import { rulesFor } from "../jurisdictions/rule-set.js";
import { formatNorwegian, type Money } from "../money.js";
import { BUCKET_ORDER, openBalance, type CaseAccount } from "./account.js";
import { compiledFor } from "./interest.js";
import { planMoney, planPayment } from "./payment.js";
import { planReversal } from "./reversal.js";
import { accountAfter, type CasePlan } from "./plan.js";
import type { CaseTerms, PlanContext } from "./terms.js";

/**
 * A credit note is not a payment (issue 12, item 2) and a claim credited in full leaves the
 * debtor owing nothing (item 3). Accounts are built from states reached by real transitions
 * (caseAt) and charged with the fee rules' own figures; the expected interest is the rule core's
 * formula on the corrected principal from the due date (forsinkelsesrenteloven § 2).
 */
const rules = rulesFor("NO");
const table = compiledFor(rules.lateInterest);
const d = (t: string) => LocalDate.parse(t);
const nok = (amount: number): Money => ({ amount, currency: "NOK" });
const PRINCIPAL = 10_000_00;
const NOTICE_FEE = 35_00;

const terms: CaseTerms = TERMS;
let ids = 0;
const ctx = (today: string): PlanContext => ({ today: d(today), creditor: { vatRegistered: true, settings: terms }, rules, newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, "0")}` });

function lightSalary(claim: number, state: CaseState): number {
  return maxCollectionSalary({ claim: nok(claim), debtor: state.debtorType, heavy: false, creditorVatRegistered: true, claimDueDate: state.dueDate, on: state.demandSentOn!, rules }).amount.amount;
}

/** A consumer case after its payment demand (notice fee and light salær charged), interest run up to `accruedOn`. */
function caseAfterDemand(accruedOn = "2025-03-20"): CaseAccount {
  const state = caseAt("payment-demand");
  const due = state.dueDate;
  const z = nok(0);
  return {
    id: "case-1",
    creditorId: "creditor-1",
    currency: "NOK",
    version: 3,
    state,
    charged: { fees: nok(NOTICE_FEE), salary: nok(lightSalary(PRINCIPAL, state)), "legal-costs": z, interest: nok(interestMinor(PRINCIPAL, due.epochDay, d(accruedOn).epochDay, table)), principal: nok(PRINCIPAL) },
    paid: { fees: z, salary: z, "legal-costs": z, interest: z, principal: z },
    interest: { base: z, baseOn: due, accruedOn: d(accruedOn) },
    claimForSalary: nok(PRINCIPAL),
    credit: z,
    limitationOn: due.plusYears(3),
    nextActionOn: null,
  };
}

const creditNote = (amount: number, on = "2025-03-20") => ({ paymentId: `cn-${amount}-${on}`, amount: nok(amount), receivedOn: d(on), channel: "credit-note" as const, source: "ledger", externalRef: `cn-${amount}-${on}` });

/** Paid = allocated per bucket, no bucket negative, and the money in = allocations + credit. */
function expectInvariants(before: CaseAccount, plan: CasePlan, amount: number) {
  const after = accountAfter(plan);
  for (const b of BUCKET_ORDER) {
    const allocated = plan.allocations.filter((a) => a.bucket === b).reduce((s, a) => s + a.amount.amount, 0);
    expect(after.paid[b].amount - before.paid[b].amount, `paid ${b}`).toBe(allocated);
    expect(after.charged[b].amount - after.paid[b].amount, `open ${b}`).toBeGreaterThanOrEqual(0);
    expect(after.paid[b].amount, `paid ${b}`).toBeGreaterThanOrEqual(0);
  }
  const allocated = plan.allocations.reduce((s, a) => s + a.amount.amount, 0);
  expect(amount).toBe(allocated + (after.credit.amount - before.credit.amount));
  return after;
}

describe("a credit note is not a payment (forsinkelsesrenteloven § 2; inkassoforskriften §§ 2-2, 2-3)", () => {
  it("removes the interest the credited part bore from the due date: the corrected claim's interest, not interest run up on the whole principal", () => {
    const account = caseAfterDemand("2025-03-20");
    const { plan } = planMoney(account, creditNote(4_000_00, "2025-03-20"), ctx("2025-03-20"));
    const after = expectInvariants(account, plan, 4_000_00);
    const due = account.state.dueDate.epochDay;
    expect(after.charged.interest.amount).toBe(interestMinor(6_000_00, due, d("2025-03-20").epochDay, table));
    expect(after.charged.principal.amount - after.paid.principal.amount).toBe(6_000_00);
    // The interest keeps running on the corrected principal from the same base date.
    expect(after.interest.baseOn.toString()).toBe(account.state.dueDate.toString());
    expect(plan.timeline.map((t) => t.type)).toEqual(["credit-note"]);
    expect(plan.timeline[0]!.data).toMatchObject({ principalCredited: 4_000_00, interestRemoved: { from: "2025-01-31", source: "forsinkelsesrenteloven § 2 første ledd" } });
  });

  it("a credit dated earlier than the interest date removes the same interest (the credited part was never owed on any day)", () => {
    const account = caseAfterDemand("2025-03-20");
    const early = accountAfter(planMoney(account, creditNote(4_000_00, "2025-03-01"), ctx("2025-03-20")).plan);
    const late = accountAfter(planMoney(account, creditNote(4_000_00, "2025-03-20"), ctx("2025-03-20")).plan);
    expect(early.charged.interest.amount).toBe(late.charged.interest.amount);
  });

  it("after a part payment: exact up to one rounding, and does not move the base date", () => {
    const account = caseAfterDemand("2025-03-20");
    const paidOn = d("2025-03-15");
    // Interest is brought to the payment date on the whole principal and frozen there (a payment is one).
    const paid = planPayment(account, { paymentId: "p1", amount: nok(5_000_00), receivedOn: paidOn, channel: "agency", source: "bank", externalRef: "p1" }, ctx("2025-03-20"));
    const afterPayment = accountAfter(paid.plan);
    const principalLeft = afterPayment.charged.principal.amount - afterPayment.paid.principal.amount;
    const { plan } = planMoney(afterPayment, creditNote(2_000_00), ctx("2025-03-20"));
    const after = expectInvariants(afterPayment, plan, 2_000_00);
    const due = account.state.dueDate.epochDay;
    // The corrected claim is 8 000: 8 000 open from the due date to the payment, then 8 000 − (the part of 5 000 not spent on costs and interest).
    const corrected = 10_000_00 - 2_000_00;
    const exact = interestMinor(corrected, due, paidOn.epochDay, table) + interestMinor(principalLeft - 2_000_00, paidOn.epochDay, d("2025-03-20").epochDay, table);
    expect(Math.abs(after.charged.interest.amount - exact)).toBeLessThanOrEqual(1);
    expect(after.interest.baseOn.toString()).toBe("2025-03-15");
  });

  it("re-caps a light salær charged on the uncorrected claim to the corrected claim's band, as a negative charge", () => {
    const account = caseAfterDemand();
    const { plan } = planMoney(account, creditNote(9_000_00), ctx("2025-03-20"));
    const after = expectInvariants(account, plan, 9_000_00);
    const cap = lightSalary(1_000_00, account.state);
    expect(cap).toBeLessThan(account.charged.salary.amount);
    expect(after.charged.salary.amount).toBe(cap);
    const recap = plan.charges.find((c) => c.kind === "salary-recapped")!;
    expect(recap.amount.amount).toBe(cap - account.charged.salary.amount);
    expect(recap.bucket).toBe("salary");
    expect(plan.timeline[0]!.data).toMatchObject({ salaryRecapped: { from: account.charged.salary.amount, to: cap, heavy: false } });
    // The fee is a fraction of the inkassosats, not of the claim: it stays.
    expect(after.charged.fees.amount).toBe(NOTICE_FEE);
  });

  it("interest and salær the debtor already paid that turn out not owed become credit, never a negative bucket", () => {
    const account = caseAfterDemand();
    // Paid everything owed but 100 of principal: costs and interest in full.
    const owed = openBalance(account).amount - 100_00;
    const paid = accountAfter(planPayment(account, { paymentId: "p1", amount: nok(owed), receivedOn: d("2025-03-20"), channel: "agency", source: "bank", externalRef: "p1" }, ctx("2025-03-20")).plan);
    expect(paid.paid.salary.amount).toBe(account.charged.salary.amount);
    const { plan, credit } = planMoney(paid, creditNote(9_000_00), ctx("2025-03-20"));
    const after = expectInvariants(paid, plan, 9_000_00);
    expect(after.paid.interest.amount).toBe(after.charged.interest.amount);
    expect(after.paid.salary.amount).toBe(after.charged.salary.amount);
    // 100 credited against open principal; the other 8 900 was principal the debtor paid and never owed.
    expect(credit.amount).toBeGreaterThan(8_900_00);
    expect(plan.allocations.filter((a) => a.amount.amount < 0).map((a) => a.bucket).sort()).toEqual(["interest", "salary"]);
  });

  it("a credit note larger than the open principal: the excess was principal the debtor paid, kept as credit", () => {
    const account = caseAfterDemand();
    const paid = accountAfter(planPayment(account, { paymentId: "p1", amount: nok(openBalance(account).amount - 3_000_00), receivedOn: d("2025-03-20"), channel: "agency", source: "bank", externalRef: "p1" }, ctx("2025-03-20")).plan);
    const { plan } = planMoney(paid, creditNote(5_000_00), ctx("2025-03-20"));
    const after = expectInvariants(paid, plan, 5_000_00);
    expect(after.charged.principal.amount - after.paid.principal.amount).toBe(0);
    expect(plan.timeline[0]!.data).toMatchObject({ principalCredited: 3_000_00, exceedsOpenPrincipal: { amount: 2_000_00, paidByDebtor: 2_000_00, beyondClaim: 0 } });
    expect(after.claimForSalary.amount).toBe(5_000_00);
    // The reason in both languages, each with its own number format; the row's reason is the English.
    const credit = after.credit.amount - paid.credit.amount;
    expect(credit).toBeGreaterThan(0);
    const { reasonText } = plan.timeline[0]!.data as { reasonText: { nb: string; en: string } };
    expect(reasonText.en).toContain(`${(credit / 100).toFixed(2)} is kept as the debtor's credit to refund`);
    expect(reasonText.nb).toContain(`${formatNorwegian(nok(credit))} holdes som skyldnerens tilgodehavende`);
    expect(plan.timeline[0]!.reason).toBe(reasonText.en);
  });
});

describe("a credit note, then the payment before it reversed", () => {
  it("takes back from the credit what the credit note had refunded of the payment's interest: no paid bucket negative", () => {
    const account = caseAfterDemand();
    const payment = planPayment(account, { paymentId: "p1", amount: nok(1_000_00), receivedOn: d("2025-03-20"), channel: "agency", source: "bank", externalRef: "p1" }, ctx("2025-03-20"));
    const paid = accountAfter(payment.plan);
    const credited = accountAfter(planMoney(paid, creditNote(9_500_00), ctx("2025-03-20")).plan);
    expect(credited.credit.amount).toBeGreaterThan(0);
    const reversed = accountAfter(
      planReversal(credited, { reversalId: "r1", amount: nok(1_000_00), on: d("2025-03-20"), source: "bank", externalRef: "r1", original: { id: "p1", receivedOn: d("2025-03-20"), allocations: payment.allocations } }, ctx("2025-03-20")),
    );
    for (const b of BUCKET_ORDER) expect(reversed.paid[b].amount, b).toBeGreaterThanOrEqual(0);
    expect(reversed.credit.amount).toBe(0);
    // What remains paid of the principal is the credit note's part only.
    const creditedPrincipal = credited.paid.principal.amount - paid.paid.principal.amount;
    expect(reversed.paid.principal.amount).toBe(creditedPrincipal);
  });
});

describe("a claim credited in full leaves the debtor owing nothing (inkassoloven § 17; the creditor's agreement bears the costs)", () => {
  it("closes as credited with a balance of 0: interest, fees and salær off the debtor's balance, the costs charged to the creditor", () => {
    const account = caseAfterDemand();
    const { plan, balance } = planMoney(account, creditNote(PRINCIPAL), ctx("2025-03-20"));
    const after = expectInvariants(account, plan, PRINCIPAL);
    expect(balance.amount).toBe(0);
    expect(openBalance(after).amount).toBe(0);
    expect(after.state.closeReason).toBe("credited");
    for (const b of BUCKET_ORDER) expect(after.charged[b].amount - after.paid[b].amount, b).toBe(0);
    expect(after.charged.interest.amount).toBe(0);
    expect(plan.timeline.map((t) => t.type)).toEqual(["credit-note", "credited-in-full"]);
    const costs = NOTICE_FEE + account.charged.salary.amount;
    expect(plan.charges.filter((c) => c.amount.amount < 0).reduce((s, c) => s + c.amount.amount, 0)).toBe(-costs);
    const toCreditor = plan.charges.filter((c) => c.payer === "creditor");
    expect(toCreditor).toHaveLength(1);
    expect(toCreditor[0]!.amount.amount).toBe(costs);
    // The ledger is told the stage; the store reports its (zero) balance.
    expect(plan.outbox).toEqual([{ kind: "case-status", stage: "closed" }]);
  });

  it("what the debtor paid toward interest and costs becomes credit to refund", () => {
    const account = caseAfterDemand();
    const paidIn = 2_000_00;
    const paid = accountAfter(planPayment(account, { paymentId: "p1", amount: nok(paidIn), receivedOn: d("2025-03-20"), channel: "agency", source: "bank", externalRef: "p1" }, ctx("2025-03-20")).plan);
    const { plan, credit } = planMoney(paid, creditNote(PRINCIPAL), ctx("2025-03-20"));
    const after = expectInvariants(paid, plan, PRINCIPAL);
    expect(openBalance(after).amount).toBe(0);
    // Everything the debtor paid is refunded: nothing of the claim was owed.
    expect(after.credit.amount).toBe(paidIn);
    expect(credit.amount).toBe(paidIn);
  });

  it("within the free period the costs are not invoiced to the creditor either", () => {
    const account = { ...caseAfterDemand(), state: caseAt("collection-notice") };
    const { plan } = planMoney({ ...account, charged: { ...account.charged, salary: nok(0) } }, creditNote(PRINCIPAL, "2025-02-20"), ctx("2025-02-20"));
    expect(plan.charges.filter((c) => c.payer === "creditor")).toEqual([]);
    expect(openBalance(accountAfter(plan)).amount).toBe(0);
  });
});

describe("credit notes, property: money conserved, no bucket negative, interest never added", () => {
  it("for any payment before and any credit amount", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12_000_00 }), fc.integer({ min: 1, max: 20_000_00 }), fc.integer({ min: 0, max: 20 }), (paidIn, credit, dayOffset) => {
        const account = caseAfterDemand();
        const paidOn = d("2025-03-01").plusDays(dayOffset).toString();
        const paid = paidIn > 0 ? accountAfter(planPayment(account, { paymentId: "p", amount: nok(paidIn), receivedOn: d(paidOn), channel: "agency", source: "bank", externalRef: "p" }, ctx("2025-03-20")).plan) : account;
        if (paid.state.closedOn !== null) return;
        const { plan } = planMoney(paid, creditNote(credit), ctx("2025-03-20"));
        const after = expectInvariants(paid, plan, credit);
        expect(after.charged.interest.amount).toBeLessThanOrEqual(paid.charged.interest.amount);
        expect(after.charged.salary.amount).toBeLessThanOrEqual(paid.charged.salary.amount);
        if (after.claimForSalary.amount === 0) expect(openBalance(after).amount).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});

import { describe, expect, it } from "vitest";
import { catchError } from "../domain-error.fixture.js";
import { openBalance, openBalances } from "./account.js";
import { context, d, openedAccount } from "./case.fixture.js";
import { planAction } from "./action.js";
import { planDay } from "./day.js";
import { planOpening } from "./opening.js";
import { planCreditNote } from "./credit-note.js";
import { planClosedCasePayment, planPayment } from "./payment.js";
import { accountAfter } from "./plan.js";
import { planReversal } from "./reversal.js";

const nok = (amount: number) => ({ amount, currency: "NOK" as const });
const pay = (id: string, amount: number, on: string, channel: "agency" | "creditor" = "agency") => ({ paymentId: id, amount: nok(amount), receivedOn: d(on), channel, source: "test", externalRef: id });

describe("planOpening", () => {
  it("opens on the next business day's due date with a case number, a KID, the opened row and the case-opened message", () => {
    // 2025-03-01 is a Saturday: the due date moves to Monday 2025-03-03 (gjeldsbrevloven § 5 via the business calendar).
    const o = planOpening(
      { claimId: "c1", debtorId: "d1", debtorType: "consumer", dueDate: d("2025-03-01"), principalMinor: 50_000 },
      { caseId: "k1", number: 42, creditor: { code: "ACME", jurisdiction: "NO", currency: "NOK", settings: { firstStep: "collection-notice", kidAlgorithm: "MOD10" } }, today: d("2025-03-20") },
    );
    expect(o.caseNumber).toBe("ACME-42");
    expect(o.kid).toMatch(/^000000042\d$/);
    expect(o.dueDate.toString()).toBe("2025-03-03");
    expect(o.principal).toEqual(nok(50_000));
    expect(o.timeline).toMatchObject({ type: "opened", stage: "opened", dedupeKey: "opened", reason: null });
    expect(o.outbox).toEqual({ kind: "case-opened", payload: { caseId: "k1", claimId: "c1", caseNumber: "ACME-42" } });
    expect(o.nextActionOn).not.toBeNull();
  });
});

describe("planDay", () => {
  it("sends the collection notice with its fee and tells the ledger; planned again from the state after, it adds nothing", () => {
    const account = openedAccount({});
    const ctx = context(account.nextActionOn!.toString());
    const plan = planDay(account, ctx);
    expect(plan.letters).toEqual([{ id: "id-1", kind: "collection-notice", deadline: expect.anything() }]);
    expect(plan.charges.map((c) => [c.kind, c.bucket, c.amount.currency])).toEqual([["notice-fee", "fees", "NOK"]]);
    expect(plan.charges[0]!.amount.amount).toBeGreaterThan(0);
    expect(plan.state.stage).toBe("collection-notice");
    expect(plan.outbox).toEqual([{ kind: "case-status", stage: "collection-notice" }]);
    expect(plan.timeline[0]).toMatchObject({ type: "send-collection-notice", dedupeKey: `send-collection-notice:${ctx.today}` });

    const again = planDay(accountAfter(plan), context(ctx.today.toString()));
    expect(again.charges).toEqual([]);
    expect(again.letters).toEqual([]);
    expect(again.timeline).toEqual([]);
  });

  it("charges in the case's currency: no currency is assumed", () => {
    const account = openedAccount({ currency: "SEK" });
    const plan = planDay(account, context(account.nextActionOn!.toString()));
    expect(plan.charges.every((c) => c.amount.currency === "SEK")).toBe(true);
  });

  it("does nothing before the next action date", () => {
    const account = openedAccount({});
    const plan = planDay(account, context(account.nextActionOn!.minusDays(1).toString()));
    expect(plan.charges).toEqual([]);
    expect(plan.letters).toEqual([]);
    expect(plan.nextActionOn?.toString()).toBe(account.nextActionOn!.toString());
  });
});

describe("planPayment", () => {
  it("allocates costs, then interest, then principal, freezes the interest at the payment date and interrupts limitation (foreldelsesloven § 14)", () => {
    const account = openedAccount({ fees: 35_000, salary: 70_000 });
    const r = planPayment(account, pay("p1", 120_000, "2025-03-03"), context("2025-03-03"));
    const interest = r.plan.account.interest.base.amount;
    expect(interest).toBeGreaterThan(0); // late interest from the due date to the payment date
    expect(r.allocations).toEqual([
      { bucket: "fees", amount: nok(35_000) },
      { bucket: "salary", amount: nok(70_000) },
      { bucket: "interest", amount: nok(Math.min(interest, 15_000)) },
      ...(interest < 15_000 ? [{ bucket: "principal", amount: nok(15_000 - interest) }] : []),
    ]);
    expect(r.credit).toEqual(nok(0));
    expect(r.plan.account.interest.baseOn.toString()).toBe("2025-03-03");
    expect(r.plan.limitationOn!.isAfter(account.limitationOn!)).toBe(true);
    expect(r.plan.payments).toEqual([expect.objectContaining({ id: "p1", amount: nok(120_000), channel: "agency", journalDue: true })]);
    expect(r.plan.timeline[0]).toMatchObject({ type: "payment-received", dedupeKey: "payment:p1" });
    expect(r.plan.outbox).toEqual([{ kind: "case-status", stage: r.plan.state.stage }]);
  });

  it("closes the case when the balance reaches zero and keeps an over-payment as a credit", () => {
    const account = openedAccount({ principal: 10_000 });
    const r = planPayment(account, pay("p1", 20_000, "2025-01-15"), context("2025-02-02"));
    expect(r.balance).toEqual(nok(0));
    expect(r.credit).toEqual(nok(10_000));
    expect(r.plan.state.stage).toBe("closed");
    expect(r.plan.state.closeReason).toBe("paid");
  });

  it("refuses money in another currency and a payment dated before the last principal change, naming the field", () => {
    const account = openedAccount({});
    expect(catchError(() => planPayment(account, { ...pay("p1", 100, "2025-03-03"), amount: { amount: 100, currency: "SEK" } }, context("2025-03-03")))).toMatchObject({ code: "currency_mismatch", field: "amount" });
    const after = planPayment(account, pay("p1", 100, "2025-03-03"), context("2025-03-03")).plan.account;
    expect(catchError(() => planPayment(after, pay("p2", 100, "2025-03-02"), context("2025-03-03")))).toMatchObject({ code: "invalid_input", field: "receivedOn" });
  });
});

describe("planCreditNote", () => {
  it("reduces the principal only, and the claim the salær band is chosen by; limitation is not interrupted", () => {
    const account = openedAccount({ fees: 35_000 });
    const r = planCreditNote(account, { paymentId: "c1", amount: nok(400_000), receivedOn: d("2025-03-03"), source: "ledger", externalRef: "c1" }, context("2025-03-03"));
    expect(r.allocations).toEqual([{ bucket: "principal", amount: nok(400_000) }]);
    expect(r.plan.account.claimForSalary).toEqual(nok(600_000));
    expect(r.plan.limitationOn?.toString()).toBe(account.limitationOn?.toString());
    expect(r.plan.payments[0]).toMatchObject({ channel: "credit-note", journalDue: false });
  });

  it("ends the case as credited when it cancels the whole principal", () => {
    const account = openedAccount({ principal: 10_000 });
    const r = planCreditNote(account, { paymentId: "c1", amount: nok(10_000), receivedOn: d("2025-02-02"), source: "ledger", externalRef: "c1" }, context("2025-02-02"));
    expect(r.plan.state.stage).toBe("closed");
    expect(r.plan.state.closeReason).toBe("credited");
  });
});

describe("planClosedCasePayment", () => {
  it("keeps money on a closed case as a credit, without touching state or version", () => {
    const closed = accountAfter(planPayment(openedAccount({ principal: 10_000 }), pay("p1", 10_000, "2025-01-15"), context("2025-02-02")).plan);
    const r = planClosedCasePayment(closed, pay("p2", 5_000, "2025-02-03"));
    expect(r.plan.scope).toBe("money-only");
    expect(r.plan.outbox).toEqual([]);
    expect(r.plan.account.credit).toEqual(nok(closed.credit.amount + 5_000));
    expect(r.plan.timeline).toEqual([expect.objectContaining({ type: "payment-on-closed-case", stage: "closed", dedupeKey: "payment:p2" })]);
    expect(accountAfter(r.plan).version).toBe(closed.version);
  });
});

describe("planReversal", () => {
  it("undoes a payment bucket by bucket and reopens the case it had closed", () => {
    const open = openedAccount({ principal: 10_000, fees: 3_500 });
    const paid = planPayment(open, pay("p1", 13_500, "2025-01-15"), context("2025-02-02"));
    const closed = accountAfter(paid.plan);
    expect(closed.state.stage).toBe("closed");
    const plan = planReversal(
      closed,
      { reversalId: "r1", amount: nok(13_500), on: d("2025-02-10"), source: "ledger", externalRef: "r1", original: { id: "p1", receivedOn: d("2025-01-15"), allocations: paid.allocations } },
      context("2025-02-10"),
    );
    expect(plan.allocations.map((a) => [a.bucket, a.amount.amount])).toEqual(paid.allocations.map((a) => [a.bucket, -a.amount.amount]));
    expect(plan.payments).toEqual([expect.objectContaining({ id: "r1", amount: nok(-13_500), channel: "reversal", reference: "reverses:p1" })]);
    expect(plan.account.paid).toEqual(open.paid);
    expect(plan.state.stage).not.toBe("closed");
    expect(plan.timeline[0]).toMatchObject({ dedupeKey: "reversal:r1" });
    expect(openBalance(plan.account).amount).toBeGreaterThanOrEqual(13_500);
  });
});

describe("planAction", () => {
  it("pauses a case, keyed by the version it changed; a refused event changes nothing and says why", () => {
    const account = openedAccount({});
    const ctx = { ...context("2025-02-02"), note: "Betalingsavtale" };
    const r = planAction(account, { type: "pause", reason: "Betalingsavtale", until: d("2025-03-01") }, ctx);
    if (!r.ok) throw new Error(r.code);
    expect(r.plan.state.hold?.kind).toBe("paused");
    expect(r.plan.timeline[0]).toMatchObject({ type: "pause", reason: "Betalingsavtale", dedupeKey: "pause:2025-02-02:v0" });

    const refused = planAction(account, { type: "resume" }, context("2025-02-02"));
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.text.en.length).toBeGreaterThan(0);
  });

  it("never leaves a bucket negative", () => {
    const r = planPayment(openedAccount({ salary: 5_000 }), pay("p1", 2_000_000, "2025-02-02"), context("2025-02-02"));
    for (const b of Object.values(openBalances(r.plan.account))) expect(b.amount).toBeGreaterThanOrEqual(0);
  });
});

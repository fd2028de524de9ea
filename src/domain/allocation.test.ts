import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { type AllocationInput, type AllocationResult, type Bucket, BUCKETS, type OrderItem, allocatePayment } from "./allocation.js";
import type { Money } from "./money.js";
import { catchError } from "./domain-error.fixture.js";

const nok = (amount: number): Money => ({ amount, currency: "NOK" });

/** A typical Norwegian case: inkassovarsel fee 35, light salær 280, interest 202.45, principal 10 000. */
const CASE_BALANCES = {
  fees: nok(35_00),
  salary: nok(280_00),
  interest: nok(202_45),
  principal: nok(10_000_00),
};

function paidTo(result: AllocationResult): Partial<Record<Bucket, number>> {
  return Object.fromEntries(result.allocations.map((a) => [a.bucket, a.amount.amount]));
}


describe("allocatePayment, the creditor's order", () => {
  it("by default pays costs, then interest, then principal", () => {
    const result = allocatePayment({ payment: nok(1_000_00), balances: CASE_BALANCES });
    expect(result.allocations).toEqual([
      { bucket: "fees", amount: nok(35_00) },
      { bucket: "salary", amount: nok(280_00) },
      { bucket: "interest", amount: nok(202_45) },
      { bucket: "principal", amount: nok(482_55) },
    ]);
    expect(result.remainder).toEqual(nok(0));
    expect(result.balancesAfter.principal).toEqual(nok(9_517_45));
    expect(result.balancesAfter["legal-costs"]).toEqual(nok(0));
    expect(result.rule).toBe("creditor's order fees → salary → legal-costs → interest → principal");
    expect(result.source).toMatch(/id443429/);
    expect(result.notes).toEqual([]);
  });

  it("a small payment covers only the first costs", () => {
    const result = allocatePayment({ payment: nok(100_00), balances: CASE_BALANCES });
    expect(paidTo(result)).toEqual({ fees: 35_00, salary: 65_00 });
    expect(result.balancesAfter.salary).toEqual(nok(215_00));
  });

  it("keeps an over-payment as remainder once everything is paid", () => {
    const result = allocatePayment({ payment: nok(11_000_00), balances: CASE_BALANCES });
    expect(result.remainder).toEqual(nok(482_55));
    expect(BUCKETS.every((b) => result.balancesAfter[b].amount === 0)).toBe(true);
  });

  it("a zero payment allocates nothing", () => {
    expect(allocatePayment({ payment: nok(0), balances: CASE_BALANCES })).toMatchObject({ allocations: [], remainder: nok(0) });
  });

  it("follows a configured order; costs stands for fees, salary, legal-costs", () => {
    const result = allocatePayment({ payment: nok(10_100_00), balances: CASE_BALANCES, order: ["principal", "interest", "costs"] });
    expect(result.allocations).toEqual([
      { bucket: "principal", amount: nok(10_000_00) },
      { bucket: "interest", amount: nok(100_00) },
    ]);
    expect(result.rule).toBe("creditor's order principal → interest → fees → salary → legal-costs");
  });

  it("can order the cost buckets one by one", () => {
    const result = allocatePayment({
      payment: nok(300_00),
      balances: { ...CASE_BALANCES, "legal-costs": nok(1_314_00) },
      order: ["legal-costs", "salary", "fees", "interest", "principal"],
    });
    expect(paidTo(result)).toEqual({ "legal-costs": 300_00 });
  });
});

describe("allocatePayment, the debtor's designation", () => {
  it("a designated bucket is paid first, the rest follows the creditor's order", () => {
    const result = allocatePayment({ payment: nok(10_100_00), balances: CASE_BALANCES, designation: { bucket: "principal" } });
    expect(result.allocations).toEqual([
      { bucket: "principal", amount: nok(10_000_00) },
      { bucket: "fees", amount: nok(35_00) },
      { bucket: "salary", amount: nok(65_00) },
    ]);
    expect(result.rule).toBe("debtor's designation first, then the creditor's order fees → salary → legal-costs → interest → principal");
  });

  it("designated amounts are paid as designated", () => {
    const result = allocatePayment({
      payment: nok(500_00),
      balances: CASE_BALANCES,
      designation: { principal: nok(400_00), interest: nok(50_00) },
    });
    expect(paidTo(result)).toEqual({ interest: 50_00, principal: 400_00, fees: 35_00, salary: 15_00 });
  });

  it("a designated amount above the balance pays the balance and notes the excess, which follows the order", () => {
    const result = allocatePayment({ payment: nok(300_00), balances: CASE_BALANCES, designation: { interest: nok(250_00) } });
    expect(paidTo(result)).toEqual({ interest: 202_45, fees: 35_00, salary: 62_55 });
    expect(result.notes).toEqual(["designated 250.00 to interest but only 202.45 was owed; the rest follows the order"]);
  });

  it("under tvangsfullbyrdelse the creditor chooses: the designation is not honoured", () => {
    const result = allocatePayment({
      payment: nok(100_00),
      balances: CASE_BALANCES,
      designation: { bucket: "principal" },
      proceeding: "enforcement",
    });
    expect(paidTo(result)).toEqual({ fees: 35_00, salary: 65_00 });
    expect(result.rule).toBe("creditor's order fees → salary → legal-costs → interest → principal");
    expect(result.notes[0]).toMatch(/not honoured under tvangsfullbyrdelse/);
  });
});

describe("allocatePayment, bad input", () => {
  const base: AllocationInput = { payment: nok(100_00), balances: CASE_BALANCES };

  it.each<[string, AllocationInput, string, string]>([
    ["negative payment", { ...base, payment: nok(-1) }, "invalid_amount", "payment"],
    ["fractional payment", { ...base, payment: nok(1.5) }, "invalid_amount", "payment"],
    ["unknown currency", { ...base, payment: { amount: 1, currency: "DKK" } as unknown as Money }, "invalid_amount", "payment"],
    ["negative balance", { ...base, balances: { interest: nok(-5) } }, "invalid_amount", "balances.interest"],
    ["balance in another currency", { ...base, balances: { principal: { amount: 1, currency: "SEK" } } }, "currency_mismatch", "balances.principal"],
    ["unknown balance bucket", { ...base, balances: { vat: nok(1) } as never }, "unknown_bucket", "balances"],
    ["order omitting a bucket", { ...base, order: ["costs", "principal"] }, "invalid_order", "order"],
    ["order repeating a bucket", { ...base, order: ["costs", "fees", "interest", "principal"] }, "invalid_order", "order"],
    ["order with an unknown bucket", { ...base, order: ["costs", "interest", "principal", "vat" as OrderItem] }, "unknown_bucket", "order"],
    ["designation above the payment", { ...base, designation: { principal: nok(60_00), interest: nok(40_01) } }, "invalid_designation", "designation"],
    ["negative designation", { ...base, designation: { principal: nok(-1) } }, "invalid_amount", "designation.principal"],
    ["designation in another currency", { ...base, designation: { principal: { amount: 1, currency: "EUR" } } }, "currency_mismatch", "designation.principal"],
    ["designation of an unknown bucket", { ...base, designation: { bucket: "costs" as Bucket } }, "unknown_bucket", "designation.bucket"],
    ["unknown proceeding", { ...base, proceeding: "bankruptcy" as never }, "invalid_input", "proceeding"],
  ])("%s", (_name, input, code, field) => {
    const error = catchError(() => allocatePayment(input));
    expect(error.code).toBe(code);
    expect(error.field).toBe(field);
  });

  it("says which bucket an order leaves out", () => {
    expect(() => allocatePayment({ ...base, order: ["costs", "principal"] })).toThrow("order: the order leaves out interest; it must name every bucket once");
  });
});

describe("allocatePayment properties", () => {
  const amount = fc.integer({ min: 0, max: 5_000_000_00 });
  const balances = fc.record({ fees: amount, salary: amount, "legal-costs": amount, interest: amount, principal: amount });
  const order = fc.shuffledSubarray([...BUCKETS], { minLength: BUCKETS.length, maxLength: BUCKETS.length });
  const toMoney = (b: Record<Bucket, number>): Record<Bucket, Money> =>
    Object.fromEntries(BUCKETS.map((k) => [k, nok(b[k])])) as Record<Bucket, Money>;

  const scenario = fc.record({ payment: amount, balances, order });

  it("allocations plus remainder equal the payment; none negative; none above its balance; remainder only when all is paid", () => {
    fc.assert(
      fc.property(scenario, ({ payment, balances: b, order: o }) => {
        const result = allocatePayment({ payment: nok(payment), balances: toMoney(b), order: o });
        const allocated = result.allocations.reduce((s, a) => s + a.amount.amount, 0);
        expect(allocated + result.remainder.amount).toBe(payment);
        for (const a of result.allocations) {
          expect(a.amount.amount).toBeGreaterThan(0);
          expect(a.amount.amount).toBeLessThanOrEqual(b[a.bucket]);
          expect(result.balancesAfter[a.bucket].amount).toBe(b[a.bucket] - a.amount.amount);
        }
        expect(result.remainder.amount).toBeGreaterThanOrEqual(0);
        if (result.remainder.amount > 0) expect(BUCKETS.every((k) => result.balancesAfter[k].amount === 0)).toBe(true);
      }),
    );
  });

  it("without a designation, a bucket gets money only when every bucket before it in the order is paid in full", () => {
    fc.assert(
      fc.property(scenario, ({ payment, balances: b, order: o }) => {
        const result = allocatePayment({ payment: nok(payment), balances: toMoney(b), order: o });
        o.forEach((bucket, i) => {
          const got = paidTo(result)[bucket] ?? 0;
          if (got > 0) for (const earlier of o.slice(0, i)) expect(result.balancesAfter[earlier].amount).toBe(0);
        });
      }),
    );
  });

  it("a debtor's designation is honoured: each bucket gets at least min(designated, balance)", () => {
    const designated = fc.record({ fees: amount, salary: amount, "legal-costs": amount, interest: amount, principal: amount }, { requiredKeys: [] });
    fc.assert(
      fc.property(scenario, designated, ({ payment, balances: b, order: o }, d) => {
        const total = Object.values(d).reduce((s, v) => s + (v ?? 0), 0);
        const paymentCoveringDesignation = Math.max(payment, total);
        const designation = Object.fromEntries(Object.entries(d).map(([k, v]) => [k, nok(v ?? 0)]));
        const result = allocatePayment({ payment: nok(paymentCoveringDesignation), balances: toMoney(b), order: o, designation });
        for (const bucket of BUCKETS) {
          expect(paidTo(result)[bucket] ?? 0).toBeGreaterThanOrEqual(Math.min(d[bucket] ?? 0, b[bucket]));
        }
      }),
    );
  });

  it("a designated bucket gets min(payment, its balance)", () => {
    fc.assert(
      fc.property(scenario, fc.constantFrom(...BUCKETS), ({ payment, balances: b }, bucket) => {
        const result = allocatePayment({ payment: nok(payment), balances: toMoney(b), designation: { bucket } });
        expect(paidTo(result)[bucket] ?? 0).toBe(Math.min(payment, b[bucket]));
      }),
    );
  });
});

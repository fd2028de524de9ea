import { describe, expect, it } from "vitest";
import { LocalDate } from "../calendar/local-date.js";
import { rulesFor } from "../jurisdictions/rule-set.js";
import { formatDecimal, parseMoney } from "../money.js";
import { type CollectionSalaryInput, heavySalaryApplies, maxCollectionSalary } from "./collection-salary.js";
import { catchError } from "../domain-error.fixture.js";

const rules = rulesFor("NO");
const d = (text: string) => LocalDate.parse(text);

function salary(claim: string, options: Partial<Omit<CollectionSalaryInput, "claim">> = {}) {
  return maxCollectionSalary({
    claim: parseMoney(claim, "NOK"),
    debtor: "consumer",
    heavy: false,
    creditorVatRegistered: true,
    claimDueDate: d("2025-03-01"),
    on: d("2025-06-01"),
    rules,
    ...options,
  });
}


describe("maxCollectionSalary: the current table of nordic-rules.md N3 (claims due ≥ 2020-10-01, inkassosats 700)", () => {
  // [claim, lett factor, lett, tungt factor, tungt, næring lett, næring tungt]
  const table: [string, string, string, string, string, string, string][] = [
    ["500.00", "0.25", "175.00", "0.50", "350.00", "262.50", "525.00"],
    ["1000.00", "0.35", "245.00", "0.70", "490.00", "367.50", "735.00"],
    ["2500.00", "0.40", "280.00", "0.80", "560.00", "420.00", "840.00"],
    ["10000.00", "0.80", "560.00", "1.60", "1120.00", "840.00", "1680.00"],
    ["50000.00", "1.60", "1120.00", "3.20", "2240.00", "1680.00", "3360.00"],
    ["250000.00", "3.60", "2520.00", "7.20", "5040.00", "3780.00", "7560.00"],
    ["250000.01", "7.20", "5040.00", "14.40", "10080.00", "7560.00", "15120.00"],
  ];
  it.each(table)("claim %s: lett %s = %s, tungt %s = %s, næring %s / %s", (claim, lightFactor, light, heavyFactor, heavy, businessLight, businessHeavy) => {
    const lett = salary(claim);
    expect([lett.factor, formatDecimal(lett.amount)]).toEqual([lightFactor, light]);
    const tungt = salary(claim, { heavy: true });
    expect([tungt.factor, formatDecimal(tungt.amount)]).toEqual([heavyFactor, heavy]);
    expect(formatDecimal(salary(claim, { debtor: "business" }).amount)).toBe(businessLight);
    expect(formatDecimal(salary(claim, { debtor: "business", heavy: true }).amount)).toBe(businessHeavy);
  });

  it("puts a claim just above a band limit in the next band", () => {
    expect(salary("500.01").band.upTo).toEqual({ amount: 1_000_00, currency: "NOK" });
    expect(salary("500.00").band.upTo).toEqual({ amount: 500_00, currency: "NOK" });
    expect(salary("250000.01").band.upTo).toBeNull();
  });
});

describe("maxCollectionSalary: the examples", () => {
  it("30 000 NOK, consumer, lett, 2025-06-01 → 1 120.00", () => {
    const result = salary("30000.00");
    expect(result.amount).toEqual({ amount: 1_120_00, currency: "NOK" });
    expect(result).toMatchObject({ factor: "1.60", businessMultiplier: null, vatRatePercent: null, vatAddOn: { amount: 0 }, confidence: "secondary" });
    expect(result.source).toContain("inkassoforskriften");
  });

  it("30 000 NOK, business, tungt → 3 360.00", () => {
    const result = salary("30000.00", { debtor: "business", heavy: true });
    expect(result.amount.amount).toBe(3_360_00);
    expect(result.businessMultiplier).toBe("1.50");
  });

  it("30 000 NOK, consumer, lett, creditor not VAT-registered → 1 400.00 (25 % added)", () => {
    const result = salary("30000.00", { creditorVatRegistered: false });
    expect(result.amount.amount).toBe(1_400_00);
    expect(result.base.amount).toBe(1_120_00);
    expect(result.vatAddOn.amount).toBe(280_00);
    expect(result.vatRatePercent).toBe("25.00");
  });

  it("rounds the VAT add-on once: 262.50 × 1.25 = 328.125 → 328.13", () => {
    const result = salary("500.00", { debtor: "business", creditorVatRegistered: false });
    expect(result.amount.amount).toBe(328_13);
    expect(result.vatAddOn.amount).toBe(65_63);
  });
});

describe("maxCollectionSalary: which table and which inkassosats", () => {
  // Pre-1.10.2020 table (§ 2-2 lett / § 2-3 tungt): ≤2 500: 0.5/1; ≤10 000: 1/2; ≤50 000: 2/4; ≤250 000: 4/8; more: 8/16.
  const old: [string, string, string][] = [
    ["2500.00", "350.00", "700.00"],
    ["10000.00", "700.00", "1400.00"],
    ["50000.00", "1400.00", "2800.00"],
    ["250000.00", "2800.00", "5600.00"],
    ["250000.01", "5600.00", "11200.00"],
  ];
  it.each(old)("a claim due 2020-09-30 of %s: lett %s, tungt %s", (claim, light, heavy) => {
    const options = { claimDueDate: d("2020-09-30"), on: d("2021-03-01") };
    expect(formatDecimal(salary(claim, options).amount)).toBe(light);
    expect(formatDecimal(salary(claim, { ...options, heavy: true }).amount)).toBe(heavy);
  });

  it("shows the 2020 cut: −50 % ≤ 500, −30 % to 1 000, −20 % to 50 000, −10 % above", () => {
    const cut = (claim: string) => {
      const before = salary(claim, { claimDueDate: d("2020-09-30") }).amount.amount;
      const after = salary(claim, { claimDueDate: d("2020-10-01") }).amount.amount;
      return Math.round((100 * (before - after)) / before);
    };
    expect(["400.00", "800.00", "2000.00", "8000.00", "40000.00", "200000.00", "300000.00"].map(cut)).toEqual([50, 30, 20, 20, 20, 10, 10]);
  });

  it("uses no business multiplier before 2020-10-01 and says that is uncertain", () => {
    const result = salary("30000.00", { debtor: "business", claimDueDate: d("2020-09-30") });
    expect(result.amount.amount).toBe(1_400_00);
    expect(result.confidence).toBe("uncertain");
    expect(result.note).toContain("cautious");
  });

  it("takes the inkassosats on the date the principal is paid: 750 in 2026, uncertain", () => {
    const result = salary("30000.00", { on: d("2026-02-01") });
    expect(result.amount.amount).toBe(1_200_00);
    expect(result.inkassosats.amount).toBe(750_00);
    expect(result.confidence).toBe("uncertain");
  });
});

describe("maxCollectionSalary: bad input", () => {
  it("names the field", () => {
    expect(catchError(() => salary("-1.00")).field).toBe("claim");
    expect(catchError(() => maxCollectionSalary({ ...baseInput(), claim: { amount: 100, currency: "SEK" } })).code).toBe("currency_mismatch");
    expect(catchError(() => salary("100.00", { on: d("2025-02-01") })).field).toBe("on");
    expect(catchError(() => salary("100.00", { claimDueDate: d("2014-01-01"), on: d("2025-01-01") })).field).toBe("claimDueDate");
  });
});

function baseInput(): CollectionSalaryInput {
  return { claim: parseMoney("100.00", "NOK"), debtor: "consumer", heavy: false, creditorVatRegistered: true, claimDueDate: d("2025-03-01"), on: d("2025-06-01"), rules };
}

describe("heavySalaryApplies (inkassoforskriften § 2-3)", () => {
  it("applies when the payment-demand deadline is overrun by more than 28 days: day 43 after sending with 14 days", () => {
    const sent = d("2025-03-01");
    const deadline = sent.plusDays(14);
    expect(heavySalaryApplies({ paymentDemandDeadline: deadline, today: sent.plusDays(42) })).toBe(false);
    expect(heavySalaryApplies({ paymentDemandDeadline: deadline, today: sent.plusDays(43) })).toBe(true);
    expect(heavySalaryApplies({ paymentDemandDeadline: deadline, today: deadline, rules })).toBe(false);
  });
});

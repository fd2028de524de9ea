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


describe("maxCollectionSalary: the current table of inkassoforskriften ch. 2 (claims due ≥ 2020-10-01, inkassosats 700)", () => {
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

  // inkassoforskriften § 2-2: these are MAXIMUM amounts ("maksimale beløpssatser"); half an øre
  // above the maximum is above it. The cap rounds toward zero: 328.125 → 328.12 (agencies publish
  // 328,12 and 459,37, sergel.no), not 328.13 as before.
  it("inkassoforskriften § 2-2: a cap with the VAT add-on is rounded toward zero: 262.50 × 1.25 = 328.125 → 328.12", () => {
    const result = salary("500.00", { debtor: "business", creditorVatRegistered: false });
    expect(result.amount.amount).toBe(328_12);
    expect(result.vatAddOn.amount).toBe(65_62);
    expect(result.base.amount).toBe(262_50);
  });

  it("inkassoforskriften § 2-2: 367.50 × 1.25 = 459.375 → 459.37", () => {
    expect(salary("1000.00", { debtor: "business", creditorVatRegistered: false }).amount.amount).toBe(459_37);
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

  // inkassoforskriften § 2-2 as amended from 1 Jan 2010: outside consumer relations the maxima are
  // 1.5 times as high for the old table too (sergel.no "Utenfor forbrukerforhold er satsene tillagt
  // 50%"; totalkapital.no 2019: næringsdrivende 525 / 1 050 / 2 100 / 4 200 / 8 400 lett). The
  // cautious × 1.00 asserted here before was too low: 2.00 × 700 × 1.5 = 2 100.00.
  it("inkassoforskriften § 2-2 (from 2010): the old table × 1.5 outside consumer relations", () => {
    const result = salary("30000.00", { debtor: "business", claimDueDate: d("2020-09-30") });
    expect(result.amount.amount).toBe(2_100_00);
    expect(result.businessMultiplier).toBe("1.50");
    expect(result.confidence).toBe("secondary");
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
    // The old table now covers claims due from 2010-01-01 (issue 12 item 6); 2009 is outside it.
    expect(catchError(() => salary("100.00", { claimDueDate: d("2009-12-31"), on: d("2025-01-01") })).field).toBe("claimDueDate");
    expect(catchError(() => salary("100.00", { principalPaidOn: d("2025-07-01") })).field).toBe("principalPaidOn");
    expect(catchError(() => salary("100.00", { vatAddOnBasis: "rent" as never })).field).toBe("vatAddOnBasis");
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

describe("inkassoforskriften § 2-2 (from 2010): the old table for claims due 2010-01-01 – 2020-09-30", () => {
  // [claim, lett, tungt, næring lett (× 1.5), næring tungt] at inkassosats 700 (sergel.no old table; totalkapital.no næring lett)
  const old: [string, string, string, string, string][] = [
    ["2500.00", "350.00", "700.00", "525.00", "1050.00"],
    ["10000.00", "700.00", "1400.00", "1050.00", "2100.00"],
    ["50000.00", "1400.00", "2800.00", "2100.00", "4200.00"],
    ["250000.00", "2800.00", "5600.00", "4200.00", "8400.00"],
    ["250000.01", "5600.00", "11200.00", "8400.00", "16800.00"],
  ];
  it.each(old)("a claim due 2010-01-01 of %s, paid 2017-03-01: lett %s, tungt %s, næring %s / %s", (claim, light, heavy, businessLight, businessHeavy) => {
    const options = { claimDueDate: d("2010-01-01"), on: d("2017-03-01") };
    expect(formatDecimal(salary(claim, options).amount)).toBe(light);
    expect(formatDecimal(salary(claim, { ...options, heavy: true }).amount)).toBe(heavy);
    expect(formatDecimal(salary(claim, { ...options, debtor: "business" }).amount)).toBe(businessLight);
    expect(formatDecimal(salary(claim, { ...options, debtor: "business", heavy: true }).amount)).toBe(businessHeavy);
  });

  it("covers claims due from 2010, no longer refused with date_outside_rule_table", () => {
    expect(salary("5000.00", { claimDueDate: d("2012-06-15"), on: d("2016-03-01") }).amount.amount).toBe(670_00);
    expect(salary("5000.00", { claimDueDate: d("2010-01-01"), on: d("2016-03-01") }).citation?.nb).toContain("inkassoforskriften §§ 2-2, 2-3");
  });
});

describe("inkassoforskriften § 2-2: the inkassosats on the day the principal is paid (data: salaryInkassosatsDate)", () => {
  it("uses the sats of the payment day, not of the calculation day", () => {
    // Charged 2026-02-01 (sats 750, uncertain) for a principal paid 2025-12-15 (sats 700).
    const result = salary("30000.00", { on: d("2026-02-01"), principalPaidOn: d("2025-12-15") });
    expect(result.inkassosats.amount).toBe(700_00);
    expect(result.inkassosatsOn.toString()).toBe("2025-12-15");
    expect(result.inkassosatsDate).toBe("principal-paid");
    expect(result.amount.amount).toBe(1_120_00);
    expect(result.source).toContain("hovedkravet dekkes");
  });

  it("uses the calculation day while the principal is still open", () => {
    const result = salary("30000.00", { on: d("2026-02-01") });
    expect(result.inkassosatsOn.toString()).toBe("2026-02-01");
    expect(result.rule).toContain("not yet paid");
  });

  it("follows the rule file: a deployment's row saying `charged` uses the charging day", () => {
    const rules2 = { ...rules, salaryInkassosatsDate: rules.salaryInkassosatsDate.map((r) => ({ ...r, satsOn: "charged" as const })) };
    expect(salary("30000.00", { on: d("2026-02-01"), principalPaidOn: d("2025-12-15"), rules: rules2 }).inkassosats.amount).toBe(750_00);
  });
});

describe("inkassoforskriften § 2-2 second paragraph: the VAT add-on belongs to the claim (vatAddOnBasis)", () => {
  it("adds 25 % for a claim not from VAT-liable business (housing rent) even from a VAT-registered creditor", () => {
    const result = salary("30000.00", { creditorVatRegistered: true, vatAddOnBasis: "not-vat-liable-business" });
    expect([result.amount.amount, result.vatAddOn.amount, result.vatAddOnBasis]).toEqual([1_400_00, 280_00, "not-vat-liable-business"]);
  });

  it("adds nothing for a claim from VAT-liable business, even from a creditor not registered", () => {
    expect(salary("30000.00", { creditorVatRegistered: false, vatAddOnBasis: "vat-liable-business" }).vatAddOn.amount).toBe(0);
  });

  it("defaults to the creditor's registration (the behaviour before the claim-level flag)", () => {
    expect(salary("30000.00", { creditorVatRegistered: false }).vatAddOnBasis).toBe("not-vat-liable-business");
    expect(salary("30000.00", { creditorVatRegistered: true }).vatAddOnBasis).toBe("vat-liable-business");
  });

  it("returns a citation in nb and en beside the source", () => {
    const result = salary("30000.00", { vatAddOnBasis: "not-vat-liable-business" });
    expect(result.citation?.nb).toContain("inkassoforskriften § 2-2 annet ledd");
    expect(result.citation?.en).toContain("Debt Collection Regulations");
  });
});

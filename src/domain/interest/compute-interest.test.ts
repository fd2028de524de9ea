import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LocalDate } from "../calendar/local-date.js";
import type { RatePeriod, RateTable } from "../jurisdictions/rate-table.js";
import { rulesFor } from "../jurisdictions/rule-set.js";
import { formatDecimal, type Money } from "../money.js";
import { computeInterest } from "./compute-interest.js";
import { catchError } from "../domain-error.fixture.js";

const d = (text: string) => LocalDate.parse(text);
const nok = (amount: number): Money => ({ amount, currency: "NOK" });
const NO_RATES = rulesFor("NO").lateInterest;

function interestOn(principal: number, from: string, until: string, rates: RateTable = NO_RATES) {
  return computeInterest({ principal: nok(principal), from: d(from), until: d(until), rates });
}


describe("computeInterest: the test vectors of forsinkelsesrenteloven (docs/RULES.md § 4)", () => {
  it("10 000 NOK due 2024-01-15 paid 2024-03-15: 60 days at 12.5 %/366 = 204.92", () => {
    const result = interestOn(10_000_00, "2024-01-15", "2024-03-15");
    expect(formatDecimal(result.interest)).toBe("204.92");
    expect(result.periods).toHaveLength(1);
    expect(result.periods[0]).toMatchObject({ days: 60, ratePercent: "12.50", yearDays: 366 });
    expect(result.periods[0]!.interest.amount).toBe(204_92);
  });

  it("10 000 NOK due 2023-12-01 until 2024-01-31: 30 days at 11.75 %/365, then 31 days at 12.5 %/366 = 202.45", () => {
    const result = interestOn(10_000_00, "2023-12-01", "2024-01-31");
    expect(formatDecimal(result.interest)).toBe("202.45");
    expect(result.periods.map((p) => ({ from: p.from.toString(), to: p.to.toString(), days: p.days, ratePercent: p.ratePercent, yearDays: p.yearDays }))).toEqual([
      { from: "2023-12-01", to: "2023-12-31", days: 30, ratePercent: "11.75", yearDays: 365 },
      { from: "2023-12-31", to: "2024-01-31", days: 31, ratePercent: "12.50", yearDays: 366 },
    ]);
    // Exact shares 96.575… and 105.874… øre-rounded down sum to 202.44; the one missing øre goes to the larger remainder.
    expect(result.periods.map((p) => p.interest.amount)).toEqual([96_58, 105_87]);
  });

  it("1 000 NOK due 2025-01-31 until 2025-03-02: 30 days at 12.5 %/365 = 10.27", () => {
    const result = interestOn(1_000_00, "2025-01-31", "2025-03-02");
    expect(formatDecimal(result.interest)).toBe("10.27");
    expect(result.periods[0]).toMatchObject({ days: 30, ratePercent: "12.50", yearDays: 365, confidence: "secondary" });
    // The 2025-01-01 rate is primary (FOR-2024-12-19-3279); the 365/366 day count is secondary.
    expect(result.periods[0]!.source).toContain("FOR-2024-12-19-3279");
  });
});

describe("computeInterest: periods", () => {
  it("splits at every rate change and every 1 January, carrying each row's source and confidence", () => {
    const result = interestOn(100_000_00, "2024-06-15", "2025-08-01");
    expect(result.periods.map((p) => [p.from.toString(), p.to.toString(), p.ratePercent, p.yearDays])).toEqual([
      ["2024-06-15", "2024-06-30", "12.50", 366],
      ["2024-06-30", "2024-12-31", "12.50", 366],
      ["2024-12-31", "2025-06-30", "12.50", 365],
      ["2025-06-30", "2025-08-01", "12.25", 365],
    ]);
    expect(result.periods[1]!.confidence).toBe("uncertain"); // 2024-07-01 value inferred (N6)
    expect(result.periods[3]!.note).toMatch(/FOR-2025-06-23-1321/);
    expect(result.confidence).toBe("uncertain");
    expect(result.periods.reduce((s, p) => s + p.interest.amount, 0)).toBe(result.interest.amount);
  });

  it("uses 366 days for the whole of a leap year, 29 February included", () => {
    // 2 days (29 Feb, 1 Mar 2024) at 12.5 %/366 on 36 600 NOK = 25.00 exactly.
    expect(interestOn(36_600_00, "2024-02-28", "2024-03-01").interest.amount).toBe(25_00);
  });

  it("does not count the start date: one day is (until − from) = 1", () => {
    // 1 day at 12.5 %/365 on 3 650 NOK = 1.25.
    const result = interestOn(3_650_00, "2025-03-01", "2025-03-02");
    expect(result.interest.amount).toBe(1_25);
    expect(result.periods[0]!.days).toBe(1);
  });

  it("rounds once at the end, half away from zero", () => {
    // 1 øre for 1 day: 0.000342… øre → 0; 1 460 øre for 1 day at 12.5 %/365 = 0.5 øre exactly → 1.
    expect(interestOn(1, "2025-03-01", "2025-03-02").interest.amount).toBe(0);
    expect(interestOn(1_460, "2025-03-01", "2025-03-02").interest.amount).toBe(1);
  });

  it("is zero with no periods for zero days, even outside the table", () => {
    expect(interestOn(10_000_00, "2025-03-01", "2025-03-01")).toMatchObject({ interest: nok(0), periods: [] });
    expect(interestOn(10_000_00, "2010-03-01", "2010-03-01").interest.amount).toBe(0);
  });

  it("computes Swedish dröjsmålsränta on 365 days and marks the day count uncertain", () => {
    // 10 000 SEK, 2024-01-15 → 2024-03-15: 60 days at 12 %/365 = 197.260… → 197.26 (S3).
    const result = computeInterest({ principal: { amount: 10_000_00, currency: "SEK" }, from: d("2024-01-15"), until: d("2024-03-15"), rates: rulesFor("SE").lateInterest });
    expect(result.interest).toEqual({ amount: 197_26, currency: "SEK" });
    expect(result.periods[0]).toMatchObject({ ratePercent: "12.00", yearDays: 365, confidence: "uncertain" });
  });

  it("computes Finnish viivästyskorko under § 4 and § 4 a", () => {
    // 1 000 EUR, 2025-01-31 → 2025-03-02: 30 days at 10.5 % resp. 11.5 % /365 = 8.630… / 9.452…
    const fi = rulesFor("FI");
    const eur = { amount: 1_000_00, currency: "EUR" } as const;
    expect(computeInterest({ principal: eur, from: d("2025-01-31"), until: d("2025-03-02"), rates: fi.lateInterest }).interest.amount).toBe(8_63);
    expect(computeInterest({ principal: eur, from: d("2025-01-31"), until: d("2025-03-02"), rates: fi.commercialLateInterest }).interest.amount).toBe(9_45);
  });
});

describe("computeInterest: bad input", () => {
  it("refuses until before from, naming until", () => {
    const e = catchError(() => interestOn(100_00, "2025-03-02", "2025-03-01"));
    expect([e.code, e.field]).toEqual(["invalid_period", "until"]);
  });

  it("refuses a period starting before the rate table, naming from", () => {
    const e = catchError(() => interestOn(100_00, "2014-12-01", "2015-02-01"));
    expect([e.code, e.field]).toEqual(["date_outside_rate_table", "from"]);
    expect(e.message).toContain("2014-12-02");
  });

  it("accepts a start on the day before the table, since that day accrues nothing", () => {
    expect(interestOn(10_000_00, "2014-12-31", "2015-01-01").interest.amount).toBeGreaterThan(0);
  });

  it("refuses a period ending after the rate table, naming until", () => {
    const e = catchError(() => interestOn(100_00, "2027-06-01", "2027-07-01"));
    expect([e.code, e.field]).toEqual(["date_outside_rate_table", "until"]);
    expect(e.message).toContain("2027-07-01");
  });

  it("refuses a negative or fractional principal", () => {
    expect(catchError(() => interestOn(-1, "2025-01-01", "2025-02-01")).field).toBe("principal");
    expect(catchError(() => interestOn(1.5, "2025-01-01", "2025-02-01")).code).toBe("invalid_amount");
  });
});

// Random dates inside the Norwegian table (2015-01-01 … 2026-06-30).
const FIRST = d("2015-01-01").epochDay;
const LAST = d("2026-06-30").epochDay;
const dayIn = fc.integer({ min: FIRST - 1, max: LAST });
const principalArb = fc.integer({ min: 0, max: 1_000_000_000_00 });

/** The table with every day after `day` at `basisPoints` instead. */
function changedAfter(table: RateTable, day: LocalDate, basisPoints: number): RateTable {
  const periods: RatePeriod[] = [];
  for (const p of table.periods) {
    const end = p.validTo!;
    if (!end.isAfter(day)) periods.push(p);
    else if (p.validFrom.isAfter(day)) periods.push({ ...p, basisPoints });
    else periods.push({ ...p, validTo: day }, { ...p, validFrom: day.plusDays(1), basisPoints });
  }
  return { ...table, periods };
}

describe("computeInterest: properties", () => {
  it("grows (weakly) with more days", () => {
    fc.assert(
      fc.property(principalArb, dayIn, dayIn, dayIn, (p, a, b, c) => {
        const [from, mid, until] = [a, b, c].sort((x, y) => x - y) as [number, number, number];
        const short = computeInterest({ principal: nok(p), from: LocalDate.ofEpochDay(from), until: LocalDate.ofEpochDay(mid), rates: NO_RATES });
        const long = computeInterest({ principal: nok(p), from: LocalDate.ofEpochDay(from), until: LocalDate.ofEpochDay(until), rates: NO_RATES });
        expect(long.interest.amount).toBeGreaterThanOrEqual(short.interest.amount);
      }),
    );
  });

  it("never changes for a period ending on or before D when the rates after D change", () => {
    fc.assert(
      fc.property(principalArb, dayIn, dayIn, fc.integer({ min: FIRST, max: LAST - 1 }), fc.integer({ min: 0, max: 5_000 }), (p, a, b, dDay, bp) => {
        const from = LocalDate.ofEpochDay(Math.min(a, b, dDay));
        const until = LocalDate.ofEpochDay(Math.min(Math.max(a, b), dDay));
        const D = LocalDate.ofEpochDay(dDay);
        const before = computeInterest({ principal: nok(p), from, until, rates: NO_RATES });
        const after = computeInterest({ principal: nok(p), from, until, rates: changedAfter(NO_RATES, D, bp) });
        expect(after.interest).toEqual(before.interest);
      }),
    );
  });

  it("is never negative for a non-negative principal, and the period shares sum to the total", () => {
    fc.assert(
      fc.property(principalArb, dayIn, dayIn, (p, a, b) => {
        const result = computeInterest({ principal: nok(p), from: LocalDate.ofEpochDay(Math.min(a, b)), until: LocalDate.ofEpochDay(Math.max(a, b)), rates: NO_RATES });
        expect(result.interest.amount).toBeGreaterThanOrEqual(0);
        expect(result.periods.every((x) => x.interest.amount >= 0)).toBe(true);
        expect(result.periods.reduce((s, x) => s + x.interest.amount, 0)).toBe(result.interest.amount);
        expect(result.periods.reduce((s, x) => s + x.days, 0)).toBe(Math.abs(a - b));
      }),
    );
  });

  it("is linear within one øre: interest(2P) is 2·interest(P) ± 1", () => {
    fc.assert(
      fc.property(principalArb, dayIn, dayIn, (p, a, b) => {
        const range = { from: LocalDate.ofEpochDay(Math.min(a, b)), until: LocalDate.ofEpochDay(Math.max(a, b)), rates: NO_RATES };
        const single = computeInterest({ principal: nok(p), ...range }).interest.amount;
        const double = computeInterest({ principal: nok(2 * p), ...range }).interest.amount;
        expect(Math.abs(double - 2 * single)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LocalDate } from "../calendar/local-date.js";
import { DomainError } from "../errors.js";
import type { RateTable } from "../jurisdictions/rate-table.js";
import { rulesFor } from "../jurisdictions/rule-set.js";
import { compileRateTable, interestMinor } from "./compiled-rate-table.js";
import { computeInterest } from "./compute-interest.js";

const day = (text: string) => LocalDate.parse(text).epochDay;
const NO_RATES = rulesFor("NO").lateInterest;
const NO_COMPILED = compileRateTable(NO_RATES);

function outcome(fn: () => number): number | string {
  try {
    return fn();
  } catch (e) {
    if (e instanceof DomainError) return `${e.code}:${e.field ?? ""}`;
    throw e;
  }
}

function slow(principal: number, from: number, until: number, rates: RateTable): number | string {
  return outcome(
    () => computeInterest({ principal: { amount: principal, currency: "NOK" }, from: LocalDate.ofEpochDay(from), until: LocalDate.ofEpochDay(until), rates }).interest.amount,
  );
}

describe("interestMinor", () => {
  it("gives the N6 test vectors", () => {
    expect(interestMinor(10_000_00, day("2024-01-15"), day("2024-03-15"), NO_COMPILED)).toBe(204_92);
    expect(interestMinor(10_000_00, day("2023-12-01"), day("2024-01-31"), NO_COMPILED)).toBe(202_45);
    expect(interestMinor(1_000_00, day("2025-01-31"), day("2025-03-02"), NO_COMPILED)).toBe(10_27);
  });

  it("covers exactly the days of the table", () => {
    expect(NO_COMPILED.firstDay).toBe(day("2015-01-01"));
    expect(NO_COMPILED.lastDay).toBe(day("2027-06-30"));
  });

  it("fails like computeInterest outside the table and for a reversed period", () => {
    expect(outcome(() => interestMinor(100, day("2014-12-30"), day("2015-03-01"), NO_COMPILED))).toBe("date_outside_rate_table:from");
    expect(outcome(() => interestMinor(100, day("2027-01-01"), day("2027-07-01"), NO_COMPILED))).toBe("date_outside_rate_table:until");
    expect(outcome(() => interestMinor(100, day("2025-01-02"), day("2025-01-01"), NO_COMPILED))).toBe("invalid_period:until");
    expect(outcome(() => interestMinor(-1, day("2025-01-01"), day("2025-01-02"), NO_COMPILED))).toBe("invalid_amount:principal");
    expect(interestMinor(100, day("2030-01-01"), day("2030-01-01"), NO_COMPILED)).toBe(0);
  });

  it("handles principals whose product with the day weights exceeds 2^53 exactly", () => {
    // 90 000 000 000 NOK over ten years: far beyond 2^53 before the division.
    const principal = 9_000_000_000_000;
    expect(interestMinor(principal, day("2015-03-01"), day("2025-03-01"), NO_COMPILED)).toBe(slow(principal, day("2015-03-01"), day("2025-03-01"), NO_RATES));
  });

  it("always equals computeInterest(...).interest.amount (Norway, 365/366)", () => {
    const dayArb = fc.integer({ min: NO_COMPILED.firstDay - 40, max: NO_COMPILED.lastDay + 40 });
    const principalArb = fc.oneof(fc.integer({ min: 0, max: 10_000_000_00 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }));
    fc.assert(
      fc.property(principalArb, dayArb, dayArb, (p, a, b) => {
        expect(outcome(() => interestMinor(p, a, b, NO_COMPILED))).toBe(slow(p, a, b, NO_RATES));
      }),
      { numRuns: 3_000 },
    );
  });

  it("always equals computeInterest(...).interest.amount (Sweden, fixed 365)", () => {
    const se = rulesFor("SE").lateInterest;
    const compiled = compileRateTable(se);
    const dayArb = fc.integer({ min: compiled.firstDay, max: compiled.lastDay });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000_000_00 }), dayArb, dayArb, (p, a, b) => {
        const [from, until] = a <= b ? [a, b] : [b, a];
        expect(interestMinor(p, from, until, compiled)).toBe(slow(p, from, until, se));
      }),
      { numRuns: 1_000 },
    );
  });

  it("runs well above 1 000 000 calls per second", () => {
    const calls = 2_000_000;
    const from = day("2016-03-01");
    let sink = 0;
    const start = performance.now();
    for (let i = 0; i < calls; i++) {
      sink += interestMinor(1_000_00 + (i & 0xffff), from + (i & 1023), from + 1024 + (i & 2047), NO_COMPILED);
    }
    const perSecond = calls / ((performance.now() - start) / 1000);
    expect(sink).toBeGreaterThan(0);
    expect(perSecond).toBeGreaterThan(1_000_000);
  });
});

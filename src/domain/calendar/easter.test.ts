import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { easterSunday } from "./easter.js";
import { DomainError } from "../errors.js";

describe("easterSunday", () => {
  it.each([
    [2019, "2019-04-21"],
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2038, "2038-04-25"],
    [2000, "2000-04-23"],
    [2008, "2008-03-23"],
    // The extremes of the Gregorian rule: 22 March and 25 April.
    [1818, "1818-03-22"],
    [2285, "2285-03-22"],
    [1943, "1943-04-25"],
  ])("Easter %i is %s", (year, expected) => {
    expect(easterSunday(year).toString()).toBe(expected);
  });

  it("is always a Sunday between 22 March and 25 April", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 9999 }), (year) => {
        const easter = easterSunday(year);
        expect(easter.dayOfWeek).toBe(7);
        expect(easter.year).toBe(year);
        const monthDay = easter.month * 100 + easter.day;
        expect(monthDay).toBeGreaterThanOrEqual(322);
        expect(monthDay).toBeLessThanOrEqual(425);
      }),
    );
  });

  it("rejects years before the Gregorian calendar and non-integers", () => {
    for (const year of [1582, 2025.5, 10000]) {
      const error = (() => {
        try {
          easterSunday(year);
        } catch (e) {
          return e;
        }
        return null;
      })();
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: "invalid_input", field: "year" });
    }
  });
});

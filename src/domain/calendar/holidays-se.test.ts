import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { swedishHolidays } from "./holidays-se.js";

const listed = (year: number) => swedishHolidays(year).map((h) => `${h.date.toString()} ${h.name.sv} ${h.kind}`);

describe("swedishHolidays", () => {
  it("lists the allmänna helgdagar of 2025 and the eves of lag 1930:173 § 2", () => {
    expect(listed(2025)).toEqual([
      "2025-01-01 Nyårsdagen public-holiday",
      "2025-01-06 Trettondedag jul public-holiday",
      "2025-04-18 Långfredagen public-holiday",
      "2025-04-20 Påskdagen public-holiday",
      "2025-04-21 Annandag påsk public-holiday",
      "2025-05-01 Första maj public-holiday",
      "2025-05-29 Kristi himmelsfärdsdag public-holiday",
      "2025-06-06 Sveriges nationaldag public-holiday",
      "2025-06-08 Pingstdagen public-holiday",
      "2025-06-20 Midsommarafton non-business-day",
      "2025-06-21 Midsommardagen public-holiday",
      "2025-11-01 Alla helgons dag public-holiday",
      "2025-12-24 Julafton non-business-day",
      "2025-12-25 Juldagen public-holiday",
      "2025-12-26 Annandag jul public-holiday",
      "2025-12-31 Nyårsafton non-business-day",
    ]);
  });

  it("before 2005 has annandag pingst and no nationaldag", () => {
    const dates = listed(2004);
    expect(dates).toContain("2004-05-31 Annandag pingst public-holiday");
    expect(dates.some((d) => d.startsWith("2004-06-06"))).toBe(false);
  });

  it("places midsommardagen on the Saturday 20–26 June and alla helgons dag on the Saturday 31 Oct–6 Nov", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1600, max: 2400 }), (year) => {
        const byName = new Map(swedishHolidays(year).map((h) => [h.name.sv, h.date]));
        const midsummer = byName.get("Midsommardagen")!;
        expect(midsummer.dayOfWeek).toBe(6);
        expect(midsummer.month).toBe(6);
        expect(midsummer.day).toBeGreaterThanOrEqual(20);
        expect(midsummer.day).toBeLessThanOrEqual(26);
        expect(byName.get("Midsommarafton")!.equals(midsummer.minusDays(1))).toBe(true);
        const allSaints = byName.get("Alla helgons dag")!;
        expect(allSaints.dayOfWeek).toBe(6);
        expect((allSaints.month === 10 && allSaints.day === 31) || (allSaints.month === 11 && allSaints.day <= 6)).toBe(true);
      }),
    );
  });
});

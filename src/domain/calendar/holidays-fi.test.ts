import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { finnishHolidays } from "./holidays-fi.js";

const listed = (year: number) => finnishHolidays(year).map((h) => `${h.date.toString()} ${h.name.fi} ${h.kind}`);

describe("finnishHolidays", () => {
  it("lists the pyhäpäivät of 2025 and the eves banks are closed", () => {
    expect(listed(2025)).toEqual([
      "2025-01-01 Uudenvuodenpäivä public-holiday",
      "2025-01-06 Loppiainen public-holiday",
      "2025-04-18 Pitkäperjantai public-holiday",
      "2025-04-20 Pääsiäispäivä public-holiday",
      "2025-04-21 2. pääsiäispäivä public-holiday",
      "2025-05-01 Vappu public-holiday",
      "2025-05-29 Helatorstai public-holiday",
      "2025-06-08 Helluntaipäivä public-holiday",
      "2025-06-20 Juhannusaatto non-business-day",
      "2025-06-21 Juhannuspäivä public-holiday",
      "2025-11-01 Pyhäinpäivä public-holiday",
      "2025-12-06 Itsenäisyyspäivä public-holiday",
      "2025-12-24 Jouluaatto non-business-day",
      "2025-12-25 Joulupäivä public-holiday",
      "2025-12-26 Tapaninpäivä public-holiday",
    ]);
  });

  it("places juhannuspäivä on the Saturday 20–26 June and pyhäinpäivä on the Saturday 31 Oct–6 Nov", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1600, max: 2400 }), (year) => {
        const byName = new Map(finnishHolidays(year).map((h) => [h.name.fi, h.date]));
        const midsummer = byName.get("Juhannuspäivä")!;
        expect(midsummer.dayOfWeek).toBe(6);
        expect(midsummer.month * 100 + midsummer.day).toBeGreaterThanOrEqual(620);
        expect(midsummer.month * 100 + midsummer.day).toBeLessThanOrEqual(626);
        expect(byName.get("Juhannusaatto")!.equals(midsummer.minusDays(1))).toBe(true);
        const allSaints = byName.get("Pyhäinpäivä")!;
        expect(allSaints.dayOfWeek).toBe(6);
        expect((allSaints.month === 10 && allSaints.day === 31) || (allSaints.month === 11 && allSaints.day <= 6)).toBe(true);
      }),
    );
  });

  it("names holidays in Finnish, Swedish and English", () => {
    const independence = finnishHolidays(2025).find((h) => h.date.toString() === "2025-12-06")!;
    expect(independence.name).toEqual({ fi: "Itsenäisyyspäivä", sv: "Självständighetsdagen", en: "Independence Day" });
  });
});

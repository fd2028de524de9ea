import { describe, expect, it } from "vitest";
import { norwegianHolidays } from "./holidays-no.js";

const listed = (year: number) => norwegianHolidays(year).map((h) => `${h.date.toString()} ${h.name.nb}`);

describe("norwegianHolidays", () => {
  it("lists the helgedager of 2025 plus 1 and 17 May", () => {
    expect(listed(2025)).toEqual([
      "2025-01-01 Første nyttårsdag",
      "2025-04-17 Skjærtorsdag",
      "2025-04-18 Langfredag",
      "2025-04-20 Første påskedag",
      "2025-04-21 Andre påskedag",
      "2025-05-01 Offentlig høytidsdag (1. mai)",
      "2025-05-17 Grunnlovsdag (17. mai)",
      "2025-05-29 Kristi himmelfartsdag",
      "2025-06-08 Første pinsedag",
      "2025-06-09 Andre pinsedag",
      "2025-12-25 Første juledag",
      "2025-12-26 Andre juledag",
    ]);
  });

  it("lists the helgedager of 2026 plus 1 and 17 May", () => {
    expect(listed(2026)).toEqual([
      "2026-01-01 Første nyttårsdag",
      "2026-04-02 Skjærtorsdag",
      "2026-04-03 Langfredag",
      "2026-04-05 Første påskedag",
      "2026-04-06 Andre påskedag",
      "2026-05-01 Offentlig høytidsdag (1. mai)",
      "2026-05-14 Kristi himmelfartsdag",
      "2026-05-17 Grunnlovsdag (17. mai)",
      "2026-05-24 Første pinsedag",
      "2026-05-25 Andre pinsedag",
      "2026-12-25 Første juledag",
      "2026-12-26 Andre juledag",
    ]);
  });

  it("gives every holiday an English name and marks all as public holidays", () => {
    for (const h of norwegianHolidays(2025)) {
      expect(h.name.en.length).toBeGreaterThan(0);
      expect(h.kind).toBe("public-holiday");
    }
    expect(norwegianHolidays(2025).find((h) => h.date.toString() === "2025-04-18")?.name.en).toBe("Good Friday");
  });

  it("does not list 24 or 31 December", () => {
    const dates = norwegianHolidays(2025).map((h) => h.date.toString());
    expect(dates).not.toContain("2025-12-24");
    expect(dates).not.toContain("2025-12-31");
  });

  it("keeps both names when 17 May falls on Kristi himmelfart (2007)", () => {
    const onMay17 = norwegianHolidays(2007).filter((h) => h.date.toString() === "2007-05-17");
    expect(onMay17.map((h) => h.name.en).sort()).toEqual(["Ascension Day", "Constitution Day"]);
  });
});

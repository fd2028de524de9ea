import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { calendarFor } from "./business-calendar.js";
import { DUE_DATE_RULES, adjustDueDate, adjustDueDateNO } from "./due-date.js";
import { DomainError } from "../errors.js";
import { LocalDate } from "./local-date.js";

const d = (text: string) => LocalDate.parse(text);

describe("adjustDueDateNO (gjeldsbrevloven § 5)", () => {
  it.each([
    ["2025-04-18", "2025-04-22", "Langfredag moves past Easter and 2. påskedag"],
    ["2025-05-17", "2025-05-19", "Saturday 17 May moves to Monday"],
    ["2026-05-01", "2026-05-04", "Friday 1 May moves to Monday"],
    ["2024-12-24", "2024-12-24", "24 December is not a holiday"],
    ["2025-12-25", "2025-12-29", "Christmas Day, Boxing Day and a weekend"],
    ["2025-06-09", "2025-06-10", "2. pinsedag"],
    ["2025-03-04", "2025-03-04", "an ordinary Tuesday"],
  ])("%s → %s (%s)", (due, expected) => {
    expect(adjustDueDateNO(d(due)).toString()).toBe(expected);
  });

  it("is idempotent, never earlier, and lands on a Norwegian business day", () => {
    const calendar = calendarFor("NO");
    fc.assert(
      fc.property(fc.integer({ min: LocalDate.of(1990, 1, 1).epochDay, max: LocalDate.of(2100, 12, 31).epochDay }), (epochDay) => {
        const due = LocalDate.ofEpochDay(epochDay);
        const adjusted = adjustDueDateNO(due);
        expect(adjustDueDateNO(adjusted).equals(adjusted)).toBe(true);
        expect(adjusted.isBefore(due)).toBe(false);
        expect(calendar.isBusinessDay(adjusted)).toBe(true);
      }),
    );
  });
});

describe("adjustDueDate", () => {
  it("uses the jurisdiction's calendar", () => {
    expect(adjustDueDate(d("2025-04-18"), "NO").toString()).toBe("2025-04-22");
    // Sweden: midsommarafton (Friday) → Monday; Skjærtorsdag is an ordinary day.
    expect(adjustDueDate(d("2025-06-20"), "SE").toString()).toBe("2025-06-23");
    expect(adjustDueDate(d("2025-04-17"), "SE").toString()).toBe("2025-04-17");
    // Finland: jouluaatto, joulupäivä, tapaninpäivä, weekend → Monday 29 December.
    expect(adjustDueDate(d("2025-12-24"), "FI").toString()).toBe("2025-12-29");
  });

  it("rejects an unknown jurisdiction", () => {
    expect(() => adjustDueDate(d("2025-04-18"), "XX")).toThrow(DomainError);
  });

  it("states a rule and source per jurisdiction, flagging Sweden as uncertain", () => {
    expect(DUE_DATE_RULES.NO.source).toContain("gjeldsbrevloven § 5");
    expect(DUE_DATE_RULES.SE.confidence).toBe("UNCERTAIN");
    expect(DUE_DATE_RULES.FI.confidence).toBe("K");
  });
});

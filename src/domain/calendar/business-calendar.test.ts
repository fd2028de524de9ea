import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { type BusinessCalendar, calendarFor } from "./business-calendar.js";
import { LocalDate } from "./local-date.js";
import { catchError } from "../domain-error.fixture.js";

const d = (text: string) => LocalDate.parse(text);
const NO = calendarFor("NO");
const SE = calendarFor("SE");
const FI = calendarFor("FI");
const CALENDARS: BusinessCalendar[] = [NO, SE, FI];

const anyDate = fc
  .integer({ min: LocalDate.of(1990, 1, 1).epochDay, max: LocalDate.of(2100, 12, 31).epochDay })
  .map((epochDay) => LocalDate.ofEpochDay(epochDay));
const anyCalendar = fc.constantFrom(...CALENDARS);


describe("calendarFor", () => {
  it("returns one shared calendar per jurisdiction", () => {
    expect(NO.jurisdiction).toBe("NO");
    expect(SE.jurisdiction).toBe("SE");
    expect(FI.jurisdiction).toBe("FI");
    expect(calendarFor("NO")).toBe(NO);
  });

  it("rejects an unknown jurisdiction with the field named", () => {
    const error = catchError(() => calendarFor("DK"));
    expect(error.code).toBe("unknown_jurisdiction");
    expect(error.field).toBe("jurisdiction");
    expect(error.message).toContain("DK");
  });
});

describe("holidayName and isBusinessDay", () => {
  it("names Norwegian holidays and nothing on ordinary days", () => {
    expect(NO.holidayName(d("2025-05-17"))).toEqual({ nb: "Grunnlovsdag (17. mai)", en: "Constitution Day" });
    expect(NO.holidayName(d("2025-04-20"))?.en).toBe("Easter Sunday");
    expect(NO.holidayName(d("2025-04-22"))).toBeNull();
    expect(NO.holidayName(d("2025-04-26"))).toBeNull(); // a plain Saturday
  });

  it("treats weekends and holidays as days off", () => {
    expect(NO.isBusinessDay(d("2025-04-17"))).toBe(false); // Skjærtorsdag
    expect(NO.isBusinessDay(d("2025-04-19"))).toBe(false); // Saturday
    expect(NO.isBusinessDay(d("2025-04-22"))).toBe(true);
    expect(NO.isBusinessDay(d("2026-05-01"))).toBe(false); // Friday, 1 May
  });

  it("keeps 24 and 31 December as business days in Norway but not in Sweden or Finland", () => {
    expect(NO.isBusinessDay(d("2025-12-24"))).toBe(true);
    expect(NO.isBusinessDay(d("2025-12-31"))).toBe(true);
    expect(SE.isBusinessDay(d("2025-12-24"))).toBe(false);
    expect(SE.isBusinessDay(d("2025-12-31"))).toBe(false);
    expect(SE.holidayName(d("2025-12-31"))?.sv).toBe("Nyårsafton");
    expect(FI.isBusinessDay(d("2025-12-24"))).toBe(false);
    expect(FI.isBusinessDay(d("2025-12-31"))).toBe(true);
  });

  it("knows the country-specific days: Skjærtorsdag, 6 January, 6 June, 6 December, midsummer eve", () => {
    expect([NO, SE, FI].map((c) => c.isBusinessDay(d("2025-04-17")))).toEqual([false, true, true]);
    expect([NO, SE, FI].map((c) => c.isBusinessDay(d("2025-01-06")))).toEqual([true, false, false]);
    expect([NO, SE, FI].map((c) => c.isBusinessDay(d("2025-06-06")))).toEqual([true, false, true]);
    expect([NO, SE, FI].map((c) => c.isBusinessDay(d("2024-12-06")))).toEqual([true, true, false]);
    expect([NO, SE, FI].map((c) => c.isBusinessDay(d("2025-06-20")))).toEqual([true, false, false]);
    expect([NO, SE, FI].map((c) => c.isBusinessDay(d("2025-06-09")))).toEqual([false, true, true]); // 2. pinsedag
  });

  it("agrees with the year's holiday list whatever order the years are asked in (the per-year cache)", () => {
    fc.assert(
      fc.property(anyCalendar, fc.array(anyDate, { minLength: 1, maxLength: 30 }), (calendar, dates) => {
        for (const date of dates) {
          const listed = calendar.holidays(date.year).some((h) => h.date.equals(date));
          expect(calendar.isBusinessDay(date)).toBe(date.dayOfWeek <= 5 && !listed);
          expect(calendar.holidayName(date) !== null).toBe(listed);
        }
      }),
    );
  });
});

describe("nextBusinessDay", () => {
  it("returns the day itself when it is a business day", () => {
    expect(NO.nextBusinessDay(d("2025-04-22")).toString()).toBe("2025-04-22");
  });

  it("skips Easter in Norway from Skjærtorsdag to the Tuesday", () => {
    expect(NO.nextBusinessDay(d("2025-04-17")).toString()).toBe("2025-04-22");
  });

  it("is a business day, not before the date, with no business day in between", () => {
    fc.assert(
      fc.property(anyCalendar, anyDate, (calendar, date) => {
        const next = calendar.nextBusinessDay(date);
        expect(calendar.isBusinessDay(next)).toBe(true);
        expect(next.isBefore(date)).toBe(false);
        for (let day = date; day.isBefore(next); day = day.plusDays(1)) {
          expect(calendar.isBusinessDay(day)).toBe(false);
        }
      }),
    );
  });
});

describe("addBusinessDays", () => {
  it("counts business days forward, not counting the start", () => {
    // Wednesday 16 April 2025 + 1 business day: Thursday–Monday are Easter and a weekend.
    expect(NO.addBusinessDays(d("2025-04-16"), 1).toString()).toBe("2025-04-22");
    expect(NO.addBusinessDays(d("2025-04-14"), 5).toString()).toBe("2025-04-24");
    expect(SE.addBusinessDays(d("2025-04-16"), 1).toString()).toBe("2025-04-17");
  });

  it("counts backward for a negative number and leaves the date for zero", () => {
    expect(NO.addBusinessDays(d("2025-04-22"), -1).toString()).toBe("2025-04-16");
    expect(NO.addBusinessDays(d("2025-04-19"), 0).toString()).toBe("2025-04-19");
  });

  it("lands on a business day with exactly n business days after the start", () => {
    fc.assert(
      fc.property(anyCalendar, anyDate, fc.integer({ min: 1, max: 40 }), (calendar, date, n) => {
        const result = calendar.addBusinessDays(date, n);
        expect(calendar.isBusinessDay(result)).toBe(true);
        let count = 0;
        for (let day = date.plusDays(1); !day.isAfter(result); day = day.plusDays(1)) {
          if (calendar.isBusinessDay(day)) count++;
        }
        expect(count).toBe(n);
        // Counting back from the result returns to the start when the start is a business day.
        if (calendar.isBusinessDay(date)) expect(calendar.addBusinessDays(result, -n).toString()).toBe(date.toString());
      }),
    );
  });

  it("rejects a fractional number of days", () => {
    const error = catchError(() => NO.addBusinessDays(d("2025-04-14"), 1.5));
    expect(error.code).toBe("invalid_input");
    expect(error.field).toBe("businessDays");
  });
});

import { describe, expect, it } from "vitest";
import { LocalDate } from "../calendar/local-date.js";
import { endedPeriods, periodOf } from "./periods.js";

const d = (s: string) => LocalDate.parse(s);
const show = (p: { from: LocalDate; to: LocalDate }) => `${p.from}..${p.to}`;

describe("settlement periods", () => {
  it("a day, an ISO week from Monday to Sunday, a calendar month (February of a leap year too)", () => {
    expect(show(periodOf("daily", d("2026-11-23")))).toBe("2026-11-23..2026-11-23");
    expect(show(periodOf("weekly", d("2026-11-23")))).toBe("2026-11-23..2026-11-29"); // a Monday
    expect(show(periodOf("weekly", d("2026-11-29")))).toBe("2026-11-23..2026-11-29"); // its Sunday
    expect(show(periodOf("weekly", d("2027-01-01")))).toBe("2026-12-28..2027-01-03"); // across the new year
    expect(show(periodOf("monthly", d("2028-02-10")))).toBe("2028-02-01..2028-02-29");
    expect(show(periodOf("monthly", d("2026-12-31")))).toBe("2026-12-01..2026-12-31");
  });

  it("lists the periods ended by today from the one holding the first unsettled day, oldest first", () => {
    expect(endedPeriods("monthly", d("2026-09-15"), d("2026-11-23")).map(show)).toEqual(["2026-09-01..2026-09-30", "2026-10-01..2026-10-31"]);
    expect(endedPeriods("weekly", d("2026-11-10"), d("2026-11-23")).map(show)).toEqual(["2026-11-09..2026-11-15", "2026-11-16..2026-11-22"]);
    expect(endedPeriods("daily", d("2026-11-21"), d("2026-11-23")).map(show)).toEqual(["2026-11-21..2026-11-21", "2026-11-22..2026-11-22"]);
  });

  it("settles a period from the day after it ends, never on its last day", () => {
    expect(endedPeriods("monthly", d("2026-11-02"), d("2026-11-30"))).toEqual([]);
    expect(endedPeriods("monthly", d("2026-11-02"), d("2026-12-01")).map(show)).toEqual(["2026-11-01..2026-11-30"]);
    expect(endedPeriods("daily", d("2026-11-23"), d("2026-11-23"))).toEqual([]);
  });

  it("catches up at most `limit` periods at a time", () => {
    expect(endedPeriods("daily", d("2026-01-01"), d("2026-11-23"), 3).map(show)).toEqual(["2026-01-01..2026-01-01", "2026-01-02..2026-01-02", "2026-01-03..2026-01-03"]);
    expect(() => endedPeriods("daily", d("2026-01-01"), d("2026-11-23"), 0)).toThrow(/positive/);
  });
});

import { describe, expect, it } from "vitest";
import { formatDate, formatInstant, formatMoney, formatMonth, subtractDecimal, toMinor } from "./format";

const NBSP = "\u00a0";

describe("formatMoney", () => {
  it("writes Norwegian kroner as 1 250,00 kr", () => {
    expect(formatMoney("1250.00", "NOK", "nb")).toBe(`1${NBSP}250,00${NBSP}kr`);
    expect(formatMoney("0.5", "NOK", "nb")).toBe(`0,50${NBSP}kr`);
  });

  it("writes British English with the currency code first", () => {
    expect(formatMoney("1250.00", "NOK", "en")).toBe(`NOK${NBSP}1,250.00`);
    expect(formatMoney("-12.50", "EUR", "en")).toBe("-€12.50");
  });

  it("keeps every digit of amounts a float could not hold", () => {
    // 9007199254740993 is 2^53 + 1: as a float it would print ...992.
    expect(formatMoney("9007199254740993.25", "NOK", "en")).toBe(`NOK${NBSP}9,007,199,254,740,993.25`);
  });

  it("shows a dash for no amount and the input itself when it is not a decimal", () => {
    expect(formatMoney(null, "NOK", "nb")).toBe("–");
    expect(formatMoney("abc", "NOK", "nb")).toBe("abc");
  });
});

describe("Swedish", () => {
  it("writes dates as Swedes do (ISO 8601) and amounts with the Swedish separators", () => {
    expect(formatDate("2026-12-08", "sv")).toBe("2026-12-08");
    expect(formatMoney("1250.00", "SEK", "sv")).toBe("1\u00a0250,00\u00a0kr");
  });
});

describe("formatDate", () => {
  it("writes calendar dates as dd.mm.yyyy in Norwegian and dd/mm/yyyy in English", () => {
    expect(formatDate("2026-12-08", "nb")).toBe("08.12.2026");
    expect(formatDate("2026-12-08", "en")).toBe("08/12/2026");
  });

  it("never shifts a date by a time zone", () => {
    expect(formatDate("2026-01-01", "nb")).toBe("01.01.2026");
    expect(formatDate("2026-12-31", "nb")).toBe("31.12.2026");
  });

  it("writes instants in Norway's time", () => {
    // 22:30 UTC on 30 June is 00:30 on 1 July in Oslo (summer time, UTC+2).
    expect(formatInstant("2026-06-30T22:30:00Z", "nb")).toBe("01.07.2026 00:30");
    expect(formatInstant("2026-01-15T08:05:00Z", "en")).toBe("15/01/2026 09:05");
  });

  it("names months", () => {
    expect(formatMonth("2026-03", "en")).toBe("Mar 2026");
    expect(formatMonth("2026-03", "nb")).toBe("mars 2026");
  });
});

describe("decimal arithmetic", () => {
  it("reads decimal strings as minor units", () => {
    expect(toMinor("1250.5")).toBe(125050n);
    expect(toMinor("-0.07")).toBe(-7n);
    expect(toMinor("12")).toBe(1200n);
  });

  it("subtracts exactly", () => {
    expect(subtractDecimal("2100.00", "1250.00")).toBe("850.00");
    expect(subtractDecimal("0.10", "0.30")).toBe("-0.20");
    expect(subtractDecimal("5", "5.00")).toBe("0.00");
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toJsonText } from "./json-text.js";
import { decimal, formatDate, formatTimestamp, minorFromWireNumber, parseDateText, parseDateTimeText } from "./wire-values.js";

describe("wire values", () => {
  it("writes øre as JSON numbers with two decimals", () => {
    expect(toJsonText({ a: decimal(1_250_50), b: decimal(-5), c: decimal(0), d: decimal(100) })).toBe('{"a":1250.50,"b":-0.05,"c":0.00,"d":1.00}');
  });

  it("reads JSON numbers back to the same øre (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (minor) => {
        const wire = JSON.parse(toJsonText({ x: decimal(minor) })) as { x: number };
        expect(minorFromWireNumber(wire.x)).toBe(minor);
      }),
    );
  });

  it("refuses amounts with more than two decimals instead of rounding", () => {
    expect(minorFromWireNumber(0.1 + 0.2)).toBeNull();
    expect(minorFromWireNumber(12.345)).toBeNull();
    expect(minorFromWireNumber(1e21)).toBeNull();
    expect(minorFromWireNumber(1234.5)).toBe(1_234_50);
  });

  it("leaves out null and undefined properties", () => {
    expect(toJsonText({ a: null, b: undefined, c: [null], d: { e: undefined, f: "æøå" } })).toBe('{"c":[null],"d":{"f":"æøå"}}');
  });

  it("formats timestamps as in filtering.md and dates as YYYY-MM-DD", () => {
    expect(formatTimestamp(Date.UTC(2023, 9, 25, 7, 58, 57, 900))).toBe("2023-10-25T07:58:57 +00:00");
    expect(formatDate(19_723)).toBe("2024-01-01");
  });

  it("parses the vendor's date and date-time texts", () => {
    expect(parseDateTimeText("2024-01-01T00:00:00")).toBe(Date.UTC(2024, 0, 1));
    expect(parseDateTimeText("2023-10-25T07:58:57 +00:00")).toBe(Date.UTC(2023, 9, 25, 7, 58, 57));
    expect(parseDateTimeText("2023-10-25T09:58:57.250+02:00")).toBe(Date.UTC(2023, 9, 25, 7, 58, 57, 250));
    expect(parseDateText("2024-02-29")).toBe(19_782);
    expect(parseDateTimeText("2023-02-29")).toBeNull();
    expect(parseDateTimeText("yesterday")).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { checkFiReference, formatFiReference, makeFiReference } from "./fi-reference.js";

// Finanssiala's viitenumero standard: weights 7,3,1 from the right.
describe("makeFiReference", () => {
  it.each([
    ["123", "1232"],
    ["1000", "10003"],
    ["12345", "123453"],
    ["123456", "1234561"], // Finanssiala's example "12 34561"
  ])("%s → %s", (base, reference) => {
    expect(makeFiReference(base)).toBe(reference);
  });

  it.each(["12", "1".repeat(20), "12a4"])("rejects base %j naming field base", (base) => {
    expect(() => makeFiReference(base)).toThrow(/^base: /);
  });
});

describe("checkFiReference", () => {
  it.each(["1232", "10003", "123453", "1234561"])("accepts %s", (value) => {
    expect(checkFiReference(value)).toEqual({ valid: true, normalized: value });
  });

  it("accepts the printed grouping and the zero-padded machine form", () => {
    expect(checkFiReference("12 34561")).toEqual({ valid: true, normalized: "1234561" });
    expect(checkFiReference("00000000000001234561")).toEqual({ valid: true, normalized: "1234561" });
    expect(checkFiReference("1 23456 71234 56784").valid).toBe(true);
  });

  it.each([
    ["1233", "check digit: expected 2, got 3"],
    ["123", "wrong length: expected 4–20 digits, got 3"],
    ["1".repeat(21), "wrong length: expected 4–20 digits, got 21"],
    ["12-34561", "contains non-digit characters"],
  ])("rejects %s: %s", (value, reason) => {
    expect(checkFiReference(value)).toEqual({ valid: false, reason });
  });

  it("property: every made reference passes and any single changed digit fails", () => {
    // Weights 7, 3, 1 are all coprime to 10, so one changed digit always changes the sum mod 10.
    const base = fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 3, maxLength: 19 });
    fc.assert(
      fc.property(base, fc.nat(), fc.integer({ min: 1, max: 9 }), (b, at, shift) => {
        const reference = makeFiReference(b);
        expect(checkFiReference(reference).valid).toBe(true);
        const i = at % reference.length;
        const mutated = reference.slice(0, i) + String((Number(reference.charAt(i)) + shift) % 10) + reference.slice(i + 1);
        expect(checkFiReference(mutated).valid).toBe(false);
      }),
    );
  });
});

describe("formatFiReference", () => {
  it("groups by five from the right without leading zeros", () => {
    expect(formatFiReference("1234561")).toBe("12 34561");
    expect(formatFiReference("00000000000001234561")).toBe("12 34561");
    expect(formatFiReference("12345671234567856784")).toBe("12345 67123 45678 56784");
  });

  it("throws for an invalid reference", () => {
    expect(() => formatFiReference("1233", "invoice.reference")).toThrow(/^invoice\.reference: /);
  });
});

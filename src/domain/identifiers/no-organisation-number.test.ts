import { describe, expect, it } from "vitest";
import { checkNoOrganisationNumber } from "./no-organisation-number.js";

// Brønnøysundregistrene's organisasjonsnummer.
describe("checkNoOrganisationNumber", () => {
  it.each(["123456785", "974760673", "923609016", "983887457"])("accepts %s", (value) => {
    expect(checkNoOrganisationNumber(value)).toEqual({ valid: true, normalized: value });
  });

  it("accepts the usual grouping with spaces", () => {
    expect(checkNoOrganisationNumber("974 760 673")).toEqual({ valid: true, normalized: "974760673" });
  });

  it.each([
    ["123456789", "check digit: expected 5, got 9"],
    ["12345678", "wrong length: expected 9 digits, got 8"],
    ["1234567850", "wrong length: expected 9 digits, got 10"],
    ["12345678A", "contains non-digit characters"],
    ["123.456.785", "wrong length: expected 9 digits, got 11"],
  ])("rejects %s: %s", (value, reason) => {
    expect(checkNoOrganisationNumber(value)).toEqual({ valid: false, reason });
  });

  it("rejects a number whose MOD11 remainder is 10 (never issued)", () => {
    // Digit 8 has weight 2: 6 × 2 = 12 ≡ 1 (mod 11), so r = 11 − 1 = 10.
    expect(checkNoOrganisationNumber("000000060")).toEqual({
      valid: false,
      reason: "no check digit fits (MOD11 remainder 10); such numbers are never issued",
    });
  });
});

import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.js";
import { checkNoAccountNumber, formatNoAccountNumber } from "./no-account-number.js";

// Norwegian kontonummer (the banks' MOD11 rule).
describe("checkNoAccountNumber", () => {
  it.each(["12345678903", "86011117947"])("accepts %s", (value) => {
    expect(checkNoAccountNumber(value)).toEqual({ valid: true, normalized: value });
  });

  it.each(["1234.56.78903", "1234 56 78903", "8601.11.17947"])("accepts the grouped form %s", (value) => {
    expect(checkNoAccountNumber(value).valid).toBe(true);
  });

  it("normalizes to 11 digits", () => {
    expect(checkNoAccountNumber("1234.56.78903").normalized).toBe("12345678903");
  });

  it.each([
    ["12345678901", "check digit: expected 3, got 1"],
    ["15038712345", "check digit: expected 6, got 5"],
    ["1234567890", "wrong length: expected 11 digits, got 10"],
    ["1234-56-78903", "wrong length: expected 11 digits, got 13"],
    ["1234567890X", "contains non-digit characters"],
  ])("rejects %s: %s", (value, reason) => {
    expect(checkNoAccountNumber(value)).toEqual({ valid: false, reason });
  });

  it("rejects a number whose MOD11 remainder is 10 (never issued)", () => {
    // Digit 10 has weight 2: 6 × 2 = 12 ≡ 1 (mod 11), so r = 10.
    expect(checkNoAccountNumber("00000000060").reason).toMatch(/remainder 10/);
  });
});

describe("formatNoAccountNumber", () => {
  it("prints BBBB.CC.NNNNC", () => {
    expect(formatNoAccountNumber("86011117947")).toBe("8601.11.17947");
    expect(formatNoAccountNumber("1234 56 78903")).toBe("1234.56.78903");
  });

  it("throws a DomainError naming the field for an invalid number", () => {
    expect(() => formatNoAccountNumber("12345678901", "creditor.account")).toThrow(DomainError);
    expect(() => formatNoAccountNumber("12345678901", "creditor.account")).toThrow(/creditor\.account: .*expected 3, got 1/);
  });
});

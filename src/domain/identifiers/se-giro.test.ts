import { describe, expect, it } from "vitest";
import { checkBankgiro, checkPlusgiro } from "./se-giro.js";

// Bankgirot's bankgiro and Plusgirot's plusgiro numbers.
describe("checkBankgiro", () => {
  it.each([
    ["5050-1055", "5050-1055"],
    ["160-9908", "160-9908"], // Bankgirot's own
    ["5555-5551", "5555-5551"],
    ["50501055", "5050-1055"],
    ["1609908", "160-9908"],
  ])("accepts %s as %s", (value, normalized) => {
    expect(checkBankgiro(value)).toEqual({ valid: true, normalized });
  });

  it.each([
    ["5050-1056", "check digit: expected 5, got 6"],
    ["160-990", "wrong length: expected 7–8 digits, got 6"],
    ["123456789", "wrong length: expected 7–8 digits, got 9"],
    ["50-501055", "the hyphen belongs before the last 4 digits"],
    ["5050-105X", "contains non-digit characters"],
  ])("rejects %s: %s", (value, reason) => {
    expect(checkBankgiro(value)).toEqual({ valid: false, reason });
  });
});

describe("checkPlusgiro", () => {
  it.each([
    ["471-3", "471-3"],
    ["2816-7", "2816-7"],
    ["902001-7", "902001-7"],
    ["4713", "471-3"],
    ["90 20 01-7", "902001-7"],
  ])("accepts %s as %s", (value, normalized) => {
    expect(checkPlusgiro(value)).toEqual({ valid: true, normalized });
  });

  it.each([
    ["471-4", "check digit: expected 3, got 4"],
    ["4", "wrong length: expected 2–8 digits, got 1"],
    ["123456789", "wrong length: expected 2–8 digits, got 9"],
    ["47-13", "the hyphen belongs before the last digit"],
    ["47a-3", "contains non-digit characters"],
  ])("rejects %s: %s", (value, reason) => {
    expect(checkPlusgiro(value)).toEqual({ valid: false, reason });
  });
});

import { describe, expect, it } from "vitest";
import { checkSeOrganisationNumber } from "./se-organisation-number.js";

// Bolagsverket's organisationsnummer (lag (1974:174)).
describe("checkSeOrganisationNumber", () => {
  it.each([
    ["556047-3521", "556047-3521"], // Bankgirocentralen BGC AB
    ["556547-5489", "556547-5489"],
    ["202100-5489", "202100-5489"],
    ["5560473521", "556047-3521"],
    ["16556047-3521", "556047-3521"],
    ["165560473521", "556047-3521"],
  ])("accepts %s as %s", (value, normalized) => {
    expect(checkSeOrganisationNumber(value)).toEqual({ valid: true, normalized });
  });

  it.each([
    ["556047-3522", "check digit: expected 1, got 2"],
    // A personnummer passes Luhn but its third digit (a month's tens) is 0 or 1.
    ["811218-9876", "third digit must be 2 or more, got 1 (digits 3–4 would read as a month of a personal number)"],
    ["556047-352", "wrong length: expected 10 digits (NNNNNN-NNNC), got 9"],
    ["55604-73521", "wrong length: expected 10 digits (NNNNNN-NNNC), got 11"],
    ["55604X-3521", "contains non-digit characters"],
  ])("rejects %s: %s", (value, reason) => {
    expect(checkSeOrganisationNumber(value)).toEqual({ valid: false, reason });
  });
});

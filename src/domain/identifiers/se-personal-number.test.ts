import { describe, expect, it } from "vitest";
import { checkSePersonalNumber } from "./se-personal-number.js";

// Skatteverket's personnummer (folkbokföringslagen (1991:481) § 18).
describe("checkSePersonalNumber", () => {
  it.each([
    ["811218-9876", "811218-9876"], // Skatteverket's sample
    ["121212-1212", "121212-1212"],
    ["8112189876", "811218-9876"],
    ["811218+9876", "811218+9876"], // + separator: 100 years or older
    ["19811218-9876", "19811218-9876"],
    ["198112189876", "19811218-9876"],
  ])("accepts %s as %s", (value, normalized) => {
    expect(checkSePersonalNumber(value)).toMatchObject({ valid: true, normalized, coordinationNumber: false });
  });

  it("gives the birth date for the 12-digit form", () => {
    expect(checkSePersonalNumber("19811218-9876").birthDate?.toString()).toBe("1981-12-18");
    expect(checkSePersonalNumber("811218-9876").birthDate).toBeUndefined();
  });

  it("accepts a samordningsnummer (day + 60)", () => {
    expect(checkSePersonalNumber("811278-9873")).toMatchObject({ valid: true, coordinationNumber: true });
  });

  it("rejects a wrong check digit", () => {
    expect(checkSePersonalNumber("811218-9875")).toEqual({ valid: false, reason: "check digit: expected 6, got 5" });
  });

  // All of these have a correct Luhn digit; only the date is wrong.
  it.each([
    ["811318-9875", "not a date: 81-13-18"],
    ["810231-9871", "not a date: 81-02-31"],
    ["811292-9875", "not a date: 81-12-32 (samordningsnummer, day − 60)"],
    ["010229-1234", "not a date: 01-02-29"],
  ])("rejects %s: %s", (value, reason) => {
    expect(checkSePersonalNumber(value)).toEqual({ valid: false, reason });
  });

  it("29 February of a year ending in 00 depends on the separator: - is 2000, + is 1900", () => {
    expect(checkSePersonalNumber("000229-1235").valid).toBe(true);
    expect(checkSePersonalNumber("000229+1235")).toEqual({ valid: false, reason: "not a date: 00-02-29" });
    expect(checkSePersonalNumber("20000229-1235").birthDate?.toString()).toBe("2000-02-29");
    expect(checkSePersonalNumber("19000229-1235")).toEqual({ valid: false, reason: "not a date: 1900-02-29" });
  });

  it.each([
    ["811218-987", "wrong length: expected 10 or 12 digits (YYMMDD-NNNC or YYYYMMDD-NNNC), got 9"],
    ["1981121898760", "wrong length: expected 10 or 12 digits (YYMMDD-NNNC or YYYYMMDD-NNNC), got 13"],
    ["81121-89876", "the separator belongs before the last four digits"],
    ["19811218+9876", "a 12-digit number states the century, so it takes - and not +"],
    ["81121A-9876", "contains non-digit characters"],
    ["811218 9876", "wrong length: expected 10 or 12 digits (YYMMDD-NNNC or YYYYMMDD-NNNC), got 11"],
    ["21811218-9876", "century must be 18, 19 or 20, got 21"],
  ])("rejects %s: %s", (value, reason) => {
    expect(checkSePersonalNumber(value)).toEqual({ valid: false, reason });
  });
});

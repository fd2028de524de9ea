import { describe, expect, it } from "vitest";
import { checkNoNationalId } from "./no-national-id.js";

// Skatteetaten's fødselsnummer and D-nummer (folkeregisterloven § 2-2).
describe("checkNoNationalId", () => {
  it.each([
    ["31129956715", "1899-12-31"], // individnummer 567 with year 99 → 1800s
    ["01010112377", "1901-01-01"],
    ["15076500565", "1965-07-15"],
    ["29020412354", "1904-02-29"], // 1904 is a leap year
  ])("accepts the fødselsnummer %s (born %s)", (value, born) => {
    const result = checkNoNationalId(value);
    expect(result).toMatchObject({ valid: true, normalized: value, type: "fodselsnummer", synthetic: false });
    expect(result.birthDate?.toString()).toBe(born);
  });

  it("accepts the D-nummer 41010112360 (day + 40)", () => {
    const result = checkNoNationalId("41010112360");
    expect(result).toMatchObject({ valid: true, type: "d-nummer" });
    expect(result.birthDate?.toString()).toBe("1901-01-01");
  });

  it("accepts spaces between date and personal number", () => {
    expect(checkNoNationalId("311299 56715").normalized).toBe("31129956715");
  });

  it("rejects 01010112345 on the first check digit", () => {
    expect(checkNoNationalId("01010112345")).toEqual({ valid: false, reason: "first check digit: expected 7, got 4" });
  });

  it("rejects a wrong second check digit", () => {
    expect(checkNoNationalId("31129956716")).toEqual({ valid: false, reason: "second check digit: expected 5, got 6" });
  });

  it.each([
    ["3112995671", "wrong length: expected 11 digits, got 10"],
    ["311299567150", "wrong length: expected 11 digits, got 12"],
    ["3112995671X", "contains non-digit characters"],
  ])("rejects %s: %s", (value, reason) => {
    expect(checkNoNationalId(value)).toEqual({ valid: false, reason });
  });

  // The following numbers have correct check digits; only the date or century is wrong.
  it("rejects 29 February 1900 (individnummer 123 → 1900s, not a leap year)", () => {
    expect(checkNoNationalId("29020012380")).toEqual({ valid: false, reason: "not a date: 29.02.1900" });
  });

  it("accepts 29 February 2000 (individnummer 513 → 2000s)", () => {
    expect(checkNoNationalId("29020051386").birthDate?.toString()).toBe("2000-02-29");
  });

  it("rejects a D-nummer whose day − 40 is not a date", () => {
    expect(checkNoNationalId("81121898705")).toEqual({ valid: false, reason: "not a date: 41.12.2018" });
  });

  it("rejects an individnummer not allocated for the year (600 with year 50)", () => {
    expect(checkNoNationalId("01015060057")).toEqual({ valid: false, reason: "individnummer 600 is not allocated for birth year 50" });
  });

  describe("Tenor synthetic numbers (month + 80)", () => {
    it("are rejected by default", () => {
      expect(checkNoNationalId("01810151257")).toEqual({
        valid: false,
        reason: "not a date: 01.81.2001 (month + 80 marks a Tenor synthetic test number, not accepted here)",
      });
    });

    it("are accepted with allowSynthetic, flagged synthetic", () => {
      const result = checkNoNationalId("01810151257", { allowSynthetic: true });
      expect(result).toMatchObject({ valid: true, type: "fodselsnummer", synthetic: true });
      expect(result.birthDate?.toString()).toBe("2001-01-01");
    });

    it("combine with D-nummer", () => {
      expect(checkNoNationalId("41810151240", { allowSynthetic: true })).toMatchObject({ valid: true, type: "d-nummer", synthetic: true });
    });

    it("do not loosen the ordinary check: months 13–80 stay invalid and check digits still count", () => {
      // Each of these has correct check digits: month 13, month 50 and month 93 (= 80 + 13).
      expect(checkNoNationalId("01130151481", { allowSynthetic: true }).reason).toBe("not a date: 01.13.2001");
      expect(checkNoNationalId("01500151222", { allowSynthetic: true }).reason).toBe("not a date: 01.50.2001");
      expect(checkNoNationalId("01930151285", { allowSynthetic: true }).reason).toBe("not a date: 01.13.2001");
      expect(checkNoNationalId("01810151258", { allowSynthetic: true }).reason).toBe("second check digit: expected 7, got 8");
      expect(checkNoNationalId("01010112377", { allowSynthetic: true })).toMatchObject({ valid: true, synthetic: false });
    });
  });
});

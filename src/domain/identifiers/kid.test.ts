import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DomainError } from "../errors.js";
import { type KidAlgorithm, checkKid, makeKid, parseKidAlgorithm } from "./kid.js";
import { catchError } from "../domain-error.fixture.js";

// The Nets KID specification's MOD10 and MOD11 examples.
const MOD10_VECTORS = [
  ["1234", "12344"],
  ["234567", "2345676"],
  ["2345678", "23456783"],
  ["1234567890", "12345678903"],
  ["0", "00"],
  ["1000", "10009"],
  ["004455525", "0044555258"],
] as const;

const MOD11_VECTORS = [
  ["1234", "12343"],
  ["2345678", "23456788"],
  ["1234567890", "12345678903"],
  ["1000", "10006"],
  ["31", "310"],
  ["40", "40-"],
  ["036532", "0365327"],
  ["036536", "036536-"],
  ["104", "104-"],
  ["118", "118-"],
] as const;

describe("makeKid", () => {
  it.each(MOD10_VECTORS)("MOD10 of %s is %s", (base, kid) => {
    expect(makeKid(base, "MOD10")).toBe(kid);
  });

  it.each(MOD11_VECTORS)("MOD11 of %s is %s", (base, kid) => {
    expect(makeKid(base, "MOD11")).toBe(kid);
  });

  it("leading zeros do not change the check digit", () => {
    expect(makeKid("0001234", "MOD10")).toBe("00012344");
    expect(makeKid("0001234", "MOD11")).toBe("00012343");
  });

  it.each(["", "1234567890123456789012345", "12a4", "12 34", "-1"])("rejects base %j naming field base", (base) => {
    const error = catchError(() => makeKid(base, "MOD10"));
    expect(error).toBeInstanceOf(DomainError);
    expect(error.field).toBe("base");
  });

  it("accepts a 24-digit base (KID of 25)", () => {
    expect(makeKid("1".repeat(24), "MOD10")).toHaveLength(25);
  });

  it("rejects an unknown algorithm", () => {
    const error = catchError(() => makeKid("1234", "MOD12" as KidAlgorithm));
    expect(error.code).toBe("unknown_kid_algorithm");
    expect(error.field).toBe("algorithm");
  });
});

describe("checkKid", () => {
  it.each(MOD10_VECTORS)("accepts the MOD10 KID for %s (%s) as MOD10", (_base, kid) => {
    const result = checkKid(kid);
    expect(result.valid).toBe(true);
    expect(result.algorithm).toBe("MOD10");
    expect(result.algorithms).toContain("MOD10");
  });

  it.each(MOD11_VECTORS)("accepts the MOD11 KID for %s (%s)", (_base, kid) => {
    const result = checkKid(kid);
    expect(result.valid).toBe(true);
    expect(result.algorithms).toContain("MOD11");
  });

  it("prefers MOD10 when both pass, and lists both", () => {
    expect(checkKid("12345678903")).toEqual({ valid: true, algorithm: "MOD10", algorithms: ["MOD10", "MOD11"] });
  });

  it("a KID ending in - can only be MOD11", () => {
    expect(checkKid("40-")).toEqual({ valid: true, algorithm: "MOD11", algorithms: ["MOD11"] });
  });

  it.each([
    ["2345674", "check digit: expected 6 (MOD10) or 6 (MOD11), got 4"],
    ["0044555251", "check digit: expected 8 (MOD10) or 5 (MOD11), got 1"],
    ["1677036255", "check digit: expected 1 (MOD10) or 3 (MOD11), got 5"],
  ])("rejects the invalid KID %s", (kid, reason) => {
    expect(checkKid(kid)).toEqual({ valid: false, algorithm: null, algorithms: [], reason });
  });

  it("is invalid for MOD10 alone for the MOD10 invalid vectors", () => {
    expect(checkKid("2345674", { algorithm: "MOD10" }).valid).toBe(false);
    expect(checkKid("0044555251", { algorithm: "MOD10" }).reason).toBe("check digit: expected 8 (MOD10), got 1");
  });

  it("is invalid for MOD11 alone for the MOD11 invalid vector", () => {
    expect(checkKid("1677036255", { algorithm: "MOD11" }).reason).toBe("check digit: expected 3 (MOD11), got 5");
  });

  it("rejects a trailing - where MOD11 expects a digit", () => {
    expect(checkKid("12-")).toMatchObject({ valid: false, reason: "check digit: expected 4 (MOD11), got -" });
  });

  it("with the agreement's algorithm, a KID that passes only the other one is invalid", () => {
    expect(checkKid("12344", { algorithm: "MOD11" })).toMatchObject({ valid: false, algorithms: ["MOD10"] });
    expect(checkKid("12343", { algorithm: "MOD11" })).toMatchObject({ valid: true, algorithm: "MOD11" });
    expect(checkKid("40-", { algorithm: "MOD10" })).toMatchObject({ valid: false, reason: "check digit: expected 6 (MOD10), got -" });
  });

  it.each([
    ["5", "wrong length: a KID has 2–25 characters, got 1"],
    ["", "wrong length: a KID has 2–25 characters, got 0"],
    ["1".repeat(26), "wrong length: a KID has 2–25 characters, got 26"],
    ["12a44", "contains non-digit characters"],
    ["1234x", "contains non-digit characters"],
    ["12-44", "contains non-digit characters"],
    [" 12344", "contains non-digit characters"],
  ])("rejects %j: %s", (kid, reason) => {
    expect(checkKid(kid)).toEqual({ valid: false, algorithm: null, algorithms: [], reason });
  });
});

describe("parseKidAlgorithm", () => {
  it("accepts either case and rejects others", () => {
    expect(parseKidAlgorithm("mod11")).toBe("MOD11");
    expect(() => parseKidAlgorithm("luhn")).toThrow(/known: MOD10, MOD11/);
  });
});

describe("KID properties", () => {
  const base = fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 1, maxLength: 24 });
  const algorithm = fc.constantFrom<KidAlgorithm>("MOD10", "MOD11");

  it("every made KID passes its algorithm", () => {
    fc.assert(
      fc.property(base, algorithm, (b, alg) => {
        const result = checkKid(makeKid(b, alg));
        expect(result.valid).toBe(true);
        expect(result.algorithms).toContain(alg);
        expect(checkKid(makeKid(b, alg), { algorithm: alg }).valid).toBe(true);
      }),
    );
  });

  // Luhn: doubling mod 9 permutes 0–9, so one changed digit always changes the sum mod 10.
  // MOD11: 11 is prime and every weight (1 for the check digit, 2–7 for the rest) is below 11,
  // so one changed digit changes the sum mod 11. Both detect every single-digit substitution,
  // the check character included (a "-" replaced by a digit, or a digit by another digit).
  it("changing any single character to another digit makes it fail that algorithm", () => {
    fc.assert(
      fc.property(base, algorithm, fc.nat(), fc.integer({ min: 1, max: 9 }), (b, alg, at, shift) => {
        const kid = makeKid(b, alg);
        const i = at % kid.length;
        const old = kid.charAt(i);
        const replacement = old === "-" ? String(shift) : String((Number(old) + shift) % 10);
        const mutated = kid.slice(0, i) + replacement + kid.slice(i + 1);
        expect(checkKid(mutated).algorithms).not.toContain(alg);
      }),
    );
  });

  // MOD11 also detects every swap of two different adjacent digits (neighbouring weights differ by
  // 1 or 5, never by a multiple of 11); Luhn detects them all except 09 <-> 90.
  it("swapping two different adjacent digits fails MOD11, and fails MOD10 unless the pair is 09/90", () => {
    fc.assert(
      fc.property(base, algorithm, fc.nat(), (b, alg, at) => {
        const kid = makeKid(b, alg);
        const body = kid.endsWith("-") ? kid.length - 1 : kid.length;
        if (body < 2) return;
        const i = at % (body - 1);
        const x = kid.charAt(i);
        const y = kid.charAt(i + 1);
        if (x === y) return;
        const swapped = kid.slice(0, i) + y + x + kid.slice(i + 2);
        const undetectedByLuhn = alg === "MOD10" && (x + y === "09" || x + y === "90");
        expect(checkKid(swapped).algorithms.includes(alg)).toBe(undetectedByLuhn);
      }),
    );
  });
});


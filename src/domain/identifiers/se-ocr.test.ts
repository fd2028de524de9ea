import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DomainError } from "../errors.js";
import { type OcrControl, checkOcr, makeOcr } from "./se-ocr.js";

// Bankgirot's OCR-referenskontroll examples and the ocrgenerator test numbers.
const MAKE_VECTORS = [
  ["2019121", "20191219", "201912193"],
  ["12345", "123455", "1234574"],
  ["1234567890", "12345678903", "123456789023"],
] as const;

const LENGTH_VALID = ["18108401345678778", "18196701475307475", "1018966492531", "1019080881039", "03368912618", "1202951008", "1636976"];

describe("makeOcr", () => {
  it.each(MAKE_VECTORS)("%s → %s (check digit only) and %s (with length digit)", (base, checkOnly, withLength) => {
    expect(makeOcr(base)).toBe(checkOnly);
    expect(makeOcr(base, { lengthDigit: true })).toBe(withLength);
  });

  it.each([
    ["", {}],
    ["1".repeat(25), {}],
    ["1".repeat(24), { lengthDigit: true }],
    ["12 34", {}],
  ])("rejects base %j naming field base", (base, options) => {
    expect(() => makeOcr(base, options)).toThrow(DomainError);
    expect(() => makeOcr(base, options)).toThrow(/^base: /);
  });
});

describe("checkOcr", () => {
  it.each(MAKE_VECTORS.flatMap(([, a, b]) => [a, b]))("accepts %s under hard control", (ocr) => {
    expect(checkOcr(ocr)).toEqual({ valid: true, accepted: true, normalized: ocr });
  });

  it.each(MAKE_VECTORS.map(([, , withLength]) => withLength))("accepts %s under variable-length control", (ocr) => {
    expect(checkOcr(ocr, { control: "variable-length" }).valid).toBe(true);
  });

  it.each(LENGTH_VALID)("accepts %s under hard and variable-length control", (ocr) => {
    expect(checkOcr(ocr, { control: "hard" }).valid).toBe(true);
    expect(checkOcr(ocr, { control: "variable-length" }).valid).toBe(true);
  });

  it("rejects a wrong check digit under hard control", () => {
    expect(checkOcr("20191218")).toEqual({ valid: false, accepted: false, reason: "check digit: expected 9, got 8" });
  });

  it("soft control accepts a wrong check digit but reports it", () => {
    expect(checkOcr("20191218", { control: "soft" })).toEqual({
      valid: false,
      accepted: true,
      normalized: "20191218",
      reason: "check digit: expected 9, got 8",
    });
  });

  it("soft control still rejects what is not an OCR number at all", () => {
    expect(checkOcr("2019-1219", { control: "soft" })).toEqual({ valid: false, accepted: false, reason: "contains non-digit characters" });
  });

  it("variable-length control rejects a correct check digit with a wrong length digit", () => {
    // 20191219 has a valid Luhn digit, but its second-to-last digit 1 is not its length 8.
    expect(checkOcr("20191219", { control: "variable-length" })).toEqual({
      valid: false,
      accepted: false,
      reason: "length digit: expected 8 (length 8 mod 10), got 1",
    });
  });

  it("variable-length control needs at least 3 digits", () => {
    expect(checkOcr("00", { control: "variable-length" }).reason).toMatch(/at least 3 digits/);
  });

  it("fixed-length control accepts only the agreed lengths", () => {
    expect(checkOcr("20191219", { control: "fixed-length", lengths: [8] }).valid).toBe(true);
    expect(checkOcr("123455", { control: "fixed-length", lengths: [8, 10] }).reason).toBe("wrong length: the agreed lengths are 8 or 10 digits, got 6");
  });

  it.each([[undefined], [[]], [[5, 6, 7]], [[1]], [[26]]])("fixed-length control with lengths %j is an input error", (lengths) => {
    expect(() => checkOcr("123455", { control: "fixed-length", ...(lengths ? { lengths } : {}) })).toThrow(/^lengths: /);
  });

  it("an unknown control level is an input error", () => {
    expect(() => checkOcr("123455", { control: "strict" as OcrControl })).toThrow(expect.objectContaining({ code: "unknown_ocr_control", field: "control" }));
  });

  it.each([
    ["1", "wrong length: expected 2–25 digits, got 1"],
    ["1".repeat(26), "wrong length: expected 2–25 digits, got 26"],
    ["12345 5", "contains non-digit characters"],
  ])("rejects %s", (ocr, reason) => {
    expect(checkOcr(ocr).reason).toBe(reason);
  });

  it("property: every made reference passes, with a length digit also under variable-length control", () => {
    const base = fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 1, maxLength: 23 });
    fc.assert(
      fc.property(base, (b) => {
        expect(checkOcr(makeOcr(b)).valid).toBe(true);
        expect(checkOcr(makeOcr(b, { lengthDigit: true }), { control: "variable-length" }).valid).toBe(true);
      }),
    );
  });
});

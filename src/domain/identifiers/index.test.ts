import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.js";
import { IDENTIFIER_DESCRIPTIONS, IDENTIFIER_KINDS, type IdentifierKind, checkIdentifier, parseIdentifierKind } from "./index.js";

describe("identifier registry", () => {
  it.each<[IdentifierKind, string, string]>([
    ["orgnr", "974 760 673", "974760673"],
    ["account", "1234.56.78903", "12345678903"],
    ["fnr", "31129956715", "31129956715"],
    ["kid", "036536-", "036536-"],
    ["se-orgnr", "5560473521", "556047-3521"],
    ["se-pnr", "8112189876", "811218-9876"],
    ["bankgiro", "50501055", "5050-1055"],
    ["plusgiro", "4713", "471-3"],
    ["se-ocr", "1234574", "1234574"],
    ["fi-ref", "12 34561", "1234561"],
  ])("%s: %s is valid, normalized %s", (kind, value, normalized) => {
    expect(checkIdentifier(kind, value)).toEqual({ valid: true, kind, normalized });
  });

  it.each<[IdentifierKind, string, string]>([
    ["orgnr", "123456789", "check digit: expected 5, got 9"],
    ["account", "12345678901", "check digit: expected 3, got 1"],
    ["fnr", "01010112345", "first check digit: expected 7, got 4"],
    ["kid", "2345674", "check digit: expected 6 (MOD10) or 6 (MOD11), got 4"],
    ["se-orgnr", "556047-3522", "check digit: expected 1, got 2"],
    ["se-pnr", "811218-9875", "check digit: expected 6, got 5"],
    ["bankgiro", "5050-1056", "check digit: expected 5, got 6"],
    ["plusgiro", "471-4", "check digit: expected 3, got 4"],
    ["se-ocr", "20191218", "check digit: expected 9, got 8"],
    ["fi-ref", "1233", "check digit: expected 2, got 3"],
  ])("%s: %s is invalid with a reason", (kind, value, reason) => {
    expect(checkIdentifier(kind, value)).toEqual({ valid: false, kind, reason });
  });

  it("ignores surrounding whitespace", () => {
    expect(checkIdentifier("kid", " 12344\n").valid).toBe(true);
  });

  it("accepts Tenor synthetic fødselsnummer only when asked", () => {
    expect(checkIdentifier("fnr", "01810151257").valid).toBe(false);
    expect(checkIdentifier("fnr", "01810151257", { allowSyntheticNationalIds: true }).valid).toBe(true);
  });

  it("describes every kind", () => {
    expect(Object.keys(IDENTIFIER_DESCRIPTIONS).sort()).toEqual([...IDENTIFIER_KINDS].sort());
  });
});

describe("parseIdentifierKind", () => {
  it("accepts every listed kind", () => {
    for (const kind of IDENTIFIER_KINDS) expect(parseIdentifierKind(kind)).toBe(kind);
  });

  it("throws unknown_identifier_kind on field kind, listing the known kinds", () => {
    let error: unknown;
    try {
      parseIdentifierKind("iban");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: "unknown_identifier_kind", field: "kind" });
    expect((error as DomainError).message).toContain("orgnr, account, fnr, kid, se-orgnr, se-pnr, bankgiro, plusgiro, se-ocr, fi-ref");
  });

  it("checkIdentifier rejects an unknown kind passed at run time", () => {
    expect(() => checkIdentifier("iban" as IdentifierKind, "x")).toThrow(expect.objectContaining({ code: "unknown_identifier_kind" }));
  });
});

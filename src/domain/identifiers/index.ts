import { DomainError } from "../errors.js";
import type { IdentifierCheck } from "./check-result.js";
import { checkFiReference } from "./fi-reference.js";
import { checkKid } from "./kid.js";
import { checkNoAccountNumber } from "./no-account-number.js";
import { checkNoNationalId } from "./no-national-id.js";
import { checkNoOrganisationNumber } from "./no-organisation-number.js";
import { checkOcr } from "./se-ocr.js";
import { checkBankgiro, checkPlusgiro } from "./se-giro.js";
import { checkSePersonalNumber } from "./se-personal-number.js";
import { checkSeOrganisationNumber } from "./se-organisation-number.js";

export type { IdentifierCheck } from "./check-result.js";
export { type KidAlgorithm, type KidCheck, KID_ALGORITHMS, checkKid, makeKid, parseKidAlgorithm } from "./kid.js";
export { checkNoOrganisationNumber } from "./no-organisation-number.js";
export { checkNoAccountNumber, formatNoAccountNumber } from "./no-account-number.js";
export { type NoNationalIdCheck, type NoNationalIdType, checkNoNationalId } from "./no-national-id.js";
export { type OcrCheck, type OcrCheckOptions, type OcrControl, OCR_CONTROLS, checkOcr, makeOcr } from "./se-ocr.js";
export { checkBankgiro, checkPlusgiro } from "./se-giro.js";
export { type SePersonalNumberCheck, checkSePersonalNumber } from "./se-personal-number.js";
export { checkSeOrganisationNumber } from "./se-organisation-number.js";
export { checkFiReference, fiReferenceCheckDigit, formatFiReference, makeFiReference } from "./fi-reference.js";

/**
 * The identifier registry for the CLI and HTTP API (`fordring check <kind> <value>`).
 * `normalized` is the canonical written form of a valid value: digits only for the Norwegian and
 * Finnish numbers and for references; the hyphenated form for Swedish numbers, where the
 * separator is part of the standard notation (and for personnummer carries the century).
 */
export const IDENTIFIER_KINDS = ["orgnr", "account", "fnr", "kid", "se-orgnr", "se-pnr", "bankgiro", "plusgiro", "se-ocr", "fi-ref"] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export interface IdentifierCheckResult extends IdentifierCheck {
  readonly kind: IdentifierKind;
}

export interface CheckIdentifierOptions {
  /** Accept Tenor synthetic fødselsnummer (month + 80); off by default. */
  readonly allowSyntheticNationalIds?: boolean;
}

export const IDENTIFIER_DESCRIPTIONS: Readonly<Record<IdentifierKind, string>> = {
  orgnr: "Norwegian organisasjonsnummer (9 digits, MOD11)",
  account: "Norwegian bank account number (11 digits, MOD11; dots and spaces allowed)",
  fnr: "Norwegian fødselsnummer or D-nummer (11 digits, two MOD11 check digits, real date)",
  kid: "Norwegian KID payment reference (2–25 characters, MOD10 or MOD11)",
  "se-orgnr": "Swedish organisationsnummer (NNNNNN-NNNC, Luhn)",
  "se-pnr": "Swedish personnummer or samordningsnummer (YYMMDD-NNNC or YYYYMMDD-NNNC, Luhn, real date)",
  bankgiro: "Swedish bankgiro number (7–8 digits, Luhn)",
  plusgiro: "Swedish plusgiro number (2–8 digits, Luhn)",
  "se-ocr": "Swedish OCR reference (2–25 digits, Luhn; hard control)",
  "fi-ref": "Finnish reference number, viitenumero (4–20 digits, 7-3-1)",
};

export function isIdentifierKind(text: string): text is IdentifierKind {
  return (IDENTIFIER_KINDS as readonly string[]).includes(text);
}

export function parseIdentifierKind(text: string, field = "kind"): IdentifierKind {
  if (isIdentifierKind(text)) return text;
  throw new DomainError("unknown_identifier_kind", `"${text}" is not an identifier kind (known: ${IDENTIFIER_KINDS.join(", ")})`, field);
}

/** Checks `value` as an identifier of `kind`; surrounding whitespace is ignored. */
export function checkIdentifier(kind: IdentifierKind, value: string, options: CheckIdentifierOptions = {}): IdentifierCheckResult {
  const text = value.trim();
  const result = checkByKind(parseIdentifierKind(kind), text, options);
  const out: { valid: boolean; kind: IdentifierKind; normalized?: string; reason?: string } = { valid: result.valid, kind };
  if (result.valid) out.normalized = result.normalized ?? text;
  if (result.reason !== undefined) out.reason = result.reason;
  return out;
}

function checkByKind(kind: IdentifierKind, value: string, options: CheckIdentifierOptions): IdentifierCheck {
  switch (kind) {
    case "orgnr":
      return checkNoOrganisationNumber(value);
    case "account":
      return checkNoAccountNumber(value);
    case "fnr":
      return checkNoNationalId(value, { allowSynthetic: options.allowSyntheticNationalIds === true });
    case "kid":
      return checkKid(value);
    case "se-orgnr":
      return checkSeOrganisationNumber(value);
    case "se-pnr":
      return checkSePersonalNumber(value);
    case "bankgiro":
      return checkBankgiro(value);
    case "plusgiro":
      return checkPlusgiro(value);
    case "se-ocr":
      return checkOcr(value, { control: "hard" });
    case "fi-ref":
      return checkFiReference(value);
  }
}

import { type IdentifierCheck, NON_DIGITS, invalidIdentifier, validIdentifier, wrongCheckDigit, wrongLength } from "./check-result.js";
import { digitAt, isDigits, removeSeparators } from "./digits.js";
import { luhnCheckDigit } from "./mod10.js";

/**
 * Swedish giro numbers (Bankgirot; Plusgirot), both with a Luhn check digit over the whole number:
 * - bankgiro: 7–8 digits, written `XXX-XXXX` / `XXXX-XXXX` (hyphen before the last four);
 * - plusgiro: 2–8 digits, written with a hyphen before the check digit (`471-3`).
 * Spaces are ignored; a hyphen, if present, must be in its usual place. Normalized: the written
 * form with the hyphen. (BgMax files pad bankgiro numbers to 10 digits with zeros; strip those
 * before checking.)
 */
export function checkBankgiro(value: string): IdentifierCheck {
  return checkGiro(value, 7, 8, 4);
}

export function checkPlusgiro(value: string): IdentifierCheck {
  return checkGiro(value, 2, 8, 1);
}

function checkGiro(value: string, minLength: number, maxLength: number, digitsAfterHyphen: number): IdentifierCheck {
  const compact = removeSeparators(value, " ");
  const hyphen = compact.indexOf("-");
  const digits = hyphen === -1 ? compact : compact.slice(0, hyphen) + compact.slice(hyphen + 1);
  if (digits.length < minLength || digits.length > maxLength) return wrongLength(`${minLength}–${maxLength} digits`, digits.length);
  if (!isDigits(digits)) return NON_DIGITS;
  const n = digits.length;
  const split = n - digitsAfterHyphen;
  if (hyphen !== -1 && hyphen !== split) {
    return invalidIdentifier(`the hyphen belongs before the last ${digitsAfterHyphen === 1 ? "digit" : `${digitsAfterHyphen} digits`}`);
  }
  const expected = luhnCheckDigit(digits, 0, n - 1);
  const got = digitAt(digits, n - 1);
  if (expected !== got) return wrongCheckDigit(expected, got);
  return validIdentifier(`${digits.slice(0, split)}-${digits.slice(split)}`);
}

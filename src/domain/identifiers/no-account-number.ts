import { invalidInput } from "../errors.js";
import { type IdentifierCheck, NON_DIGITS, invalidIdentifier, validIdentifier, wrongCheckDigit, wrongLength } from "./check-result.js";
import { digitAt, isDigits, removeSeparators } from "./digits.js";
import { MOD11_NO_DIGIT, mod11CyclicCheck } from "./mod11.js";

/**
 * Norwegian bank account number (kontonummer) `BBBB.CC.NNNNC`: 11 digits, MOD11 check digit with
 * weights 5,4,3,2,7,6,5,4,3,2 on digits 1–10; remainder 10 is never issued (the Norwegian banks' account number rule).
 * Accepts dots and spaces anywhere (`1234.56.78903`, `1234 56 78903`). Normalized: 11 digits.
 */
export function checkNoAccountNumber(value: string): IdentifierCheck {
  const digits = removeSeparators(value, ". ");
  if (digits.length !== 11) return wrongLength("11 digits", digits.length);
  if (!isDigits(digits)) return NON_DIGITS;
  const check = mod11CyclicCheck(digits, 0, 10);
  if (check === MOD11_NO_DIGIT) return invalidIdentifier("no check digit fits (MOD11 remainder 10); such numbers are never issued");
  const got = digitAt(digits, 10);
  return check === got ? validIdentifier(digits) : wrongCheckDigit(check, got);
}

/** `12345678903` → `1234.56.78903`, the form printed on letters. Throws on an invalid number. */
export function formatNoAccountNumber(value: string, field = "account"): string {
  const result = checkNoAccountNumber(value);
  if (!result.valid || result.normalized === undefined) throw invalidInput(field, `"${value}" is not a valid account number: ${result.reason}`);
  const d = result.normalized;
  return `${d.slice(0, 4)}.${d.slice(4, 6)}.${d.slice(6)}`;
}

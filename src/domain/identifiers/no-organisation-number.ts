import { type IdentifierCheck, NON_DIGITS, invalidIdentifier, validIdentifier, wrongCheckDigit, wrongLength } from "./check-result.js";
import { digitAt, isDigits, removeSeparators } from "./digits.js";
import { MOD11_NO_DIGIT, mod11CyclicCheck } from "./mod11.js";

/**
 * Norwegian organisasjonsnummer (Enhetsregisteret): 9 digits, the last a MOD11 check digit with
 * weights 3,2,7,6,5,4,3,2 on digits 1–8; remainder 10 is never issued (Brønnøysundregistrene).
 * Accepts the usual grouping with spaces (`974 760 673`). Normalized: 9 digits.
 */
export function checkNoOrganisationNumber(value: string): IdentifierCheck {
  const digits = removeSeparators(value, " ");
  if (digits.length !== 9) return wrongLength("9 digits", digits.length);
  if (!isDigits(digits)) return NON_DIGITS;
  const check = mod11CyclicCheck(digits, 0, 8);
  if (check === MOD11_NO_DIGIT) return invalidIdentifier("no check digit fits (MOD11 remainder 10); such numbers are never issued");
  const got = digitAt(digits, 8);
  return check === got ? validIdentifier(digits) : wrongCheckDigit(check, got);
}

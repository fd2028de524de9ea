import { invalidInput } from "../errors.js";
import { type IdentifierCheck, NON_DIGITS, validIdentifier, wrongCheckDigit, wrongLength } from "./check-result.js";
import { digitAt, isDigits, removeSeparators } from "./digits.js";

/**
 * Finnish domestic reference number (viitenumero; Finanssiala "Kotimaisen viitteen rakenneohje"):
 * 4–20 digits, the last a check digit: weights 7,3,1,7,3,1… from the right over the base,
 * check = (10 − sum mod 10) mod 10 (Finanssiala, the Finnish reference number standard). Printed in groups of five separated
 * by spaces, without leading zeros; machine-readable forms pad to 20 digits with zeros. Leading
 * zeros do not change the sum. Normalized: the digits without spaces or leading zeros.
 */
const MIN_LENGTH = 4;
const MAX_LENGTH = 20;
const WEIGHTS = [7, 3, 1] as const;

export function fiReferenceCheckDigit(value: string, end = value.length): number {
  let sum = 0;
  let w = 0;
  for (let i = end - 1; i >= 0; i--) {
    sum += digitAt(value, i) * WEIGHTS[w]!;
    w = w === 2 ? 0 : w + 1;
  }
  return (10 - (sum % 10)) % 10;
}

/** The reference number for `base` (3–19 digits): `base` followed by its check digit. */
export function makeFiReference(base: string): string {
  if (base.length < MIN_LENGTH - 1 || base.length > MAX_LENGTH - 1) {
    throw invalidInput("base", `a reference number base has 3–19 digits, got ${base.length} characters`);
  }
  if (!isDigits(base)) throw invalidInput("base", `"${base}" contains non-digit characters`);
  return base + String(fiReferenceCheckDigit(base));
}

export function checkFiReference(value: string): IdentifierCheck {
  const digits = removeSeparators(value, " ");
  if (digits.length < MIN_LENGTH || digits.length > MAX_LENGTH) return wrongLength("4–20 digits", digits.length);
  if (!isDigits(digits)) return NON_DIGITS;
  const n = digits.length;
  const expected = fiReferenceCheckDigit(digits, n - 1);
  const got = digitAt(digits, n - 1);
  if (expected !== got) return wrongCheckDigit(expected, got);
  return validIdentifier(stripLeadingZeros(digits));
}

/** `1234561` → `12 34561`: groups of five from the right, as printed on the giro slip. */
export function formatFiReference(value: string, field = "reference"): string {
  const result = checkFiReference(value);
  if (!result.valid || result.normalized === undefined) throw invalidInput(field, `"${value}" is not a valid reference number: ${result.reason}`);
  const d = result.normalized;
  let out = "";
  for (let end = d.length; end > 0; end -= 5) {
    const group = d.slice(Math.max(0, end - 5), end);
    out = out === "" ? group : `${group} ${out}`;
  }
  return out;
}

function stripLeadingZeros(digits: string): string {
  let i = 0;
  while (i < digits.length - 1 && digits.charCodeAt(i) === 48) i++;
  return i === 0 ? digits : digits.slice(i);
}

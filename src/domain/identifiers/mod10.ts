import { digitAt } from "./digits.js";

/**
 * Luhn (mod 10) check digit over `value[start, end)`: from the right, weights 2,1,2,1…, the digits
 * of each product are summed, check = (10 − sum mod 10) mod 10. Used by Norwegian KID MOD10,
 * Swedish OCR, bankgiro, plusgiro, personnummer and organisationsnummer (the Luhn algorithm, ISO/IEC 7812-1).
 *
 * Detects every single-digit substitution (doubling mod 9 is a permutation of 0–9) and every
 * adjacent transposition except 09 ↔ 90.
 */
export function luhnCheckDigit(value: string, start = 0, end = value.length): number {
  let sum = 0;
  let double = true;
  for (let i = end - 1; i >= start; i--) {
    let d = digitAt(value, i);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return (10 - (sum % 10)) % 10;
}

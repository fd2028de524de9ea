import { digitAt } from "./digits.js";

/** The remainder 10 case of MOD11: no single digit fits (KID writes `-`; other numbers are never issued). */
export const MOD11_NO_DIGIT = 10;

/**
 * MOD11 check value over `value[start, end)` with weights 2,3,4,5,6,7,2,3… from the right:
 * r = 11 − (sum mod 11), r = 11 → 0. Returns 0–9, or `MOD11_NO_DIGIT` (10).
 * This is KID MOD11, the Norwegian account number (5,4,3,2,7,6,5,4,3,2) and the
 * organisasjonsnummer (3,2,7,6,5,4,3,2) read from the right (Brønnøysundregistrene; the Nets KID specification).
 *
 * Detects every single-digit substitution and every adjacent transposition: 11 is prime and no
 * weight, nor any difference of neighbouring weights, is a multiple of 11.
 */
export function mod11CyclicCheck(value: string, start = 0, end = value.length): number {
  let sum = 0;
  let weight = 2;
  for (let i = end - 1; i >= start; i--) {
    sum += digitAt(value, i) * weight;
    weight = weight === 7 ? 2 : weight + 1;
  }
  return toCheckValue(sum);
}

/** MOD11 check value with explicit weights applied left to right from `value[0]` (fødselsnummer k1/k2). */
export function mod11WeightedCheck(value: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    sum += digitAt(value, i) * weights[i]!;
  }
  return toCheckValue(sum);
}

function toCheckValue(sum: number): number {
  const r = 11 - (sum % 11);
  return r === 11 ? 0 : r;
}

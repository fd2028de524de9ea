import { LocalDate, daysInMonth } from "../calendar/local-date.js";
import { NON_DIGITS, invalidIdentifier, wrongLength } from "./check-result.js";
import { digitAt, isDigits, removeSeparators } from "./digits.js";
import { MOD11_NO_DIGIT, mod11WeightedCheck } from "./mod11.js";

/**
 * Norwegian fødselsnummer and D-nummer: DDMMYY + individnummer (3) + k1 + k2 (folkeregisterloven § 2-2; Skatteetaten).
 * - k1: MOD11 weights 3,7,6,1,8,9,4,5,2 on digits 1–9; k2: weights 5,4,3,2,7,6,5,4,3,2 on digits
 *   1–10 (k1 included); remainder 10 → the number is invalid.
 * - The date must be a real calendar date. D-nummer: day + 40.
 * - The century follows from the individnummer (Skatteetaten's allocation rules); a combination
 *   of individnummer and year that is not allocated is rejected, as python-stdnum does.
 * - Synthetic test persons from Tenor (Skatteetaten's test data) have month + 80. They are
 *   accepted only with `allowSynthetic: true`; by default month must be 1–12, so the ordinary check
 *   is exactly as strict as without the option. H-nummer (month + 40, health sector) and FH-nummer
 *   are not accepted.
 * Skatteetaten has announced relaxed check digits (~2032) — UNCERTAIN; this validator is one
 * function so it can be replaced when that happens.
 */
export type NoNationalIdType = "fodselsnummer" | "d-nummer";

export interface NoNationalIdCheck {
  readonly valid: boolean;
  readonly normalized?: string;
  readonly reason?: string;
  readonly type?: NoNationalIdType;
  /** True for a Tenor synthetic number (month + 80); only with `allowSynthetic`. */
  readonly synthetic?: boolean;
  readonly birthDate?: LocalDate;
}

const K1_WEIGHTS = [3, 7, 6, 1, 8, 9, 4, 5, 2] as const;
const K2_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;
const D_NUMBER_DAY_OFFSET = 40;
const TENOR_MONTH_OFFSET = 80;

export function checkNoNationalId(value: string, options: { allowSynthetic?: boolean } = {}): NoNationalIdCheck {
  const digits = removeSeparators(value, " ");
  if (digits.length !== 11) return wrongLength("11 digits", digits.length);
  if (!isDigits(digits)) return NON_DIGITS;

  const k1 = mod11WeightedCheck(digits, K1_WEIGHTS);
  if (k1 === MOD11_NO_DIGIT) return invalidIdentifier("first check digit: no digit fits (MOD11 remainder 10); such numbers are never issued");
  if (k1 !== digitAt(digits, 9)) return invalidIdentifier(`first check digit: expected ${k1}, got ${digitAt(digits, 9)}`);
  const k2 = mod11WeightedCheck(digits, K2_WEIGHTS);
  if (k2 === MOD11_NO_DIGIT) return invalidIdentifier("second check digit: no digit fits (MOD11 remainder 10); such numbers are never issued");
  if (k2 !== digitAt(digits, 10)) return invalidIdentifier(`second check digit: expected ${k2}, got ${digitAt(digits, 10)}`);

  let day = twoDigits(digits, 0);
  let month = twoDigits(digits, 2);
  const yy = twoDigits(digits, 4);
  const individual = digitAt(digits, 6) * 100 + twoDigits(digits, 7);

  const type: NoNationalIdType = day > D_NUMBER_DAY_OFFSET ? "d-nummer" : "fodselsnummer";
  if (type === "d-nummer") day -= D_NUMBER_DAY_OFFSET;
  const synthetic = options.allowSynthetic === true && month > TENOR_MONTH_OFFSET;
  if (synthetic) month -= TENOR_MONTH_OFFSET;

  const year = birthYear(yy, individual);
  if (year === null) {
    return invalidIdentifier(`individnummer ${pad(individual, 3)} is not allocated for birth year ${pad(yy, 2)}`);
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    const hint = month > TENOR_MONTH_OFFSET ? " (month + 80 marks a Tenor synthetic test number, not accepted here)" : "";
    return invalidIdentifier(`not a date: ${pad(day, 2)}.${pad(month, 2)}.${year}${hint}`);
  }
  return { valid: true, normalized: digits, type, synthetic, birthDate: LocalDate.of(year, month, day) };
}

/** Skatteetaten's individnummer ranges: which century a two-digit year belongs to. */
function birthYear(yy: number, individual: number): number | null {
  if (individual <= 499) return 1900 + yy;
  if (individual <= 749 && yy >= 54) return 1800 + yy;
  if (yy <= 39) return 2000 + yy; // 500–999
  if (individual >= 900) return 1900 + yy; // 900–999, years 40–99
  return null;
}

function twoDigits(digits: string, index: number): number {
  return digitAt(digits, index) * 10 + digitAt(digits, index + 1);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

import { LocalDate } from "../../domain/calendar/local-date.js";
import { isDigits } from "../../domain/identifiers/digits.js";

/**
 * Field access for fixed-width records, numbered the way the specifications number them:
 * 1-based, `from` and `to` inclusive (Nets "POS. 33 - 49" is `field(record, 33, 49)`).
 */
export function field(record: string, from: number, to: number): string {
  return record.slice(from - 1, to);
}

/** The field's digits, or null when the field holds anything else. */
export function digitsField(record: string, from: number, to: number): string | null {
  const text = field(record, from, to);
  return text.length === to - from + 1 && isDigits(text) ? text : null;
}

/**
 * `DDMMYY` as used by Nets. Two-digit years follow the POSIX `%y` rule: 69–99 → 19xx,
 * 00–68 → 20xx (the Nets samples carry 1992 and 2004–2024 dates).
 */
export function parseDdMmYy(text: string): LocalDate | null {
  if (text.length !== 6 || !isDigits(text)) return null;
  const yy = Number(text.slice(4, 6));
  return dateOrNull(yy >= 69 ? 1900 + yy : 2000 + yy, Number(text.slice(2, 4)), Number(text.slice(0, 2)));
}

/** `YYYYMMDD` as used by Bankgirot. */
export function parseYyyyMmDd(text: string): LocalDate | null {
  if (text.length !== 8 || !isDigits(text)) return null;
  return dateOrNull(Number(text.slice(0, 4)), Number(text.slice(4, 6)), Number(text.slice(6, 8)));
}

function dateOrNull(year: number, month: number, day: number): LocalDate | null {
  try {
    return LocalDate.of(year, month, day);
  } catch {
    return null;
  }
}

/** A number without its zero padding (`"0000531"` → `"531"`, `"0000"` → `"0"`). */
export function unpadded(digits: string): string {
  const stripped = digits.replace(/^0+/, "");
  return stripped === "" ? "0" : stripped;
}

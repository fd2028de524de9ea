import { LocalDate, daysInMonth } from "../calendar/local-date.js";
import { NON_DIGITS, invalidIdentifier } from "./check-result.js";
import { digitAt, isDigits } from "./digits.js";
import { luhnCheckDigit } from "./mod10.js";

/**
 * Swedish personnummer and samordningsnummer (folkbokföringslagen (1991:481) §§ 18, 18 a; Skatteverket):
 * `YYMMDD-NNNC`, with `+` instead of `-` from the year the person turns 100; also written as
 * 10 digits without separator (taken as `-`) or 12 digits `YYYYMMDD[-]NNNC`. Luhn check digit over
 * the ten digits YYMMDDNNN. The date must be real; a samordningsnummer has day + 60.
 *
 * With only two year digits the century is unknown, but it matters for one date only: 29 February
 * of a year ending in 00. `-` then means 2000 (a leap year; 1900 would need `+`), `+` means 1900
 * (not a leap year). Every other year ending is a leap year in both candidate centuries or in neither.
 * `birthDate` is given only for the 12-digit form, which states the century.
 * Normalized: `YYMMDD-NNNC` / `YYMMDD+NNNC`, or `YYYYMMDD-NNNC` for the 12-digit form.
 */
export interface SePersonalNumberCheck {
  readonly valid: boolean;
  readonly normalized?: string;
  readonly reason?: string;
  readonly coordinationNumber?: boolean;
  readonly birthDate?: LocalDate;
}

const COORDINATION_DAY_OFFSET = 60;

export function checkSePersonalNumber(value: string): SePersonalNumberCheck {
  const parsed = split(value);
  if (typeof parsed === "string") return invalidIdentifier(parsed);
  const { digits, century, separator } = parsed;
  if (!isDigits(digits) || (century !== null && !isDigits(century))) return NON_DIGITS;
  if (century !== null && century !== "18" && century !== "19" && century !== "20") {
    return invalidIdentifier(`century must be 18, 19 or 20, got ${century}`);
  }

  const expected = luhnCheckDigit(digits, 0, 9);
  const got = digitAt(digits, 9);
  if (expected !== got) return invalidIdentifier(`check digit: expected ${expected}, got ${got}`);

  const yy = twoDigits(digits, 0);
  const month = twoDigits(digits, 2);
  let day = twoDigits(digits, 4);
  const coordinationNumber = day > COORDINATION_DAY_OFFSET;
  if (coordinationNumber) day -= COORDINATION_DAY_OFFSET;
  const year = century !== null ? Number(century) * 100 + yy : yearForLeapCheck(yy, separator);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    const shownYear = century !== null ? String(year) : String(yy).padStart(2, "0");
    return invalidIdentifier(`not a date: ${shownYear}-${pad2(month)}-${pad2(day)}${coordinationNumber ? " (samordningsnummer, day − 60)" : ""}`);
  }

  const tail = digits.slice(6);
  if (century !== null) {
    return { valid: true, normalized: `${century}${digits.slice(0, 6)}-${tail}`, coordinationNumber, birthDate: LocalDate.of(year, month, day) };
  }
  return { valid: true, normalized: `${digits.slice(0, 6)}${separator}${tail}`, coordinationNumber };
}

interface Parts {
  /** The ten digits YYMMDDNNNC. */
  readonly digits: string;
  /** The two century digits of the 12-digit form, else null. */
  readonly century: string | null;
  readonly separator: "-" | "+";
}

function split(value: string): Parts | string {
  let separatorAt = -1;
  for (let i = 0; i < value.length; i++) {
    const ch = value.charAt(i);
    if (ch === "-" || ch === "+") {
      separatorAt = i;
      break;
    }
  }
  const compact = separatorAt === -1 ? value : value.slice(0, separatorAt) + value.slice(separatorAt + 1);
  if (compact.length !== 10 && compact.length !== 12) {
    return `wrong length: expected 10 or 12 digits (YYMMDD-NNNC or YYYYMMDD-NNNC), got ${compact.length}`;
  }
  if (separatorAt !== -1 && separatorAt !== compact.length - 4) return "the separator belongs before the last four digits";
  const separator = separatorAt === -1 ? "-" : (value.charAt(separatorAt) as "-" | "+");
  if (compact.length === 10) return { digits: compact, century: null, separator };
  if (separator === "+") return "a 12-digit number states the century, so it takes - and not +";
  return { digits: compact.slice(2), century: compact.slice(0, 2), separator };
}

/** A year with the right leap-year property for a two-digit year (see the note at the top); not the birth year. */
function yearForLeapCheck(yy: number, separator: "-" | "+"): number {
  if (yy === 0) return separator === "+" ? 1900 : 2000;
  return 2000 + yy;
}

function twoDigits(digits: string, index: number): number {
  return digitAt(digits, index) * 10 + digitAt(digits, index + 1);
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

import { invalidInput } from "../errors.js";
import { LocalDate } from "./local-date.js";

/**
 * Easter Sunday in the Gregorian calendar, by the anonymous Gregorian algorithm
 * (Meeus/Jones/Butcher, "Astronomical Algorithms" ch. 8). All movable Nordic holidays are
 * offsets from this date (docs/RULES.md § 2).
 */
export function easterSunday(year: number): LocalDate {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    // The algorithm is only meaningful once the Gregorian calendar exists (1582).
    throw invalidInput("year", `year ${year} must be an integer in 1583..9999`);
  }
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return LocalDate.of(year, month, day);
}

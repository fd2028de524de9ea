import { LocalDate } from "./local-date.js";

/** The countries whose calendars the platform knows. */
export type Jurisdiction = "NO" | "SE" | "FI";
export const JURISDICTIONS: readonly Jurisdiction[] = ["NO", "SE", "FI"];

export function isJurisdiction(code: string): code is Jurisdiction {
  return (JURISDICTIONS as readonly string[]).includes(code);
}

/** A holiday's name in the languages it is shown in; English always, the local language(s) when known. */
export interface HolidayName {
  readonly nb?: string;
  readonly sv?: string;
  readonly fi?: string;
  readonly en: string;
}

/**
 * `public-holiday`: a helgedag (NO, incl. 1 and 17 May which the law treats alike), allmän helgdag
 * (SE) or pyhäpäivä (FI).
 * `non-business-day`: not a holiday, but a day on which deadlines do not end and banks are closed
 * (SE: midsommarafton, julafton, nyårsafton per lag 1930:173 § 2; FI: juhannusaatto, jouluaatto).
 */
export type HolidayKind = "public-holiday" | "non-business-day";

export interface Holiday {
  readonly date: LocalDate;
  readonly name: HolidayName;
  readonly kind: HolidayKind;
}

/** ISO weekdays (LocalDate.dayOfWeek). */
export const FRIDAY = 5;
export const SATURDAY = 6;

/**
 * The first date on or after `from` that falls on `isoWeekday`. Used for the holidays defined as
 * "the Saturday between 20 and 26 June" (midsommardagen, juhannuspäivä) or "between 31 October and
 * 6 November" (alla helgons dag, pyhäinpäivä): a seven-day window holds each weekday exactly once.
 */
export function weekdayOnOrAfter(from: LocalDate, isoWeekday: number): LocalDate {
  return from.plusDays((isoWeekday - from.dayOfWeek + 7) % 7);
}

/** Sorts by date; holidays on the same date keep the order they were listed in. */
export function byDate(holidays: Holiday[]): Holiday[] {
  return holidays.sort((a, b) => a.date.compare(b.date));
}

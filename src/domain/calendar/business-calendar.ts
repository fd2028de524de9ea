import { DomainError, invalidInput } from "../errors.js";
import { type Holiday, type HolidayName, JURISDICTIONS, type Jurisdiction, SATURDAY, isJurisdiction } from "./holiday.js";
import { finnishHolidays } from "./holidays-fi.js";
import { norwegianHolidays } from "./holidays-no.js";
import { swedishHolidays } from "./holidays-se.js";
import { LocalDate } from "./local-date.js";

/**
 * Which days count as business days in one country: Monday to Friday, except public holidays and
 * the extra non-business days (SE/FI eves). This is the calendar that moves due dates and
 * deadlines that end on a day off (gjeldsbrevloven § 5, domstolloven § 149, lag 1930:173 § 2).
 */
export interface BusinessCalendar {
  readonly jurisdiction: Jurisdiction;
  /** The holiday or non-business day on `d`, or null (plain weekdays and plain weekends). */
  holidayName(d: LocalDate): HolidayName | null;
  isBusinessDay(d: LocalDate): boolean;
  /** `d` itself if it is a business day, otherwise the first business day after it. */
  nextBusinessDay(d: LocalDate): LocalDate;
  /**
   * The n-th business day after `d` (n > 0) or before it (n < 0), not counting `d` itself;
   * `d` unchanged for n = 0.
   */
  addBusinessDays(d: LocalDate, n: number): LocalDate;
  /** Every holiday and non-business day of the year, by date. */
  holidays(year: number): readonly Holiday[];
}

/**
 * Holidays are computed once per year and kept as a map keyed by epoch day. The year last looked
 * up is held with its epoch-day bounds, so the common case (a daily cycle over many cases in the
 * same year) costs a weekday computation and one map lookup, with no date decomposition.
 */
class HolidayTableCalendar implements BusinessCalendar {
  private readonly years = new Map<number, { list: readonly Holiday[]; byDay: ReadonlyMap<number, Holiday> }>();
  private hotFrom = 0;
  private hotTo = -1;
  private hotByDay: ReadonlyMap<number, Holiday> = new Map();

  constructor(
    readonly jurisdiction: Jurisdiction,
    private readonly holidaysOfYear: (year: number) => Holiday[],
  ) {}

  holidays(year: number): readonly Holiday[] {
    return this.yearTable(year).list;
  }

  holidayName(d: LocalDate): HolidayName | null {
    return this.entry(d.epochDay)?.name ?? null;
  }

  isBusinessDay(d: LocalDate): boolean {
    return d.dayOfWeek < SATURDAY && this.entry(d.epochDay) === undefined;
  }

  nextBusinessDay(d: LocalDate): LocalDate {
    let day = d;
    while (!this.isBusinessDay(day)) day = day.plusDays(1);
    return day;
  }

  addBusinessDays(d: LocalDate, n: number): LocalDate {
    if (!Number.isSafeInteger(n)) throw invalidInput("businessDays", `${n} is not a whole number of business days`);
    const step = n < 0 ? -1 : 1;
    let day = d;
    for (let left = Math.abs(n); left > 0; ) {
      day = day.plusDays(step);
      if (this.isBusinessDay(day)) left--;
    }
    return day;
  }

  private entry(epochDay: number): Holiday | undefined {
    if (epochDay < this.hotFrom || epochDay > this.hotTo) {
      const year = LocalDate.ofEpochDay(epochDay).year;
      this.hotByDay = this.yearTable(year).byDay;
      this.hotFrom = LocalDate.of(year, 1, 1).epochDay;
      this.hotTo = LocalDate.of(year, 12, 31).epochDay;
    }
    return this.hotByDay.get(epochDay);
  }

  private yearTable(year: number): { list: readonly Holiday[]; byDay: ReadonlyMap<number, Holiday> } {
    let table = this.years.get(year);
    if (!table) {
      const list = Object.freeze(this.holidaysOfYear(year));
      const byDay = new Map<number, Holiday>();
      // Two holidays can share a date (17 May on Kristi himmelfart, e.g. 2007); the first listed names it.
      for (const h of list) if (!byDay.has(h.date.epochDay)) byDay.set(h.date.epochDay, h);
      table = { list, byDay };
      this.years.set(year, table);
    }
    return table;
  }
}

const CALENDARS: Readonly<Record<Jurisdiction, BusinessCalendar>> = {
  NO: new HolidayTableCalendar("NO", norwegianHolidays),
  SE: new HolidayTableCalendar("SE", swedishHolidays),
  FI: new HolidayTableCalendar("FI", finnishHolidays),
};

/** The business calendar of a jurisdiction (`NO`, `SE`, `FI`); one shared instance each. */
export function calendarFor(jurisdiction: string): BusinessCalendar {
  if (!isJurisdiction(jurisdiction)) {
    throw new DomainError("unknown_jurisdiction", `unknown jurisdiction "${jurisdiction}" (known: ${JURISDICTIONS.join(", ")})`, "jurisdiction");
  }
  return CALENDARS[jurisdiction];
}

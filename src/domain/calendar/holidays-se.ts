import { easterSunday } from "./easter.js";
import { FRIDAY, type Holiday, type HolidayKind, type HolidayName, SATURDAY, byDate, weekdayOnOrAfter } from "./holiday.js";
import { LocalDate } from "./local-date.js";

/**
 * Swedish allmänna helgdagar (lag (1989:253) om allmänna helgdagar [K]) and the extra days on which a
 * statutory deadline does not end (lag 1930:173 om beräkning av lagstadgad tid § 2: Saturday,
 * midsommarafton, julafton, nyårsafton). Saturdays and Sundays are weekends here.
 *
 * From 2005 nationaldagen (6 June) became a helgdag and annandag pingst ceased to be one
 * (SFS 2004:1092 [K]); earlier years follow the old list so that old due dates are computed right.
 */
export function swedishHolidays(year: number): Holiday[] {
  const easter = easterSunday(year);
  const on = (date: LocalDate, sv: string, en: string, kind: HolidayKind = "public-holiday"): Holiday => ({
    date,
    name: { sv, en } satisfies HolidayName,
    kind,
  });
  const fixed = (month: number, day: number): LocalDate => LocalDate.of(year, month, day);
  const holidays: Holiday[] = [
    on(fixed(1, 1), "Nyårsdagen", "New Year's Day"),
    on(fixed(1, 6), "Trettondedag jul", "Epiphany"),
    on(easter.plusDays(-2), "Långfredagen", "Good Friday"),
    on(easter, "Påskdagen", "Easter Sunday"),
    on(easter.plusDays(1), "Annandag påsk", "Easter Monday"),
    on(fixed(5, 1), "Första maj", "May Day"),
    on(easter.plusDays(39), "Kristi himmelsfärdsdag", "Ascension Day"),
    on(easter.plusDays(49), "Pingstdagen", "Whit Sunday"),
    year >= 2005 ? on(fixed(6, 6), "Sveriges nationaldag", "National Day of Sweden") : on(easter.plusDays(50), "Annandag pingst", "Whit Monday"),
    // Midsommardagen: the Saturday 20–26 June; midsommarafton is the day before (Friday 19–25 June).
    on(weekdayOnOrAfter(fixed(6, 20), SATURDAY), "Midsommardagen", "Midsummer Day"),
    on(weekdayOnOrAfter(fixed(6, 19), FRIDAY), "Midsommarafton", "Midsummer Eve", "non-business-day"),
    // Alla helgons dag: the Saturday 31 October – 6 November.
    on(weekdayOnOrAfter(fixed(10, 31), SATURDAY), "Alla helgons dag", "All Saints' Day"),
    on(fixed(12, 24), "Julafton", "Christmas Eve", "non-business-day"),
    on(fixed(12, 25), "Juldagen", "Christmas Day"),
    on(fixed(12, 26), "Annandag jul", "Boxing Day"),
    on(fixed(12, 31), "Nyårsafton", "New Year's Eve", "non-business-day"),
  ];
  return byDate(holidays);
}

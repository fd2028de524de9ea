import { easterSunday } from "./easter.js";
import { type Holiday, type HolidayName, byDate } from "./holiday.js";
import { LocalDate } from "./local-date.js";

/**
 * Norwegian helgedager (helligdagsfredloven § 2 [K]) plus 1 and 17 May, which lov 26. april 1947 nr. 1
 * om 1. og 17. mai som høgtidsdagar makes equal to helgedager for deadlines and due dates
 * (gjeldsbrevloven § 5, domstolloven § 149). Sundays are helgedager too; they are weekends here.
 * 24 and 31 December are NOT holidays (banks' closing days are a separate matter, UNCERTAIN).
 */
export function norwegianHolidays(year: number): Holiday[] {
  const easter = easterSunday(year);
  const fixed = (month: number, day: number, name: HolidayName): Holiday => ({
    date: LocalDate.of(year, month, day),
    name,
    kind: "public-holiday",
  });
  const movable = (offset: number, name: HolidayName): Holiday => ({
    date: easter.plusDays(offset),
    name,
    kind: "public-holiday",
  });
  return byDate([
    fixed(1, 1, { nb: "Første nyttårsdag", en: "New Year's Day" }),
    movable(-3, { nb: "Skjærtorsdag", en: "Maundy Thursday" }),
    movable(-2, { nb: "Langfredag", en: "Good Friday" }),
    movable(0, { nb: "Første påskedag", en: "Easter Sunday" }),
    movable(1, { nb: "Andre påskedag", en: "Easter Monday" }),
    fixed(5, 1, { nb: "Offentlig høytidsdag (1. mai)", en: "Labour Day" }),
    fixed(5, 17, { nb: "Grunnlovsdag (17. mai)", en: "Constitution Day" }),
    movable(39, { nb: "Kristi himmelfartsdag", en: "Ascension Day" }),
    movable(49, { nb: "Første pinsedag", en: "Whit Sunday" }),
    movable(50, { nb: "Andre pinsedag", en: "Whit Monday" }),
    fixed(12, 25, { nb: "Første juledag", en: "Christmas Day" }),
    fixed(12, 26, { nb: "Andre juledag", en: "Boxing Day" }),
  ]);
}

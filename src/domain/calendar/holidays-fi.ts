import { easterSunday } from "./easter.js";
import { FRIDAY, type Holiday, type HolidayKind, SATURDAY, byDate, weekdayOnOrAfter } from "./holiday.js";
import { LocalDate } from "./local-date.js";

/**
 * Finnish pyhäpäivät and the eves on which banks are closed (juhannusaatto, jouluaatto).
 * CONFIDENCE: background knowledge [K] (no Finnish statute read for it yet); verify
 * against finlex (laki säädettyjen määräaikain laskemisesta 150/1930) and the banks' calendar.
 * Rules as they stand since 1992 (loppiainen and helatorstai were moved to Saturdays 1973–1991);
 * older years are not modelled differently.
 */
export function finnishHolidays(year: number): Holiday[] {
  const easter = easterSunday(year);
  const on = (date: LocalDate, fi: string, sv: string, en: string, kind: HolidayKind = "public-holiday"): Holiday => ({
    date,
    name: { fi, sv, en },
    kind,
  });
  const fixed = (month: number, day: number): LocalDate => LocalDate.of(year, month, day);
  return byDate([
    on(fixed(1, 1), "Uudenvuodenpäivä", "Nyårsdagen", "New Year's Day"),
    on(fixed(1, 6), "Loppiainen", "Trettondagen", "Epiphany"),
    on(easter.plusDays(-2), "Pitkäperjantai", "Långfredagen", "Good Friday"),
    on(easter, "Pääsiäispäivä", "Påskdagen", "Easter Sunday"),
    on(easter.plusDays(1), "2. pääsiäispäivä", "Annandag påsk", "Easter Monday"),
    on(fixed(5, 1), "Vappu", "Första maj", "May Day"),
    on(easter.plusDays(39), "Helatorstai", "Kristi himmelfärdsdag", "Ascension Day"),
    on(easter.plusDays(49), "Helluntaipäivä", "Pingstdagen", "Whit Sunday"),
    // Juhannuspäivä: the Saturday 20–26 June; juhannusaatto the Friday before.
    on(weekdayOnOrAfter(fixed(6, 19), FRIDAY), "Juhannusaatto", "Midsommarafton", "Midsummer Eve", "non-business-day"),
    on(weekdayOnOrAfter(fixed(6, 20), SATURDAY), "Juhannuspäivä", "Midsommardagen", "Midsummer Day"),
    // Pyhäinpäivä: the Saturday 31 October – 6 November.
    on(weekdayOnOrAfter(fixed(10, 31), SATURDAY), "Pyhäinpäivä", "Alla helgons dag", "All Saints' Day"),
    on(fixed(12, 6), "Itsenäisyyspäivä", "Självständighetsdagen", "Independence Day"),
    on(fixed(12, 24), "Jouluaatto", "Julafton", "Christmas Eve", "non-business-day"),
    on(fixed(12, 25), "Joulupäivä", "Juldagen", "Christmas Day"),
    on(fixed(12, 26), "Tapaninpäivä", "Annandag jul", "Boxing Day"),
  ]);
}

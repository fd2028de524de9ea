import { calendarFor } from "./business-calendar.js";
import type { Jurisdiction } from "./holiday.js";
import type { LocalDate } from "./local-date.js";

/** Why a due date moves, per jurisdiction; shown with the moved date. */
export interface DueDateRule {
  readonly rule: string;
  readonly source: string;
  readonly confidence: "P" | "K" | "UNCERTAIN";
}

export const DUE_DATE_RULES: Readonly<Record<Jurisdiction, DueDateRule>> = {
  NO: {
    rule: "A due date on a Saturday, Sunday, other helgedag, 1 May or 17 May moves to the next weekday that is none of these; interest and limitation run from the moved date.",
    source: "gjeldsbrevloven § 5 (jusinfo.no quoting § 5)",
    confidence: "P",
  },
  // skuldebrevslagen § 5 is believed to mirror lag 1930:173 § 2 (Saturday, Sunday, allmän
  // helgdag, midsommarafton, julafton, nyårsafton → next vardag); the wording is not verified.
  SE: {
    rule: "A due date on a Saturday, Sunday, allmän helgdag, midsommarafton, julafton or nyårsafton moves to the next vardag.",
    source: "skuldebrevslagen (1936:81) § 5, by analogy with lag (1930:173) § 2 — UNCERTAIN",
    confidence: "UNCERTAIN",
  },
  // Finnish practice: payment due on a non-banking day may be made on the next banking day [K].
  FI: {
    rule: "A due date on a weekend, pyhäpäivä, juhannusaatto or jouluaatto moves to the next banking day.",
    source: "background knowledge [K]; cf. laki säädettyjen määräaikain laskemisesta (150/1930)",
    confidence: "K",
  },
};

/** gjeldsbrevloven § 5: the Norwegian due date after moving it off weekends, helgedager, 1 and 17 May. */
export function adjustDueDateNO(due: LocalDate): LocalDate {
  return calendarFor("NO").nextBusinessDay(due);
}

/** The due date from which interest and limitation run in `jurisdiction`; see DUE_DATE_RULES. */
export function adjustDueDate(due: LocalDate, jurisdiction: string): LocalDate {
  return calendarFor(jurisdiction).nextBusinessDay(due);
}

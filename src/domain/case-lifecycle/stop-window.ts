import type { LocalDate } from "../calendar/local-date.js";
import { DomainError } from "../errors.js";

/**
 * The creditor's last chance to stop a case between the collection notice's deadline and the
 * payment demand. Two documented shapes:
 *
 * - Visma Amili (seeds/002): "Denne listen mottar du på e-post første tirsdag etter at
 *   inkassovarselet har forfalt … Faktura som ikke skal gå videre til inkasso må stoppes her."
 *   `listWeekday: 2`; how long the creditor has after the list is not stated (`daysToStop` is a
 *   setting; 7 is our choice, UNCERTAIN).
 * - A fixed number of days after the deadline (`listWeekday: null`), the creditor setting
 *   `stopWindowDays` (src/collection/settings.ts).
 *
 * `endsOn` is the last day the creditor can stop the case; the payment demand may go the day after.
 */
export interface StopWindowPolicy {
  /** ISO weekday the stop list goes out (1 = Monday … 7 = Sunday), or null for "days after the deadline". */
  readonly listWeekday: number | null;
  /** Days the creditor has, counted from the list day (or from the deadline when `listWeekday` is null). */
  readonly daysToStop: number;
  readonly source: string;
}

export const AMILI_STOP_WINDOW: StopWindowPolicy = {
  listWeekday: 2,
  daysToStop: 7,
  source: "Visma Amili, 'AutoCollect i PowerOffice GO' (seeds/002_25ea6bd9f5b8aa93.txt): the list on the first Tuesday after the notice's deadline; 7 days to answer is our choice (UNCERTAIN)",
};
export const DEFAULT_STOP_WINDOW = AMILI_STOP_WINDOW;

/** The policy for the creditor setting `stopWindowDays`: that many days after the notice's deadline. */
export function stopWindowDaysAfterDeadline(days: number): StopWindowPolicy {
  return { listWeekday: null, daysToStop: days, source: "creditor setting stopWindowDays (docs/CASES.md)" };
}

export function stopWindow(noticeDeadline: LocalDate, policy: StopWindowPolicy = DEFAULT_STOP_WINDOW): { listOn: LocalDate; endsOn: LocalDate } {
  const weekday = policy.listWeekday;
  if (weekday !== null && (!Number.isInteger(weekday) || weekday < 1 || weekday > 7)) {
    throw new DomainError("invalid_input", `${weekday} is not an ISO weekday 1..7`, "stopWindow.listWeekday");
  }
  if (!Number.isSafeInteger(policy.daysToStop) || policy.daysToStop < 0) {
    throw new DomainError("invalid_input", `${policy.daysToStop} is not a whole number of days`, "stopWindow.daysToStop");
  }
  if (weekday === null) return { listOn: noticeDeadline.plusDays(1), endsOn: noticeDeadline.plusDays(policy.daysToStop) };
  // The first such weekday strictly after the deadline ("første tirsdag etter at inkassovarselet har forfalt").
  const listOn = noticeDeadline.plusDays((weekday - noticeDeadline.dayOfWeek + 7) % 7 || 7);
  return { listOn, endsOn: listOn.plusDays(policy.daysToStop) };
}

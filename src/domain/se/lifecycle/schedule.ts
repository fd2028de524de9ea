import { LocalDate } from "../../calendar/local-date.js";
import type { SwedishCaseState } from "./case-state.js";
import type { SwedishEventType } from "./events.js";

/**
 * The date-driven events a Swedish case is waiting for, earliest first (the counterpart of
 * Norway's `scheduledEvents`). Swedish law sets no minimum time between the due date and a
 * påminnelse or inkassokrav; `firstLetterAfterDays` (default 14, Norway's cadence) is the
 * creditor's choice. A paused case waits only for its end date; a disputed one for nothing.
 */
export interface SwedishScheduleOptions {
  /** The first letter: a påminnelse, or straight to the inkassokrav (default). */
  readonly firstLetter?: "reminder" | "collection-notice";
  readonly firstLetterAfterDays?: number;
  readonly surveillanceAfterMonths?: number;
}

export interface SwedishScheduledEvent {
  readonly event: SwedishEventType;
  readonly on: LocalDate;
}

export function scheduledSwedishEvents(s: SwedishCaseState, options: SwedishScheduleOptions = {}): SwedishScheduledEvent[] {
  if (s.hold !== null) return s.hold.kind === "paused" && s.hold.until ? [{ event: "resume", on: s.hold.until }] : [];
  const firstLetterOn = LocalDate.max(s.dueDate.plusDays(options.firstLetterAfterDays ?? 14), s.respiteUntil ? s.respiteUntil.plusDays(1) : s.dueDate.plusDays(1));
  switch (s.stage) {
    case "opened":
      return [{ event: options.firstLetter === "reminder" ? "send-reminder" : "send-collection-notice", on: firstLetterOn }];
    case "reminder":
      return [{ event: "send-collection-notice", on: LocalDate.max(s.reminderDeadline!.plusDays(1), firstLetterOn) }];
    case "collection-notice":
      return [{ event: "notice-deadline-passed", on: s.noticeDeadline!.plusDays(1) }];
    case "awaiting-legal-approval":
    case "ordinary-collection":
    case "legal":
      return [{ event: "move-to-surveillance", on: (s.noticeSentOn ?? s.openedOn).plusMonths(options.surveillanceAfterMonths ?? 12) }];
    default:
      return [];
  }
}

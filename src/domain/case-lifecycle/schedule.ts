import { LocalDate } from "../calendar/local-date.js";
import { type CaseState, heavySalaryFrom, paymentRemarkFrom } from "./case-state.js";
import type { EventType } from "./events.js";

/**
 * The date-driven events a case is waiting for, earliest first, for the case engine's daily run
 * (and `cases.next_action_on` = the first date). Events people decide (approvals, legal steps,
 * withdrawals) are not scheduled. A paused case waits only for its end date; a disputed one for nothing.
 */
export interface ScheduledEvent {
  readonly event: EventType;
  readonly on: LocalDate;
}

export interface ScheduleOptions {
  /** The agency's first letter: a reminder (purring) or straight to the collection notice (default). */
  readonly firstLetter?: "reminder" | "collection-notice";
  /** Register payment remarks when the rules allow (default true). */
  readonly paymentRemarks?: boolean;
  /** As in `TransitionContext` (default 12). */
  readonly surveillanceAfterMonths?: number;
}

export function scheduledEvents(s: CaseState, options: ScheduleOptions = {}): ScheduledEvent[] {
  if (s.hold !== null) return s.hold.kind === "paused" && s.hold.until ? [{ event: "resume", on: s.hold.until }] : [];
  const out: ScheduledEvent[] = [];
  const at = (event: EventType, on: LocalDate) => out.push({ event, on });
  // A letter with a fee no earlier than 14 days after due (inkassoforskriften § 1-2), and not
  // while a postponed deadline runs.
  const firstLetterOn = LocalDate.max(s.dueDate.plusDays(14), s.respiteUntil ? s.respiteUntil.plusDays(1) : s.dueDate);
  switch (s.stage) {
    case "opened":
      if (s.noticeSentBy === "ledger" && s.noticeDeadline) at("send-payment-demand", s.noticeDeadline.plusDays(1));
      else at(options.firstLetter === "reminder" ? "send-reminder" : "send-collection-notice", firstLetterOn);
      break;
    case "reminder":
      at("send-collection-notice", LocalDate.max(s.reminderDeadline!.plusDays(1), firstLetterOn));
      break;
    case "collection-notice":
      at("notice-deadline-passed", s.noticeDeadline!.plusDays(1));
      break;
    case "stop-window":
      at("send-payment-demand", s.stopWindowEndsOn!.plusDays(1));
      break;
    case "payment-demand":
      at("payment-demand-deadline-passed", s.demandDeadline!.plusDays(1));
      afterDemand(s, options, at);
      break;
    case "awaiting-legal-approval":
    case "ordinary-collection":
    case "legal":
      afterDemand(s, options, at);
      at("move-to-surveillance", (s.demandSentOn ?? s.openedOn).plusMonths(options.surveillanceAfterMonths ?? 12));
      break;
    case "surveillance":
      afterDemand(s, options, at);
      break;
    default:
      break;
  }
  return out.sort((a, b) => a.on.compare(b.on));
}

function afterDemand(s: CaseState, options: ScheduleOptions, at: (event: EventType, on: LocalDate) => void): void {
  // inkassoloven § 11: the legal step that waited for a renewed payment demand, the day after its deadline.
  if (s.pendingLegalStep !== null && s.renewedDemandDeadline) at("take-pending-legal-step", s.renewedDemandDeadline.plusDays(1));
  // inkassoforskriften § 2-3: overrun by more than 28 days (days disputed not counted).
  const heavyFrom = heavySalaryFrom(s);
  if (s.heavySalaryOn === null && heavyFrom) at("heavy-salary-due", heavyFrom);
  if (options.paymentRemarks === false || s.remarkOn !== null) return;
  const remarkFrom = paymentRemarkFrom(s);
  if (remarkFrom) at("register-payment-remark", remarkFrom);
}

import type { LocalDate } from "../../domain/calendar/local-date.js";
import { collectionNoticeDeadline, paymentDemandDeadline, reminderDeadline } from "../../domain/calendar/deadlines.js";
import type { CollectionSettings } from "../settings.js";

/** The deadline each letter sent today gets, per the creditor's settings and the law's minimums. */
export function deadlinesFor(today: LocalDate, settings: CollectionSettings): { reminder: LocalDate; notice: LocalDate; demand: LocalDate } {
  return {
    reminder: reminderDeadline(today, settings.reminderDeadlineDays).deadline,
    notice: collectionNoticeDeadline(today, settings.noticeDeadlineDays).deadline,
    demand: paymentDemandDeadline(today, settings.paymentDemandDeadlineDays).deadline,
  };
}

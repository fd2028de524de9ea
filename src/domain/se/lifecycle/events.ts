import type { LocalDate } from "../../calendar/local-date.js";
import type { CaseEvent } from "../../case-lifecycle/events.js";

/**
 * What can happen to a Swedish case. The events Norway also has keep their names and shapes;
 * the letters carry their deadline and presumed receipt, computed by the caller with the Swedish
 * rules (`collectionDemandDeadline`, `presumedReceipt`) — there is no default, because the
 * Norwegian 14 days do not apply. New: `agree-payment-plan` (amorteringsplan, lag (1981:739)
 * 3 § 2). `legal-step-recorded` is the application for betalningsföreläggande.
 */
type Shared = Extract<
  CaseEvent,
  {
    readonly type:
      | "notice-deadline-passed"
      | "approve-legal"
      | "move-to-surveillance"
      | "pause"
      | "resume"
      | "dispute"
      | "dispute-resolved"
      | "postpone-due-date"
      | "payment-received"
      | "paid-in-full"
      | "credited-in-full"
      | "withdraw"
      | "write-off"
      | "reopen";
  }
>;

export type SwedishLegalStep = "betalningsforelaggande";

export type SwedishCaseEvent =
  | { readonly type: "send-reminder"; readonly deadline: LocalDate; readonly presumedReceipt: LocalDate }
  /** The inkassokrav. */
  | { readonly type: "send-collection-notice"; readonly deadline: LocalDate; readonly presumedReceipt: LocalDate }
  | { readonly type: "legal-step-recorded"; readonly step?: SwedishLegalStep }
  /**
   * An amorteringsplan. With `planId` (a plan with a schedule, `/v1/cases/:id/payment-plans`) the
   * case is held while the plan holds, as a Norwegian betalingsavtale is; `firstOn` is the first
   * instalment, which the confirmation letter names. Without (a scenario's plan), the case is not held.
   */
  | { readonly type: "agree-payment-plan"; readonly planId?: string; readonly firstOn?: LocalDate }
  /** The plan completed, broken (a missed instalment past its grace period) or cancelled: the case resumes where it stood. */
  | { readonly type: "end-payment-plan"; readonly outcome: "completed" | "broken" | "cancelled" }
  | Shared;

export type SwedishEventType = SwedishCaseEvent["type"];

export const SWEDISH_EVENT_TYPES = [
  "send-reminder",
  "send-collection-notice",
  "notice-deadline-passed",
  "approve-legal",
  "legal-step-recorded",
  "agree-payment-plan",
  "end-payment-plan",
  "move-to-surveillance",
  "pause",
  "resume",
  "dispute",
  "dispute-resolved",
  "postpone-due-date",
  "payment-received",
  "paid-in-full",
  "credited-in-full",
  "withdraw",
  "write-off",
  "reopen",
] as const satisfies readonly SwedishEventType[];

// Every member of the union is listed above (a missing one fails to compile here).
type _Missing = Exclude<SwedishEventType, (typeof SWEDISH_EVENT_TYPES)[number]>;
const _allListed: _Missing extends never ? true : false = true;
void _allListed;

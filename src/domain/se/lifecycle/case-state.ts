import type { LocalDate } from "../../calendar/local-date.js";
import type { CaseState, CloseReason, DebtorType, Hold } from "../../case-lifecycle/case-state.js";

/**
 * The Swedish collection case: the Norwegian `CaseState` with the stages and fields Swedish law
 * has, so both are stored in the same `cases` columns and shown by the same portal. Stages with
 * the same meaning keep the Norwegian name; where Swedish law differs:
 *
 * - **collection-notice** is the *inkassokrav* (inkassolagen (1974:182) 5 §; the scenario's
 *   `collection-notice`). Unlike the Norwegian inkassovarsel it is the demand itself: it costs
 *   inkassoersättning, its deadline (≥ 8 days and ≥ 4 bank days after presumed receipt) opens the
 *   way to Kronofogden, and there is no second letter (no betalingsoppfordring), so Norway's
 *   `stop-window`, `awaiting-payment-demand-approval` and `payment-demand` stages do not exist.
 * - **legal** is an application for *betalningsföreläggande* at Kronofogden (the scenario's
 *   `legal-step`), not forliksklage or utlegg.
 * - No heavy salary (Sweden has no salær: the fees of lag (1981:739) are fixed) and no payment
 *   remark the agency registers (a betalningsanmärkning follows from Kronofogden's decision, not
 *   from the agency), so those dates are not part of the state.
 * - A påminnelse and an inkassokrav interrupt preskription when received
 *   (preskriptionslagen 5 § 2): the state keeps their presumed receipt.
 * - An amorteringsplan (lag (1981:739) 3 § 2) is an event of its own; it keeps the stage.
 */
export const SWEDISH_STAGES = [
  "opened",
  /** Påminnelse sent (optional first letter; a fee only if agreed when the debt arose). */
  "reminder",
  /** Inkassokrav sent; its deadline runs. */
  "collection-notice",
  /** Gate: the creditor approves the application for betalningsföreläggande (on by default). */
  "awaiting-legal-approval",
  /** The inkassokrav's deadline passed; the handler works the case and may apply to Kronofogden. */
  "ordinary-collection",
  /** Betalningsföreläggande applied for at Kronofogden. */
  "legal",
  /** Long-term surveillance (bevakning) after 12 months of collection. */
  "surveillance",
  "closed",
] as const;
export type SwedishStage = (typeof SWEDISH_STAGES)[number];
export const SWEDISH_OPEN_STAGES: readonly SwedishStage[] = SWEDISH_STAGES.filter((s) => s !== "closed");

/** Norwegian-only fields, not part of a Swedish case. */
type NorwegianOnly =
  | "noticeSentBy"
  | "stopListOn"
  | "stopWindowEndsOn"
  | "paymentDemandApprovedOn"
  | "demandSentOn"
  | "demandDeadline"
  | "heavySalaryOn"
  | "lastLegalStep"
  | "remarkOn"
  | "renewedDemandSentOn"
  | "renewedDemandDeadline"
  | "pendingLegalStep";

export interface SwedishCaseState extends Omit<CaseState, NorwegianOnly | "stage" | "closedFromStage"> {
  readonly stage: SwedishStage;
  /** Presumed receipt of the påminnelse (preskriptionslagen 5 § 2). */
  readonly reminderReceivedOn: LocalDate | null;
  /** Presumed receipt of the inkassokrav (preskriptionslagen 5 § 2). */
  readonly noticeReceivedOn: LocalDate | null;
  /** The latest amorteringsplan agreed with the debtor. */
  readonly paymentPlanOn: LocalDate | null;
  readonly closedFromStage: SwedishStage | null;
}

/** The creditor's approval gate (Procountor: "Som standard krävs alltid ditt godkännande innan några rättsliga inkassoåtgärder inleds"). */
export interface SwedishGates {
  readonly approveBeforeLegal: boolean;
}
export const DEFAULT_SWEDISH_GATES: SwedishGates = { approveBeforeLegal: true };

export function openSwedishCase(input: { openedOn: LocalDate; dueDate: LocalDate; debtorType: DebtorType }): SwedishCaseState {
  return {
    stage: "opened",
    hold: null as Hold | null,
    debtorType: input.debtorType,
    openedOn: input.openedOn,
    dueDate: input.dueDate,
    respiteUntil: null,
    reminderSentOn: null,
    reminderDeadline: null,
    reminderReceivedOn: null,
    noticeSentOn: null,
    noticeDeadline: null,
    noticeReceivedOn: null,
    paymentPlanOn: null,
    legalApprovedOn: null,
    legalOn: null,
    surveillanceOn: null,
    closedOn: null,
    closeReason: null as CloseReason | null,
    closedFromStage: null,
  };
}

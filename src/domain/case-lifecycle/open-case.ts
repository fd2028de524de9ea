import type { LocalDate } from "../calendar/local-date.js";
import { DomainError } from "../errors.js";
import type { CaseState, DebtorType } from "./case-state.js";

/**
 * A case as the agency takes it over. `dueDate` is the business-day adjusted due date. When the
 * ledger already sent a collection notice (its dunning settings had "inkassovarsel" ticked), the
 * case may go straight to the payment demand after that notice's deadline (inkassoloven § 10)
 * without a stop window: the creditor chose to transfer after its own notice ran out.
 */
export interface OpenCaseInput {
  readonly openedOn: LocalDate;
  readonly dueDate: LocalDate;
  readonly debtorType: DebtorType;
  readonly ledgerNotice?: { readonly sentOn: LocalDate; readonly deadline: LocalDate } | null;
}

export function openCase(input: OpenCaseInput): CaseState {
  if (input.debtorType !== "consumer" && input.debtorType !== "business") {
    throw new DomainError("invalid_input", `"${String(input.debtorType)}" is not consumer or business`, "debtorType");
  }
  if (!input.openedOn.isAfter(input.dueDate)) {
    throw new DomainError("invalid_input", `a case opens only for an overdue claim (due ${input.dueDate}, opened ${input.openedOn})`, "openedOn");
  }
  const notice = input.ledgerNotice ?? null;
  if (notice && notice.deadline.isBefore(notice.sentOn)) {
    throw new DomainError("invalid_input", "the ledger notice's deadline is before it was sent", "ledgerNotice.deadline");
  }
  return {
    stage: "opened",
    hold: null,
    debtorType: input.debtorType,
    openedOn: input.openedOn,
    dueDate: input.dueDate,
    respiteUntil: null,
    reminderSentOn: null,
    reminderDeadline: null,
    noticeSentOn: notice?.sentOn ?? null,
    noticeDeadline: notice?.deadline ?? null,
    noticeSentBy: notice ? "ledger" : null,
    stopListOn: null,
    stopWindowEndsOn: null,
    paymentDemandApprovedOn: null,
    demandSentOn: null,
    demandDeadline: null,
    heavySalaryOn: null,
    legalApprovedOn: null,
    legalOn: null,
    lastLegalStep: null,
    remarkOn: null,
    surveillanceOn: null,
    closedOn: null,
    closeReason: null,
    closedFromStage: null,
  };
}

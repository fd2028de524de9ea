import type { LocalDate } from "../calendar/local-date.js";
import { DomainError } from "../errors.js";
import type { CaseState, DebtorType } from "./case-state.js";

/**
 * A case as the agency takes it over. `dueDate` is the business-day adjusted due date. When the
 * ledger already sent a collection notice (its dunning settings had "inkassovarsel" ticked), the
 * case may go straight to the payment demand after that notice's deadline (inkassoloven § 10)
 * without a stop window: the creditor chose to transfer after its own notice ran out. Such a
 * notice counts only if it meets the rules a notice must meet (`judgeLedgerNotice`); one that
 * does not is not the case's notice, and the agency sends its own collection notice instead.
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
  const given = input.ledgerNotice ?? null;
  const notice = given && judgeLedgerNotice(given, input.dueDate).accepted ? given : null;
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
    renewedDemandSentOn: null,
    renewedDemandDeadline: null,
    pendingLegalStep: null,
    closedOn: null,
    closeReason: null,
    closedFromStage: null,
  };
}

/** inkassoloven § 9: the notice's deadline is at least 14 days from the day it was sent (the last day is not moved off a holiday). */
export const NOTICE_MIN_DEADLINE_DAYS = 14;
/**
 * inkassoloven § 9 (1): a collection notice may be sent once the claim is due — from the day
 * after the due date. (The agency's own notice waits 14 days after due, the fee condition of
 * inkassoforskriften § 1-2 and the guard `notice-not-before-14-days`; a ledger's notice that
 * carried no fee through us is judged by the law alone.)
 */
export const NOTICE_MIN_DAYS_AFTER_DUE = 1;

export type LedgerNoticeDefectCode = "ledger_notice_too_early" | "ledger_notice_deadline_too_short";

export interface LedgerNoticeDefect {
  readonly code: LedgerNoticeDefectCode;
  readonly text: { readonly nb: string; readonly en: string };
}

export type LedgerNoticeVerdict =
  | { readonly accepted: true }
  | { readonly accepted: false; readonly defects: readonly LedgerNoticeDefect[]; readonly text: { readonly nb: string; readonly en: string } };

/**
 * Whether a collection notice the creditor's ledger sent before transfer counts as the case's
 * inkassovarsel, judged by the rules the agency's own notice keeps to: sent no earlier than 14 days
 * after the (business-day adjusted) due date, with a deadline at least 14 days from sending
 * (inkassoloven § 9; the deadline is not moved off holidays, Ot.prp. nr. 2 (1997–98) s. 114).
 * A notice that fails either is not a notice on which a payment demand (§ 10) may rest; the
 * verdict says why, in words, for the case's timeline.
 */
export function judgeLedgerNotice(notice: { readonly sentOn: LocalDate; readonly deadline: LocalDate }, dueDate: LocalDate): LedgerNoticeVerdict {
  const defects: LedgerNoticeDefect[] = [];
  const earliest = dueDate.plusDays(NOTICE_MIN_DAYS_AFTER_DUE);
  if (notice.sentOn.isBefore(earliest)) {
    defects.push({
      code: "ledger_notice_too_early",
      text: {
        nb: `det ble sendt ${notice.sentOn.toNorwegian()}, før kravet var forfalt (forfall ${dueDate.toNorwegian()}); inkassovarsel kan sendes tidligst ${earliest.toNorwegian()} (inkassoloven § 9)`,
        en: `it was sent on ${notice.sentOn}, before the claim was overdue (due ${dueDate}); a collection notice may be sent from ${earliest} (inkassoloven § 9)`,
      },
    });
  }
  const minDeadline = notice.sentOn.plusDays(NOTICE_MIN_DEADLINE_DAYS);
  if (notice.deadline.isBefore(minDeadline)) {
    const days = notice.sentOn.daysUntil(notice.deadline);
    const given = days < 0 ? { nb: `fristen ${notice.deadline.toNorwegian()} er før varselet ble sendt`, en: `its deadline ${notice.deadline} is before it was sent` } : { nb: `fristen ${notice.deadline.toNorwegian()} gir ${days} dager fra sending`, en: `its deadline ${notice.deadline} gives ${days} days from sending` };
    defects.push({
      code: "ledger_notice_deadline_too_short",
      text: {
        nb: `${given.nb}; inkassoloven § 9 krever minst ${NOTICE_MIN_DEADLINE_DAYS} dager (${minDeadline.toNorwegian()} eller senere)`,
        en: `${given.en}; inkassoloven § 9 requires at least ${NOTICE_MIN_DEADLINE_DAYS} days (${minDeadline} or later)`,
      },
    });
  }
  if (defects.length === 0) return { accepted: true };
  const what = { nb: `Inkassovarselet fra regnskapssystemet (sendt ${notice.sentOn}, frist ${notice.deadline})`, en: `The ledger's collection notice (sent ${notice.sentOn}, deadline ${notice.deadline})` };
  return {
    accepted: false,
    defects,
    text: {
      nb: `${what.nb} gjelder ikke som inkassovarsel: ${defects.map((d) => d.text.nb).join("; ")}. Inkassoselskapet sender sitt eget inkassovarsel.`,
      en: `${what.en} does not count as the collection notice: ${defects.map((d) => d.text.en).join("; ")}. The agency sends its own collection notice.`,
    },
  };
}

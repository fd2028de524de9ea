import { isVatAddOnBasis } from "../../domain/fees/vat-add-on.js";
import { LocalDate } from "../../domain/calendar/local-date.js";
import { openBalance as accountOpenBalance, type CaseAccount } from "../../domain/case/index.js";
import type { CaseState, CloseReason, DebtorType, Hold, InsolvencyKind, LegalStep, Stage } from "../../domain/case-lifecycle/case-state.js";
import { parseCurrency } from "../../domain/money.js";

/**
 * The `cases` row and its mapping to the domain's case account (`accountOf`) and back
 * (`stateColumns`, `moneyColumns`): the conversion the case store (case-store.ts) makes.
 */

/** A `cases` row as raw SQL returns it (dates as YYYY-MM-DD strings, int8 as numbers). */
export interface CaseRow {
  id: string;
  creditor_id: string;
  claim_id: string;
  debtor_id: string;
  case_number: string;
  kid: string;
  jurisdiction: string;
  currency: string;
  stage: string;
  hold_kind: string | null;
  hold_reason: string | null;
  hold_since: string | null;
  hold_until: string | null;
  debtor_type: string;
  opened_on: string;
  due_date: string;
  respite_until: string | null;
  reminder_sent_on: string | null;
  reminder_deadline: string | null;
  notice_sent_on: string | null;
  notice_deadline: string | null;
  notice_sent_by: string | null;
  stop_list_on: string | null;
  stop_window_ends_on: string | null;
  payment_demand_approved_on: string | null;
  demand_sent_on: string | null;
  demand_deadline: string | null;
  heavy_salary_on: string | null;
  disputed_days: number;
  legal_approved_on: string | null;
  legal_on: string | null;
  last_legal_step: string | null;
  remark_on: string | null;
  surveillance_on: string | null;
  renewed_demand_sent_on: string | null;
  renewed_demand_deadline: string | null;
  pending_legal_step: string | null;
  closed_on: string | null;
  close_reason: string | null;
  closed_from_stage: string | null;
  next_action_on: string | null;
  limitation_on: string | null;
  claim_for_salary_minor: number;
  principal_minor: number;
  principal_paid_minor: number;
  interest_base_minor: number;
  interest_base_on: string;
  interest_accrued_minor: number;
  interest_accrued_on: string;
  interest_paid_minor: number;
  /** räntelagen 3–4 §§ (absent on rows read without them: an agreed due date, no start of its own). */
  due_date_agreed?: boolean;
  interest_from?: string | null;
  reminder_fee_agreed?: boolean | null;
  fees_minor: number;
  fees_paid_minor: number;
  salary_minor: number;
  salary_paid_minor: number;
  legal_minor: number;
  legal_paid_minor: number;
  credit_minor: number;
  /** The ledger's letters before transfer (`ledgerLetterJson`); absent on rows read without it. */
  vat_add_on_basis?: string | null;
  ledger_letters?: { letter: "reminder" | "collection-notice"; sentOn: string; deadline: string | null; feeMinor: number | null }[] | null;
  version: number;
}

const d = (v: string | null): LocalDate | null => (v === null ? null : LocalDate.parse(v));
const s = (v: LocalDate | null): string | null => (v === null ? null : v.toString());

export function caseStateOf(r: CaseRow): CaseState {
  let hold: Hold | null = null;
  if (r.hold_kind === "paused") hold = { kind: "paused", reason: r.hold_reason ?? "", since: LocalDate.parse(r.hold_since!), until: d(r.hold_until) };
  else if (r.hold_kind === "disputed") hold = { kind: "disputed", reason: r.hold_reason ?? "", since: LocalDate.parse(r.hold_since!) };
  else if (r.hold_kind === "insolvency") hold = { kind: "insolvency", reason: r.hold_reason as InsolvencyKind, since: LocalDate.parse(r.hold_since!) };
  else if (r.hold_kind === "payment-plan") hold = { kind: "payment-plan", reason: r.hold_reason ?? "", since: LocalDate.parse(r.hold_since!) };
  return {
    stage: r.stage as Stage,
    hold,
    debtorType: r.debtor_type as DebtorType,
    openedOn: LocalDate.parse(r.opened_on),
    dueDate: LocalDate.parse(r.due_date),
    respiteUntil: d(r.respite_until),
    reminderSentOn: d(r.reminder_sent_on),
    reminderDeadline: d(r.reminder_deadline),
    noticeSentOn: d(r.notice_sent_on),
    noticeDeadline: d(r.notice_deadline),
    noticeSentBy: r.notice_sent_by as CaseState["noticeSentBy"],
    stopListOn: d(r.stop_list_on),
    stopWindowEndsOn: d(r.stop_window_ends_on),
    paymentDemandApprovedOn: d(r.payment_demand_approved_on),
    demandSentOn: d(r.demand_sent_on),
    demandDeadline: d(r.demand_deadline),
    heavySalaryOn: d(r.heavy_salary_on),
    ...(Number(r.disputed_days ?? 0) > 0 ? { disputedDays: Number(r.disputed_days) } : {}),
    legalApprovedOn: d(r.legal_approved_on),
    legalOn: d(r.legal_on),
    lastLegalStep: r.last_legal_step as LegalStep | null,
    remarkOn: d(r.remark_on),
    surveillanceOn: d(r.surveillance_on),
    renewedDemandSentOn: d(r.renewed_demand_sent_on),
    renewedDemandDeadline: d(r.renewed_demand_deadline),
    pendingLegalStep: r.pending_legal_step as LegalStep | null,
    closedOn: d(r.closed_on),
    closeReason: r.close_reason as CloseReason | null,
    closedFromStage: r.closed_from_stage as Stage | null,
  };
}

/** The state columns of a row for `state` (the inverse of `caseStateOf`). */
export function stateColumns(st: CaseState): Record<string, string | number | null> {
  return {
    stage: st.stage,
    hold_kind: st.hold?.kind ?? null,
    hold_reason: st.hold?.reason ?? null,
    hold_since: s(st.hold?.since ?? null),
    hold_until: st.hold?.kind === "paused" ? s(st.hold.until) : null,
    respite_until: s(st.respiteUntil),
    reminder_sent_on: s(st.reminderSentOn),
    reminder_deadline: s(st.reminderDeadline),
    notice_sent_on: s(st.noticeSentOn),
    notice_deadline: s(st.noticeDeadline),
    notice_sent_by: st.noticeSentBy,
    stop_list_on: s(st.stopListOn),
    stop_window_ends_on: s(st.stopWindowEndsOn),
    payment_demand_approved_on: s(st.paymentDemandApprovedOn),
    demand_sent_on: s(st.demandSentOn),
    demand_deadline: s(st.demandDeadline),
    heavy_salary_on: s(st.heavySalaryOn),
    disputed_days: st.disputedDays ?? 0,
    legal_approved_on: s(st.legalApprovedOn),
    legal_on: s(st.legalOn),
    last_legal_step: st.lastLegalStep,
    remark_on: s(st.remarkOn),
    surveillance_on: s(st.surveillanceOn),
    renewed_demand_sent_on: s(st.renewedDemandSentOn),
    renewed_demand_deadline: s(st.renewedDemandDeadline),
    pending_legal_step: st.pendingLegalStep,
    closed_on: s(st.closedOn),
    close_reason: st.closeReason,
    closed_from_stage: st.closedFromStage,
  };
}

export const STATE_COLUMNS = Object.keys(stateColumns({
  stage: "opened", hold: null, debtorType: "consumer", openedOn: LocalDate.of(2000, 1, 2), dueDate: LocalDate.of(2000, 1, 1),
  respiteUntil: null, reminderSentOn: null, reminderDeadline: null, noticeSentOn: null, noticeDeadline: null, noticeSentBy: null,
  stopListOn: null, stopWindowEndsOn: null, paymentDemandApprovedOn: null, demandSentOn: null, demandDeadline: null, heavySalaryOn: null,
  legalApprovedOn: null, legalOn: null, lastLegalStep: null, remarkOn: null, surveillanceOn: null,
  renewedDemandSentOn: null, renewedDemandDeadline: null, pendingLegalStep: null, closedOn: null, closeReason: null, closedFromStage: null,
}));

/** The open balance of a row (the five buckets): the domain's `openBalance` of its account; in SQL, `cases.balance_minor`. */
export function openBalance(r: CaseRow): number {
  return accountOpenBalance(accountOf(r)).amount;
}

/** The case account the planners work on (src/domain/case), read from a row. */
export function accountOf(r: CaseRow): CaseAccount {
  const currency = parseCurrency(r.currency, "cases.currency");
  const m = (amount: number) => ({ amount: Number(amount), currency });
  return {
    id: r.id,
    creditorId: r.creditor_id,
    currency,
    version: r.version,
    state: caseStateOf(r),
    charged: { fees: m(r.fees_minor), salary: m(r.salary_minor), "legal-costs": m(r.legal_minor), interest: m(r.interest_accrued_minor), principal: m(r.principal_minor) },
    paid: { fees: m(r.fees_paid_minor), salary: m(r.salary_paid_minor), "legal-costs": m(r.legal_paid_minor), interest: m(r.interest_paid_minor), principal: m(r.principal_paid_minor) },
    interest: {
      base: m(r.interest_base_minor),
      baseOn: LocalDate.parse(r.interest_base_on),
      accruedOn: LocalDate.parse(r.interest_accrued_on),
      ...(r.interest_from ? { startsOn: LocalDate.parse(r.interest_from) } : r.due_date_agreed === false ? { startsOn: "awaiting-demand" as const } : {}),
    },
    reminderFeeAgreed: r.reminder_fee_agreed ?? null,
    claimForSalary: m(r.claim_for_salary_minor),
    credit: m(r.credit_minor),
    limitationOn: d(r.limitation_on),
    nextActionOn: d(r.next_action_on),
    vatAddOnBasis: isVatAddOnBasis(r.vat_add_on_basis) ? r.vat_add_on_basis : null,
    ledgerLetters: (r.ledger_letters ?? []).map((l) => ({ letter: l.letter, sentOn: LocalDate.parse(l.sentOn), deadline: d(l.deadline), fee: l.feeMinor === null ? null : m(l.feeMinor) })),
  };
}

/** The money columns of a row for an account (what a payment or reversal changes; charged costs are added as recorded). */
export function moneyColumns(a: CaseAccount) {
  return {
    fees_paid_minor: a.paid.fees.amount,
    salary_paid_minor: a.paid.salary.amount,
    legal_paid_minor: a.paid["legal-costs"].amount,
    interest_paid_minor: a.paid.interest.amount,
    principal_paid_minor: a.paid.principal.amount,
    interest_base_minor: a.interest.base.amount,
    interest_base_on: a.interest.baseOn.toString(),
    interest_accrued_minor: a.charged.interest.amount,
    credit_minor: a.credit.amount,
    claim_for_salary_minor: a.claimForSalary.amount,
  };
}
export const MONEY_COLUMNS = ["fees_paid_minor", "salary_paid_minor", "legal_paid_minor", "interest_paid_minor", "principal_paid_minor", "interest_base_minor", "interest_accrued_minor", "credit_minor", "claim_for_salary_minor"] as const;

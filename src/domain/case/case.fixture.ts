import { LocalDate } from "../calendar/local-date.js";
import { rulesFor } from "../jurisdictions/rule-set.js";
import type { Currency } from "../money.js";
import type { CaseAccount } from "./account.js";
import { planOpening, type ClaimToOpen } from "./opening.js";
import type { CaseTerms, PlanContext } from "./terms.js";

/** Test fixtures of the case module: the default terms, a context, an opened case as an account. */
export const TERMS: CaseTerms = {
  firstStep: "collection-notice",
  reminderDeadlineDays: 14,
  noticeDeadlineDays: 14,
  paymentDemandDeadlineDays: 14,
  stopWindowDays: null,
  approveBeforePaymentDemand: false,
  approveBeforeLegal: true,
  legalStep: "forliksklage",
  surveillanceAfterMonths: 12,
  freeWithdrawalDays: 10,
};

export const RULES = rulesFor("NO");

export function d(s: string): LocalDate {
  return LocalDate.parse(s);
}

/** A context whose ids count up from 1 (deterministic). */
export function context(today: string, terms: Partial<CaseTerms> = {}): PlanContext {
  let n = 0;
  return { today: d(today), creditor: { vatRegistered: true, settings: { ...TERMS, ...terms } }, rules: RULES, newId: () => `id-${++n}` };
}

/** A case opened on `openedOn` for a claim due `due`, as the store would load it, with optional balances. */
export function openedAccount(o: {
  due?: string;
  openedOn?: string;
  principal?: number;
  currency?: Currency;
  debtorType?: ClaimToOpen["debtorType"];
  fees?: number;
  salary?: number;
  legal?: number;
  interest?: number;
  terms?: Partial<CaseTerms>;
}): CaseAccount {
  const currency = o.currency ?? "NOK";
  const due = d(o.due ?? "2025-01-15");
  const opening = planOpening(
    { claimId: "claim-1", debtorId: "debtor-1", debtorType: o.debtorType ?? "consumer", dueDate: due, principalMinor: o.principal ?? 1_000_000 },
    { caseId: "case-1", number: 1001, creditor: { code: "T", jurisdiction: "NO", currency, settings: { firstStep: o.terms?.firstStep ?? "collection-notice", kidAlgorithm: "MOD10" } }, today: d(o.openedOn ?? "2025-02-01") },
  );
  const m = (amount: number) => ({ amount, currency });
  return {
    id: opening.caseId,
    creditorId: "creditor-1",
    currency,
    version: 0,
    state: opening.state,
    charged: { fees: m(o.fees ?? 0), salary: m(o.salary ?? 0), "legal-costs": m(o.legal ?? 0), interest: m(o.interest ?? 0), principal: m(opening.principal.amount) },
    paid: { fees: m(0), salary: m(0), "legal-costs": m(0), interest: m(0), principal: m(0) },
    interest: { base: m(o.interest ?? 0), baseOn: opening.dueDate, accruedOn: opening.dueDate },
    claimForSalary: m(opening.principal.amount),
    credit: m(0),
    limitationOn: opening.limitationOn,
    nextActionOn: opening.nextActionOn,
  };
}

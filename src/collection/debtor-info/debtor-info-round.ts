import type { SecretBox } from "../../access/secret-box.js";
import type { LocalDate } from "../../domain/calendar/local-date.js";
import type { Database } from "../../platform/db/database.js";
import type { RuleBook } from "../../platform/rule-book.js";
import { retryAwaitingLegalSteps } from "../legal/legal-step-credit-check.js";
import type { LetterAgency } from "../letters/letter-model.js";
import { checkCompanyStatuses, type CompanyCheckCounts } from "./company-check.js";
import type { CompanyRegistry } from "./company-registry.js";
import type { CreditBureau } from "./credit-bureau.js";
import { syncPaymentRemarks } from "./payment-remarks.js";

/**
 * The worker's debtor-information round (hourly, src/worker/cycle-jobs.ts): the company register
 * checked for every active creditor's business debtors in open cases (once a day per case: a case
 * checked today is skipped, one whose lookup found the register down is not), payment remarks
 * reported and deleted, and legal steps waiting for a credit check retried. `retryNeeded` says
 * something waited for a register or bureau that was down: the worker runs the round again soon
 * instead of leaving it to the next hour.
 */
export const COMPANY_CHECK_PURPOSE = "scheduled company status check (konkurs, avvikling, sletting) of a business debtor in an active case";

export interface DebtorInfoRound {
  company: CompanyCheckCounts | null;
  remarks: Awaited<ReturnType<typeof syncPaymentRemarks>>;
  legal: Awaited<ReturnType<typeof retryAwaitingLegalSteps>>;
  retryNeeded: boolean;
}

export async function runDebtorInfoRound(db: Database, deps: { registry?: CompanyRegistry; bureau?: CreditBureau; rules: RuleBook; agency: LetterAgency; today: LocalDate; box?: SecretBox }): Promise<DebtorInfoRound> {
  let company: CompanyCheckCounts | null = null;
  if (deps.registry) {
    company = { checked: 0, bankrupt: 0, attention: 0, unavailable: 0 };
    const creditors = await db.query<{ id: string }>("select id from creditors where active order by code");
    for (const c of creditors) {
      const counts = await db.transaction((tx) => checkCompanyStatuses(tx, c.id, deps.registry!, { today: deps.today, actor: "worker", purpose: COMPANY_CHECK_PURPOSE, rules: deps.rules, agency: deps.agency }));
      for (const k of Object.keys(company) as (keyof CompanyCheckCounts)[]) company[k] += counts[k];
    }
  }
  const box = deps.box ? { box: deps.box } : {};
  const remarks = await syncPaymentRemarks(db, deps.bureau, { today: deps.today, ...box });
  const legal = await retryAwaitingLegalSteps(db, deps.bureau, { today: deps.today, rules: deps.rules, agency: deps.agency, ...box });
  return { company, remarks, legal, retryNeeded: (company?.unavailable ?? 0) > 0 || remarks.waiting > 0 || (deps.bureau !== undefined && legal.waiting > 0) };
}

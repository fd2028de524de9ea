/**
 * What a case still owes: the five buckets (principal, interest, fees, salær, legal costs), each
 * charged less paid — the generated column `cases.balance_minor` (schema.ts), the one definition
 * every reader takes. The fragments read the case row under the alias `c`.
 */
export { CASE_BALANCE } from "../collection/cases/case-store.js";

/** The principal still owed on the case (the invoice's own amount, without interest and costs). */
export const CASE_PRINCIPAL_OWED = `(c.principal_minor - c.principal_paid_minor)`;

/** The costs still owed (fees, salær, legal costs) — what a withdrawal may invoice the creditor for besides interest. */
export const CASE_COSTS_OWED = `((c.fees_minor - c.fees_paid_minor) + (c.salary_minor - c.salary_paid_minor) + (c.legal_minor - c.legal_paid_minor))`;

/** The late interest still owed. */
export const CASE_INTEREST_OWED = `(c.interest_accrued_minor - c.interest_paid_minor)`;

/**
 * Cases that need a person: waiting for an approval, or disputed (open cases only). The firm
 * dashboard's "action needed" and the case list's filter of that name are this condition.
 */
export const CASE_ACTION_NEEDED = `(c.closed_on is null and (c.stage like 'awaiting-%' or coalesce(c.hold_kind, '') = 'disputed'))`;

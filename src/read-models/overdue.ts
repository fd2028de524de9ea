/**
 * The one definition of "overdue" the dashboards, the charts and the invoice list share.
 *
 * An invoice is **overdue** on a day when it is past its due date, the ledger still shows an
 * open amount on it, and it is not on a closed case. Its **overdue amount** is the principal the
 * creditor is still owed on it:
 *  - not transferred: the ledger's open amount (the mirror of the creditor's books);
 *  - transferred, case open: the case's principal still owed — the ledger's figure stops at the
 *    transfer, and from then on payments reach the case, not the ledger;
 *  - transferred, case closed: nothing.
 *
 * Why the principal and not the case's whole balance: "overdue" is a figure about the creditor's
 * own invoices (what its customers owe it), comparable before and after transfer. Late interest,
 * fees and salær belong to the collection, and are shown as the case's balance on the case list
 * and the case page (`CASE_BALANCE`). See docs/ARCHITECTURE.md, "Read models".
 *
 * The fragments take the claim's and the case's aliases (the case joined with `left join`, so a
 * missing case is a null id) and the SQL expression of today's date.
 */
export interface OverdueAliases {
  /** The claims row. */
  claim: string;
  /** The cases row, left-joined on the claim (null id: not transferred). */
  kase: string;
}

/** The amount still open on an invoice, by the definition above (0 on a closed case). */
export function openAmount({ claim, kase }: OverdueAliases): string {
  return `(case when ${kase}.id is null then ${claim}.open_minor when ${kase}.closed_on is not null then 0 else ${kase}.principal_minor - ${kase}.principal_paid_minor end)`;
}

/** Whether an invoice is overdue on `today` (an SQL date expression), by the definition above. */
export function isOverdue({ claim, kase }: OverdueAliases, today: string): string {
  return `(${claim}.open_minor > 0 and ${claim}.due_date < ${today} and (${kase}.id is null or ${kase}.closed_on is null))`;
}

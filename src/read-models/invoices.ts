import type { Queryable } from "../platform/db/database.js";
import type { LocalDate } from "../domain/calendar/local-date.js";
import { isOverdue, openAmount } from "./overdue.js";

/**
 * A creditor's invoices as mirrored from the ledger, with their transfer state, the latest
 * eligibility decision and their case, in due-date order (keyset-paged on due date and id).
 * `open` is the amount still open by the one definition (`overdue.ts`); `state=overdue` selects
 * the overdue invoices by the same definition.
 */
export const INVOICE_STATES = ["waiting", "blocked", "draft", "approved", "transferred", "overdue", "all"] as const;
export type InvoiceState = (typeof INVOICE_STATES)[number];

export interface InvoiceRow {
  id: string;
  invoice_number: string;
  customer: string;
  issue_date: string;
  due_date: string;
  amount_minor: number;
  open_minor: number;
  currency: string;
  transfer_state: string | null;
  eligibility: { reasons?: { code: string; text: string | { nb: string; en: string }; blocking?: boolean }[]; eligibleOn?: string | null } | null;
  case_id: string | null;
  case_number: string | null;
}

export interface InvoiceQuery {
  creditorId: string;
  state: InvoiceState;
  today: LocalDate;
  from?: string | undefined;
  to?: string | undefined;
  /** The last row of the previous page: [due date, id]. */
  after?: readonly [string, string] | null | undefined;
  /** Rows to read: a page and one more, to know whether another page follows. */
  limit: number;
}

export async function listInvoices(db: Queryable, q: InvoiceQuery): Promise<InvoiceRow[]> {
  const params: unknown[] = [q.creditorId];
  const where = ["cl.creditor_id = $1"];
  const s = q.state;
  if (s === "transferred") where.push("c.id is not null");
  else if (s === "overdue") where.push(isOverdue({ claim: "cl", kase: "c" }, `$${params.push(q.today.toString())}::date`));
  else if (s !== "all") where.push(`c.id is null and cl.transfer_state = $${params.push(s)}`);
  if (q.from) where.push(`cl.due_date >= $${params.push(q.from)}`);
  if (q.to) where.push(`cl.due_date <= $${params.push(q.to)}`);
  if (q.after) where.push(`(cl.due_date, cl.id) > ($${params.push(q.after[0])}::date, $${params.push(q.after[1])}::uuid)`);
  return db.query<InvoiceRow>(
    `select cl.id, cl.invoice_number, d.name as customer, cl.issue_date, cl.due_date, cl.amount_minor,
            ${openAmount({ claim: "cl", kase: "c" })} as open_minor,
            cl.currency, cl.transfer_state, cl.eligibility, c.id as case_id, c.case_number
       from claims cl join debtors d on d.id = cl.debtor_id left join cases c on c.claim_id = cl.id
      where ${where.join(" and ")} order by cl.due_date, cl.id limit $${params.push(q.limit)}`,
    params,
  );
}

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
  eligibility: { reasons?: { code: string; text: string | { nb: string; sv?: string; en: string }; blocking?: boolean }[]; eligibleOn?: string | null } | null;
  case_id: string | null;
  case_number: string | null;
}

export interface InvoiceQuery {
  creditorId: string;
  state: InvoiceState;
  today: LocalDate;
  from?: string | undefined;
  to?: string | undefined;
  /** Open amount at least / at most, in minor units. */
  minOpen?: number | undefined;
  maxOpen?: number | undefined;
  /** Days past the due date on `today`, at least / at most. */
  minAge?: number | undefined;
  maxAge?: number | undefined;
  /** Invoices not in collection whose latest decision gives this reason code. */
  reason?: string | undefined;
  /** The order: due date (oldest first, the default), open amount, state, first reason, customer; the id breaks ties. */
  sort?: InvoiceSort | undefined;
  dir?: "asc" | "desc" | undefined;
  /** The last row of the previous page: [sort value (the due date by default), id]. */
  after?: readonly [string, string] | null | undefined;
  /** Rows to read: a page and one more, to know whether another page follows. */
  limit: number;
}

export const INVOICE_SORTS = ["due", "amount", "state", "reason", "customer"] as const;
export type InvoiceSort = (typeof INVOICE_SORTS)[number];
const OPEN = openAmount({ claim: "cl", kase: "c" });
/** Each sort's key as SQL, and its type for the cursor's value. */
export const INVOICE_SORT_KEY: Record<InvoiceSort, { expr: string; cast: string }> = {
  due: { expr: "cl.due_date", cast: "date" },
  amount: { expr: OPEN, cast: "bigint" },
  state: { expr: "(case when c.id is not null then 'transferred' else coalesce(cl.transfer_state, 'none') end)", cast: "text" },
  reason: { expr: "(case when c.id is not null then '' else coalesce(cl.eligibility -> 'reasons' -> 0 ->> 'code', '') end)", cast: "text" },
  customer: { expr: "d.name", cast: "text" },
};
/** The value a row sorts by, as the cursor holds it. */
export function invoiceSortValue(r: InvoiceRow, sort: InvoiceSort): string {
  if (sort === "due") return r.due_date;
  if (sort === "amount") return String(Number(r.open_minor));
  if (sort === "state") return r.case_id ? "transferred" : (r.transfer_state ?? "none");
  if (sort === "reason") return r.case_id ? "" : (r.eligibility?.reasons?.[0]?.code ?? "");
  return r.customer;
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
  if (q.minOpen !== undefined) where.push(`${OPEN} >= $${params.push(q.minOpen)}`);
  if (q.maxOpen !== undefined) where.push(`${OPEN} <= $${params.push(q.maxOpen)}`);
  if (q.minAge !== undefined) where.push(`cl.due_date <= $${params.push(q.today.toString())}::date - $${params.push(q.minAge)}::int`);
  if (q.maxAge !== undefined) where.push(`cl.due_date >= $${params.push(q.today.toString())}::date - $${params.push(q.maxAge)}::int`);
  if (q.reason) where.push(`c.id is null and exists (select 1 from jsonb_array_elements(case when jsonb_typeof(cl.eligibility -> 'reasons') = 'array' then cl.eligibility -> 'reasons' else '[]'::jsonb end) r where r ->> 'code' = $${params.push(q.reason)})`);
  const key = INVOICE_SORT_KEY[q.sort ?? "due"];
  const dir = q.dir === "desc" ? "desc" : "asc";
  if (q.after) where.push(`(${key.expr}, cl.id) ${dir === "desc" ? "<" : ">"} ($${params.push(q.after[0])}::${key.cast}, $${params.push(q.after[1])}::uuid)`);
  return db.query<InvoiceRow>(
    `select cl.id, cl.invoice_number, d.name as customer, cl.issue_date, cl.due_date, cl.amount_minor,
            ${OPEN} as open_minor,
            cl.currency, cl.transfer_state, cl.eligibility, c.id as case_id, c.case_number
       from claims cl join debtors d on d.id = cl.debtor_id left join cases c on c.claim_id = cl.id
      where ${where.join(" and ")} order by ${key.expr} ${dir}, cl.id ${dir} limit $${params.push(q.limit)}`,
    params,
  );
}

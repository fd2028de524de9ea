import { scopeCondition, scopeParams, type CreditorScope } from "../access/tenant.js";
import type { CaseRow } from "../collection/cases/case-row.js";
import { queryPrepared } from "../platform/db/prepared-query.js";
import type { Queryable } from "../platform/db/database.js";
import { CASE_ACTION_NEEDED, CASE_BALANCE, CASE_COSTS_OWED, CASE_INTEREST_OWED } from "./case-balance.js";

/**
 * Cases as people read them: the case list (a creditor's, or across every creditor a caller may
 * see), the case page's row with its four lists in one round trip, a case's timeline and letters
 * by case number (the CLI). The balance is `CASE_BALANCE`; "action needed" is `CASE_ACTION_NEEDED`.
 */

/**
 * Every `CaseRow` column by name: the queries below are prepared statements, and one that said
 * `c.*` would fail on a connection that prepared it once a migration adds a column.
 */
const CASE_ROW: Record<keyof CaseRow, true> = {
  id: true, creditor_id: true, claim_id: true, debtor_id: true, case_number: true, kid: true, jurisdiction: true, currency: true, stage: true, hold_kind: true,
  hold_reason: true, hold_since: true, hold_until: true, debtor_type: true, opened_on: true, due_date: true, respite_until: true, reminder_sent_on: true,
  reminder_deadline: true, notice_sent_on: true, notice_deadline: true, notice_sent_by: true, stop_list_on: true, stop_window_ends_on: true,
  payment_demand_approved_on: true, demand_sent_on: true, demand_deadline: true, heavy_salary_on: true, disputed_days: true, legal_approved_on: true, legal_on: true, last_legal_step: true,
  remark_on: true, surveillance_on: true, renewed_demand_sent_on: true, renewed_demand_deadline: true, pending_legal_step: true, closed_on: true, close_reason: true, closed_from_stage: true, next_action_on: true, limitation_on: true,
  claim_for_salary_minor: true, principal_minor: true, principal_paid_minor: true, interest_base_minor: true, interest_base_on: true, interest_accrued_minor: true,
  interest_accrued_on: true, interest_paid_minor: true, fees_minor: true, fees_paid_minor: true, salary_minor: true, salary_paid_minor: true, legal_minor: true,
  legal_paid_minor: true, credit_minor: true, ledger_letters: true, vat_add_on_basis: true, due_date_agreed: true, interest_from: true, reminder_fee_agreed: true, version: true,
};
const CASE_ROW_COLUMNS = Object.keys(CASE_ROW).map((k) => `c.${k}`).join(", ");

/**
 * Newest first: case numbers are counted up ("…-999999", then "…-1000000"), so a longer number is
 * a newer one and text order holds only between numbers of one length. The cursor (the last case
 * number) is compared with the same key, so paging neither skips nor repeats a case whatever the
 * numbers look like. The indexes cases_creditor_newest and cases_newest (migration 0011) hold this
 * order, so a first page reads its 51 rows and stops.
 */
const NEWEST_FIRST = "length(c.case_number) desc, c.case_number desc";

/** A case in a list. */
export interface CaseSummaryRow {
  id: string; case_number: string; creditor_id: string; invoice_number: string; debtor_name: string; stage: string; hold_kind: string | null; hold_reason: string | null;
  hold_until: string | null; balance: number; currency: string; opened_on: string; due_date: string; next_action_on: string | null; closed_on: string | null; close_reason: string | null; action_needed: boolean;
}
/**
 * A summary's columns, all from the case row: the invoice number and the debtor's name are the
 * copies the database keeps there (schema.ts, `cases.invoice_number`), so a page reads no other table.
 */
const CASE_SUMMARY_COLUMNS = `c.id, c.case_number, c.creditor_id, c.invoice_number, c.debtor_name, c.stage, c.hold_kind, c.hold_reason, c.hold_until,
  ${CASE_BALANCE} as balance, c.currency, c.opened_on, c.due_date, c.next_action_on, c.closed_on, c.close_reason, ${CASE_ACTION_NEEDED} as action_needed`;

export const CASE_LIST_STATES = ["open", "closed", "action-needed", "all", "no-address"] as const;
export interface CaseListQuery {
  state: (typeof CASE_LIST_STATES)[number];
  stage?: string | undefined;
  /** Opened on or after. */
  from?: string | undefined;
  /** Opened on or before. */
  to?: string | undefined;
  /** A case number, an invoice number, or part of the debtor's name. */
  q?: string | undefined;
  /** Balance at least / at most, in minor units. */
  minBalance?: number | undefined;
  maxBalance?: number | undefined;
  /** Days past the invoice's due date on `today`, at least / at most (needs `today`). */
  minAge?: number | undefined;
  maxAge?: number | undefined;
  today?: string | undefined;
  /** Why the case closed (`CLOSE_REASONS`). */
  reason?: string | undefined;
  /** The order (newest first unless given): stage, balance, age (days past due) or close reason, with the case number after it. */
  sort?: CaseSort | undefined;
  dir?: "asc" | "desc" | undefined;
  /** The last case number of the previous page (newest first). */
  after?: string | null | undefined;
  /** The last row's sort value of the previous page (a sorted list), with `after` its case number. */
  afterValue?: string | undefined;
  /** Rows to read (a page and one more, to know whether another follows). */
  limit: number;
}

export const CASE_SORTS = ["newest", "stage", "balance", "age", "reason"] as const;
export type CaseSort = (typeof CASE_SORTS)[number];
/**
 * A sorted list's key as SQL on the case row, and its type for the cursor's value. Age sorts on
 * the due date the other way round (older is earlier due); a case not closed sorts by reason as "".
 */
const SORT_KEY: Record<Exclude<CaseSort, "newest">, { expr: string; cast: string; flip: boolean }> = {
  stage: { expr: "c.stage", cast: "text", flip: false },
  balance: { expr: `(${CASE_BALANCE})`, cast: "bigint", flip: false },
  age: { expr: "c.due_date", cast: "date", flip: true },
  reason: { expr: "coalesce(c.close_reason, '')", cast: "text", flip: false },
};
/** The value a row sorts by, as the cursor holds it. */
export function caseSortValue(row: CaseSummaryRow, sort: Exclude<CaseSort, "newest">): string {
  if (sort === "stage") return row.stage;
  if (sort === "balance") return String(Number(row.balance));
  if (sort === "age") return row.due_date;
  return row.close_reason ?? "";
}

/** How the hold of a case no letter can reach begins (src/collection/cases/case-store.ts, `holdCaseForNoAddress`). */
export const NO_ADDRESS_PREFIX = "no address";

/** A creditor's cases, or those of every creditor a scope reaches, newest first. */
export async function listCases(db: Queryable, creditors: { creditorId: string } | { scope: CreditorScope }, q: CaseListQuery): Promise<CaseSummaryRow[]> {
  const params: unknown[] = [];
  const bind = (value: unknown) => `$${params.push(value)}`;
  const where: string[] = [];
  if ("creditorId" in creditors) where.push(`c.creditor_id = ${bind(creditors.creditorId)}`);
  else {
    const first = params.length + 1;
    params.push(...scopeParams(creditors.scope));
    where.push(`c.creditor_id in (select cr.id from creditors cr where ${scopeCondition("cr", first)})`);
  }
  if (q.state === "open") where.push("c.closed_on is null");
  if (q.state === "closed") where.push("c.closed_on is not null");
  if (q.state === "action-needed") where.push(CASE_ACTION_NEEDED);
  // Held by the delivery step: no channel reaches the debtor (src/delivery, `holdCaseForNoAddress`).
  if (q.state === "no-address") where.push(`c.closed_on is null and c.hold_kind = 'paused' and c.hold_reason like '${NO_ADDRESS_PREFIX}%'`);
  if (q.stage) where.push(`c.stage = ${bind(q.stage)}`);
  if (q.from) where.push(`c.opened_on >= ${bind(q.from)}`);
  if (q.to) where.push(`c.opened_on <= ${bind(q.to)}`);
  if (q.q) {
    const text = bind(q.q);
    // One search box (issue #20): case number, invoice number, KID, the debtor's organisation number or name.
    where.push(`(c.case_number = ${text} or c.kid = ${text} or c.invoice_number = ${text} or c.debtor_name ilike '%' || ${text} || '%'
      or exists (select 1 from debtors d where d.id = c.debtor_id and replace(d.org_number, ' ', '') = replace(${text}, ' ', '')))`);
  }
  if (q.minBalance !== undefined) where.push(`${CASE_BALANCE} >= ${bind(q.minBalance)}`);
  if (q.maxBalance !== undefined) where.push(`${CASE_BALANCE} <= ${bind(q.maxBalance)}`);
  if ((q.minAge !== undefined || q.maxAge !== undefined) && !q.today) throw new Error("listCases: an age filter needs today");
  if (q.minAge !== undefined) where.push(`c.due_date <= ${bind(q.today)}::date - ${bind(q.minAge)}::int`);
  if (q.maxAge !== undefined) where.push(`c.due_date >= ${bind(q.today)}::date - ${bind(q.maxAge)}::int`);
  if (q.reason) where.push(`c.close_reason = ${bind(q.reason)}`);
  const sort = q.sort && q.sort !== "newest" ? SORT_KEY[q.sort] : null;
  // A sorted list's direction; the case number breaks ties in the same direction, so the cursor is one row comparison.
  const desc = sort ? (q.dir === "desc") !== sort.flip : true;
  const op = desc ? "<" : ">";
  const order = sort ? `${sort.expr} ${desc ? "desc" : "asc"}, length(c.case_number) ${desc ? "desc" : "asc"}, c.case_number ${desc ? "desc" : "asc"}` : NEWEST_FIRST;
  if (q.after) {
    const key = bind(q.after);
    if (sort) {
      if (q.afterValue === undefined) throw new Error("listCases: a sorted list's cursor needs its value");
      where.push(`(${sort.expr}, length(c.case_number), c.case_number) ${op} (${bind(q.afterValue)}::${sort.cast}, length(${key}::text), ${key}::text)`);
    } else where.push(`(length(c.case_number), c.case_number) < (length(${key}::text), ${key}::text)`);
  }
  return queryPrepared<CaseSummaryRow>(db, `select ${CASE_SUMMARY_COLUMNS} from cases c where ${where.join(" and ")} order by ${order} limit ${bind(q.limit)}`, params);
}

/** The case page's lists, as the database aggregates them. */
export interface CasePageLists {
  events: { id: number; on: string; at: string; actor: string; type: string; stage: string | null; reason: string | null; data: Record<string, unknown> }[] | null;
  letters: { id: string; kind: string; sent_on: string; deadline: string; language: string; status: string; number: string | null; copy_of: string | null; delivery_status: string; channel: string | null; delivery_reason: string | null; delivery_reason_text: unknown; dispatched_on: string | null }[] | null;
  charges: { kind: string; on: string; amount_minor: number; rule: string; source: string; confidence: string; payer: string }[] | null;
  payments: { id: string; received_on: string; amount_minor: number; channel: string; source: string; allocations: { bucket: string; amount: number }[] | null }[] | null;
}
export type CasePageRow = CaseRow &
  CaseSummaryRow &
  CasePageLists & { collection_settings: unknown; d_type: string; d_org: string | null; d_birth: string | null; d_nid: string | null; d_address: unknown; d_email: string | null; d_phone: string | null };

/** The case page: the case row, its debtor and creditor settings, its timeline, letters, charges and payments with allocations — one round trip (the most read page there is). */
export async function casePage(db: Queryable, caseId: string): Promise<CasePageRow | null> {
  const [row] = await queryPrepared<CasePageRow>(
    db,
    `select ${CASE_ROW_COLUMNS}, c.invoice_number, c.debtor_name, ${CASE_BALANCE} as balance, ${CASE_ACTION_NEEDED} as action_needed, cr.settings -> 'collection' as collection_settings, d.type as d_type, d.org_number as d_org, d.birth_date as d_birth, d.national_id_enc as d_nid, d.address as d_address, d.email as d_email, d.phone as d_phone,
       (select json_agg(json_build_object('id', e.id, 'on', e."on", 'at', e.at, 'actor', e.actor, 'type', e.type, 'stage', e.stage, 'reason', e.reason, 'data', e.data) order by e.id)
          from case_events e where e.case_id = c.id) as events,
       (select json_agg(json_build_object('id', l.id, 'kind', l.kind, 'sent_on', l.sent_on, 'deadline', l.deadline, 'language', l.language, 'status', l.status,
                 'number', l.number, 'copy_of', l.copy_of, 'delivery_status', l.delivery_status, 'channel', l.channel, 'delivery_reason', l.delivery_reason, 'delivery_reason_text', l.delivery_reason_text, 'dispatched_on', l.dispatched_on) order by l.sent_on, l.created_at)
          from letters l where l.case_id = c.id) as letters,
       (select json_agg(json_build_object('kind', ch.kind, 'on', ch."on", 'amount_minor', ch.amount_minor, 'rule', ch.rule, 'source', ch.source, 'confidence', ch.confidence, 'payer', ch.payer) order by ch."on", ch.id)
          from charges ch where ch.case_id = c.id) as charges,
       (select json_agg(json_build_object('id', p.id, 'received_on', p.received_on, 'amount_minor', p.amount_minor, 'channel', p.channel, 'source', p.source,
                 'allocations', (select json_agg(json_build_object('bucket', a.bucket, 'amount', a.amount_minor) order by a.id) from allocations a where a.payment_id = p.id))
               order by p.received_on, p.created_at)
          from payments p where p.case_id = c.id) as payments
       from cases c join debtors d on d.id = c.debtor_id join creditors cr on cr.id = c.creditor_id where c.id = $1`,
    [caseId],
  );
  return row ?? null;
}

/** What a case still owes in costs (fees, salær, legal costs) and in interest — a withdrawal's cost is split by these. */
export async function caseCostsAndInterestOwed(db: Queryable, caseId: string): Promise<{ costsMinor: number; interestMinor: number; currency: string }> {
  const [c] = await db.query<{ costs: number; interest: number; currency: string }>(`select ${CASE_COSTS_OWED} as costs, ${CASE_INTEREST_OWED} as interest, c.currency from cases c where c.id = $1`, [caseId]);
  return { costsMinor: Number(c!.costs), interestMinor: Number(c!.interest), currency: c!.currency };
}

/** Cases for a terminal (the CLI's `cases list`): newest first, one creditor (by code) or one stage if given. */
export async function casesForTerminal(
  db: Queryable,
  filter: { creditorCode?: string | undefined; stage?: string | undefined; limit: number },
): Promise<{ caseNumber: string; creditor: string; stage: string; hold: string | null; invoice: string; debtor: string; balance: number; currency: string; nextActionOn: string | null; closedOn: string | null }[]> {
  return db.query(
    `select c.case_number as "caseNumber", cr.code as creditor, c.stage, c.hold_kind as hold, c.invoice_number as invoice, c.debtor_name as debtor,
            ${CASE_BALANCE} as balance, c.currency, c.next_action_on as "nextActionOn", c.closed_on as "closedOn"
       from cases c join creditors cr on cr.id = c.creditor_id
      where ($1::text is null or cr.code = $1) and ($2::text is null or c.stage = $2)
      order by c.created_at desc, c.case_number desc limit $3`,
    [filter.creditorCode ?? null, filter.stage ?? null, filter.limit],
  );
}

/** A case's timeline by its case number, oldest first (empty: no such case, or nothing yet). */
export async function caseTimeline(db: Queryable, caseNumber: string): Promise<{ on: string; type: string; stage: string | null; actor: string; reason: string | null; data: unknown }[]> {
  return db.query(`select e."on", e.type, e.stage, e.actor, e.reason, e.data from case_events e join cases c on c.id = e.case_id where c.case_number = $1 order by e.id`, [caseNumber]);
}

/** Whether a case has this number. */
export async function caseNumberExists(db: Queryable, caseNumber: string): Promise<boolean> {
  return (await db.query("select 1 from cases where case_number = $1", [caseNumber])).length > 0;
}

/** A case's letters by its case number (the CLI's `letters list`). */
export async function lettersOfCase(db: Queryable, caseNumber: string): Promise<{ id: string; kind: string; sent_on: string; deadline: string; status: string; number: string | null; delivery_status: string; channel: string | null }[]> {
  return db.query(`select l.id, l.kind, l.sent_on, l.deadline, l.status, l.number, l.delivery_status, l.channel from letters l join cases c on c.id = l.case_id where c.case_number = $1 order by l.sent_on, l.kind`, [caseNumber]);
}

import type { Currency } from "../domain/money.js";
import type { Queryable } from "../platform/db/database.js";
import type { RemittanceInput } from "../settlement/remittance-pdf.js";

/**
 * Settlements as the API lists and shows them: the split, the voucher, the delivery status of the
 * voucher to the creditor's ledger (its latest outbox row) and the booked check.
 */
export interface SettlementViewRow {
  id: string;
  period_from: string;
  period_to: string;
  settled_on: string;
  payout_minor: number;
  invoice_minor: number;
  /** The settlement's currency (the creditor's, kept in its result). */
  currency: Currency;
  booked_at: Date | null;
  result: unknown;
  voucher: { lines?: { accountCode: string; amount: string | number; description: string }[] } | null;
  booked_check: unknown;
  voucher_status: string | null;
}

const SETTLEMENT_SELECT = `select s.id, s.period_from, s.period_to, s.settled_on, s.payout_minor, s.invoice_minor, s.result->>'currency' as currency, s.booked_at, s.result, s.voucher, s.booked_check,
    (select o.status from outbox o where o.kind = 'settlement-voucher' and o.payload->>'settlementId' = s.id::text order by o.id desc limit 1) as voucher_status
  from settlements s`;

/** A creditor's settlements, newest period first (keyset-paged on period end and id). */
export async function listSettlements(
  db: Queryable,
  q: { creditorId: string; from?: string | undefined; to?: string | undefined; after?: readonly [string, string] | null | undefined; limit: number },
): Promise<SettlementViewRow[]> {
  const params: unknown[] = [q.creditorId];
  const where = ["s.creditor_id = $1"];
  if (q.from) where.push(`s.period_to >= $${params.push(q.from)}`);
  if (q.to) where.push(`s.period_to <= $${params.push(q.to)}`);
  if (q.after) where.push(`(s.period_to, s.id) < ($${params.push(q.after[0])}::date, $${params.push(q.after[1])}::uuid)`);
  return db.query<SettlementViewRow>(`${SETTLEMENT_SELECT} where ${where.join(" and ")} order by s.period_to desc, s.id desc limit $${params.push(q.limit)}`, params);
}

/** The settlements with these ids, oldest period first. */
export async function settlementsByIds(db: Queryable, ids: readonly string[]): Promise<SettlementViewRow[]> {
  if (ids.length === 0) return [];
  return db.query<SettlementViewRow>(`${SETTLEMENT_SELECT} where s.id = any($1::uuid[]) order by s.period_to, s.id`, [ids]);
}

/** One settlement, or null. */
export async function settlementView(db: Queryable, settlementId: string): Promise<SettlementViewRow | null> {
  const [s] = await db.query<SettlementViewRow>(`${SETTLEMENT_SELECT} where s.id = $1`, [settlementId]);
  return s ?? null;
}

/** What the remittance report of a settlement shows (without the agency), with the creditor's code and the period's end for its file name. */
export async function remittanceOf(db: Queryable, settlementId: string): Promise<(Omit<RemittanceInput, "agency"> & { code: string; periodTo: string }) | null> {
  const [s] = await db.query<{ result: RemittanceInput["settlement"]; voucher: RemittanceInput["voucher"]; name: string; org_number: string | null; code: string; period_to: string }>(
    "select s.result, s.voucher, s.period_to, c.name, c.org_number, c.code from settlements s join creditors c on c.id = s.creditor_id where s.id = $1",
    [settlementId],
  );
  return s ? { creditor: { name: s.name, orgNumber: s.org_number }, settlement: s.result, voucher: s.voucher, code: s.code, periodTo: s.period_to } : null;
}

import type { Queryable } from "../platform/db/database.js";

/** Payout files and the bank's answers (src/settlement/payout-status.ts), for finance staff: the latest attempt per settlement. */
export interface PayoutRow {
  readonly settlementId: string;
  readonly creditorId: string;
  readonly creditorCode: string;
  readonly attempt: number;
  readonly messageId: string;
  readonly endToEndId: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly account: string;
  readonly status: string;
  readonly statusCode: string | null;
  readonly reason: string | null;
  readonly statusAt: string | null;
  readonly issuedAt: string;
}

export async function latestPayouts(db: Queryable, q: { status?: string | undefined; creditorId?: string | undefined; settlementId?: string | undefined } = {}): Promise<PayoutRow[]> {
  const rows = await db.query<{ settlement_id: string; creditor_id: string; code: string; attempt: number; message_id: string; end_to_end_id: string; amount_minor: number; currency: string; account: string; status: string; status_code: string | null; reason: string | null; status_at: Date | string | null; created_at: Date | string }>(
    `select * from (
       select distinct on (p.settlement_id) p.*, c.code from payouts p join creditors c on c.id = p.creditor_id
        where ($1::uuid is null or p.creditor_id = $1) and ($2::uuid is null or p.settlement_id = $2)
        order by p.settlement_id, p.attempt desc) latest
      where ($3::text is null or status = $3)
      order by created_at desc, settlement_id`,
    [q.creditorId ?? null, q.settlementId ?? null, q.status ?? null],
  );
  const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
  return rows.map((r) => ({
    settlementId: r.settlement_id,
    creditorId: r.creditor_id,
    creditorCode: r.code,
    attempt: r.attempt,
    messageId: r.message_id,
    endToEndId: r.end_to_end_id,
    amountMinor: r.amount_minor,
    currency: r.currency,
    account: r.account,
    status: r.status,
    statusCode: r.status_code,
    reason: r.reason,
    statusAt: iso(r.status_at),
    issuedAt: iso(r.created_at)!,
  }));
}

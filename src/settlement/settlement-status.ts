import { formatDecimal, type Currency } from "../domain/money.js";
import type { Queryable } from "../platform/db/database.js";
import type { BookedCheck } from "../integration/sync/booked-check.js";

/**
 * A creditor's settlements as finance staff follow them (`fordring settle status`): the payout
 * (or what the creditor owes), whether the voucher reached the ledger, and whether the ledger
 * shows it booked.
 */
export interface SettlementStatus {
  readonly settlementId: string;
  readonly period: { readonly from: string; readonly to: string };
  readonly settledOn: string;
  readonly payout: string;
  readonly invoiceToCreditor: string;
  readonly voucher: {
    /** `pending` | `delivered` | `failed` (the outbox row), `none` when no voucher was queued. */
    readonly state: string;
    readonly attempts: number;
    readonly lastError: string | null;
    readonly deliveredAt: string | null;
  };
  readonly booked: {
    /** The last check's state (booked-check.ts), or `unchecked`. */
    readonly state: string;
    readonly bookedAt: string | null;
    readonly checkedAt: string | null;
    readonly reason: string | null;
  };
}

export async function settlementStatus(db: Queryable, creditorId: string): Promise<SettlementStatus[]> {
  const rows = await db.query<{
    id: string;
    period_from: string;
    period_to: string;
    settled_on: string;
    payout_minor: number;
    invoice_minor: number;
    currency: Currency;
    booked_at: Date | string | null;
    booked_check: BookedCheck | null;
    status: string | null;
    attempts: number | null;
    last_error: string | null;
    delivered_at: Date | string | null;
  }>(
    `select s.id, s.period_from, s.period_to, s.settled_on, s.payout_minor, s.invoice_minor, s.result->>'currency' as currency, s.booked_at, s.booked_check,
            o.status, o.attempts, o.last_error, o.delivered_at
       from settlements s left join outbox o on o.idempotency_key = 'settlement-voucher:' || s.id::text
      where s.creditor_id = $1 order by s.settled_on, s.period_from, s.id`,
    [creditorId],
  );
  const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
  return rows.map((r) => ({
    settlementId: r.id,
    period: { from: r.period_from, to: r.period_to },
    settledOn: r.settled_on,
    payout: formatDecimal({ amount: r.payout_minor, currency: r.currency }),
    invoiceToCreditor: formatDecimal({ amount: r.invoice_minor, currency: r.currency }),
    voucher: { state: r.status ?? "none", attempts: r.attempts ?? 0, lastError: r.last_error, deliveredAt: iso(r.delivered_at) },
    booked: { state: r.booked_check?.state ?? "unchecked", bookedAt: iso(r.booked_at), checkedAt: r.booked_check?.checkedAt ?? null, reason: r.booked_check?.reason ?? null },
  }));
}

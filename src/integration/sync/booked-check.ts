import { formatDecimal, type Currency } from "../../domain/money.js";
import type { Queryable } from "../../platform/db/database.js";
import type { CustomerLedgerItem, LedgerConnector } from "../ledger-connector.js";
import { AGENCY_VOUCHER_PREFIX } from "./ledger-payments.js";
import type { SyncContext } from "./sync-context.js";

/**
 * The booked check, a step of the sync (docs/SETTLEMENT.md: the ledger confirms the voucher was
 * booked): after the
 * settlement's voucher is delivered, read it back from the ledger by its idempotency key and look
 * at the customer-ledger items it made. Booked means: the voucher is there, not reversed, and every
 * customer item it posted is matched (PowerOffice: it shares a match id with the invoice it
 * clears). The result is kept on `settlements.booked_check`; `booked_at` is when it was first seen
 * booked (cleared again if a later check finds it reversed).
 *
 * States: `pending` (the voucher is not delivered yet; the ledger is not asked), `booked`,
 * `not-found` (delivered but the ledger has no voucher with that key), `reversed`, `unmatched`
 * (booked, but a customer item it posted is not matched).
 */
export type BookedState = "pending" | "booked" | "not-found" | "reversed" | "unmatched";

export interface BookedCheck {
  readonly state: BookedState;
  readonly booked: boolean;
  readonly checkedAt: string;
  readonly reason: string;
  readonly voucherKey: string;
  readonly voucherId?: string;
  readonly voucherNo?: string | null;
  readonly items?: readonly { id: string; customerRef: string; kid: string | null; amount: string; balance: string; matchId: string | null; matched: boolean }[];
}

/** The `externalImportReference` the settlement's voucher is posted under (as deliver-outbox.ts posts it). */
export function settlementVoucherKey(settlementId: string): string {
  return `${AGENCY_VOUCHER_PREFIX}set-${settlementId}`;
}

/** Checks one settlement against the ledger and stores the result. */
export async function checkSettlementBooked(db: Queryable, connector: LedgerConnector, settlementId: string, now: Date): Promise<BookedCheck> {
  const voucherKey = settlementVoucherKey(settlementId);
  const [row] = await db.query<{ status: string | null; attempts: number | null; last_error: string | null; currency: Currency }>(
    `select o.status, o.attempts, o.last_error, s.voucher->>'currency' as currency from settlements s
       left join outbox o on o.idempotency_key = 'settlement-voucher:' || s.id::text where s.id = $1`,
    [settlementId],
  );
  if (!row) throw new Error(`no settlement ${settlementId}`);
  const checkedAt = now.toISOString();
  let check: BookedCheck;
  if (row.status !== "delivered") {
    const why = row.status === null ? "no voucher was queued" : row.status === "failed" ? `its delivery failed after ${row.attempts} attempts (${row.last_error ?? "no error kept"})` : `it waits in the outbox (${row.attempts ?? 0} attempts${row.last_error ? `, last error: ${row.last_error}` : ""})`;
    check = { state: "pending", booked: false, checkedAt, voucherKey, reason: `the voucher is not delivered to the ledger yet: ${why}` };
  } else {
    const found = await connector.findVoucher(voucherKey);
    check = found === null ? { state: "not-found", booked: false, checkedAt, voucherKey, reason: `the voucher was delivered, but the ledger has no voucher ${voucherKey}` } : judge(found, checkedAt, voucherKey, row.currency);
  }
  await db.query(
    `update settlements set booked_check = $2, booked_at = case when $3 then coalesce(booked_at, $4::timestamptz) else null end where id = $1`,
    [settlementId, JSON.stringify(check), check.booked, checkedAt],
  );
  return check;
}

/** `currency`: the settlement voucher's, which the customer items it posted are in. */
function judge(found: NonNullable<Awaited<ReturnType<LedgerConnector["findVoucher"]>>>, checkedAt: string, voucherKey: string, currency: Currency): BookedCheck {
  const items = found.customerItems.map((i: CustomerLedgerItem) => ({
    id: i.id,
    customerRef: i.customerRef,
    kid: i.kid,
    amount: formatDecimal({ amount: i.amountMinor, currency }),
    balance: formatDecimal({ amount: i.balanceMinor, currency }),
    matchId: i.matchId,
    matched: i.matchId !== null,
  }));
  const base = { checkedAt, voucherKey, voucherId: found.voucherId, voucherNo: found.voucherNo, items };
  if (found.reversed) return { ...base, state: "reversed", booked: false, reason: `voucher ${found.voucherNo ?? found.voucherId} was booked and has since been reversed in the ledger` };
  const unmatched = items.filter((i) => !i.matched);
  if (unmatched.length > 0) {
    return { ...base, state: "unmatched", booked: false, reason: `voucher ${found.voucherNo ?? found.voucherId} is booked, but ${unmatched.length} customer item(s) it posted are not matched: ${unmatched.map((i) => `customer ${i.customerRef} KID ${i.kid ?? "–"} ${i.amount}`).join("; ")}` };
  }
  const cleared = items.length === 0 ? "it posts no customer items" : `its ${items.length} customer item(s) are matched`;
  return { ...base, state: "booked", booked: true, reason: `voucher ${found.voucherNo ?? found.voucherId} is booked; ${cleared}` };
}

/**
 * The sync's step: every settlement of the creditor whose voucher is delivered and not yet seen
 * booked is checked. Only the case-creating integration, which is the one the vouchers go to
 * (deliver-outbox.ts). A failed check is set aside and tried again next run.
 */
export async function checkSettlementsBooked(ctx: Pick<SyncContext, "database" | "integration" | "connector" | "report" | "now">): Promise<void> {
  if (!ctx.integration.canCreateCases) return;
  const due = await ctx.database.query<{ id: string }>(
    `select s.id from settlements s join outbox o on o.idempotency_key = 'settlement-voucher:' || s.id::text
      where s.creditor_id = $1 and s.booked_at is null and o.status = 'delivered' order by s.settled_on, s.id`,
    [ctx.integration.creditorId],
  );
  for (const { id } of due) {
    try {
      const check = await checkSettlementBooked(ctx.database, ctx.connector, id, ctx.now());
      ctx.report.count(check.booked ? "settlementsBooked" : "settlementsNotBooked");
    } catch (e) {
      ctx.report.setAside("outbox", `settlement-booked:${id}`, e);
    }
  }
}

import type { Queryable } from "../platform/db/database.js";
import type { ReconcileCause } from "./reconcile.js";

/**
 * Our side of the reconciliation, per case opened from one ledger integration: the principal
 * still owed, what the ledger was credited beyond principal and not yet settled, what was settled,
 * and the amounts still in flight to the ledger (each a known cause of a difference). Read from the
 * case, its payments and allocations, the outbox rows that carry them to the ledger (a payment
 * journal batch, or a payment's own row queued before batching), and the settlements that took
 * them in.
 */
export interface CaseBook {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly invoiceNumber: string;
  /** The ledger's id of the invoice. */
  readonly invoiceId: string | null;
  readonly customerRef: string;
  /** The invoice's KID in the ledger. */
  readonly kid: string | null;
  readonly closed: boolean;
  readonly principalOwedMinor: number;
  readonly journaledNotSettledMinor: number;
  readonly settledMinor: number;
  /** Known causes why the ledger may not show the expected amount yet; signed as ledger − expected. */
  readonly inFlight: readonly { cause: ReconcileCause; amountMinor: number; ref: string }[];
  readonly preTransferItemIds: readonly string[];
  /** Ledger match item ids already recorded as payments rows. */
  readonly recordedLedgerItemIds: ReadonlySet<string>;
}

type CaseRow = { id: string; case_number: string; principal_minor: number; principal_paid_minor: number; closed_on: string | null; invoice_number: string; kid: string | null; customer: string; link: { invoiceId?: string; preTransferItemIds?: string[] } };
type PaymentRow = { id: string; case_id: string; channel: string; amount_minor: number; external_ref: string; received_on: string; journal: string | null };
type AllocationRow = { payment_id: string; bucket: string; amount_minor: number; settlement_id: string | null; voucher: string | null; booked_state: string | null };

const LINKED = `join case_events l on l.case_id = k.id and l.type = 'ledger-invoice-linked' and l.data->>'integrationId' = $2`;

export async function caseBooks(db: Queryable, creditorId: string, integrationId: string): Promise<CaseBook[]> {
  const cases = await db.query<CaseRow>(
    `select k.id, k.case_number, k.principal_minor, k.principal_paid_minor, k.closed_on, cl.invoice_number, cl.kid, d.external_id as customer, l.data as link
       from cases k ${LINKED} join claims cl on cl.id = k.claim_id join debtors d on d.id = k.debtor_id
      where k.creditor_id = $1 order by k.case_number`,
    [creditorId, integrationId],
  );
  const payments = await db.query<PaymentRow>(
    `select p.id, p.case_id, p.channel, p.amount_minor, p.external_ref, p.received_on,
            case when p.journal_due then coalesce(jb.status, 'pending') else jo.status end as journal
       from payments p join cases k on k.id = p.case_id ${LINKED}
       left join outbox jb on jb.idempotency_key = 'payment-journal-batch:' || p.journal_batch_id::text
       left join outbox jo on jo.idempotency_key = 'payment-journal:' || p.id::text
      where p.creditor_id = $1 order by p.received_on, p.id`,
    [creditorId, integrationId],
  );
  const allocations = await db.query<AllocationRow>(
    `select a.payment_id, a.bucket, a.amount_minor, si.settlement_id, vo.status as voucher, s.booked_check->>'state' as booked_state
       from allocations a join cases k on k.id = a.case_id ${LINKED}
       left join settlement_items si on si.item = 'allocation:' || a.id
       left join settlements s on s.id = si.settlement_id
       left join outbox vo on vo.idempotency_key = 'settlement-voucher:' || si.settlement_id::text
      where a.creditor_id = $1`,
    [creditorId, integrationId],
  );
  const allocationsOf = group(allocations, (a) => a.payment_id);
  const paymentsOf = group(payments, (p) => p.case_id);
  const scope = `${integrationId}:`;

  return cases.map((c) => {
    let journaledNotSettled = 0;
    let settled = 0;
    const inFlight: { cause: ReconcileCause; amountMinor: number; ref: string }[] = [];
    const voucherPending = new Map<string, number>();
    const recorded = new Set<string>();
    for (const p of paymentsOf.get(c.id) ?? []) {
      if (p.external_ref.startsWith(scope)) recorded.add(p.external_ref.slice(scope.length));
      const allocs = allocationsOf.get(p.id) ?? [];
      const ref = `payment ${p.id} (${p.channel}, ${p.received_on})`;
      if (p.channel === "write-off") {
        // The ledger took the amount off the invoice; the case keeps the claim (ledger-payments.ts).
        inFlight.push({ cause: "ledger-write-off", amountMinor: -p.amount_minor, ref });
        continue;
      }
      if (p.channel === "reversal" && allocs.length === 0) {
        inFlight.push({ cause: "ledger-reversal-not-applied", amountMinor: -p.amount_minor, ref });
        continue;
      }
      // A payment to the agency reaches the ledger through its journal; one without (on a closed case) never does.
      if (p.channel === "agency" && p.journal === null) continue;
      if (p.channel === "agency" && p.journal !== "delivered") inFlight.push({ cause: "payment-journal-pending", amountMinor: p.amount_minor, ref });
      const principal = allocs.filter((a) => a.bucket === "principal").reduce((s, a) => s + a.amount_minor, 0);
      journaledNotSettled += p.amount_minor - principal;
      for (const a of allocs) {
        if (a.settlement_id === null) continue;
        settled += a.amount_minor;
        if (a.bucket === "principal") continue;
        journaledNotSettled -= a.amount_minor;
        if (a.voucher !== "delivered" || a.booked_state === "reversed") voucherPending.set(a.settlement_id, (voucherPending.get(a.settlement_id) ?? 0) + a.amount_minor);
      }
    }
    // Settled, so no longer expected open in the ledger; until its voucher is there, the ledger shows less.
    for (const [settlementId, amount] of voucherPending) inFlight.push({ cause: "settlement-voucher-not-booked", amountMinor: -amount, ref: `settlement ${settlementId}` });
    return {
      caseId: c.id,
      caseNumber: c.case_number,
      invoiceNumber: c.invoice_number,
      invoiceId: c.link.invoiceId ?? null,
      // Debtors mirrored from a ledger are keyed `<integration id>:<customer code>`.
      customerRef: c.customer.slice(c.customer.lastIndexOf(":") + 1),
      kid: c.kid,
      closed: c.closed_on !== null,
      principalOwedMinor: c.principal_minor - c.principal_paid_minor,
      journaledNotSettledMinor: journaledNotSettled,
      settledMinor: settled,
      inFlight,
      preTransferItemIds: c.link.preTransferItemIds ?? [],
      recordedLedgerItemIds: recorded,
    };
  });
}

function group<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

import { randomUUID } from "node:crypto";
import { LocalDate } from "../../domain/calendar/local-date.js";
import type { Currency } from "../../domain/money.js";
import { paymentJournal, type AgencyPayment } from "../../domain/settlement/payment-journal.js";
import { LedgerError, type PostedVoucher } from "../ledger-connector.js";
import type { Queryable } from "../../platform/db/database.js";
import { INSERT_OUTBOX_SQL, outboxMessage, outboxRecords } from "../../platform/outbox-messages.js";
import type { OutboxRow } from "./deliver-outbox.js";
import { AGENCY_VOUCHER_PREFIX } from "./ledger-payments.js";
import type { SyncContext } from "./sync-context.js";

/**
 * The batch payment journal (docs/SETTLEMENT.md): money paid to the agency is told to the creditor's
 * ledger the same day, on the clearing account against each invoice's KID. A payment recorded on
 * an open case is marked `journal_due`; each sync puts the due payments of its integration's cases
 * on vouchers — one per payment date, at most `MAX_PAYMENTS_PER_VOUCHER` payments each — and
 * queues each voucher as one `payment-journal` outbox row (`payment-journal-batch:<batch id>`),
 * delivered under an idempotency key derived from the batch id. A bank file of 100,000 payments
 * is then a few hundred ledger calls, not 100,000 (PowerOffice allows about 50 requests a second).
 *
 * Putting payments on a batch and queueing its row is one transaction, so a payment is on exactly
 * one voucher; the payments are locked `skip locked`, so two syncs of one creditor cannot batch
 * the same payment. Rows queued before batching existed (payload `{ caseId, paymentId }`) are
 * delivered as a journal of one payment under their old key.
 */
export const MAX_PAYMENTS_PER_VOUCHER = 200;

export function paymentJournalBatchKey(batchId: string): string {
  return `payment-journal-batch:${batchId}`;
}

/**
 * Puts this integration's due payments on batch vouchers and queues them; returns how many batches
 * were queued. A batch the ledger refused for good (one payment's customer merged away, say) is
 * first split: each of its payments gets a journal of its own, so one bad payment holds back only
 * itself, and the refused row is kept as `superseded` with the ledger's error.
 */
export async function queuePaymentJournals(ctx: SyncContext): Promise<number> {
  const { creditorId, id: integrationId } = ctx.integration;
  await splitRefusedBatches(ctx);
  const queued = await ctx.database.transaction(async (tx) => {
    const due = await tx.query<{ id: string; received_on: string }>(
      `select p.id, p.received_on
         from payments p
        where p.creditor_id = $1 and p.journal_due and p.journal_batch_id is null
          and exists (select 1 from case_events e
                       where e.case_id = p.case_id and e.type = 'ledger-invoice-linked' and e.data->>'integrationId' = $2)
        order by p.received_on, p.id
        for update of p skip locked`,
      [creditorId, integrationId],
    );
    const batches: { batchId: string; receivedOn: string; paymentIds: string[] }[] = [];
    for (const p of due) {
      const last = batches.at(-1);
      if (last && last.receivedOn === p.received_on && last.paymentIds.length < MAX_PAYMENTS_PER_VOUCHER) last.paymentIds.push(p.id);
      else batches.push({ batchId: randomUUID(), receivedOn: p.received_on, paymentIds: [p.id] });
    }
    await writeBatches(tx, creditorId, integrationId, batches);
    return batches.length;
  });
  if (queued > 0) ctx.report.count("journalBatchesQueued", queued);
  return queued;
}

async function splitRefusedBatches(ctx: SyncContext): Promise<void> {
  const { creditorId, id: integrationId } = ctx.integration;
  const refused = await ctx.database.query<{ id: number; batch_id: string; received_on: string; last_error: string | null }>(
    `select o.id, o.payload->>'batchId' as batch_id, o.payload->>'receivedOn' as received_on, o.last_error
       from outbox o
      where o.creditor_id = $1 and o.kind = 'payment-journal' and o.status = 'failed' and o.payload->>'integrationId' = $2
        and (o.payload->>'payments')::int > 1
      order by o.id`,
    [creditorId, integrationId],
  );
  for (const row of refused) {
    // A row given up after many attempts may have reached the ledger in one of them: look first.
    let found: Awaited<ReturnType<SyncContext["connector"]["findVoucher"]>>;
    try {
      found = await ctx.connector.findVoucher(`${AGENCY_VOUCHER_PREFIX}jrn-${row.batch_id}`);
    } catch (e) {
      if (!(e instanceof LedgerError)) throw e;
      ctx.report.setAside("outbox", `payment-journal-batch:${row.batch_id}`, e);
      continue;
    }
    await ctx.database.transaction(async (tx) => {
      const [still] = await tx.query("select 1 from outbox where id = $1 and status = 'failed' for update", [row.id]);
      if (!still) return;
      if (found) {
        await tx.query("update outbox set status = 'delivered', delivered_at = $2, last_error = null where id = $1", [row.id, ctx.now()]);
        ctx.report.count("journalsFoundPosted");
        return;
      }
      const payments = await tx.query<{ id: string }>("select id from payments where journal_batch_id = $1::uuid order by id for update", [row.batch_id]);
      const batches = payments.map((p) => ({ batchId: randomUUID(), receivedOn: row.received_on, paymentIds: [p.id] }));
      await writeBatches(tx, creditorId, integrationId, batches);
      await tx.query("update outbox set status = 'superseded', last_error = $2 where id = $1", [row.id, `split into ${batches.length} single-payment journals after: ${row.last_error ?? "refused"}`]);
      ctx.report.count("journalsSplitAfterRefusal", batches.length);
    });
  }
}

/** Puts the payments on their batches and queues a `payment-journal` row per batch. */
async function writeBatches(tx: Queryable, creditorId: string, integrationId: string, batches: readonly { batchId: string; receivedOn: string; paymentIds: string[] }[]): Promise<void> {
  if (batches.length === 0) return;
  await tx.query(
    `update payments p set journal_batch_id = x.batch_id::uuid
       from (select b->>'batchId' as batch_id, jsonb_array_elements_text(b->'paymentIds') as payment_id from jsonb_array_elements($1::jsonb) as b) as x
      where p.id = x.payment_id::uuid`,
    [JSON.stringify(batches)],
  );
  const messages = batches.map((b) =>
    outboxMessage("payment-journal", `payment-journal-batch:${b.batchId}`, { integrationId, batchId: b.batchId, receivedOn: b.receivedOn, payments: b.paymentIds.length }),
  );
  await tx.query(INSERT_OUTBOX_SQL, [outboxRecords(creditorId, messages)]);
}

/** Posts one `payment-journal` row's voucher: a batch, or a single payment queued before batching. */
export async function deliverPaymentJournal(ctx: SyncContext, row: OutboxRow<"payment-journal">): Promise<PostedVoucher> {
  const { payload } = row;
  const batchId = "batchId" in payload ? payload.batchId : null;
  /** The batch, or the one payment of a row queued before batching. */
  const journalId = "batchId" in payload ? payload.batchId : payload.paymentId;
  const payments = await ctx.database.query<{ id: string; received_on: string; amount_minor: number; currency: Currency; case_number: string; invoice_number: string; kid: string | null; customer: string }>(
    `select p.id, p.received_on, p.amount_minor, p.currency, c.case_number, cl.invoice_number, cl.kid, d.external_id as customer
       from payments p join cases c on c.id = p.case_id join claims cl on cl.id = c.claim_id join debtors d on d.id = c.debtor_id
      where ${batchId ? "p.journal_batch_id = $1::uuid" : "p.id = $1::uuid"}
      order by c.case_number, p.id`,
    [journalId],
  );
  if (payments.length === 0) throw new LedgerError("invalid", `outbox row ${row.idempotency_key} journals no payment that exists`, { retryable: false });
  const voucher = paymentJournal(
    journalId,
    payments.map(
      (p): AgencyPayment => ({
        paymentId: p.id,
        receivedOn: LocalDate.parse(p.received_on),
        amount: { amount: Number(p.amount_minor), currency: p.currency },
        caseNumber: p.case_number,
        // Debtors mirrored from a ledger are keyed `<integration id>:<customer code>`.
        customerCode: p.customer.slice(p.customer.lastIndexOf(":") + 1),
        invoiceNumber: p.invoice_number,
        ...(p.kid ? { invoiceKid: p.kid } : {}),
      }),
    ),
  );
  return ctx.connector.postVoucher({
    // At most 50 characters (PowerOffice externalImportReference): the prefix, four, and a uuid.
    idempotencyKey: batchId ? `${AGENCY_VOUCHER_PREFIX}jrn-${batchId}` : `${AGENCY_VOUCHER_PREFIX}pay-${journalId}`,
    date: voucher.date,
    description: voucher.description,
    currency: voucher.currency,
    lines: voucher.lines.map((l) => ({ account: l.accountCode, amountMinor: l.amount.amount, kid: l.cid ?? null, description: l.description })),
  });
}

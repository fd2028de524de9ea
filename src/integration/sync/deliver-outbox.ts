import { openBalance, type CaseRow } from "../../collection/cases/case-row.js";
import type { Queryable } from "../../platform/db/database.js";
import { LedgerError, type PostedVoucher, type StatusOutcome } from "../ledger-connector.js";
import { caseLinks, recordLedgerCases, type CaseLink } from "./case-links.js";
import { AGENCY_VOUCHER_PREFIX, recordInvoicePayments } from "./ledger-payments.js";
import { LocalDate } from "../../domain/calendar/local-date.js";
import { isCurrency, parseMoney } from "../../domain/money.js";
import { deliverPaymentJournal, queuePaymentJournals } from "./payment-journals.js";
import { DomainError } from "../../domain/errors.js";
import { parseOutboxPayload, type OutboxKind, type OutboxPayload } from "../../platform/outbox-messages.js";
import { describeError } from "./sync-run.js";
import type { SyncContext } from "./sync-context.js";

/**
 * Step 2: the outbox rows this integration delivers (each with an idempotency key the ledger dedupes on) —
 * - `ledger-rejection`: the invoices the agency will not take (import-invoices.ts);
 * - `case-opened`: our case number and link onto the ledger's invoice (POST DebtCollection);
 * - `case-status`: the stage's status text and the agency balance (UpdateStatus), only the
 *   newest per case: PowerOffice shows the current status, so older pending ones are superseded;
 * - `payment-journal`: money paid to the agency, journaled the same day — a day's payments on one
 *   voucher (clearing account against each invoice's KID), batched first in this step
 *   (payment-journals.ts), under an idempotency key derived from the batch id.
 * Each row's payload is checked against its kind's schema when read; a row that does not fit is
 * marked failed with the reason (and set aside in the run report), and the others go on.
 * A row counts an attempt before the ledger is called, so a later attempt knows an earlier one
 * may have landed and the connector looks before writing again; a row is marked delivered in the
 * same transaction as what it records. Never twice: the sandbox counters prove it in the tests.
 */
export type OutboxRow<K extends OutboxKind = OutboxKind> = {
  [Kind in K]: {
    readonly id: number;
    readonly kind: Kind;
    readonly idempotency_key: string;
    /** Checked against its kind's schema when read (src/platform/outbox-messages.ts). */
    readonly payload: OutboxPayload<Kind>;
    readonly attempts: number;
  };
}[K];

/** After this many attempts a row is marked failed and shown, instead of being tried every run. */
export const MAX_DELIVERY_ATTEMPTS = 20;

/**
 * Rows are delivered in chunks: one UPDATE counts the attempt of every row of the chunk, the
 * ledger is called row by row, and one transaction records what the chunk did (rows delivered
 * with what they record, failures with their error). A crash in between leaves attempts counted
 * and nothing recorded, so the next run looks before it writes again. Small enough that the
 * answers held in memory (invoice PDFs) stay small.
 */
const CHUNK = 100;

export async function deliverOutbox(ctx: SyncContext): Promise<void> {
  await queuePaymentJournals(ctx);
  const rows = await pendingRows(ctx);
  await deliverChunks(ctx, rows.filter((r) => r.kind === "ledger-rejection"), {
    deliver: (row) => deliverRejection(ctx, row),
    record: async (tx, done) => {
      await markDelivered(ctx, tx, done.map((d) => d.row.id));
      ctx.report.count("rejectionsDelivered", done.length);
    },
  });

  // The payment journals before the settlement vouchers: a settlement clears the clearing account
  // and the customer items the journals credited, so they reach the ledger first.
  await deliverChunks(ctx, rows.filter((r) => r.kind === "payment-journal"), {
    deliver: (row) => deliverPaymentJournal(ctx, row),
    record: (tx, done) => recordPosted(ctx, tx, done, "journalsFoundPosted", "journalsPosted"),
  });

  // The creditor's settlement vouchers go through its main integration (the one that opens cases).
  await deliverChunks(ctx, rows.filter((r) => r.kind === "settlement-voucher"), {
    deliver: (row) => deliverSettlementVoucher(ctx, row),
    record: (tx, done) => recordPosted(ctx, tx, done, "settlementsFoundPosted", "settlementsPosted"),
  });

  const caseRows = rows.filter((r) => r.kind !== "ledger-rejection" && r.kind !== "settlement-voucher");
  const opened = caseRows.filter((r) => r.kind === "case-opened");
  const links = await caseLinks(ctx.database, [...new Set(opened.map(caseIdOf))]);
  await deliverChunks(ctx, opened.filter((r) => links.has(caseIdOf(r))), {
    load: async (chunkRows, chunk) => {
      const cases = await ctx.database.query<CaseRow>("select * from cases where id = any($1::uuid[])", [chunkRows.map(caseIdOf)]);
      for (const c of cases) chunk.balances.set(c.id, openBalance(c));
    },
    deliver: (row, chunk) => deliverCaseOpened(ctx, row, links.get(caseIdOf(row))!, chunk),
    record: (tx, done, chunk) => recordCasesOpened(ctx, tx, done, chunk),
    after: (done) => readPaymentsOfRegistered(ctx, done),
  });


  const statusRows = caseRows.filter((r) => r.kind === "case-status");
  const registered = await caseLinks(ctx.database, [...new Set(statusRows.map(caseIdOf))]);
  const latest: { row: OutboxRow<"case-status">; ledgerCaseId: string }[] = [];
  const superseded: { ids: number[]; by: string }[] = [];
  for (const [caseId, rowsOfCase] of groupBy(statusRows, caseIdOf)) {
    const link = registered.get(caseId);
    if (!link?.ledgerCaseId) {
      ctx.report.count("statusWaitingForCase", rowsOfCase.length);
      continue;
    }
    const ordered = [...rowsOfCase].sort((a, b) => versionOf(a) - versionOf(b) || a.id - b.id);
    const newest = ordered.pop()!;
    if (ordered.length > 0) superseded.push({ ids: ordered.map((r) => r.id), by: newest.idempotency_key });
    latest.push({ row: newest, ledgerCaseId: link.ledgerCaseId });
  }
  if (superseded.length > 0) {
    await ctx.database.query(
      `update outbox o set status = 'superseded', last_error = 'superseded by ' || x.by
         from jsonb_to_recordset($1::jsonb) as x(id bigint, by text) where o.id = x.id and o.status = 'pending'`,
      [JSON.stringify(superseded.flatMap((s) => s.ids.map((id) => ({ id, by: s.by }))))],
    );
    ctx.report.count("statusesSuperseded", superseded.reduce((n, s) => n + s.ids.length, 0));
  }
  const ledgerCaseOf = new Map(latest.map((l) => [l.row.id, l.ledgerCaseId]));
  await deliverChunks(ctx, latest.map((l) => l.row), {
    deliver: (row) => deliverStatus(ctx, row, ledgerCaseOf.get(row.id)!),
    record: async (tx, done) => {
      await markDelivered(ctx, tx, done.map((d) => d.row.id));
      for (const d of done) ctx.report.count(d.result.written ? "statusesDelivered" : "statusesFoundDelivered");
    },
  });
}

async function pendingRows(ctx: SyncContext): Promise<OutboxRow[]> {
  const stored = await ctx.database.query<{ id: number; kind: string; idempotency_key: string; payload: unknown; attempts: number }>(
    `select o.id, o.kind, o.idempotency_key, o.payload, o.attempts
       from outbox o
      where o.creditor_id = $1 and o.status = 'pending'
        and ((o.kind = 'ledger-rejection' and o.payload->>'integrationId' = $2)
          or (o.kind = 'settlement-voucher' and $3::boolean)
          or (o.kind = 'payment-journal' and o.payload->>'integrationId' = $2)
          or (o.kind in ('case-opened', 'case-status', 'payment-journal') and exists (
                select 1 from case_events e
                 where e.case_id = (o.payload->>'caseId')::uuid and e.type = 'ledger-invoice-linked' and e.data->>'integrationId' = $2)))
      order by o.id`,
    [ctx.integration.creditorId, ctx.integration.id, ctx.integration.canCreateCases],
  );
  const rows: OutboxRow[] = [];
  const invalid: { id: number; key: string; reason: string }[] = [];
  for (const r of stored) {
    const parsed = parseOutboxPayload(r.kind, r.payload);
    if (parsed.ok) rows.push({ id: r.id, kind: parsed.kind, idempotency_key: r.idempotency_key, payload: parsed.payload, attempts: r.attempts } as OutboxRow);
    else invalid.push({ id: r.id, key: r.idempotency_key, reason: parsed.reason });
  }
  if (invalid.length > 0) await setAsideInvalid(ctx, invalid);
  return rows;
}

/** Rows whose payload does not fit their kind: never sent, marked failed with the reason. */
async function setAsideInvalid(ctx: SyncContext, invalid: readonly { id: number; key: string; reason: string }[]): Promise<void> {
  await ctx.database.query(
    `update outbox o set status = 'failed', last_error = 'invalid_payload: ' || x.reason
       from jsonb_to_recordset($1::jsonb) as x(id bigint, reason text) where o.id = x.id and o.status = 'pending'`,
    [JSON.stringify(invalid.map((r) => ({ id: r.id, reason: r.reason })))],
  );
  for (const r of invalid) ctx.report.setAside("outbox", r.key, new DomainError("invalid_payload", r.reason));
}

interface Delivered<T, R extends OutboxRow = OutboxRow> {
  readonly row: R;
  readonly result: T;
}

interface Delivery<T, R extends OutboxRow> {
  /** Reads what the chunk's deliveries need, in one query. */
  load?(rows: readonly R[], chunk: ChunkMemory): Promise<void>;
  /** Calls the ledger for one row; throws on failure. `chunk` holds what the chunk keeps for recording. */
  deliver(row: R, chunk: ChunkMemory): Promise<T>;
  /** Records what the delivered rows did and marks them delivered, in one transaction (counts go to the report here). */
  record(tx: Queryable, done: readonly Delivered<T, R>[], chunk: ChunkMemory): Promise<void>;
  /** After the chunk is recorded (reads that follow a delivery). */
  after?(done: readonly Delivered<T, R>[]): Promise<void>;
}

/** What a chunk reads before the ledger calls (case balances) and keeps for the recording (invoice PDFs, by outbox row). */
export interface ChunkMemory {
  readonly balances: Map<string, number>;
  readonly pdfs: Map<number, { contentType: string; bytes: Uint8Array }>;
}

/**
 * Counts the attempts first (committed), then delivers; failures are kept on their rows and in
 * the run report. A failure of the credentials stops the step: nothing else would go through.
 */
async function deliverChunks<T, R extends OutboxRow>(ctx: SyncContext, rows: readonly R[], delivery: Delivery<T, R>): Promise<void> {
  const db = ctx.database;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const spent = chunk.filter((r) => r.attempts >= MAX_DELIVERY_ATTEMPTS);
    if (spent.length > 0) {
      await db.query(`update outbox set status = 'failed' where id = any($1::bigint[]) and status = 'pending'`, [spent.map((r) => r.id)]);
      for (const row of spent) ctx.report.setAside("outbox", row.idempotency_key, new LedgerError("unavailable", `not delivered after ${row.attempts} attempts`, { retryable: false }));
    }
    const todo = chunk.filter((r) => r.attempts < MAX_DELIVERY_ATTEMPTS);
    if (todo.length === 0) continue;
    await db.query("update outbox set attempts = attempts + 1 where id = any($1::bigint[])", [todo.map((r) => r.id)]);

    const memory: ChunkMemory = { balances: new Map(), pdfs: new Map() };
    if (delivery.load) await delivery.load(todo, memory);
    const done: Delivered<T, R>[] = [];
    const failed: { row: R; error: unknown; final: boolean }[] = [];
    let stop: unknown = null;
    let tried = 0;
    for (const row of todo) {
      tried++;
      try {
        done.push({ row, result: await delivery.deliver(row, memory) });
      } catch (e) {
        const final = e instanceof LedgerError && !e.retryable && e.code !== "auth_failed" && e.vendorCode !== "MalformedResponse";
        failed.push({ row, error: e, final });
        // Without working credentials nothing else will go through either.
        if (e instanceof LedgerError && e.code === "auth_failed" && e.vendorCode !== "SecurityException") {
          stop = e;
          break;
        }
      }
    }
    await db.transaction(async (tx) => {
      if (done.length > 0) await delivery.record(tx, done, memory);
      if (failed.length > 0) {
        await tx.query(
          `update outbox o set last_error = x.error, status = case when x.final then 'failed' else o.status end
             from jsonb_to_recordset($1::jsonb) as x(id bigint, error text, final boolean) where o.id = x.id`,
          [JSON.stringify(failed.map((f) => {
            const err = describeError(f.error);
            return { id: f.row.id, error: `${err.code}: ${err.detail}`, final: f.final };
          }))],
        );
      }
      // Rows the stop left untried did not reach the ledger: their attempt is not counted.
      const untried = todo.slice(tried);
      if (untried.length > 0) await tx.query("update outbox set attempts = attempts - 1 where id = any($1::bigint[])", [untried.map((r) => r.id)]);
    });
    for (const f of failed) ctx.report.setAside("outbox", f.row.idempotency_key, f.error);
    if (delivery.after && done.length > 0) await delivery.after(done);
    if (stop !== null) throw stop;
  }
}

async function markDelivered(ctx: SyncContext, tx: Queryable, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.query(`update outbox set status = 'delivered', delivered_at = $2, last_error = null where id = any($1::bigint[])`, [ids, ctx.now()]);
}

async function recordPosted(ctx: SyncContext, tx: Queryable, done: readonly Delivered<PostedVoucher>[], found: string, posted: string): Promise<void> {
  await markDelivered(ctx, tx, done.map((d) => d.row.id));
  for (const d of done) ctx.report.count(d.result.alreadyPosted ? found : posted);
}

async function deliverRejection(ctx: SyncContext, row: OutboxRow<"ledger-rejection">): Promise<void> {
  const p = row.payload;
  await ctx.connector.rejectInvoices({ invoiceIds: [p.invoiceId], reference: p.reference, reason: p.reasons.map((r) => r.text.nb).join("; ") });
}

/** The transfer carries the invoice PDF when it is under 30 MB. */
const MAX_PDF_BYTES = 30 * 1024 * 1024;

interface Registered {
  readonly link: CaseLink;
  readonly ledgerCaseId: string | null;
}

/**
 * POST DebtCollection with our case number and link; then the invoice PDF, kept with the case for
 * the case handler and the letters. A failure to fetch the PDF does not undo the registration:
 * the item is reported and the case goes on without it.
 */
async function deliverCaseOpened(ctx: SyncContext, row: OutboxRow<"case-opened">, link: CaseLink, chunk: ChunkMemory): Promise<Registered> {
  if (link.ledgerCaseId) return { link, ledgerCaseId: null };
  const created = await ctx.connector.createCase({
    caseNumber: link.caseNumber,
    invoiceIds: [link.invoiceId],
    caseUrl: `${ctx.publicUrl.replace(/\/+$/, "")}/cases/${link.caseId}`,
    balanceMinor: chunk.balances.get(link.caseId)!,
    mayExist: row.attempts > 0,
  });
  try {
    const pdf = await ctx.connector.invoicePdf(link.invoiceId);
    if (pdf.bytes.length > MAX_PDF_BYTES) ctx.report.item({ step: "invoices", ref: link.invoiceId, outcome: "pdf-too-large", invoiceNumber: link.invoiceNumber, bytes: pdf.bytes.length });
    else chunk.pdfs.set(row.id, pdf);
  } catch (e) {
    if (!(e instanceof LedgerError)) throw e;
    ctx.report.setAside("invoices", link.invoiceId, e, { invoiceNumber: link.invoiceNumber });
  }
  return { link, ledgerCaseId: created.ledgerCaseId };
}

async function recordCasesOpened(ctx: SyncContext, tx: Queryable, done: readonly Delivered<Registered>[], chunk: ChunkMemory): Promise<void> {
  const fresh = done.filter((d) => d.result.ledgerCaseId !== null);
  const creditorId = ctx.integration.creditorId;
  const on = ctx.today.toString();
  await recordLedgerCases(tx, { creditorId, on, actor: ctx.actor }, fresh.map((d) => ({ caseId: d.result.link.caseId, integrationId: d.result.link.integrationId, ledgerCaseId: d.result.ledgerCaseId!, caseNumber: d.result.link.caseNumber })));
  await markDelivered(ctx, tx, done.map((d) => d.row.id));
  ctx.report.count("casesRegistered", fresh.length);
  const pdfs = done.flatMap((d) => {
    const pdf = chunk.pdfs.get(d.row.id);
    return pdf ? [{ case_id: d.result.link.caseId, content_type: pdf.contentType, content: Buffer.from(pdf.bytes).toString("base64") }] : [];
  });
  if (pdfs.length === 0) return;
  await tx.query(
    `insert into case_documents (creditor_id, case_id, kind, content_type, content, source)
     select $1, x.case_id, 'invoice-pdf', x.content_type, decode(x.content, 'base64'), $2
       from jsonb_to_recordset($3::jsonb) as x(case_id uuid, content_type text, content text)
     on conflict (case_id, kind) do nothing`,
    [creditorId, ctx.integration.kind, JSON.stringify(pdfs)],
  );
  ctx.report.count("invoicePdfs", pdfs.length);
}

/**
 * Payments booked between a case's opening and its registration reach no "since" query (the
 * invoice was not on a case in the ledger yet), so its matched items are read once here — unless
 * this run's import opened it just now and this run's payments step has not read yet: that step
 * reads from a watermark older than the import's read, and the invoice is on a case by then.
 */
async function readPaymentsOfRegistered(ctx: SyncContext, done: readonly Delivered<Registered>[]): Promise<void> {
  for (const d of done) {
    const { link, ledgerCaseId } = d.result;
    if (ledgerCaseId === null) continue;
    if (!ctx.runState.paymentsRead && ctx.runState.openedInImport.has(link.caseId)) continue;
    await recordInvoicePayments(ctx, { ...link, ledgerCaseId });
  }
}

async function deliverStatus(ctx: SyncContext, row: OutboxRow<"case-status">, ledgerCaseId: string): Promise<StatusOutcome> {
  const p = row.payload;
  const outcome = await ctx.connector.updateCaseStatus({
    ledgerCaseId,
    statusText: p.statusText,
    balanceMinor: p.balanceMinor,
    closed: p.stage === "closed",
    seenBefore: p.delivery?.seenBefore ?? null,
    // Kept on the row before the write goes out, so that an attempt after a crash can tell whether this one landed.
    beforeSend: async (seenBefore) => {
      await ctx.database.query(`update outbox set payload = jsonb_set(payload, '{delivery}', $2::jsonb) where id = $1`, [row.id, JSON.stringify({ seenBefore })]);
    },
  });
  return outcome;
}

async function deliverSettlementVoucher(ctx: SyncContext, row: OutboxRow<"settlement-voucher">): Promise<PostedVoucher> {
  const { settlementId } = row.payload;
  const [st] = await ctx.database.query<{ voucher: { date: string; currency: string; description: string; lines: { accountCode: string; amount: string; description: string; cid?: string; vatCode?: string }[] } }>(
    "select voucher from settlements where id = $1",
    [settlementId],
  );
  if (!st) throw new LedgerError("invalid", `settlement ${settlementId} of outbox row ${row.idempotency_key} does not exist`, { retryable: false });
  const v = st.voucher;
  const currency = v.currency;
  if (!isCurrency(currency)) throw new LedgerError("invalid", `settlement ${settlementId} has a voucher in an unknown currency "${currency}"`, { retryable: false });
  return ctx.connector.postVoucher({
    idempotencyKey: `${AGENCY_VOUCHER_PREFIX}set-${settlementId}`,
    date: LocalDate.parse(v.date),
    description: v.description,
    currency: v.currency,
    lines: v.lines.map((l) => ({ account: l.accountCode, amountMinor: parseMoney(l.amount, currency, "amount").amount, kid: l.cid ?? null, description: l.description, vatCode: l.vatCode ?? null })),
  });
}

function caseIdOf(row: OutboxRow<"case-opened" | "case-status">): string {
  return row.payload.caseId;
}

function versionOf(row: OutboxRow<"case-status">): number {
  return row.payload.version;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

import { openBalance, type CaseRow } from "../../collection/cases/case-row.js";
import type { Queryable } from "../../platform/db/database.js";
import { LedgerError } from "../ledger-connector.js";
import { caseLinks, recordLedgerCase, type CaseLink } from "./case-links.js";
import { AGENCY_VOUCHER_PREFIX, recordInvoicePayments } from "./ledger-payments.js";
import { LocalDate } from "../../domain/calendar/local-date.js";
import { paymentJournal } from "../../domain/settlement/payment-journal.js";
import { parseMoney } from "../../domain/money.js";
import { describeError } from "./sync-run.js";
import type { SyncContext } from "./sync-context.js";

/**
 * Step 2: the outbox rows this integration delivers (STYLE habit 7) —
 * - `ledger-rejection`: the invoices the agency will not take (import-invoices.ts);
 * - `case-opened`: our case number and link onto the ledger's invoice (POST DebtCollection);
 * - `case-status`: the stage's status text and the agency balance (UpdateStatus), only the
 *   newest per case: PowerOffice shows the current status, so older pending ones are superseded;
 * - `payment-journal`: money paid to the agency, journaled the same day as a voucher (clearing
 *   account against the invoice's KID) under an idempotency key derived from the payment id.
 * A row counts an attempt before the ledger is called, so a later attempt knows an earlier one
 * may have landed and the connector looks before writing again; a row is marked delivered in the
 * same transaction as what it records. Never twice: the sandbox counters prove it in the tests.
 */
export interface OutboxRow {
  readonly id: number;
  readonly kind: "case-opened" | "case-status" | "ledger-rejection" | "payment-journal" | "settlement-voucher";
  readonly idempotency_key: string;
  readonly payload: Record<string, unknown>;
  readonly attempts: number;
}

/** After this many attempts a row is marked failed and shown, instead of being tried every run. */
export const MAX_DELIVERY_ATTEMPTS = 20;

export async function deliverOutbox(ctx: SyncContext): Promise<void> {
  const rows = await pendingRows(ctx);
  for (const row of rows.filter((r) => r.kind === "ledger-rejection")) await attempt(ctx, row, () => deliverRejection(ctx, row));

  // The creditor's settlement vouchers go through its main integration (the one that opens cases).
  for (const row of rows.filter((r) => r.kind === "settlement-voucher")) await attempt(ctx, row, () => deliverSettlementVoucher(ctx, row));

  const caseRows = rows.filter((r) => r.kind !== "ledger-rejection" && r.kind !== "settlement-voucher");
  const links = await caseLinks(ctx.database, [...new Set(caseRows.map(caseIdOf))]);
  for (const row of caseRows.filter((r) => r.kind === "case-opened")) {
    const link = links.get(caseIdOf(row));
    if (link) await attempt(ctx, row, () => deliverCaseOpened(ctx, row, link));
  }

  for (const row of caseRows.filter((r) => r.kind === "payment-journal")) await attempt(ctx, row, () => deliverPaymentJournal(ctx, row));

  const statusRows = caseRows.filter((r) => r.kind === "case-status");
  const registered = await caseLinks(ctx.database, [...new Set(statusRows.map(caseIdOf))]);
  for (const [caseId, rowsOfCase] of groupBy(statusRows, caseIdOf)) {
    const link = registered.get(caseId);
    if (!link?.ledgerCaseId) {
      ctx.report.count("statusWaitingForCase", rowsOfCase.length);
      continue;
    }
    const ordered = [...rowsOfCase].sort((a, b) => versionOf(a) - versionOf(b) || a.id - b.id);
    const latest = ordered.pop()!;
    if (ordered.length > 0) {
      await ctx.database.query(`update outbox set status = 'superseded', last_error = $2 where id = any($1::bigint[]) and status = 'pending'`, [
        ordered.map((r) => r.id),
        `superseded by ${latest.idempotency_key}`,
      ]);
      ctx.report.count("statusesSuperseded", ordered.length);
    }
    await attempt(ctx, latest, () => deliverStatus(ctx, latest, link.ledgerCaseId!));
  }
}

async function pendingRows(ctx: SyncContext): Promise<OutboxRow[]> {
  return ctx.database.query<OutboxRow>(
    `select o.id, o.kind, o.idempotency_key, o.payload, o.attempts
       from outbox o
      where o.creditor_id = $1 and o.status = 'pending'
        and ((o.kind = 'ledger-rejection' and o.payload->>'integrationId' = $2)
          or (o.kind = 'settlement-voucher' and $3::boolean)
          or (o.kind in ('case-opened', 'case-status', 'payment-journal') and exists (
                select 1 from case_events e
                 where e.case_id = (o.payload->>'caseId')::uuid and e.type = 'ledger-invoice-linked' and e.data->>'integrationId' = $2)))
      order by o.id`,
    [ctx.integration.creditorId, ctx.integration.id, ctx.integration.canCreateCases],
  );
}

/** Counts the attempt first (committed), then delivers; a failure is kept on the row and in the run report. */
async function attempt(ctx: SyncContext, row: OutboxRow, deliver: () => Promise<void>): Promise<void> {
  const db = ctx.database;
  if (row.attempts >= MAX_DELIVERY_ATTEMPTS) {
    await db.query(`update outbox set status = 'failed' where id = $1 and status = 'pending'`, [row.id]);
    ctx.report.setAside("outbox", row.idempotency_key, new LedgerError("unavailable", `not delivered after ${row.attempts} attempts`, { retryable: false }));
    return;
  }
  await db.query("update outbox set attempts = attempts + 1 where id = $1", [row.id]);
  try {
    await deliver();
  } catch (e) {
    const final = e instanceof LedgerError && !e.retryable && e.code !== "auth_failed" && e.vendorCode !== "MalformedResponse";
    const err = describeError(e);
    await db.query(`update outbox set last_error = $2, status = case when $3 then 'failed' else status end where id = $1`, [row.id, `${err.code}: ${err.detail}`, final]);
    ctx.report.setAside("outbox", row.idempotency_key, e);
    // Without working credentials nothing else will go through either.
    if (e instanceof LedgerError && e.code === "auth_failed" && e.vendorCode !== "SecurityException") throw e;
  }
}

async function markDelivered(ctx: SyncContext, rowId: number, db: Queryable = ctx.database): Promise<void> {
  await db.query(`update outbox set status = 'delivered', delivered_at = $2, last_error = null where id = $1`, [rowId, ctx.now()]);
}

async function deliverRejection(ctx: SyncContext, row: OutboxRow): Promise<void> {
  const p = row.payload as { invoiceId: string; reference: string; reasons: { text: { nb: string } }[] };
  await ctx.connector.rejectInvoices({ invoiceIds: [p.invoiceId], reference: p.reference, reason: p.reasons.map((r) => r.text.nb).join("; ") });
  await markDelivered(ctx, row.id);
  ctx.report.count("rejectionsDelivered");
}

async function deliverCaseOpened(ctx: SyncContext, row: OutboxRow, link: CaseLink): Promise<void> {
  if (link.ledgerCaseId) return markDelivered(ctx, row.id);
  const [caseRow] = await ctx.database.query<CaseRow>("select * from cases where id = $1", [link.caseId]);
  const created = await ctx.connector.createCase({
    caseNumber: link.caseNumber,
    invoiceIds: [link.invoiceId],
    caseUrl: `${ctx.publicUrl.replace(/\/+$/, "")}/cases/${link.caseId}`,
    balanceMinor: openBalance(caseRow!),
    mayExist: row.attempts > 0,
  });
  await ctx.database.transaction(async (tx) => {
    await recordLedgerCase(tx, { creditorId: link.creditorId, caseId: link.caseId, integrationId: link.integrationId, ledgerCaseId: created.ledgerCaseId, caseNumber: link.caseNumber, on: ctx.today.toString(), actor: ctx.actor });
    await markDelivered(ctx, row.id, tx);
  });
  ctx.report.count("casesRegistered");
  // Payments booked between the opening and now reach no "since" query (the invoice was not on a
  // case in the ledger yet), so they are read once here.
  await recordInvoicePayments(ctx, { ...link, ledgerCaseId: created.ledgerCaseId });
}

async function deliverStatus(ctx: SyncContext, row: OutboxRow, ledgerCaseId: string): Promise<void> {
  const p = row.payload as { stage: string; statusText: string; balanceMinor: number; delivery?: { seenBefore?: string } };
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
  await markDelivered(ctx, row.id);
  ctx.report.count(outcome.written ? "statusesDelivered" : "statusesFoundDelivered");
}

async function deliverPaymentJournal(ctx: SyncContext, row: OutboxRow): Promise<void> {
  const paymentId = String(row.payload["paymentId"]);
  const [p] = await ctx.database.query<{ received_on: string; amount_minor: number; case_number: string; invoice_number: string; kid: string | null; customer: string }>(
    `select p.received_on, p.amount_minor, c.case_number, cl.invoice_number, cl.kid, d.external_id as customer
       from payments p join cases c on c.id = p.case_id join claims cl on cl.id = c.claim_id join debtors d on d.id = c.debtor_id
      where p.id = $1`,
    [paymentId],
  );
  if (!p) throw new LedgerError("invalid", `payment ${paymentId} of outbox row ${row.idempotency_key} does not exist`, { retryable: false });
  const voucher = paymentJournal({
    paymentId,
    receivedOn: LocalDate.parse(p.received_on),
    amount: { amount: p.amount_minor, currency: "NOK" },
    caseNumber: p.case_number,
    // Debtors mirrored from a ledger are keyed `<integration id>:<customer code>`.
    customerCode: p.customer.slice(p.customer.lastIndexOf(":") + 1),
    invoiceNumber: p.invoice_number,
    ...(p.kid ? { invoiceKid: p.kid } : {}),
  });
  const posted = await ctx.connector.postVoucher({
    idempotencyKey: `${AGENCY_VOUCHER_PREFIX}pay-${paymentId}`,
    date: voucher.date,
    description: voucher.description,
    currency: voucher.currency,
    lines: voucher.lines.map((l) => ({ account: l.accountCode, amountMinor: l.amount.amount, kid: l.cid ?? null, description: l.description })),
  });
  await markDelivered(ctx, row.id);
  ctx.report.count(posted.alreadyPosted ? "journalsFoundPosted" : "journalsPosted");
}

async function deliverSettlementVoucher(ctx: SyncContext, row: OutboxRow): Promise<void> {
  const settlementId = String(row.payload["settlementId"]);
  const [st] = await ctx.database.query<{ voucher: { date: string; currency: string; description: string; lines: { accountCode: string; amount: string; description: string; cid?: string; vatCode?: string }[] } }>(
    "select voucher from settlements where id = $1",
    [settlementId],
  );
  if (!st) throw new LedgerError("invalid", `settlement ${settlementId} of outbox row ${row.idempotency_key} does not exist`, { retryable: false });
  const v = st.voucher;
  const posted = await ctx.connector.postVoucher({
    idempotencyKey: `${AGENCY_VOUCHER_PREFIX}set-${settlementId}`,
    date: LocalDate.parse(v.date),
    description: v.description,
    currency: v.currency,
    lines: v.lines.map((l) => ({ account: l.accountCode, amountMinor: parseMoney(l.amount, "NOK", "amount").amount, kid: l.cid ?? null, description: l.description, vatCode: l.vatCode ?? null })),
  });
  await markDelivered(ctx, row.id);
  ctx.report.count(posted.alreadyPosted ? "settlementsFoundPosted" : "settlementsPosted");
}

function caseIdOf(row: OutboxRow): string {
  return String(row.payload["caseId"]);
}

function versionOf(row: OutboxRow): number {
  const v = row.payload["version"];
  return typeof v === "number" ? v : 0;
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

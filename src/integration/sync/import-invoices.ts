import { loadCreditor } from "../../collection/cases/creditor.js";
import { LocalDate } from "../../domain/calendar/local-date.js";
import { DomainError } from "../../domain/errors.js";
import type { Queryable } from "../../platform/db/database.js";
import type { LedgerCustomer, LedgerInvoice } from "../ledger-connector.js";
import { writeInvoices, type ImportEnv, type PreparedInvoice } from "./import-batch.js";
import { sourceOf, type SyncContext } from "./sync-context.js";
import { decideTransfer, transferSettings } from "./transfer-decision.js";
import { transferPolicy } from "../../collection/transfer-policy.js";

/**
 * Step 1, for the integration that may open cases: IsActiveDebtCollection → AvailableInvoices →
 * for each invoice: the customer and (when it may go) the items matched against it are read, the
 * debtor and the claim are mirrored, and the eligibility rules under the creditor's transfer
 * policy decide (judgeTransfer): the invoice becomes a case (openCases, which queues the case
 * number for the ledger in the outbox), is rejected (an outbox row `ledger-rejection` that keeps
 * the reasons), waits, or lands in the draft list. The decision and the state are kept on the
 * claim. Invoices are written in batches, one transaction each (import-batch.ts); a batch that
 * fails is written again invoice by invoice, so one that cannot be read or decided is set aside
 * alone in the run report with the ledger's response, and tried again by the next sync.
 *
 * The ledger is read one request at a time while the previous batch is written, so the database
 * work overlaps the reads instead of adding to them.
 */
const BATCH_SIZE = 250;

export async function importInvoices(ctx: SyncContext): Promise<void> {
  const { connector, report } = ctx;
  if (!(await connector.canCreateCases())) {
    report.count("debtCollectionInactive");
    return;
  }
  const batch = await connector.availableInvoices();
  report.count("invoicesRead", batch.items.length);
  for (const u of batch.unreadable) report.setAside("invoices", u.ref, u.error);
  const creditor = await loadCreditor(ctx.database, ctx.integration.creditorId);
  const [row] = await ctx.database.query<{ settings: unknown; activated_on: string | null }>(
    "select settings, to_char(activated_at at time zone 'Europe/Oslo', 'YYYY-MM-DD') as activated_on from creditors where id = $1",
    [creditor.id],
  );
  const env: ImportEnv = {
    ctx,
    creditor,
    settings: transferSettings(row?.settings),
    policy: transferPolicy(row?.settings),
    activatedOn: row?.activated_on ? LocalDate.parse(row.activated_on) : null,
    registered: await registeredInvoiceNumbers(ctx.database, creditor.id),
  };
  // Read once, not per invoice: the outbox and the claims grow with every case.
  const rejectionsPending = await pendingRejections(ctx.database, ctx.integration.id);
  const withCase = await invoicesWithCase(ctx, creditor.id);

  const customers = new Map<string, Promise<LedgerCustomer>>();
  const customerOf = (ref: string) => {
    let c = customers.get(ref);
    if (!c) {
      customers.set(ref, (c = connector.customer(ref)));
      // A failed read is kept for this run (every invoice of the customer is set aside with it) without an unhandled rejection.
      c.catch(() => undefined);
    }
    return c;
  };

  let writing: Promise<unknown> = Promise.resolve(null);
  for (let i = 0; i < batch.items.length; i += BATCH_SIZE) {
    const prepared: PreparedInvoice[] = [];
    for (const invoice of batch.items.slice(i, i + BATCH_SIZE)) {
      // Opened before; the outbox registers it in the ledger (and takes it off this list).
      if (withCase.has(invoice.id)) report.count("alreadyOpen");
      else if (rejectionsPending.has(invoice.id)) report.count("rejectionPending");
      else {
        try {
          prepared.push(await prepare(env, invoice, customerOf));
        } catch (e) {
          report.setAside("invoices", invoice.id, e, { invoiceNumber: invoice.invoiceNumber });
        }
      }
    }
    const failed = await writing;
    if (failed instanceof Error) throw failed;
    writing = writeInvoices(env, prepared).then(
      () => null,
      (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
    );
  }
  const failed = await writing;
  if (failed instanceof Error) throw failed;
}

/** The ledger reads one invoice needs: its customer, and the items matched against it when it may go. */
async function prepare(env: ImportEnv, invoice: LedgerInvoice, customerOf: (ref: string) => Promise<LedgerCustomer>): Promise<PreparedInvoice> {
  const { creditor } = env;
  if (invoice.currency !== creditor.currency) {
    throw new DomainError("unsupported_currency", `invoice ${invoice.invoiceNumber} is in ${invoice.currency}; cases for ${creditor.code} run in ${creditor.currency}`, "currency");
  }
  const customer = await customerOf(invoice.customerRef);
  // The manual decision with the numbers registered so far (the batch being written may add some:
  // the write judges again with them).
  const decision = decideTransfer(invoice, invoice.openMinor, customer, env.settings, { today: env.ctx.today, registeredInvoiceNumbers: env.registered });
  if (decision.status !== "eligible") return { invoice, customer, matched: null };
  // What is matched against the invoice now is already netted into the principal; payments
  // after this read reach the case as payments (ledger-payments.ts), none twice, none lost.
  const matched = await env.ctx.connector.matchedItems(invoice.id);
  if (matched.unreadable.length > 0) throw matched.unreadable[0]!.error;
  return {
    invoice,
    customer,
    matched: { openMinor: invoice.amountMinor + matched.items.reduce((sum, m) => sum + m.amountMinor, 0), itemIds: matched.items.map((m) => m.id) },
  };
}

/** An invoice number already registered as a case is a duplicate (docs/RULES.md § 8, transfer eligibility). */
async function registeredInvoiceNumbers(db: Queryable, creditorId: string): Promise<Set<string>> {
  const rows = await db.query<{ invoice_number: string }>(
    "select distinct cl.invoice_number from claims cl join cases k on k.claim_id = cl.id where cl.creditor_id = $1",
    [creditorId],
  );
  return new Set(rows.map((r) => r.invoice_number));
}

/** Ledger ids of this source's invoices that are on a case already. */
async function invoicesWithCase(ctx: SyncContext, creditorId: string): Promise<Set<string>> {
  const rows = await ctx.database.query<{ external_id: string }>(
    "select cl.external_id from claims cl join cases k on k.claim_id = cl.id where cl.creditor_id = $1 and cl.source = $2",
    [creditorId, sourceOf(ctx)],
  );
  return new Set(rows.map((r) => r.external_id));
}

async function pendingRejections(db: Queryable, integrationId: string): Promise<Set<string>> {
  const rows = await db.query<{ invoice_id: string }>(
    `select payload->>'invoiceId' as invoice_id from outbox where kind = 'ledger-rejection' and status = 'pending' and payload->>'integrationId' = $1`,
    [integrationId],
  );
  return new Set(rows.map((r) => r.invoice_id));
}

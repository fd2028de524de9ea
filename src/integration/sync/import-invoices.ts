import { DomainError } from "../../domain/errors.js";
import type { EligibilitySettings } from "../../domain/eligibility/index.js";
import type { Queryable } from "../../platform/db/database.js";
import { loadCreditor, type CreditorContext } from "../../collection/cases/creditor.js";
import { openCases } from "../../collection/cases/open-cases.js";
import { upsertClaim, upsertDebtor } from "../../collection/cases/register.js";
import { LedgerError, type LedgerCustomer, type LedgerInvoice } from "../ledger-connector.js";
import { linkCaseToInvoice } from "./case-links.js";
import { blockingReasons, decideTransfer, transferSettings } from "./transfer-decision.js";
import { scopedRef, sourceOf, type SyncContext } from "./sync-context.js";

/**
 * Step 1, for the integration that may open cases: IsActiveDebtCollection → AvailableInvoices →
 * for each invoice: the debtor and the claim are mirrored, the eligibility rules decide, and the
 * invoice either becomes a case (openCases, which queues the case number for the ledger in the
 * outbox) or is rejected (an outbox row `ledger-rejection` that keeps the reasons) or waits.
 * Each invoice is its own transaction; one that cannot be read or decided is set aside in the
 * run report with the ledger's response, and tried again by the next sync.
 */
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
  const [row] = await ctx.database.query<{ settings: unknown }>("select settings from creditors where id = $1", [creditor.id]);
  const settings = transferSettings(row?.settings);
  // Claims that have a case are skipped below, so the set never holds the invoice being judged.
  const registered = await registeredInvoiceNumbers(ctx.database, creditor.id);
  // Read once, not per invoice: the outbox grows with every case, and a per-invoice look-up scanned it (quadratic).
  const rejectionsPending = await pendingRejections(ctx.database, ctx.integration.id);
  const customers = new Map<string, Promise<LedgerCustomer>>();
  const customer = (ref: string) => {
    let c = customers.get(ref);
    if (!c) customers.set(ref, (c = connector.customer(ref)));
    return c;
  };
  for (const invoice of batch.items) {
    try {
      await importInvoice(ctx, { creditor, settings, registered, rejectionsPending, customerOf: customer }, invoice);
    } catch (e) {
      report.setAside("invoices", invoice.id, e, { invoiceNumber: invoice.invoiceNumber });
    }
  }
}

interface ImportState {
  readonly creditor: CreditorContext;
  readonly settings: EligibilitySettings;
  /** Invoice numbers of the creditor's cases; grows as cases are opened. */
  readonly registered: Set<string>;
  /** Ledger ids of the invoices whose rejection waits in the outbox (each invoice is read once per run). */
  readonly rejectionsPending: ReadonlySet<string>;
  readonly customerOf: (ref: string) => Promise<LedgerCustomer>;
}

async function importInvoice(ctx: SyncContext, state: ImportState, invoice: LedgerInvoice): Promise<void> {
  const { database, report, integration } = ctx;
  const { creditor, settings, registered } = state;
  const source = sourceOf(ctx);
  const [known] = await database.query<{ claim_id: string; case_id: string | null }>(
    `select cl.id as claim_id, k.id as case_id from claims cl left join cases k on k.claim_id = cl.id
      where cl.creditor_id = $1 and cl.source = $2 and cl.external_id = $3`,
    [creditor.id, source, invoice.id],
  );
  // Opened before; the outbox registers it in the ledger (and takes it off this list).
  if (known?.case_id) return report.count("alreadyOpen");
  if (state.rejectionsPending.has(invoice.id)) return report.count("rejectionPending");
  if (invoice.currency !== creditor.currency) {
    throw new DomainError("unsupported_currency", `invoice ${invoice.invoiceNumber} is in ${invoice.currency}; cases for ${creditor.code} run in ${creditor.currency}`, "currency");
  }

  const customer = await state.customerOf(invoice.customerRef);
  const context = { today: ctx.today, registeredInvoiceNumbers: registered };
  let decision = decideTransfer(invoice, invoice.openMinor, customer, settings, context);
  let open = invoice.openMinor;
  let preTransfer: string[] = [];
  if (decision.status === "eligible") {
    // What is matched against the invoice now is already netted into the principal; payments
    // after this read reach the case as payments (ledger-payments.ts), none twice, none lost.
    const matched = await ctx.connector.matchedItems(invoice.id);
    if (matched.unreadable.length > 0) throw matched.unreadable[0]!.error;
    preTransfer = matched.items.map((m) => m.id);
    open = invoice.amountMinor + matched.items.reduce((sum, m) => sum + m.amountMinor, 0);
    if (open !== invoice.openMinor) decision = decideTransfer(invoice, open, customer, settings, context);
  }

  let openedCaseId: string | null = null;
  await database.transaction(async (tx) => {
    const mirrored = invoice.dueDate === null ? null : await mirror(tx, ctx, creditor.id, invoice, customer, Math.max(0, open));
    if (decision.status === "eligible" && mirrored) {
      const letter = invoice.lastLetter;
      const ledgerNotice = letter?.kind === "collection-notice" && letter.sentOn && letter.dueOn ? { sentOn: letter.sentOn, deadline: letter.dueOn } : null;
      const [opened] = await openCases(
        tx,
        creditor,
        [{ claimId: mirrored.claimId, debtorId: mirrored.debtorId, debtorType: customer.isPerson ? "consumer" : "business", dueDate: invoice.dueDate!, principalMinor: open, ledgerNotice }],
        ctx.today,
        ctx.actor,
      );
      if (opened) {
        await linkCaseToInvoice(tx, {
          creditorId: creditor.id,
          caseId: opened.caseId,
          integrationId: integration.id,
          kind: integration.kind,
          invoiceId: invoice.id,
          invoiceNumber: invoice.invoiceNumber,
          preTransferItemIds: preTransfer,
          on: ctx.today.toString(),
          actor: ctx.actor,
        });
        registered.add(invoice.invoiceNumber);
        report.count("opened");
        openedCaseId = opened.caseId;
      }
      return;
    }
    if (decision.status === "blocked") {
      const reasons = blockingReasons(decision);
      await tx.query(
        `insert into outbox (creditor_id, kind, idempotency_key, payload) values ($1, 'ledger-rejection', $2, $3) on conflict (idempotency_key) do nothing`,
        [creditor.id, `ledger-rejection:${integration.id}:${invoice.id}:${invoice.lastChanged?.toISOString() ?? ctx.today}`,
          JSON.stringify({ integrationId: integration.id, invoiceId: invoice.id, invoiceNumber: invoice.invoiceNumber, claimId: mirrored?.claimId ?? null, reference: `AVVIST-${invoice.invoiceNumber}`, decidedOn: ctx.today.toString(), reasons })],
      );
      report.count("rejected");
      report.item({ step: "invoices", ref: invoice.id, outcome: "rejected", invoiceNumber: invoice.invoiceNumber, reasons });
      return;
    }
    report.count("waiting");
    report.item({ step: "invoices", ref: invoice.id, outcome: "waiting", invoiceNumber: invoice.invoiceNumber, eligibleOn: decision.eligibleOn?.toString() ?? null, reasons: decision.reasons.map((r) => ({ code: r.code, text: r.text })) });
  });
  if (openedCaseId) await keepInvoicePdf(ctx, creditor.id, openedCaseId, invoice);
}

/** DOMAIN.md § 4: the transfer carries the invoice PDF when under 30 MB. */
const MAX_PDF_BYTES = 30 * 1024 * 1024;

/**
 * The invoice PDF is kept with the case for the case handler and the letters. A failure to fetch
 * it does not undo the transfer: the item is reported and the case goes on without it.
 */
async function keepInvoicePdf(ctx: SyncContext, creditorId: string, caseId: string, invoice: LedgerInvoice): Promise<void> {
  try {
    const pdf = await ctx.connector.invoicePdf(invoice.id);
    if (pdf.bytes.length > MAX_PDF_BYTES) {
      ctx.report.item({ step: "invoices", ref: invoice.id, outcome: "pdf-too-large", invoiceNumber: invoice.invoiceNumber, bytes: pdf.bytes.length });
      return;
    }
    await ctx.database.query(
      `insert into case_documents (creditor_id, case_id, kind, content_type, content, source) values ($1, $2, 'invoice-pdf', $3, $4, $5)
       on conflict (case_id, kind) do nothing`,
      [creditorId, caseId, pdf.contentType, Buffer.from(pdf.bytes), ctx.integration.kind],
    );
    ctx.report.count("invoicePdfs");
  } catch (e) {
    if (!(e instanceof LedgerError)) throw e;
    ctx.report.setAside("invoices", invoice.id, e, { invoiceNumber: invoice.invoiceNumber });
  }
}

/** The debtor and the claim, upserted by (creditor, source, ledger id). */
async function mirror(tx: Queryable, ctx: SyncContext, creditorId: string, invoice: LedgerInvoice, customer: LedgerCustomer, openMinor: number) {
  const source = sourceOf(ctx);
  const a = customer.address;
  const debtorId = await upsertDebtor(tx, creditorId, {
    source,
    externalId: scopedRef(ctx, customer.ref),
    type: customer.isPerson ? "consumer" : "business",
    name: customer.name,
    address: a ? { line1: a.line1, ...(a.line2 ? { line2: a.line2 } : {}), postcode: a.postcode, city: a.city, country: a.country } : null,
    orgNumber: customer.orgNumber,
    birthDate: customer.birthDate?.toString() ?? null,
    email: customer.email,
    phone: customer.phone,
    language: a && a.country !== "NO" ? "en" : "nb",
  });
  const claimId = await upsertClaim(tx, creditorId, {
    source,
    externalId: invoice.id,
    debtorId,
    invoiceNumber: invoice.invoiceNumber,
    issueDate: invoice.invoiceDate,
    dueDate: invoice.dueDate!,
    currency: invoice.currency,
    amountMinor: invoice.amountMinor,
    openMinor,
    status: openMinor === 0 ? "paid" : openMinor < invoice.amountMinor ? "partly-paid" : "sent",
    kid: invoice.kid,
  });
  return { debtorId, claimId };
}

/** DOMAIN.md §3: "an invoice number already registered as a case (duplicate)". */
async function registeredInvoiceNumbers(db: Queryable, creditorId: string): Promise<Set<string>> {
  const rows = await db.query<{ invoice_number: string }>(
    "select distinct cl.invoice_number from claims cl join cases k on k.claim_id = cl.id where cl.creditor_id = $1",
    [creditorId],
  );
  return new Set(rows.map((r) => r.invoice_number));
}

async function pendingRejections(db: Queryable, integrationId: string): Promise<Set<string>> {
  const rows = await db.query<{ invoice_id: string }>(
    `select payload->>'invoiceId' as invoice_id from outbox where kind = 'ledger-rejection' and status = 'pending' and payload->>'integrationId' = $1`,
    [integrationId],
  );
  return new Set(rows.map((r) => r.invoice_id));
}

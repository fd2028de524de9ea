import { upsertCreditor } from "../src/collection/cases/register.js";
import { LocalDate } from "../src/domain/calendar/local-date.js";
import { connectorFactory } from "../src/integration/connector-for.js";
import { addLedgerIntegration, type LedgerIntegration } from "../src/integration/sync/integrations.js";
import { createVismaNetSandbox, DEMO_COMPANIES } from "../src/integration/visma-net/sandbox/index.js";
import type { Database } from "../src/platform/db/database.js";
import { clock as stopwatch, n } from "./bench-database.js";
import { measureFirstSync } from "./sync.js";

/**
 * `npm run bench -- sync --ledger visma-net [--invoices N]`: one creditor's first sync against a
 * Visma.net sandbox company (in this process, over HTTP) holding N open invoices 45 days past due
 * at dunning level 1, each with one customer payment applied: every invoice becomes a case, its
 * case number is written into the invoice's debtCollection block, and its applications are read.
 * Baseline in the same run: the same connector fetching the same pages — the receivables (pages of
 * 1000), each customer, each invoice with its applications, each invoice's print, and the
 * invoices changed since the start (after the sync) — one request at a time, no processing.
 * Writes are sent without `erp-api-background` (its polling would measure the sleeps), and pacing
 * is off on both sides. Aim: the sync within 1.5× the baseline.
 */
const AIM_RATIO = 1.5;
const INVOICES_PER_CUSTOMER = 10;

export async function benchSyncVismaNet(db: Database, invoiceCount: number): Promise<void> {
  const today = LocalDate.parse(new Date().toISOString().slice(0, 10));
  const clock = { now: () => new Date(), today: () => today };
  const customerCount = Math.max(1, Math.ceil(invoiceCount / INVOICES_PER_CUSTOMER));
  console.log(`\nsync (Visma.net): first sync of one creditor, ${n(invoiceCount)} open invoices at dunning level 1 of ${n(customerCount)} customers, ${n(invoiceCount)} payments applied`);
  const t = stopwatch();
  const sandbox = createVismaNetSandbox({ clock, rateLimit: { limit: 100_000_000, windowMs: 3_600_000 } });
  const company = sandbox.company;
  for (let c = 0; c < customerCount; c++) {
    company.addCustomer({ number: String(10_000 + c), name: `Benk Kunde ${c + 1} AS`, corporateId: "974760673", address: { line1: `Storgata ${(c % 200) + 1}`, postalCode: "0155", city: "OSLO" } });
  }
  for (let i = 0; i < invoiceCount; i++) {
    const customer = String(10_000 + (i % customerCount));
    const ref = String(200_000 + i);
    company.addInvoice({ referenceNumber: ref, customer, documentDate: today.minusDays(60).toString(), dueDate: today.minusDays(45).toString(), amountMinor: (1_000 + (i % 5_000)) * 100 + 50, paymentReference: `${customer}${ref}`, dunningLevel: 1, dunningLetterDate: today.minusDays(31).toString() });
    company.createPayment({ customer, date: today.minusDays(40).toString(), cashAccount: "1920", paymentRef: "OCR", lines: [{ documentType: "Invoice", refNbr: ref, amountPaidMinor: 100_00 }] });
  }
  const url = await sandbox.listen();
  console.log(`  sandbox seeded in ${t().toFixed(1)} s`);
  const c0 = DEMO_COMPANIES[0]!;
  const factory = () =>
    connectorFactory({
      fetch: (u, init) => fetch(u, init),
      credentials: () => ({ clientId: c0.clientId, clientSecret: c0.clientSecret, tenantId: c0.tenantId }),
      vismaNet: { clock, requestsPerSecond: 1_000_000, backgroundWrites: false },
    });
  try {
    const creditorId = await upsertCreditor(db, { code: "BENCHV", name: "Benk Kreditor AS", orgNumber: "974760673", address: { line1: "Kreditorveien 1", postcode: "0150", city: "Oslo", country: "NO" }, transfer: { preset: "visma-net-dunning" } });
    const integration: LedgerIntegration = await addLedgerIntegration(db, { creditorId, kind: "visma-net", credentialsRef: "bench", settings: { baseUrl: url }, canCreateCases: true });

    await measureFirstSync({ db, creditorId, integration, factory, requests: () => sandbox.state.requestCount, invoiceCount, aim: AIM_RATIO, clock, items: "applications", documents: "prints" });
  } finally {
    await sandbox.close();
  }
}

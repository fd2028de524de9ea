import { upsertCreditor } from "../src/collection/cases/register.js";
import { LocalDate } from "../src/domain/calendar/local-date.js";
import { connectorFactory } from "../src/integration/connector-for.js";
import { createProcountorSandbox } from "../src/integration/procountor/sandbox/index.js";
import { addLedgerIntegration, type LedgerIntegration } from "../src/integration/sync/integrations.js";
import type { Database } from "../src/platform/db/database.js";
import { clock as stopwatch, n } from "./bench-database.js";
import { measureFirstSync } from "./sync.js";

/**
 * `npm run bench -- sync --ledger procountor [--invoices N]`: one creditor's first sync against a
 * Procountor sandbox (in this process, over HTTP) holding N overdue sales invoices, each partly
 * paid by a reference payment (N payment events): every invoice becomes a case, gets our case line
 * in its notes, and its payment events are read. Baseline in the same run: the same connector
 * reading the same things — the open invoices (search pages, each invoice, its payment events),
 * each customer, each invoice's payment events, each invoice's page image, and the invoices
 * changed since the start (read after the sync, as the sync's payments step reads them) — one
 * request at a time, with no processing. Pacing and the sandbox's rate limit are off on both
 * sides. The creditor is Norwegian (NOK invoices) until the case engine takes Swedish creditors.
 */
const AIM_RATIO = 1.5;
const INVOICES_PER_CUSTOMER = 10;

export async function benchSyncProcountor(db: Database, invoiceCount: number): Promise<void> {
  const today = LocalDate.parse(new Date().toISOString().slice(0, 10));
  const clock = { now: () => new Date(), today: () => today };
  const customerCount = Math.max(1, Math.ceil(invoiceCount / INVOICES_PER_CUSTOMER));
  console.log(`\nsync (Procountor): first sync of one creditor, ${n(invoiceCount)} overdue invoices of ${n(customerCount)} customers, ${n(invoiceCount)} payment events`);

  const t = stopwatch();
  const sandbox = createProcountorSandbox({ clock, rateLimitPerSecond: 1_000_000 });
  const ledger = sandbox.ledger;
  ledger.setCollectionPartner("Fordring");
  const partners = Array.from({ length: customerCount }, (_, i) => ledger.addPartner({ name: `Benk Kunde ${i + 1} AS`, customerNumber: String(10_000 + i), address: { street: `Storgata ${(i % 200) + 1}`, zip: "0155", city: "OSLO", country: "NORWAY" } }));
  for (let i = 0; i < invoiceCount; i++) {
    const invoice = ledger.addInvoice({ partnerId: partners[i % customerCount]!.id, invoiceNumber: 100_000 + i, date: today.minusDays(60).toString(), dueDate: today.minusDays(45).toString(), sumMinor: (1_000 + (i % 5_000)) * 100 + 50, currency: "NOK" });
    ledger.referencePayment(invoice.id, { amountMinor: 100_00, date: today.minusDays(40).toString() });
  }
  const url = await sandbox.listen();
  console.log(`  sandbox seeded in ${t().toFixed(1)} s`);
  const factory = () =>
    connectorFactory({
      fetch: (u, init) => fetch(u, init),
      credentials: () => ({ clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, apiKey: ledger.company.apiKey }),
      procountor: { clock, requestsPerSecond: 1_000_000 },
    });

  try {
    const creditorId = await upsertCreditor(db, { code: "BENCH-PC", name: "Benk Kreditor AS", orgNumber: "974760673", address: { line1: "Kreditorveien 1", postcode: "0150", city: "Oslo", country: "NO" } });
    const integration: LedgerIntegration = await addLedgerIntegration(db, { creditorId, kind: "procountor", credentialsRef: "bench", settings: { baseUrl: url }, canCreateCases: true });

    await measureFirstSync({ db, creditorId, integration, factory, requests: () => sandbox.state.requestCount, clock, invoiceCount, aim: AIM_RATIO, items: "payment events", documents: "page images" });
  } finally {
    await sandbox.close();
  }
}

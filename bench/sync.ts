import { upsertCreditor } from "../src/collection/cases/register.js";
import { LocalDate } from "../src/domain/calendar/local-date.js";
import { connectorFactory } from "../src/integration/connector-for.js";
import type { LedgerConnector } from "../src/integration/ledger-connector.js";
import type { LedgerIntegration } from "../src/integration/sync/integrations.js";
import { addLedgerIntegration } from "../src/integration/sync/integrations.js";
import { syncCreditor, type SyncDeps } from "../src/integration/sync/sync-creditor.js";
import { createPowerOfficeSandbox, type SandboxSeed } from "../src/integration/poweroffice/sandbox/index.js";
import type { Database } from "../src/platform/db/database.js";
import { loadRuleBook } from "../src/platform/rule-book.js";
import { checkOptions, clock as stopwatch, n, option, timedDatabase, withBenchDatabase } from "./bench-database.js";
import { agencyFromEnv } from "../src/collection/agency.js";
import { benchSyncProcountor } from "./sync-procountor.js";

/**
 * `npm run bench -- sync [--invoices N]`: one creditor's first sync against a PowerOffice sandbox
 * (in this process, over HTTP) holding N approved, overdue invoices, each with one payment matched
 * against it (N matched items): every invoice becomes a case, is registered in the ledger, and its
 * matched items are read. Baseline in the same run: the same connector fetching the same pages —
 * available invoices, each customer, each invoice's matched items, each invoice's PDF, and the
 * matched items since the start (read after the sync, when the invoices are on cases, as the
 * sync's own payments step reads them) — one request at a time, with no processing. The sync too
 * has at most one request in flight; what it writes (a POST per case) is its own work. Pacing is
 * off on both sides (the vendor's 50/s would make it hours for either). Uses a fresh database on BENCH_DATABASE_URL (or TEST_DATABASE_URL, or the local
 * server), dropped at the end.
 */
const AIM_RATIO = 2;
const INVOICES_PER_CUSTOMER = 10;
const OPTIONS = ["invoices", "ledger"];

export async function benchSync(args: readonly string[]): Promise<void> {
  checkOptions("sync", args, OPTIONS);
  const invoices = option("sync", args, "invoices", 100_000);
  const ledger = ledgerOption(args);
  if (ledger === "visma-net") {
    const { benchSyncVismaNet } = await import("./sync-visma-net.js");
    await withBenchDatabase("sync", (database) => benchSyncVismaNet(database, invoices));
    return;
  }
  await withBenchDatabase("sync", (database) => (ledger === "procountor" ? benchSyncProcountor(database, invoices) : run(database, invoices)));
}

/** `--ledger poweroffice` (default), `--ledger procountor` (bench/sync-procountor.ts) or `--ledger visma-net` (bench/sync-visma-net.ts). */
function ledgerOption(args: readonly string[]): "poweroffice" | "procountor" | "visma-net" {
  const i = args.findIndex((a) => a === "--ledger" || a.startsWith("--ledger="));
  if (i < 0) return "poweroffice";
  const value = args[i]!.includes("=") ? args[i]!.slice(args[i]!.indexOf("=") + 1) : args[i + 1];
  if (value !== "poweroffice" && value !== "procountor" && value !== "visma-net") {
    console.error(`sync: --ledger must be poweroffice, procountor or visma-net, got ${value ?? "nothing"}`);
    process.exit(2);
  }
  return value;
}

async function run(db: Database, invoiceCount: number): Promise<void> {
  const today = LocalDate.parse(new Date().toISOString().slice(0, 10));
  const clock = { now: () => new Date(), today: () => today };
  const customerCount = Math.max(1, Math.ceil(invoiceCount / INVOICES_PER_CUSTOMER));
  console.log(`\nsync: first sync of one creditor, ${n(invoiceCount)} approved invoices of ${n(customerCount)} customers, ${n(invoiceCount)} matched items`);

  const t = stopwatch();
  const sandbox = createPowerOfficeSandbox({ clock, rateLimitPerSecond: 1_000_000 });
  sandbox.seed(seedOf(invoiceCount, customerCount, today));
  const url = await sandbox.listen();
  console.log(`  sandbox seeded in ${t().toFixed(1)} s`);
  const [client] = sandbox.state.clients;
  const factory = () =>
    connectorFactory({
      fetch: (u, init) => fetch(u, init),
      credentials: () => ({ applicationKey: client!.applicationKey, clientKey: client!.clientKey }),
      powerOffice: { clock, requestsPerSecond: 1_000_000 },
    });

  try {
    const creditorId = await upsertCreditor(db, { code: "BENCH", name: "Benk Kreditor AS", orgNumber: "974760673", address: { line1: "Kreditorveien 1", postcode: "0150", city: "Oslo", country: "NO" } });
    const integration: LedgerIntegration = await addLedgerIntegration(db, { creditorId, kind: "poweroffice", credentialsRef: "bench", settings: { baseUrl: url }, canCreateCases: true });

    await measureFirstSync({ db, creditorId, integration, factory, requests: () => sandbox.state.requestCount, clock, invoiceCount, aim: AIM_RATIO, items: "matched items", documents: "PDFs" });
  } finally {
    await sandbox.close();
  }
}

/** What the two ledgers' benches share: the fetch-only baseline, the first sync, the report. */
export interface FirstSyncSubject {
  readonly db: Database;
  readonly creditorId: string;
  readonly integration: LedgerIntegration;
  readonly factory: () => (integration: LedgerIntegration) => LedgerConnector;
  /** Requests the sandbox has received so far. */
  readonly requests: () => number;
  readonly clock: { now(): Date; today(): LocalDate };
  readonly invoiceCount: number;
  readonly aim: number;
  /** What the ledger calls the items and the documents (for the report). */
  readonly items: string;
  readonly documents: string;
}

export async function measureFirstSync(o: FirstSyncSubject): Promise<void> {
  const { db, creditorId, integration, factory, clock, invoiceCount } = o;
  // Baseline first: after the sync the invoices are on cases and no longer available.
  const before = o.requests();
  let t = stopwatch();
  const connector = factory()(integration);
  const available = await connector.availableInvoices();
  const customers = [...new Set(available.items.map((i) => i.customerRef))];
  let items = 0;
  for (const ref of customers) await connector.customer(ref);
  for (const inv of available.items) items += (await connector.matchedItems(inv.id)).items.length;
  let pdfBytes = 0;
  for (const inv of available.items) pdfBytes += (await connector.invoicePdf(inv.id)).bytes.length;
  const baselineBefore = t();
  const baselineRequestsBefore = o.requests() - before;

  const deps: SyncDeps = { clock, rules: loadRuleBook(), agency: agencyFromEnv(), connectorFor: factory(), publicUrl: "https://fordring.example" };
  const start = o.requests();
  const timed = timedDatabase(db);
  t = stopwatch();
  const result = await syncCreditor(timed.database, creditorId, deps);
  const seconds = t();
  const [r] = result.integrations;
  console.log(`  sync                   ${seconds.toFixed(2)} s  ${n(o.requests() - start)} requests, ${n(invoiceCount / seconds)} invoices/s, status ${r?.status}`);
  console.log(`    ${Object.entries(r?.counts ?? {}).map(([k, v]) => `${k} ${n(v)}`).join(", ")}`);
  for (const line of timed.slowest(6)) console.log(`      ${line}`);
  console.log(`    where the time goes: ${n(timed.queries)} SQL statements (${n(timed.queries / invoiceCount)} per invoice), ${timed.seconds().toFixed(1)} s waiting on them; ${n(timed.transactions)} transactions`);

  // The rest of the baseline: the items since the start, now that the invoices are on cases.
  const afterSync = o.requests();
  t = stopwatch();
  const since = await connector.matchedItemsSince(new Date(0));
  const baseline = baselineBefore + t();
  const baselineRequests = baselineRequestsBefore + o.requests() - afterSync;
  const sinceItems = since.items.reduce((sum, g) => sum + g.items.length, 0);
  console.log(`  baseline (fetch only)  ${baseline.toFixed(2)} s  ${n(baselineRequests)} requests, ${n(available.items.length)} invoices, ${n(customers.length)} customers, ${n(items)} ${o.items}, ${n(available.items.length)} ${o.documents} (${n(pdfBytes / 1024)} KiB), ${n(sinceItems)} ${o.items} since the start`);
  const ratio = seconds / baseline;
  console.log(`  ratio to baseline: ${ratio.toFixed(2)}×   aim ≤ ${o.aim}: ${ratio <= o.aim ? "met" : "NOT met"}`);
}

/** N approved invoices, overdue by 45 days, each part paid (one matched item), ten per customer. */
function seedOf(invoiceCount: number, customerCount: number, today: LocalDate): SandboxSeed {
  const customers = Array.from({ length: customerCount }, (_, i) => ({
    code: 10_000 + i,
    name: `Benk Kunde ${i + 1} AS`,
    mailAddress: { address1: `Storgata ${(i % 200) + 1}`, zipCode: "0155", city: "OSLO", countryCode: "NO" },
  }));
  const invoices = Array.from({ length: invoiceCount }, (_, i) => ({
    invoiceNo: 100_000 + i,
    customerCode: 10_000 + (i % customerCount),
    invoiceDate: today.minusDays(60).toString(),
    dueDate: today.minusDays(45).toString(),
    amount: `${1_000 + (i % 5_000)}.50`,
    payments: [{ date: today.minusDays(40).toString(), amount: "100.00", kind: "BankJournal" as const }],
    status: "Approved" as const,
  }));
  return { customers, invoices };
}


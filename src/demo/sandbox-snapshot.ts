import type { Customer, DebtCase, Invoice, LedgerEntry, ManualVoucher, TenantSettings } from "../integration/poweroffice/sandbox/model.js";
import { putCase, putCustomer, putEntry, putInvoice, putVoucher, type Tenant } from "../integration/poweroffice/sandbox/tenant.js";

/**
 * The demo's PowerOffice sandbox keeps its ledgers in memory; this turns one client's ledger
 * into JSON and back, so that a restarted `npm start` finds the ledgers as the seeding and the
 * worker's syncs left them. Only the latest version of each record is kept (the demo sandbox has
 * no replica lag), with the sequences and counters; indexes are rebuilt on restore.
 */
export interface TenantSnapshot {
  readonly customers: Customer[];
  readonly invoices: Invoice[];
  readonly cases: DebtCase[];
  readonly entries: LedgerEntry[];
  readonly vouchers: ManualVoucher[];
  readonly settings: TenantSettings | null;
  readonly glAccounts: [number, string][];
  readonly seq: Tenant["seq"];
  readonly counters: { casesCreated: number; caseUpdates: number; casesDeleted: number; vouchersPosted: number; vouchersReversed: number };
}

export function snapshotTenant(t: Tenant): TenantSnapshot {
  const { statusUpdates: _ignored, ...counters } = t.counters;
  return {
    customers: [...t.customers.values()],
    invoices: [...t.invoices.values()],
    cases: [...t.cases.values()],
    entries: [...t.entries.values()],
    vouchers: [...t.vouchers.values()],
    settings: t.settings.get("settings") ?? null,
    glAccounts: [...t.glAccounts],
    seq: { ...t.seq },
    counters,
  };
}

/** Writes a snapshot into a fresh tenant (created with the same client); visible to every reader at once. */
export function restoreTenant(t: Tenant, s: TenantSnapshot): void {
  if (t.invoices.size > 0 || t.customers.size > 0) throw new Error(`the sandbox client ${t.client.clientName} is not empty; a snapshot is restored into a fresh one`);
  const seeded = -Infinity;
  for (const c of s.customers) putCustomer(t, c, seeded);
  for (const inv of s.invoices) putInvoice(t, inv, seeded);
  for (const c of s.cases) putCase(t, c, seeded);
  for (const e of s.entries) putEntry(t, e, seeded);
  for (const v of s.vouchers) putVoucher(t, v, seeded);
  if (s.settings) t.settings.set("settings", s.settings, seeded);
  t.glAccounts.clear();
  for (const [code, name] of s.glAccounts) t.glAccounts.set(code, name);
  Object.assign(t.seq, s.seq);
  Object.assign(t.counters, s.counters);
}

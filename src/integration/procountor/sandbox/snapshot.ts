import type { CollectionSettings, Company, CompanyInfo, Counters, Invoice, LedgerReceipt, Partner, PaymentEvent, ReferencePayment } from "./company.js";

/**
 * One sandbox company as JSON and back, so that a process that keeps the sandbox's state (the
 * demo, src/demo/demo-ledgers.ts) finds after a restart what the syncs wrote: notes, journals,
 * payment events, versions, and the id and version cursors (later ids and stamps do not repeat).
 */
export interface CompanySnapshot {
  readonly apiKey: string;
  readonly info: CompanyInfo;
  readonly settings: CollectionSettings;
  readonly partners: Partner[];
  readonly invoices: Invoice[];
  readonly paymentEvents: [number, PaymentEvent[]][];
  readonly referencePayments: ReferencePayment[];
  readonly receipts: LedgerReceipt[];
  readonly counters: Counters;
  readonly cursor: { lastId: number; lastStamp: number };
}

export function snapshotCompany(c: Company): CompanySnapshot {
  return {
    apiKey: c.apiKey,
    info: c.info,
    settings: { ...c.settings },
    partners: [...c.partners.values()],
    invoices: [...c.invoices.values()],
    paymentEvents: [...c.paymentEvents.entries()],
    referencePayments: [...c.referencePayments],
    receipts: [...c.receipts.values()],
    counters: { ...c.counters },
    cursor: c.cursor(),
  };
}

/** Replaces the company's records with the snapshot's (the company must be the one with the same API key). */
export function restoreCompany(c: Company, s: CompanySnapshot): void {
  if (s.apiKey !== c.apiKey) throw new Error(`the snapshot is of the company with API key ${s.apiKey}, not ${c.apiKey}`);
  if (!Array.isArray(s.invoices) || !Array.isArray(s.partners) || !Array.isArray(s.receipts) || !Array.isArray(s.paymentEvents) || typeof s.cursor?.lastId !== "number") {
    throw new Error(`the snapshot of company ${s.apiKey} lacks its partners, invoices, receipts, payment events or cursor`);
  }
  Object.assign(c.info, s.info);
  Object.assign(c.settings, s.settings);
  c.partners.clear();
  for (const p of s.partners) c.partners.set(p.id, p);
  c.invoices.clear();
  for (const i of s.invoices) c.invoices.set(i.id, i);
  c.paymentEvents.clear();
  for (const [id, events] of s.paymentEvents) c.paymentEvents.set(id, events);
  c.referencePayments.splice(0, c.referencePayments.length, ...s.referencePayments);
  c.receipts.clear();
  for (const r of s.receipts) c.receipts.set(r.id, r);
  Object.assign(c.counters, s.counters);
  c.resume(s.cursor);
}

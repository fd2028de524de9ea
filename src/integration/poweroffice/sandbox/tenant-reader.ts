import { matchedEntriesOf } from "./ledger-matching.js";
import type { Customer, DebtCase, Invoice, LedgerEntry, ManualVoucher, TenantSettings } from "./model.js";
import type { Tenant } from "./tenant.js";

/**
 * A read view of a tenant. GET routes read "as of" now minus the replica lag (limitations.md:
 * "All GET requests are performed towards a replicated database"); writes read the latest state.
 * The latest view uses the write indexes; an older view scans, which only lag mode pays for.
 */
export interface TenantReader {
  readonly asOf: number | undefined;
  settings(): TenantSettings;
  customer(id: number): Customer | undefined;
  customerByCode(code: number): Customer | undefined;
  customers(): Iterable<Customer>;
  invoice(id: string): Invoice | undefined;
  invoices(): Iterable<Invoice>;
  debtCase(id: string): DebtCase | undefined;
  cases(): Iterable<DebtCase>;
  entry(id: number): LedgerEntry | undefined;
  entries(): Iterable<LedgerEntry>;
  /** Payments, credit notes, write-offs and reversals matched against the invoice. */
  matchedEntries(invoice: Invoice): LedgerEntry[];
  voucher(id: string): ManualVoucher | undefined;
  vouchers(): Iterable<ManualVoucher>;
}

export function readerOf(t: Tenant, asOf?: number): TenantReader {
  const latest = asOf === undefined;
  return {
    asOf,
    settings: () => t.settings.get("settings", asOf)!,
    customer: (id) => t.customers.get(id, asOf),
    customerByCode: (code) => {
      if (latest) {
        const id = t.index.customerIdByCode.get(code);
        return id === undefined ? undefined : t.customers.get(id);
      }
      for (const c of t.customers.values(asOf)) if (c.code === code) return c;
      return undefined;
    },
    customers: () => t.customers.values(asOf),
    invoice: (id) => t.invoices.get(id, asOf),
    invoices: () => t.invoices.values(asOf),
    debtCase: (id) => t.cases.get(id, asOf),
    cases: () => t.cases.values(asOf),
    entry: (id) => t.entries.get(id, asOf),
    entries: () => t.entries.values(asOf),
    matchedEntries: (invoice) => {
      const own = t.entries.get(invoice.ledgerEntryId, asOf);
      if (!own || own.matchId === undefined) return [];
      if (!latest) return matchedEntriesOf(t.entries.values(asOf), own);
      const ids = t.index.entryIdsByMatchId.get(own.matchId) ?? new Set<number>();
      return matchedEntriesOf([...ids].map((id) => t.entries.get(id)!), own);
    },
    voucher: (id) => t.vouchers.get(id, asOf),
    vouchers: () => t.vouchers.values(asOf),
  };
}

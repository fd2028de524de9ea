import type { Clock } from "../../../platform/clock.js";
import type { ClientConfig, Customer, DebtCase, Invoice, LedgerEntry, ManualVoucher, TenantSettings } from "./model.js";
import type { Prng } from "./prng.js";
import { VersionedTable } from "./table.js";

/**
 * Everything one PowerOffice Go client holds in the sandbox, with the indexes the write paths
 * need. Writes go through the `put…` functions so that indexes and replica versions stay in step.
 */
/** The sandbox only asks the time of day, never the business date. */
export type SandboxClock = Pick<Clock, "now">;

export interface Tenant {
  readonly client: ClientConfig;
  readonly clock: SandboxClock;
  readonly ids: Prng;
  readonly customers: VersionedTable<number, Customer>;
  readonly invoices: VersionedTable<string, Invoice>;
  readonly cases: VersionedTable<string, DebtCase>;
  readonly entries: VersionedTable<number, LedgerEntry>;
  readonly vouchers: VersionedTable<string, ManualVoucher>;
  readonly settings: VersionedTable<"settings", TenantSettings>;
  readonly index: {
    readonly customerIdByCode: Map<number, number>;
    readonly invoiceIdByNo: Map<number, string>;
    readonly invoiceIdByCid: Map<string, string>;
    readonly entryIdsByMatchId: Map<number, Set<number>>;
    readonly voucherIdByExternalRef: Map<string, string>;
  };
  /** General ledger accounts that vouchers may post to (code → name). */
  readonly glAccounts: Map<number, string>;
  readonly seq: { customerId: number; entryId: number; matchId: number; voucherNo: number; lineId: number; documentNo: number };
  readonly counters: TenantCounters;
}

/** What reliability tests count: "no duplicate case, status update or voucher". */
export interface TenantCounters {
  casesCreated: number;
  caseUpdates: number;
  casesDeleted: number;
  vouchersPosted: number;
  vouchersReversed: number;
  /** UpdateStatus calls per case id, in order. */
  readonly statusUpdates: Map<string, { statusText: string; isCaseClosed: boolean; at: number }[]>;
}

/** NS 4102 accounts a Norwegian client typically has; vouchers may post to these or to customer codes. */
export const DEFAULT_GL_ACCOUNTS: ReadonlyArray<readonly [number, string]> = [
  [1500, "Kundefordringer"],
  [1510, "Kundefordringer inkasso"],
  [1512, "Mellomregning inkassobyrå"],
  [1920, "Bankinnskudd"],
  [2400, "Leverandørgjeld"],
  [2700, "Utgående merverdiavgift"],
  [2710, "Inngående merverdiavgift"],
  [3000, "Salgsinntekt, avgiftspliktig"],
  [6790, "Annen fremmed tjeneste"],
  [7770, "Bank- og kortgebyrer"],
  [7830, "Tap på fordringer"],
  [8040, "Renteinntekt, kunder"],
  [8050, "Annen renteinntekt"],
];

export function createTenant(client: ClientConfig, clock: SandboxClock, ids: Prng, replicaLagMs: number): Tenant {
  const tenant: Tenant = {
    client,
    clock,
    ids,
    customers: new VersionedTable(replicaLagMs),
    invoices: new VersionedTable(replicaLagMs),
    cases: new VersionedTable(replicaLagMs),
    entries: new VersionedTable(replicaLagMs),
    vouchers: new VersionedTable(replicaLagMs),
    settings: new VersionedTable(replicaLagMs),
    index: {
      customerIdByCode: new Map(),
      invoiceIdByNo: new Map(),
      invoiceIdByCid: new Map(),
      entryIdsByMatchId: new Map(),
      voucherIdByExternalRef: new Map(),
    },
    glAccounts: new Map(DEFAULT_GL_ACCOUNTS),
    seq: { customerId: 0, entryId: 0, matchId: 0, voucherNo: 10_000, lineId: 0, documentNo: 0 },
    counters: { casesCreated: 0, caseUpdates: 0, casesDeleted: 0, vouchersPosted: 0, vouchersReversed: 0, statusUpdates: new Map() },
  };
  tenant.settings.set("settings", { isActiveDebtCollection: true }, -Infinity);
  return tenant;
}

export function putCustomer(t: Tenant, c: Customer, at: number): void {
  t.customers.set(c.id, c, at);
  t.index.customerIdByCode.set(c.code, c.id);
}

export function putInvoice(t: Tenant, inv: Invoice, at: number): void {
  t.invoices.set(inv.id, inv, at);
  t.index.invoiceIdByNo.set(inv.invoiceNo, inv.id);
  t.index.invoiceIdByCid.set(inv.cid, inv.id);
}

export function putCase(t: Tenant, c: DebtCase, at: number): void {
  t.cases.set(c.id, c, at);
}

export function deleteCase(t: Tenant, id: string, at: number): void {
  t.cases.delete(id, at);
}

export function putEntry(t: Tenant, e: LedgerEntry, at: number): void {
  const before = t.entries.get(e.id);
  if (before?.matchId !== undefined && before.matchId !== e.matchId) t.index.entryIdsByMatchId.get(before.matchId)?.delete(e.id);
  if (e.matchId !== undefined) {
    let group = t.index.entryIdsByMatchId.get(e.matchId);
    if (!group) t.index.entryIdsByMatchId.set(e.matchId, (group = new Set()));
    group.add(e.id);
  }
  t.entries.set(e.id, e, at);
}

export function putVoucher(t: Tenant, v: ManualVoucher, at: number): void {
  t.vouchers.set(v.id, v, at);
  if (v.externalImportReference !== undefined) t.index.voucherIdByExternalRef.set(v.externalImportReference, v.id);
}

export function customerByCode(t: Tenant, code: number): Customer | undefined {
  const id = t.index.customerIdByCode.get(code);
  return id === undefined ? undefined : t.customers.get(id);
}

/** The instant of a write: the injected clock, never the wall clock directly. */
export function nowMs(t: Tenant): number {
  return t.clock.now().getTime();
}

/** Makes everything written so far visible to the replica at once (seeding is not a write the agency races). */
export function flushReplica(t: Tenant): void {
  for (const table of [t.customers, t.invoices, t.cases, t.entries, t.vouchers, t.settings] as VersionedTable<unknown, unknown>[]) table.flush();
}

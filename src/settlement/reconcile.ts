import { LocalDate } from "../domain/calendar/local-date.js";
import { DomainError } from "../domain/errors.js";
import { formatDecimal, parseCurrency } from "../domain/money.js";
import { systemClock } from "../platform/clock.js";
import type { Queryable } from "../platform/db/database.js";
import type { CustomerLedgerItem, LedgerConnector, UnreadableItem } from "../integration/ledger-connector.js";
import { AGENCY_VOUCHER_PREFIX } from "../integration/sync/ledger-payments.js";
import { caseBooks, type CaseBook } from "./reconcile-books.js";

/**
 * Reconciliation per creditor (docs/SETTLEMENT.md "Reconciliation": items are matched and the
 * balances reach zero on both sides; issue 5 §6): for every invoice that is a case, the ledger's open customer-ledger
 * items against what our books say the ledger should show, every difference listed with its
 * likely cause.
 *
 * What the ledger should show for an invoice, once everything in flight has landed:
 *   the principal still owed to the creditor
 *   − what the ledger was credited beyond principal and not yet moved back by a settlement
 *     (costs, interest and over-payments of payments to the agency — journaled whole, the same
 *     day — and of payments and credit notes booked in the ledger itself).
 * The settlement voucher debits the customer item with exactly that non-principal part, so after
 * settlement it is the principal still owed, and zero for a paid case.
 *
 * A difference (ledger − expected) is explained, in this order, by: payments to the agency whose
 * journal is not delivered yet; settlements whose voucher is not delivered (or was reversed);
 * write-offs in the ledger (the case keeps the claim); reversals in the ledger no payment on the
 * case matched; items matched against the invoice in the ledger that the sync has not recorded
 * (read per invoice only where a difference is left). What no cause explains is `unknown`.
 */
export type ReconcileCause =
  | "ledger-payment-not-synced"
  | "payment-journal-pending"
  | "settlement-voucher-not-booked"
  | "ledger-write-off"
  | "ledger-reversal-not-applied"
  | "unknown";

export const CAUSE_TEXT: Readonly<Record<ReconcileCause, string>> = {
  "ledger-payment-not-synced": "a payment or credit note in the ledger is not yet synced to the case (runs with the next `fordring sync`)",
  "payment-journal-pending": "a payment to the agency is not yet journaled in the ledger (the payment journal goes with the next sync)",
  "settlement-voucher-not-booked": "the settlement's voucher is not yet booked in the ledger",
  "ledger-write-off": "a write-off (tapsføring) in the ledger; the case keeps the claim",
  "ledger-reversal-not-applied": "a reversal in the ledger that no payment on the case matched (kept for a person to look at)",
  unknown: "no known cause: compare the ledger's items for this invoice with the case's timeline",
};

export interface ReconcileDifference {
  readonly cause: ReconcileCause;
  /** Signed like the difference: ledger minus expected. */
  readonly amount: string;
  readonly text: string;
  /** The payment, settlement or ledger item it comes from. */
  readonly ref?: string;
}

export interface ReconciledInvoice {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly invoiceNumber: string;
  readonly customerRef: string;
  readonly kid: string | null;
  readonly closed: boolean;
  readonly ledger: { readonly open: string; readonly items: readonly { id: string; amount: string; balance: string; voucherType: string; voucherNo: string | null; matchId: string | null }[] };
  readonly ours: {
    /** Principal still owed to the creditor. */
    readonly principalOwed: string;
    /** Credited in the ledger beyond principal (costs, interest, over-payment) and not yet settled. */
    readonly journaledNotSettled: string;
    /** Allocations on the case taken into settlements. */
    readonly settled: string;
    /** What the ledger should show open. */
    readonly expectedLedgerOpen: string;
  };
  /** Ledger open minus expected. */
  readonly difference: string;
  readonly agrees: boolean;
  readonly differences: readonly ReconcileDifference[];
}

export interface ReconcileReport {
  readonly creditorId: string;
  readonly integrationId: string;
  readonly on: string;
  readonly agrees: boolean;
  readonly totals: { readonly ledgerOpen: string; readonly expectedLedgerOpen: string; readonly difference: string };
  readonly invoices: readonly ReconciledInvoice[];
  /** Ledger rows that could not be read (kept, never dropped silently); while there are any, the report does not agree. */
  readonly unreadable: readonly UnreadableItem[];
}

export interface ReconcileOptions {
  /** The ledger integration the connector talks to; default: the creditor's case-creating one. */
  readonly integrationId?: string;
  /** The date of the ledger's open items; default: today in Europe/Oslo (callers with a Clock pass its business date). */
  readonly on?: LocalDate;
}

export async function reconcileCreditor(database: Queryable, creditorId: string, connector: LedgerConnector, options: ReconcileOptions = {}): Promise<ReconcileReport> {
  const integrationId = options.integrationId ?? (await mainIntegration(database, creditorId, connector.kind));
  const on = options.on ?? systemClock().today();
  // The creditor's currency: its cases, and the ledger items mirrored for them, are in it.
  const [creditor] = await database.query<{ currency: string }>("select currency from creditors where id = $1", [creditorId]);
  if (!creditor) throw new DomainError("not_found", `no creditor ${creditorId}`, "creditorId");
  const currency = parseCurrency(creditor.currency, "creditor.currency");
  const decimal = (amount: number) => formatDecimal({ amount, currency });
  const books = await caseBooks(database, creditorId, integrationId);
  const open = await connector.openCustomerItems(on);
  const byCase = assignItems(books, open.items);

  const invoices: ReconciledInvoice[] = [];
  const totals = { ledgerOpen: 0, expected: 0 };
  for (const book of books) {
    const items = byCase.get(book.caseId) ?? [];
    const ledgerOpen = items.reduce((s, i) => s + i.balanceMinor, 0);
    const expected = book.principalOwedMinor - book.journaledNotSettledMinor;
    totals.ledgerOpen += ledgerOpen;
    totals.expected += expected;
    const explained: { cause: ReconcileCause; amountMinor: number; ref?: string }[] = [...book.inFlight];
    const residual = () => ledgerOpen - expected - explained.reduce((s, e) => s + e.amountMinor, 0);
    if (residual() !== 0) explained.push(...(await unsyncedLedgerItems(connector, book)));
    if (residual() !== 0) explained.push({ cause: "unknown", amountMinor: residual() });
    const differences = explained.filter((e) => e.amountMinor !== 0).map((e) => ({ cause: e.cause, amount: decimal(e.amountMinor), text: CAUSE_TEXT[e.cause], ...(e.ref ? { ref: e.ref } : {}) }));
    invoices.push({
      caseId: book.caseId,
      caseNumber: book.caseNumber,
      invoiceNumber: book.invoiceNumber,
      customerRef: book.customerRef,
      kid: book.kid,
      closed: book.closed,
      ledger: { open: decimal(ledgerOpen), items: items.map((i) => ({ id: i.id, amount: decimal(i.amountMinor), balance: decimal(i.balanceMinor), voucherType: i.voucherType, voucherNo: i.voucherNo, matchId: i.matchId })) },
      ours: { principalOwed: decimal(book.principalOwedMinor), journaledNotSettled: decimal(book.journaledNotSettledMinor), settled: decimal(book.settledMinor), expectedLedgerOpen: decimal(expected) },
      difference: decimal(ledgerOpen - expected),
      agrees: ledgerOpen === expected,
      differences,
    });
  }
  return {
    creditorId,
    integrationId,
    on: on.toString(),
    agrees: invoices.every((i) => i.agrees) && open.unreadable.length === 0,
    totals: { ledgerOpen: decimal(totals.ledgerOpen), expectedLedgerOpen: decimal(totals.expected), difference: decimal(totals.ledgerOpen - totals.expected) },
    invoices,
    unreadable: open.unreadable,
  };
}

async function mainIntegration(db: Queryable, creditorId: string, kind: string): Promise<string> {
  const [row] = await db.query<{ id: string }>("select id from ledger_integrations where creditor_id = $1 and kind = $2 and active order by can_create_cases desc, created_at, id limit 1", [creditorId, kind]);
  if (!row) throw new DomainError("not_found", `the creditor has no active ${kind} integration to reconcile against`, "creditor");
  return row.id;
}

/**
 * The open items of each case's invoice: the customer's entries with the invoice's KID, the
 * invoice's own entry (by document number), and whatever shares a match id with those.
 */
function assignItems(books: readonly CaseBook[], items: readonly CustomerLedgerItem[]): Map<string, CustomerLedgerItem[]> {
  const byKid = new Map<string, string>();
  const byInvoice = new Map<string, string>();
  for (const b of books) {
    if (b.kid) byKid.set(`${b.customerRef}|${b.kid}`, b.caseId);
    byInvoice.set(`${b.customerRef}|${b.invoiceNumber}`, b.caseId);
  }
  const out = new Map<string, CustomerLedgerItem[]>();
  const byMatch = new Map<string, string>();
  const rest: CustomerLedgerItem[] = [];
  const add = (caseId: string, item: CustomerLedgerItem) => {
    const list = out.get(caseId);
    if (list) list.push(item);
    else out.set(caseId, [item]);
    if (item.matchId !== null) byMatch.set(item.matchId, caseId);
  };
  for (const item of items) {
    const caseId = (item.kid && byKid.get(`${item.customerRef}|${item.kid}`)) || (item.isInvoice && item.documentNo ? byInvoice.get(`${item.customerRef}|${item.documentNo}`) : undefined);
    if (caseId) add(caseId, item);
    else rest.push(item);
  }
  for (const item of rest) {
    const caseId = item.matchId === null ? undefined : byMatch.get(item.matchId);
    if (caseId) add(caseId, item);
  }
  return out;
}

/** Items matched against the invoice in the ledger that no payment row records (and that we did not post ourselves). */
async function unsyncedLedgerItems(connector: LedgerConnector, book: CaseBook): Promise<{ cause: ReconcileCause; amountMinor: number; ref: string }[]> {
  if (book.invoiceId === null) return [];
  const matched = await connector.matchedItems(book.invoiceId);
  return matched.items
    .filter((m) => !book.preTransferItemIds.includes(m.id) && !book.recordedLedgerItemIds.has(m.id) && !m.externalImportReference?.startsWith(AGENCY_VOUCHER_PREFIX))
    .map((m) => ({ cause: m.kind === "write-off" ? "ledger-write-off" : "ledger-payment-not-synced", amountMinor: m.amountMinor, ref: `ledger item ${m.id} (${m.voucherType} ${m.voucherNo ?? ""}, ${m.voucherDate})`.replace(" ,", ",") }));
}

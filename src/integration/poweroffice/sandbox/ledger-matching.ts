import { VoucherType } from "./enums.js";
import type { LedgerEntry } from "./model.js";
import { putEntry, putInvoice, type Tenant } from "./tenant.js";

/**
 * Matching in the customer sub-ledger (type_customerledgerentry.md: "Sub ledger entries that are
 * matched together will have the same MatchId"). A match group nets its debits (invoices) against
 * its credits (payments, credit notes, write-offs) in posting order; what is left stays open as
 * the entries' `balance`. An invoice's remainingAmount is the balance of its own entry.
 * A reversal and the entry it reverses cancel each other and take no part in the netting, so a
 * reversed payment re-opens the invoice. [infer: POGO's exact partial-match rules are not documented]
 */

/** The balances of one match group's entries (pure). */
export function groupBalances(entries: readonly LedgerEntry[]): Map<number, number> {
  const balances = new Map<number, number>();
  const ordered = [...entries].sort((a, b) => a.id - b.id);
  const active: LedgerEntry[] = [];
  for (const e of ordered) {
    if (e.isReversed || e.reversesEntryId !== undefined) balances.set(e.id, 0);
    else active.push(e);
  }
  let debit = 0;
  let credit = 0;
  for (const e of active) {
    if (e.amountMinor > 0) debit += e.amountMinor;
    else credit -= e.amountMinor;
  }
  let debitLeft = Math.min(debit, credit);
  let creditLeft = debitLeft;
  for (const e of active) {
    if (e.amountMinor > 0) {
      const used = Math.min(e.amountMinor, debitLeft);
      debitLeft -= used;
      balances.set(e.id, e.amountMinor - used);
    } else {
      const used = Math.min(-e.amountMinor, creditLeft);
      creditLeft -= used;
      balances.set(e.id, e.amountMinor + used);
    }
  }
  return balances;
}

export type EntryDraft = Omit<LedgerEntry, "id" | "balanceMinor" | "matchId" | "isReversed" | "createdAt" | "lastChanged">;

/** Posts a new sub-ledger entry; with `matchWith` it joins that entry's match group. */
export function postEntry(t: Tenant, draft: EntryDraft, at: number, matchWith?: number): LedgerEntry {
  // Every property written out in one order, so that all entries share one V8 shape (a spread
  // here made each of 100,000 seeded entries a slow dictionary object).
  const entry: LedgerEntry = {
    id: ++t.seq.entryId,
    customerCode: draft.customerCode,
    voucherId: draft.voucherId,
    voucherNo: draft.voucherNo,
    voucherType: draft.voucherType,
    voucherDate: draft.voucherDate,
    postingDate: draft.postingDate,
    dueDate: draft.dueDate,
    amountMinor: draft.amountMinor,
    balanceMinor: draft.amountMinor,
    cid: draft.cid,
    documentNo: draft.documentNo,
    matchId: undefined,
    isWriteOff: draft.isWriteOff,
    isReversed: false,
    reversesEntryId: draft.reversesEntryId,
    reversedVoucherNo: draft.reversedVoucherNo,
    invoiceId: draft.invoiceId,
    externalImportReference: draft.externalImportReference,
    customMatchingReference: draft.customMatchingReference,
    paidFromBankAccount: draft.paidFromBankAccount,
    importedVoucherNo: draft.importedVoucherNo,
    createdByApplicationKey: draft.createdByApplicationKey,
    createdAt: at,
    lastChanged: at,
  };
  putEntry(t, entry, at);
  if (matchWith !== undefined) matchEntries(t, [matchWith, entry.id], at);
  return t.entries.get(entry.id)!;
}

/**
 * Puts the entries (and the groups they already belong to) into one match group and recomputes
 * the balances. Entries whose match or balance changes get `lastChanged = at`; so do the invoices
 * whose remaining amount changes. Returns the group's matchId.
 */
export function matchEntries(t: Tenant, entryIds: readonly number[], at: number): number {
  const members = new Map<number, LedgerEntry>();
  let matchId: number | undefined;
  for (const id of entryIds) {
    const e = t.entries.get(id);
    if (!e) throw new Error(`no ledger entry ${id}`);
    members.set(id, e);
    if (e.matchId !== undefined) {
      matchId = matchId === undefined ? e.matchId : Math.min(matchId, e.matchId);
      for (const other of t.index.entryIdsByMatchId.get(e.matchId) ?? []) members.set(other, t.entries.get(other)!);
    }
  }
  matchId ??= ++t.seq.matchId;
  const balances = groupBalances([...members.values()]);
  for (const e of members.values()) {
    const balance = balances.get(e.id)!;
    if (e.matchId === matchId && e.balanceMinor === balance) continue;
    putEntry(t, { ...e, matchId, balanceMinor: balance, lastChanged: at }, at);
    if (e.invoiceId !== undefined && e.balanceMinor !== balance) syncInvoice(t, e.invoiceId, balance, at);
  }
  return matchId;
}

/** Reverses an entry with a ReversalVoucher (99) entry matched against it. */
export function reverseEntry(t: Tenant, entryId: number, voucher: { voucherId: string; voucherNo: number; date: number }, at: number): LedgerEntry {
  const original = t.entries.get(entryId);
  if (!original) throw new Error(`no ledger entry ${entryId}`);
  if (original.isReversed || original.reversesEntryId !== undefined) throw new Error(`ledger entry ${entryId} is already reversed or is a reversal`);
  const reversal = postEntry(
    t,
    {
      customerCode: original.customerCode,
      voucherId: voucher.voucherId,
      voucherNo: voucher.voucherNo,
      voucherType: VoucherType.ReversalVoucher,
      voucherDate: voucher.date,
      postingDate: voucher.date,
      amountMinor: -original.amountMinor,
      cid: original.cid,
      isWriteOff: original.isWriteOff,
      reversesEntryId: original.id,
      reversedVoucherNo: original.voucherNo,
      createdByApplicationKey: undefined,
    },
    at,
  );
  putEntry(t, { ...t.entries.get(entryId)!, isReversed: true, lastChanged: at }, at);
  matchEntries(t, [entryId, reversal.id], at);
  return t.entries.get(reversal.id)!;
}

function syncInvoice(t: Tenant, invoiceId: string, remainingMinor: number, at: number): void {
  const inv = t.invoices.get(invoiceId);
  if (!inv || inv.remainingMinor === remainingMinor) return;
  putInvoice(t, { ...inv, remainingMinor, lastChanged: at }, at);
}

/**
 * The entries matched against an invoice, other invoices' own entries left out
 * (route_get_debtcollection_matcheditems__debtcollectioninvoiceid__.md).
 */
export function matchedEntriesOf(entries: Iterable<LedgerEntry>, invoiceEntry: LedgerEntry): LedgerEntry[] {
  if (invoiceEntry.matchId === undefined) return [];
  const out: LedgerEntry[] = [];
  for (const e of entries) if (e.matchId === invoiceEntry.matchId && e.invoiceId === undefined) out.push(e);
  return out.sort((a, b) => a.id - b.id);
}

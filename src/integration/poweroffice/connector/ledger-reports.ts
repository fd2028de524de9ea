import type { LocalDate } from "../../../domain/calendar/local-date.js";
import { LedgerError, type CustomerLedgerItem, type FoundVoucher, type LedgerBatch, type UnreadableItem } from "../../ledger-connector.js";
import type { ApiClient } from "./api-client.js";
import { readCustomerLedgerEntry, readVoucher, refOf } from "./read-shapes.js";
import { odataString } from "./wire-values.js";

/**
 * Read-backs of what the agency posted, for the settlement's booked check and the reconciliation:
 * - a voucher by its `externalImportReference` (service_voucher_manualjournalvoucher.md: the list
 *   route filters by OData and "will only return the vouchers created by the integration itself"),
 *   with the customer-ledger entries it made (Reporting/CustomerLedger between the voucher's own
 *   date, filtered on the same reference: type_customerledgerentry.md "ExternalImportReference …
 *   can be used to correlate");
 * - the open items of the customer ledger on a date (route_get_reporting_customerledger__todate__todate_.md:
 *   "only … the entries that are not matched out"), paged by `$orderby`/`$top`/`$skip` under the
 *   20,000-row cap (limitations.md).
 */
export async function findVoucher(api: ApiClient, idempotencyKey: string): Promise<FoundVoucher | null> {
  const filter = `(ExternalImportReference eq ${odataString(idempotencyKey)})`;
  const res = await api.call("GET", "/Voucher/ManualJournalVoucher/", { query: { $filter: filter } });
  const [row] = listOf(res.data, "ManualJournalVoucher", res.raw);
  if (row === undefined) return null;
  const voucher = readVoucher(row);
  const day = voucher.voucherDate.toString();
  const entries = await api.call("GET", "/Reporting/CustomerLedger/", { query: { fromDate: day, toDate: day, $filter: filter } });
  return {
    voucherId: voucher.id,
    voucherNo: voucher.voucherNo,
    date: voucher.voucherDate,
    reversed: voucher.isReversed,
    customerItems: listOf(entries.data, "CustomerLedger", entries.raw).map(readCustomerLedgerEntry),
  };
}

export async function openCustomerItems(api: ApiClient, on: LocalDate, pageSize: number): Promise<LedgerBatch<CustomerLedgerItem>> {
  const items: CustomerLedgerItem[] = [];
  const unreadable: UnreadableItem[] = [];
  for (let skip = 0, page = 1; ; page++) {
    const res = await api.call("GET", "/Reporting/CustomerLedger/", { query: { toDate: on.toString(), $orderby: "Id asc", $top: pageSize, $skip: skip } });
    const rows = listOf(res.data, "CustomerLedger", res.raw);
    rows.forEach((row, i) => {
      try {
        items.push(readCustomerLedgerEntry(row));
      } catch (e) {
        unreadable.push({ ref: refOf(row, `page ${page}, row ${i + 1}`), error: e instanceof LedgerError ? e : new LedgerError("invalid", (e as Error).message, { retryable: false }) });
      }
    });
    skip += rows.length;
    if (rows.length === 0 || (res.count !== undefined ? skip >= res.count : rows.length < pageSize)) break;
  }
  return { items, unreadable };
}

function listOf(data: unknown, what: string, raw: string): unknown[] {
  if (Array.isArray(data)) return data;
  throw new LedgerError("invalid", `${what} did not answer a list`, { retryable: false, response: { status: 200, body: raw.slice(0, 20_000) }, vendorCode: "UnexpectedShape" });
}

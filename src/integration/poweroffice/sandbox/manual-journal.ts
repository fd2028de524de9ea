import { fail, invalidOperation, notFound, ok, validationFailed, type Outcome } from "./api-error.js";
import { VoucherType } from "./enums.js";
import { postEntry, reverseEntry } from "./ledger-matching.js";
import type { ManualVoucher, VoucherLine } from "./model.js";
import type { ManualJournalVoucherRequest } from "./request-schemas.js";
import { customerByCode, nowMs, putVoucher, type Tenant } from "./tenant.js";
import { decimal } from "./wire-values.js";

/**
 * Voucher/ManualJournalVoucher (service_voucher_manualjournalvoucher.md): "Saves a
 * ManualJournalVoucher and posts it to the general ledger". Lines must balance; a line whose
 * accountCode is a customer code posts to that customer's sub-ledger (type_manualjournalvoucherline.md
 * AccountCode) and, when its cID is one of that customer's invoices' KID, is matched to the
 * invoice — lowering remainingAmount and showing in GetAllMatchedItems (poweroffice.md §6.14).
 * The sandbox books in NOK only and does not split VAT out of the amounts.
 */
export function postManualJournalVoucher(t: Tenant, req: ManualJournalVoucherRequest, applicationKey: string): Outcome<ManualVoucher> {
  if (req.id != null) {
    return t.vouchers.get(req.id) ? invalidOperation("A posted voucher cannot be changed; reverse it instead") : notFound(`Voucher ${req.id}`);
  }
  const ref = req.externalImportReference ?? undefined;
  // type_manualjournalvoucher.md: "Must be a unique value for a given client"; changelog 2.16: 200 + ApiUniqueConstraint.
  if (ref !== undefined && t.index.voucherIdByExternalRef.has(ref)) {
    return fail("ApiUniqueConstraint", `A voucher with ExternalImportReference '${ref}' already exists`, { externalImportReference: "Must be unique for the client" });
  }
  const fields: Record<string, string> = {};
  if ((req.currencyCode ?? "NOK") !== "NOK") fields["currencyCode"] = "The sandbox books in NOK only";
  let debit = 0;
  let credit = 0;
  req.lines.forEach((line, i) => {
    if (line.date == null && req.voucherDate == null) fields[`lines[${i}].date`] = "Required when the voucher has no voucherDate";
    if (!t.glAccounts.has(line.accountCode) && !customerByCode(t, line.accountCode)) fields[`lines[${i}].accountCode`] = `${line.accountCode} is neither an account nor a customer code`;
    if ((line.currencyCode ?? "NOK") !== "NOK") fields[`lines[${i}].currencyCode`] = "The sandbox books in NOK only";
    if (line.amount > 0) debit += line.amount;
    else credit -= line.amount;
  });
  if (debit !== credit) fields["lines"] = `The voucher does not balance: debit ${decimal(debit).toText()}, credit ${decimal(credit).toText()}`;
  const [first] = Object.entries(fields);
  if (first) return validationFailed(`The voucher is invalid: ${first[0]} ${first[1]}`, fields);

  const at = nowMs(t);
  const voucherId = t.ids.guid();
  const voucherNo = ++t.seq.voucherNo;
  const voucherDate = req.voucherDate ?? req.lines[0]!.date!;
  const lines: VoucherLine[] = req.lines.map((line) => {
    const date = line.date ?? voucherDate;
    const customer = t.glAccounts.has(line.accountCode) ? undefined : customerByCode(t, line.accountCode);
    let ledgerEntryId: number | undefined;
    if (customer) {
      const invoiceId = line.cid == null ? undefined : t.index.invoiceIdByCid.get(line.cid);
      const invoice = invoiceId === undefined ? undefined : t.invoices.get(invoiceId);
      const matchWith = invoice?.customerCode === customer.code ? invoice.ledgerEntryId : undefined;
      ledgerEntryId = postEntry(
        t,
        {
          customerCode: customer.code,
          voucherId,
          voucherNo,
          voucherType: VoucherType.ManualJournal,
          voucherDate,
          postingDate: date,
          amountMinor: line.amount,
          cid: line.cid ?? undefined,
          isWriteOff: false,
          externalImportReference: ref,
          customMatchingReference: line.customMatchingReference ?? undefined,
          importedVoucherNo: req.importedVoucherNo ?? undefined,
          createdByApplicationKey: applicationKey,
        },
        at,
        matchWith,
      ).id;
    }
    return {
      id: ++t.seq.lineId,
      date,
      accountCode: line.accountCode,
      amountMinor: line.amount,
      cid: line.cid ?? undefined,
      customMatchingReference: line.customMatchingReference ?? undefined,
      vatCode: line.vatCode ?? undefined,
      description: line.description ?? undefined,
      externalImportLineReference: line.externalImportLineReference ?? undefined,
      projectCode: line.projectCode ?? undefined,
      departmentCode: line.departmentCode ?? undefined,
      currencyCode: line.currencyCode ?? undefined,
      ledgerEntryId,
    };
  });
  const voucher: ManualVoucher = {
    id: voucherId,
    voucherNo,
    voucherDate,
    description: req.description ?? undefined,
    currencyCode: "NOK",
    externalImportReference: ref,
    importedVoucherNo: req.importedVoucherNo ?? undefined,
    projectCode: req.projectCode ?? undefined,
    departmentCode: req.departmentCode ?? undefined,
    lines,
    isReversed: false,
    createdByApplicationKey: applicationKey,
    createdAt: at,
  };
  putVoucher(t, voucher, at);
  t.counters.vouchersPosted++;
  return ok(voucher);
}

/**
 * Voucher/ManualJournalVoucher/Reverse/{voucherId}: "Reverses a previously sent voucher". Adds a
 * ReversalVoucher (99) whose sub-ledger entries cancel the original ones and sets isReversed.
 */
export function reverseManualJournalVoucher(t: Tenant, voucherId: string, applicationKey: string): Outcome<ManualVoucher> {
  const v = t.vouchers.get(voucherId);
  // service_voucher_manualjournalvoucher.md: only vouchers "created by the integration querying".
  if (!v || v.createdByApplicationKey !== applicationKey) return notFound(`Voucher ${voucherId}`);
  if (v.isReversed) return invalidOperation(`Voucher ${v.voucherNo} is already reversed`);
  const at = nowMs(t);
  const reversal = { voucherId: t.ids.guid(), voucherNo: ++t.seq.voucherNo, date: Math.floor(at / 86_400_000) };
  for (const line of v.lines) if (line.ledgerEntryId !== undefined) reverseEntry(t, line.ledgerEntryId, reversal, at);
  const updated: ManualVoucher = { ...v, isReversed: true };
  putVoucher(t, updated, at);
  t.counters.vouchersReversed++;
  return ok(updated);
}

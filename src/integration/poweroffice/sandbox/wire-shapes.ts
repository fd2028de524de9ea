import { DebtCollectionCaseStatus, DebtCollectionStatus, VoucherType, enumToWire, kidKey, type SerializationMode } from "./enums.js";
import type { Customer, DebtCase, Invoice, LedgerEntry, ManualVoucher } from "./model.js";
import { decimal, formatDate, formatTimestamp } from "./wire-values.js";

/**
 * The response shapes, property for property as the route pages show them. Undefined properties
 * are dropped by the JSON writer ("only non-null properties are returned"). The KID is `cID` or
 * `cid` and enums numbers or names, by serialization mode (enums.ts).
 */

/** DebtCollectionInvoice (route_get_debtcollection_invoices_availableinvoices_.md). */
export function wireInvoice(inv: Invoice, mode: SerializationMode): Record<string, unknown> {
  const r = inv.lastReminder;
  return {
    id: inv.id,
    customerCode: inv.customerCode,
    invoiceDate: formatDate(inv.invoiceDate),
    invoiceNo: inv.invoiceNo,
    dueDate: formatDate(inv.dueDate),
    originalAmount: decimal(inv.amountMinor),
    remainingAmount: decimal(inv.remainingMinor),
    currencyCode: inv.currencyCode,
    [kidKey(mode)]: inv.cid,
    lastChanged: formatTimestamp(inv.lastChanged),
    lastReminderSentDate: r && formatDate(r.sentDate),
    lastReminderDueDate: r && formatDate(r.dueDate),
    lastReminderVoucherType: r && enumToWire(VoucherType, r.voucherType, mode),
    lastReminderEmailAddress: r?.emailAddress,
    invoiceEmailAddress: inv.invoiceEmailAddress,
    externalImportReference: inv.externalImportReference,
    // Sandbox invoices are in the client's currency, so the posted amount is the original amount.
    originalPostedAmount: decimal(inv.amountMinor),
  };
}

/** DebtCollectionCase (route_get_debtcollection__id__.md). */
export function wireCase(c: DebtCase, invoices: readonly Invoice[], mode: SerializationMode): Record<string, unknown> {
  return {
    id: c.id,
    code: c.code,
    status: enumToWire(DebtCollectionCaseStatus, c.status, mode),
    invoices: invoices.map((i) => wireInvoice(i, mode)),
    externalCaseUrl: c.externalCaseUrl,
    balanceAgency: decimal(c.balanceAgencyMinor),
    lastChanged: formatTimestamp(c.lastChanged),
    invoiceLastChanged: formatTimestamp(invoiceLastChanged(c, invoices)),
  };
}

/** type_debtcollectioncase.md InvoiceLastChanged: "the latest updated invoice attached to this case". */
export function invoiceLastChanged(c: DebtCase, invoices: readonly Invoice[]): number {
  return invoices.reduce((max, i) => Math.max(max, i.lastChanged), invoices.length === 0 ? c.lastChanged : 0);
}

/** DebtCollectionInvoiceMatch (route_get_debtcollection_matcheditems__debtcollectioninvoiceid__.md). */
export function wireMatch(e: LedgerEntry, mode: SerializationMode): Record<string, unknown> {
  return {
    id: e.id,
    customerCode: e.customerCode,
    voucherDate: formatDate(e.voucherDate),
    postingDate: formatDate(e.postingDate),
    voucherNo: e.voucherNo,
    voucherType: enumToWire(VoucherType, e.voucherType, mode),
    amount: decimal(e.amountMinor),
    currencyAmount: decimal(e.amountMinor),
    currencyCode: "NOK",
    [kidKey(mode)]: e.cid,
    importedVoucherNo: e.importedVoucherNo,
    voucherId: e.voucherId,
    isWriteOff: e.isWriteOff,
    lastChanged: formatTimestamp(e.lastChanged),
    externalImportReference: e.externalImportReference,
    isNoteMainEntry: false,
    matchId: e.matchId,
    // type_customerledgerentry.md: "Only present on OCR vouchers".
    paidFromAccount: e.voucherType === VoucherType.IncomingOcrGiro ? e.paidFromBankAccount : undefined,
  };
}

/** CustomerLedgerEntry (route_get_reporting_customerledger__todate__todate_.md). */
export function wireLedgerEntry(e: LedgerEntry, invoice: Invoice | undefined, applicationKey: string, mode: SerializationMode): Record<string, unknown> {
  const dc = invoice && invoice.dcStatus !== DebtCollectionStatus.None ? invoice : undefined;
  return {
    customerCode: e.customerCode,
    hasVoucherDocumentation: false,
    isWriteOff: e.isWriteOff,
    paidFromBankAccount: e.voucherType === VoucherType.IncomingOcrGiro ? e.paidFromBankAccount : undefined,
    id: e.id,
    postingDate: formatDate(e.postingDate),
    dueDate: e.dueDate === undefined ? undefined : formatDate(e.dueDate),
    voucherNo: e.voucherNo,
    currencyCode: "NOK",
    currencyAmount: decimal(e.amountMinor),
    amount: decimal(e.amountMinor),
    balance: decimal(e.balanceMinor),
    voucherId: e.voucherId,
    voucherDate: formatDate(e.voucherDate),
    voucherType: enumToWire(VoucherType, e.voucherType, mode),
    documentNo: e.documentNo,
    matchId: e.matchId,
    [kidKey(mode)]: e.cid,
    lastChanged: formatTimestamp(e.lastChanged),
    createdDate: formatTimestamp(e.createdAt),
    externalImportReference: e.externalImportReference,
    customMatchingReference: e.customMatchingReference,
    isCreatedByCurrentIntegration: e.createdByApplicationKey === applicationKey,
    invoiceDebtCollectionStatus: dc && enumToWire(DebtCollectionStatus, dc.dcStatus, mode),
    debtCollectionCaseCode: dc?.debtCollectionCode,
    debtCollectionCaseId: dc?.caseId,
    reversedVoucherNo: e.reversedVoucherNo,
    isReversed: e.isReversed,
  };
}

/** Customer (route_get_customer__id__.md): name, address, org number or birth date, e-mail, phone. */
export function wireCustomer(c: Customer): Record<string, unknown> {
  const a = c.mailAddress;
  return {
    invoiceEmailAddress: c.invoiceEmailAddress,
    transferToDebtCollectionAgency: c.transferToDebtCollectionAgency,
    customerCreatedDate: formatTimestamp(c.createdAt),
    name: c.name,
    legalName: c.isPerson ? undefined : c.name,
    vatNumber: c.organizationNumber,
    since: formatDate(Math.floor(c.createdAt / 86_400_000)),
    isPerson: c.isPerson,
    currencyCode: "NOK",
    isActive: true,
    id: c.id,
    code: c.code,
    mailAddress: a && {
      city: a.city,
      zipCode: a.zipCode,
      address1: a.address1,
      address2: a.address2,
      countryCode: a.countryCode,
      lastChanged: formatTimestamp(c.lastChanged),
      id: c.id,
      isPrimary: true,
    },
    emailAddress: c.emailAddress,
    phoneNumber: c.phoneNumber,
    isArchived: false,
    lastChanged: formatTimestamp(c.lastChanged),
    createdDate: formatTimestamp(c.createdAt),
    firstName: c.firstName,
    lastName: c.lastName,
    dateOfBirth: c.dateOfBirth === undefined ? undefined : formatDate(c.dateOfBirth),
  };
}

/** ManualJournalVoucher (route_post_voucher_manualjournalvoucher_.md response). */
export function wireVoucher(v: ManualVoucher, mode: SerializationMode): Record<string, unknown> {
  return {
    description: v.description,
    lines: v.lines.map((l) => ({
      date: formatDate(l.date),
      currencyCode: l.currencyCode,
      [kidKey(mode)]: l.cid,
      customMatchingReference: l.customMatchingReference,
      id: l.id,
      amount: decimal(l.amountMinor),
      projectCode: l.projectCode,
      departmentCode: l.departmentCode,
      accountCode: l.accountCode,
      vatCode: l.vatCode,
      description: l.description,
      externalImportLineReference: l.externalImportLineReference,
    })),
    id: v.id,
    voucherDate: formatDate(v.voucherDate),
    voucherNo: v.voucherNo,
    importedVoucherNo: v.importedVoucherNo,
    projectCode: v.projectCode,
    departmentCode: v.departmentCode,
    currencyCode: v.currencyCode,
    createdDate: formatTimestamp(v.createdAt),
    isReversed: v.isReversed,
    externalImportReference: v.externalImportReference,
    hasImportedDocumentation: false,
  };
}

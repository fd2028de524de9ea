import { DebtCollectionCaseStatus, DebtCollectionStatus, VoucherType } from "./enums.js";
import type { Customer, DebtCase, Invoice, LedgerEntry, ManualVoucher } from "./model.js";
import type { EntitySchema, FieldDef, FieldType, FieldValue } from "./odata-query.js";
import { invoiceLastChanged } from "./wire-shapes.js";

/**
 * The filterable properties of each entity, in PascalCase (filtering.md: "All properties returned
 * for a data object can be filtered"). Dates read as epoch ms at UTC midnight ("date" = DateTime),
 * LastChanged/Created as "datetimeoffset"; money as decimal numbers, only ever compared.
 */
const DAY = 86_400_000;
const money = (minor: number | undefined) => (minor === undefined ? undefined : minor / 100);
const day = (epochDay: number | undefined) => (epochDay === undefined ? undefined : epochDay * DAY);
const f = <T>(type: FieldType, get: (row: T) => FieldValue): FieldDef<T> => ({ type, get });

/** DebtCollectionInvoice */
export const invoiceSchema: EntitySchema<Invoice> = {
  Id: f("guid", (i) => i.id),
  CustomerCode: f("number", (i) => i.customerCode),
  InvoiceDate: f("date", (i) => day(i.invoiceDate)),
  InvoiceNo: f("number", (i) => i.invoiceNo),
  DueDate: f("date", (i) => day(i.dueDate)),
  OriginalAmount: f("number", (i) => money(i.amountMinor)),
  RemainingAmount: f("number", (i) => money(i.remainingMinor)),
  CurrencyCode: f("string", (i) => i.currencyCode),
  CID: f("string", (i) => i.cid),
  LastChanged: f("datetimeoffset", (i) => i.lastChanged),
  LastReminderSentDate: f("date", (i) => day(i.lastReminder?.sentDate)),
  LastReminderDueDate: f("date", (i) => day(i.lastReminder?.dueDate)),
  LastReminderVoucherType: f({ enum: VoucherType }, (i) => i.lastReminder?.voucherType),
  LastReminderEmailAddress: f("string", (i) => i.lastReminder?.emailAddress),
  InvoiceEmailAddress: f("string", (i) => i.invoiceEmailAddress),
  ExternalImportReference: f("string", (i) => i.externalImportReference),
  OriginalPostedAmount: f("number", (i) => money(i.amountMinor)),
};

export interface CaseRow {
  readonly c: DebtCase;
  readonly invoices: readonly Invoice[];
}

/** DebtCollectionCase */
export const caseSchema: EntitySchema<CaseRow> = {
  Id: f("guid", (r) => r.c.id),
  Code: f("string", (r) => r.c.code),
  Status: f({ enum: DebtCollectionCaseStatus }, (r) => r.c.status),
  ExternalCaseUrl: f("string", (r) => r.c.externalCaseUrl),
  BalanceAgency: f("number", (r) => money(r.c.balanceAgencyMinor)),
  LastChanged: f("datetimeoffset", (r) => r.c.lastChanged),
  InvoiceLastChanged: f("datetimeoffset", (r) => invoiceLastChanged(r.c, r.invoices)),
};

export interface LedgerRow {
  readonly e: LedgerEntry;
  readonly invoice: Invoice | undefined;
}

/** CustomerLedgerEntry */
export const ledgerEntrySchema: EntitySchema<LedgerRow> = {
  Id: f("number", (r) => r.e.id),
  CustomerCode: f("number", (r) => r.e.customerCode),
  IsWriteOff: f("boolean", (r) => r.e.isWriteOff),
  PostingDate: f("date", (r) => day(r.e.postingDate)),
  DueDate: f("date", (r) => day(r.e.dueDate)),
  VoucherNo: f("number", (r) => r.e.voucherNo),
  CurrencyCode: f("string", () => "NOK"),
  CurrencyAmount: f("number", (r) => money(r.e.amountMinor)),
  Amount: f("number", (r) => money(r.e.amountMinor)),
  Balance: f("number", (r) => money(r.e.balanceMinor)),
  VoucherId: f("guid", (r) => r.e.voucherId),
  VoucherDate: f("date", (r) => day(r.e.voucherDate)),
  VoucherType: f({ enum: VoucherType }, (r) => r.e.voucherType),
  DocumentNo: f("string", (r) => r.e.documentNo),
  MatchId: f("number", (r) => r.e.matchId),
  CID: f("string", (r) => r.e.cid),
  LastChanged: f("datetimeoffset", (r) => r.e.lastChanged),
  CreatedDate: f("datetimeoffset", (r) => r.e.createdAt),
  ExternalImportReference: f("string", (r) => r.e.externalImportReference),
  CustomMatchingReference: f("string", (r) => r.e.customMatchingReference),
  InvoiceDebtCollectionStatus: f({ enum: DebtCollectionStatus }, (r) => r.invoice?.dcStatus),
  DebtCollectionCaseCode: f("string", (r) => r.invoice?.debtCollectionCode),
  DebtCollectionCaseId: f("guid", (r) => r.invoice?.caseId),
  ReversedVoucherNo: f("number", (r) => r.e.reversedVoucherNo),
  IsReversed: f("boolean", (r) => r.e.isReversed),
};

/** Customer */
export const customerSchema: EntitySchema<Customer> = {
  Id: f("number", (c) => c.id),
  Code: f("number", (c) => c.code),
  Name: f("string", (c) => c.name),
  VatNumber: f("string", (c) => c.organizationNumber),
  IsPerson: f("boolean", (c) => c.isPerson),
  FirstName: f("string", (c) => c.firstName),
  LastName: f("string", (c) => c.lastName),
  DateOfBirth: f("date", (c) => day(c.dateOfBirth)),
  EmailAddress: f("string", (c) => c.emailAddress),
  InvoiceEmailAddress: f("string", (c) => c.invoiceEmailAddress),
  PhoneNumber: f("string", (c) => c.phoneNumber),
  TransferToDebtCollectionAgency: f("boolean", (c) => c.transferToDebtCollectionAgency),
  Since: f("date", (c) => Math.floor(c.createdAt / DAY) * DAY),
  LastChanged: f("datetimeoffset", (c) => c.lastChanged),
  CreatedDate: f("datetimeoffset", (c) => c.createdAt),
  "MailAddress/City": f("string", (c) => c.mailAddress?.city),
  "MailAddress/ZipCode": f("string", (c) => c.mailAddress?.zipCode),
  "MailAddress/CountryCode": f("string", (c) => c.mailAddress?.countryCode),
};

/** ManualJournalVoucher (type_manualjournalvoucher.md) */
export const voucherSchema: EntitySchema<ManualVoucher> = {
  Id: f("guid", (v) => v.id),
  VoucherNo: f("number", (v) => v.voucherNo),
  VoucherDate: f("date", (v) => day(v.voucherDate)),
  Description: f("string", (v) => v.description),
  CurrencyCode: f("string", (v) => v.currencyCode),
  ExternalImportReference: f("string", (v) => v.externalImportReference),
  ImportedVoucherNo: f("number", (v) => v.importedVoucherNo),
  ProjectCode: f("string", (v) => v.projectCode),
  DepartmentCode: f("string", (v) => v.departmentCode),
  IsReversed: f("boolean", (v) => v.isReversed),
  CreatedDate: f("datetimeoffset", (v) => v.createdAt),
};

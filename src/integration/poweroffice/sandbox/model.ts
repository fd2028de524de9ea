import type { DebtCollectionCaseStatusValue, DebtCollectionStatusValue } from "./enums.js";

/**
 * The sandbox's own records of one PowerOffice Go client (poweroffice.md §6: customers, invoices,
 * cases, ledger entries, vouchers, the isActive flag). Money is integer øre (`…Minor`), calendar
 * dates are epoch days, instants are epoch milliseconds. Records are replaced, never mutated, so
 * that the replica (table.ts) can serve older versions.
 */

export interface ClientConfig {
  readonly applicationKey: string;
  readonly clientKey: string;
  readonly clientName: string;
  readonly organizationNumber: string;
  /** Privileges granted to the integration on this client, e.g. "DebtCollection". */
  readonly privileges: readonly string[];
  /** Active Go subscriptions (Type_ClientIntegrationInformation.md), e.g. "Accounting". */
  readonly subscriptions: readonly string[];
  readonly clientId: string;
  readonly userId: string;
}

export interface Address {
  readonly address1: string;
  readonly address2?: string;
  readonly zipCode: string;
  readonly city: string;
  readonly countryCode: string;
}

export interface Customer {
  readonly id: number;
  readonly code: number;
  readonly name: string;
  readonly isPerson: boolean;
  readonly firstName?: string;
  readonly lastName?: string;
  /** Organisasjonsnummer of a business; POGO carries it as `vatNumber`. */
  readonly organizationNumber?: string;
  readonly dateOfBirth?: number;
  readonly emailAddress?: string;
  readonly invoiceEmailAddress?: string;
  readonly phoneNumber?: string;
  readonly mailAddress?: Address;
  /** route_get_customer__id__.md `transferToDebtCollectionAgency`: false = "do not transfer". */
  readonly transferToDebtCollectionAgency: boolean;
  readonly createdAt: number;
  readonly lastChanged: number;
}

export interface ReminderInfo {
  readonly sentDate: number;
  readonly dueDate: number;
  /** 71 OutgoingPaymentReminder or 72 OutgoingNoticeOfDebtCollection. */
  readonly voucherType: number;
  readonly emailAddress?: string;
}

export interface Invoice {
  readonly id: string;
  readonly customerCode: number;
  readonly invoiceNo: number;
  readonly invoiceDate: number;
  readonly dueDate: number;
  readonly amountMinor: number;
  readonly remainingMinor: number;
  readonly currencyCode: string;
  readonly cid: string;
  readonly dcStatus: DebtCollectionStatusValue;
  readonly caseId?: string;
  /** The agency's case number stamped on the invoice (changelog 2.10 DebtCollectionCode). */
  readonly debtCollectionCode?: string;
  readonly invoiceEmailAddress?: string;
  readonly externalImportReference?: string;
  readonly lastReminder?: ReminderInfo;
  /** The invoice's own entry in the customer sub-ledger. */
  readonly ledgerEntryId: number;
  readonly createdAt: number;
  readonly lastChanged: number;
}

export interface StatusUpdate {
  readonly statusText: string;
  readonly isCaseClosed: boolean;
  readonly balanceAgencyMinor?: number;
  readonly at: number;
}

export interface DebtCase {
  readonly id: string;
  readonly code: string;
  readonly status: DebtCollectionCaseStatusValue;
  readonly invoiceIds: readonly string[];
  readonly externalCaseUrl?: string;
  readonly balanceAgencyMinor: number;
  readonly statusText?: string;
  readonly createdAt: number;
  readonly lastChanged: number;
}

/** A customer sub-ledger entry (type_customerledgerentry.md). */
export interface LedgerEntry {
  readonly id: number;
  readonly customerCode: number;
  readonly voucherId: string;
  readonly voucherNo: number;
  readonly voucherType: number;
  readonly voucherDate: number;
  readonly postingDate: number;
  readonly dueDate?: number;
  readonly amountMinor: number;
  /** What is still open on this entry after matching. */
  readonly balanceMinor: number;
  readonly cid?: string;
  readonly documentNo?: string;
  readonly matchId?: number;
  readonly isWriteOff: boolean;
  readonly isReversed: boolean;
  /** On a reversal entry: the entry it reverses. */
  readonly reversesEntryId?: number;
  readonly reversedVoucherNo?: number;
  readonly invoiceId?: string;
  readonly externalImportReference?: string;
  readonly customMatchingReference?: string;
  readonly paidFromBankAccount?: string;
  readonly importedVoucherNo?: number;
  readonly createdByApplicationKey?: string;
  readonly createdAt: number;
  readonly lastChanged: number;
}

export interface VoucherLine {
  readonly id: number;
  readonly date: number;
  readonly accountCode: number;
  readonly amountMinor: number;
  readonly cid?: string;
  readonly customMatchingReference?: string;
  readonly vatCode?: string;
  readonly description?: string;
  readonly externalImportLineReference?: string;
  readonly projectCode?: string;
  readonly departmentCode?: string;
  readonly currencyCode?: string;
  /** The sub-ledger entry this line created, when accountCode is a customer code. */
  readonly ledgerEntryId?: number;
}

/** A ManualJournalVoucher posted through the API (type_manualjournalvoucher.md). */
export interface ManualVoucher {
  readonly id: string;
  readonly voucherNo: number;
  readonly voucherDate: number;
  readonly description?: string;
  readonly currencyCode: string;
  readonly externalImportReference?: string;
  readonly importedVoucherNo?: number;
  readonly projectCode?: string;
  readonly departmentCode?: string;
  readonly lines: readonly VoucherLine[];
  readonly isReversed: boolean;
  readonly createdByApplicationKey: string;
  readonly createdAt: number;
}

export interface TenantSettings {
  /** route_get_debtcollection_isactivedebtcollection_.md */
  readonly isActiveDebtCollection: boolean;
}

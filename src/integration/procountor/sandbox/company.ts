/**
 * One Procountor company (environment) as the sandbox keeps it: business partners, sales
 * invoices with their payment events, reference payments, ledger receipts and the collection
 * settings. Field names and enums are Procountor's (REST API reference, models Invoice,
 * PaymentEvent, ReferencePayment, LedgerReceipt, BusinessPartner, CollectionsAndPenalExpenses).
 * Amounts are kept in minor units and written as decimals only on the wire (routes.ts).
 *
 * `version` is Procountor's: "version timestamp, automatically generated and updated every time
 * the record is modified"; PUT/PATCH must carry the latest one. The sandbox stamps from the
 * injected clock and keeps stamps strictly increasing, so two changes in one millisecond still
 * differ.
 */
export type InvoiceStatus =
  | "EMPTY" | "UNFINISHED" | "NOT_SENT" | "SENT" | "RECEIVED" | "PAID" | "PAYMENT_DENIED" | "VERIFIED" | "APPROVED" | "INVALIDATED"
  | "PAYMENT_QUEUED" | "PARTLY_PAID" | "PAYMENT_SENT_TO_BANK" | "MARKED_PAID" | "STARTED" | "INVOICED" | "OVERRIDDEN" | "DELETED"
  | "UNSAVED" | "PAYMENT_TRANSACTION_REMOVED";

export const INVOICE_STATUSES: readonly InvoiceStatus[] = [
  "EMPTY", "UNFINISHED", "NOT_SENT", "SENT", "RECEIVED", "PAID", "PAYMENT_DENIED", "VERIFIED", "APPROVED", "INVALIDATED",
  "PAYMENT_QUEUED", "PARTLY_PAID", "PAYMENT_SENT_TO_BANK", "MARKED_PAID", "STARTED", "INVOICED", "OVERRIDDEN", "DELETED",
  "UNSAVED", "PAYMENT_TRANSACTION_REMOVED",
];

/** PaymentEvent.type (a subset of the 23 values the reference lists; all are accepted on read). */
export type PaymentEventType = "REFERENCEPAYMENT" | "BANKSTATEMENT" | "CASH" | "CREDITLOSS" | "CORRECTION" | "COMPENSATIONINVOICE" | "SETOFF" | "ELSEWHERE" | "JOURNAL_TO_INVOICE";

export type InvoiceChannel = "EMAIL" | "MAIL" | "ELECTRONIC_INVOICE" | "EDIFACT" | "PAPER_INVOICE" | "NO_SENDING";

export interface Address {
  readonly name?: string;
  readonly street?: string;
  readonly zip?: string;
  readonly city?: string;
  /** Procountor writes countries as names: "SWEDEN", "NORWAY", "FINLAND". */
  readonly country?: string;
}

export interface Partner {
  readonly id: number;
  name: string;
  readonly type: "CUSTOMER" | "SUPPLIER" | "PERSON";
  address: Address | undefined;
  customerNumber: string;
  /** Organisationsnummer or personnummer (InvoicingInfo.identifier). */
  identifier: string | undefined;
  identifierType: "BUSINESS_ID" | "PERSONAL_ID" | undefined;
  email: string | undefined;
  phone: string | undefined;
  groups: { id: number; name: string }[];
  active: boolean;
  version: string;
}

export interface InvoiceRow {
  readonly product: string;
  readonly quantity: number;
  readonly unitPriceMinor: number;
  readonly comment?: string;
}

export interface Invoice {
  readonly id: number;
  readonly partnerId: number | undefined;
  readonly invoiceNumber: number;
  readonly originalInvoiceNumber: string | undefined;
  status: InvoiceStatus;
  readonly date: string;
  readonly dueDate: string;
  newDueDate: string | undefined;
  readonly currency: string;
  readonly sumMinor: number;
  readonly counterParty: { name: string; identifier?: string; customerNumber?: string; email?: string; address: Address };
  readonly bankReferenceCode: string;
  readonly bankReferenceCodeType: "OCR" | "RF";
  readonly invoiceChannel: InvoiceChannel;
  readonly rows: readonly InvoiceRow[];
  readonly additionalInformation: string | undefined;
  /** Seller's notes: not visible on the invoice (Invoice.notes). */
  notes: string;
  readonly factoringContractId: number | undefined;
  readonly ledgerReceiptId: number;
  readonly created: string;
  version: string;
}

export interface PaymentEvent {
  readonly id: number;
  readonly invoiceId: number;
  readonly type: PaymentEventType;
  readonly paymentDate: string;
  readonly status: "PAID";
  /** Positive: takes the amount off the invoice. A negative CORRECTION puts it back. */
  readonly amountMinor: number;
  readonly currency: string;
  readonly description: string;
}

export interface ReferencePayment {
  readonly id: number;
  readonly accountNumber: string;
  readonly valueDate: string;
  readonly paymentDate: string;
  readonly sumMinor: number;
  readonly name: string;
  readonly bankReference: string;
  readonly archiveId: string;
  readonly allocated: boolean;
  readonly invoiceId: number | undefined;
}

export interface Transaction {
  readonly id: number;
  readonly transactionType: "ENTRY" | "RECONCILIATION_ENTRY" | "REVERSING_ENTRY";
  readonly account: string;
  readonly accountingValueMinor: number;
  readonly vatPercent: number;
  readonly description: string | undefined;
  readonly partnerId: number | undefined;
}

export interface LedgerReceipt {
  readonly id: number;
  readonly type: "JOURNAL" | "SALES_INVOICE" | "REFERENCE_PAYMENT";
  status: "UNFINISHED" | "APPROVED" | "INVALIDATED";
  name: string;
  readonly receiptDate: string;
  readonly vatType: "PURCHASE" | "SALES";
  readonly vatStatus: number;
  readonly invoiceId: number | undefined;
  readonly receiptNumber: number;
  readonly partnerId: number | undefined;
  accountantsNotes: string | undefined;
  transactions: Transaction[];
  readonly created: string;
  version: string;
}

/** GET /company/expenses/collectionpenal/settings (CollectionsAndPenalExpenses). */
export interface CollectionSettings {
  useAutomaticHandling: boolean;
  penalInterestDateMargin: number;
  minimumPenalInterestSum: number;
  defaultSalesInvoiceInterest: number;
  defaultSalesInvoicePaymentTerms: number;
  /** Empty when the company has chosen no collection partner. */
  collectionPartner: string;
}

/** The company's own basic data (GET /company), for the activation check. */
export interface CompanyInfo {
  readonly id: number;
  name: string;
  businessId: string;
  address: Address | undefined;
  contactEmail: string | undefined;
  bankAccounts: { accountNumber: string; bic: string | undefined; active: boolean }[];
}

/** The accounts the sandbox's chart knows (BAS 2024, a subset); a journal on another is refused. */
export const BAS_ACCOUNTS: ReadonlySet<string> = new Set(["1510", "1512", "1513", "1930", "1940", "2440", "2641", "3010", "3740", "6570", "6991", "7770", "8310", "8313"]);

export interface Counters {
  journalsPosted: number;
  notesWritten: number;
  /** Writes refused for a stale version. */
  staleRefused: number;
}

export interface Company {
  readonly apiKey: string;
  readonly info: CompanyInfo;
  readonly settings: CollectionSettings;
  readonly partners: Map<number, Partner>;
  readonly invoices: Map<number, Invoice>;
  readonly paymentEvents: Map<number, PaymentEvent[]>;
  readonly referencePayments: ReferencePayment[];
  readonly receipts: Map<number, LedgerReceipt>;
  readonly counters: Counters;
  nextId(): number;
  /** A fresh version stamp (strictly after every earlier one). */
  stamp(): string;
  now(): Date;
  /** The last id handed out and the last version stamp (ms), for a saved copy of the company (snapshot.ts). */
  cursor(): { lastId: number; lastStamp: number };
  /** Continues after a saved cursor: later ids and stamps come after it. */
  resume(c: { lastId: number; lastStamp: number }): void;
}

export function createCompany(apiKey: string, info: Omit<CompanyInfo, "id">, clock: { now(): Date }, firstId: number): Company {
  let id = firstId;
  let last = 0;
  return {
    apiKey,
    info: { id: firstId, ...info },
    settings: { useAutomaticHandling: false, penalInterestDateMargin: 0, minimumPenalInterestSum: 0, defaultSalesInvoiceInterest: 8, defaultSalesInvoicePaymentTerms: 30, collectionPartner: "" },
    partners: new Map(),
    invoices: new Map(),
    paymentEvents: new Map(),
    referencePayments: [],
    receipts: new Map(),
    counters: { journalsPosted: 0, notesWritten: 0, staleRefused: 0 },
    nextId: () => ++id,
    stamp: () => {
      last = Math.max(clock.now().getTime(), last + 1);
      return new Date(last).toISOString();
    },
    now: () => clock.now(),
    cursor: () => ({ lastId: id, lastStamp: last }),
    resume: (c) => {
      id = Math.max(id, c.lastId);
      last = Math.max(last, c.lastStamp);
    },
  };
}

/** What is still open of an invoice: its sum minus its payment events (Procountor keeps no balance). */
export function openMinor(company: Company, invoice: Invoice): number {
  return invoice.sumMinor - (company.paymentEvents.get(invoice.id) ?? []).reduce((s, e) => s + e.amountMinor, 0);
}

import { LocalDate } from "../../../domain/calendar/local-date.js";
import { LedgerError, type CustomerLedgerItem, type LedgerCustomer, type LedgerInvoice, type LedgerMatchedItem } from "../../ledger-connector.js";
import { AGENCY_VOUCHER_PREFIX } from "../../sync/ledger-payments.js";
import { schemaViolations } from "../openapi.js";

/**
 * Visma.net's answers (CustomerInvoiceDto, CustomerDto, PaymentDto, ArAdjustDto) as the ledger
 * port's values. Each row is checked against its schema first, so a row that breaks it is set
 * aside with the field named, and the rest of the page is read.
 */
export interface WireDebtCollection {
  readonly caseNumber?: string;
  readonly caseType?: string;
  readonly caseStatus?: string;
  readonly caseUrl?: string;
}

export interface WireApplication {
  readonly docType?: string;
  readonly refNbr?: string;
  readonly amountPaid?: number;
  readonly paymentRef?: string;
  readonly applicationDate?: string;
  readonly voided?: boolean;
}

export interface WireInvoice {
  readonly referenceNumber: string;
  readonly customer?: { number?: string };
  readonly documentDate?: string;
  readonly documentDueDate?: string;
  readonly status?: string;
  readonly currencyId?: string;
  readonly amount?: number;
  readonly balance?: number;
  readonly paymentReference?: string;
  readonly dunningLetterLevel?: number;
  readonly dunningLetterDate?: string;
  readonly excludeDebtCollection?: boolean;
  readonly debtCollection?: WireDebtCollection;
  readonly lastModifiedDateTime?: string;
  readonly applications?: readonly WireApplication[];
}

/** The days a dunning letter gives (Visma.net's default dunning setup: UNCERTAIN, configurable per company). */
export const DUNNING_LETTER_DAYS = 14;

export function checked<T>(schema: string, row: unknown, where: string): T {
  const violations = schemaViolations(schema, row);
  if (violations.length > 0) {
    throw new LedgerError("invalid", `${where}: breaks Visma's ${schema}: ${violations.slice(0, 5).map((v) => v.message).join("; ")}`, { retryable: false, response: { status: 200, body: JSON.stringify(row).slice(0, 20_000) }, vendorCode: "SchemaViolation" });
  }
  return row as T;
}

export function minor(value: number | undefined, field: string): number {
  if (value === undefined) throw new LedgerError("invalid", `${field} is missing`, { retryable: false });
  return Math.round(value * 100);
}

export function dateOf(text: string | undefined, field: string): LocalDate {
  if (!text || !/^\d{4}-\d{2}-\d{2}/.test(text)) throw new LedgerError("invalid", `${field}: "${text ?? ""}" is not a date`, { retryable: false });
  return LocalDate.parse(text.slice(0, 10));
}

/** Visma writes instants without an offset; read as UTC (UNCERTAIN: may be the company's time zone). */
export function instantOf(text: string | undefined): Date | null {
  if (!text) return null;
  const t = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(text) ? text : `${text}Z`);
  return Number.isNaN(t) ? null : new Date(t);
}

/** The wire form for the `lastModifiedDateTime` filter (yyyy-MM-ddTHH:mm:ss.FFF, UTC). */
export function filterInstant(d: Date): string {
  return d.toISOString().slice(0, 23);
}

export function readInvoice(row: WireInvoice): LedgerInvoice {
  const customerRef = row.customer?.number;
  if (!customerRef) throw new LedgerError("invalid", `invoice ${row.referenceNumber}: customer.number is missing`, { retryable: false });
  const level = row.dunningLetterLevel ?? 0;
  const letterOn = level > 0 && row.dunningLetterDate ? dateOf(row.dunningLetterDate, "dunningLetterDate") : null;
  return {
    id: row.referenceNumber,
    customerRef,
    invoiceNumber: row.referenceNumber,
    invoiceDate: dateOf(row.documentDate, `invoice ${row.referenceNumber} documentDate`),
    dueDate: row.documentDueDate ? dateOf(row.documentDueDate, `invoice ${row.referenceNumber} documentDueDate`) : null,
    currency: row.currencyId ?? "NOK",
    amountMinor: minor(row.amount, `invoice ${row.referenceNumber} amount`),
    openMinor: minor(row.balance, `invoice ${row.referenceNumber} balance`),
    kid: row.paymentReference || null,
    lastChanged: instantOf(row.lastModifiedDateTime),
    // Visma.net's dunning letters are reminders (purring); the level says how many were sent.
    lastLetter: letterOn ? { kind: "reminder", sentOn: letterOn, dueOn: letterOn.plusDays(DUNNING_LETTER_DAYS) } : null,
    excludeFromDunning: row.excludeDebtCollection === true,
    dunningLevel: level,
  };
}

interface WireCustomer {
  readonly number: string;
  readonly name?: string;
  readonly corporateId?: string;
  readonly mainAddress?: { addressLine1?: string; addressLine2?: string; postalCode?: string; city?: string; country?: { id?: string } };
  readonly mainContact?: { email?: string; phone1?: string };
  readonly excludeDebtCollection?: boolean;
  readonly customerClass?: { id?: string };
}

/**
 * Visma.net has no person flag: a customer without an organisation number (`corporateId`) is
 * read as a person (UNCERTAIN for sole proprietors registered without one).
 */
export function readCustomer(row: unknown): LedgerCustomer {
  const c = checked<WireCustomer>("CustomerDto", row, "customer");
  const a = c.mainAddress;
  const address = a?.addressLine1 && a.postalCode && a.city ? { line1: a.addressLine1, ...(a.addressLine2 ? { line2: a.addressLine2 } : {}), postcode: a.postalCode, city: a.city, country: a.country?.id ?? "NO" } : null;
  return {
    ref: c.number,
    name: c.name ?? "",
    isPerson: !c.corporateId,
    orgNumber: c.corporateId ?? null,
    birthDate: null,
    email: c.mainContact?.email ?? null,
    phone: c.mainContact?.phone1 ?? null,
    address,
    doNotTransfer: c.excludeDebtCollection === true,
    ...(c.customerClass?.id ? { groups: [c.customerClass.id] } : {}),
  };
}

/** An application on an invoice: a payment or a credit note that took `amountPaid` off it. */
export function readApplication(invoice: WireInvoice, a: WireApplication, currency: string): LedgerMatchedItem {
  if (!a.refNbr || a.docType === undefined) throw new LedgerError("invalid", `invoice ${invoice.referenceNumber}: an application without refNbr or docType`, { retryable: false });
  const kind = a.docType === "CreditNote" || a.docType === "CreditMemo" ? "credit-note" : a.docType === "Payment" || a.docType === "Prepayment" ? "payment" : a.docType === "VoidPayment" ? "reversal" : a.docType === "SmallBalanceWo" ? "write-off" : "other";
  const paid = minor(a.amountPaid, `invoice ${invoice.referenceNumber} application ${a.refNbr} amountPaid`);
  return {
    id: `${invoice.referenceNumber}:${a.docType}:${a.refNbr}`,
    kind,
    customerRef: invoice.customer?.number ?? "",
    voucherDate: dateOf(a.applicationDate, `application ${a.refNbr} applicationDate`),
    amountMinor: kind === "reversal" ? paid : -paid,
    currency,
    kid: invoice.paymentReference || null,
    voucherNo: a.refNbr,
    voucherType: a.docType,
    externalImportReference: a.paymentRef?.startsWith(AGENCY_VOUCHER_PREFIX) ? a.paymentRef : null,
    lastChanged: instantOf(invoice.lastModifiedDateTime),
  };
}

interface WirePayment {
  readonly refNbr: string;
  readonly status?: string;
  readonly applicationDate?: string;
  readonly paymentRef?: string;
  readonly customer?: { number?: string };
  readonly paymentAmount?: number;
  readonly availableBalance?: number;
  readonly paymentLines?: readonly { refNbr?: string; amountPaid?: number }[];
}

export function readPayment(row: unknown): WirePayment {
  return checked<WirePayment>("PaymentDto", row, "customer payment");
}

/** A payment we posted, as the customer-ledger items it made (one per payment line). */
export function paymentItems(p: WirePayment, kidOf: (invoiceRef: string) => string | null): CustomerLedgerItem[] {
  return (p.paymentLines ?? []).map((l, i) => ({
    id: `${p.refNbr}:${i + 1}`,
    customerRef: p.customer?.number ?? "",
    kid: l.refNbr ? kidOf(l.refNbr) : null,
    documentNo: l.refNbr ?? null,
    voucherType: "Payment",
    isInvoice: false,
    voucherId: p.refNbr,
    voucherNo: p.refNbr,
    voucherDate: dateOf(p.applicationDate, `payment ${p.refNbr} applicationDate`),
    amountMinor: -minor(l.amountPaid, `payment ${p.refNbr} amountPaid`),
    balanceMinor: 0,
    // Applied to the invoice: the application is the match.
    matchId: p.status === "Closed" && l.refNbr ? `${l.refNbr}` : null,
    isWriteOff: false,
    externalImportReference: p.paymentRef ?? null,
    caseCode: null,
  }));
}

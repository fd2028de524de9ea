import type { Customer, Doc, Journal, Payment } from "./company.js";

/**
 * The sandbox's answers in the shapes of the OpenAPI document (CustomerDto, CustomerInvoiceDto,
 * CustomerCreditNoteDto, PaymentDto, JournalTransactionDto). Amounts are decimal numbers of kroner
 * as the document has them (`number`, `double`), dates `YYYY-MM-DDT00:00:00` and instants UTC
 * without an offset, as Visma.net writes them.
 */
export interface Metadata {
  readonly totalCount: number;
  readonly maxPageSize: number;
}

export function amount(minor: number): number {
  return minor / 100;
}

export function dateTime(date: string | null): string | undefined {
  return date === null ? undefined : `${date}T00:00:00`;
}

export function instant(d: Date): string {
  return d.toISOString().replace("Z", "");
}

export function customerDto(c: Customer, metadata?: Metadata): Record<string, unknown> {
  return {
    internalId: c.internalId,
    number: c.number,
    name: c.name,
    status: c.status,
    ...(c.address
      ? { mainAddress: { addressLine1: c.address.line1, postalCode: c.address.postalCode, city: c.address.city, country: { id: c.address.country, name: c.address.country === "NO" ? "Norge" : c.address.country } } }
      : {}),
    mainContact: { name: c.name, ...(c.email ? { email: c.email } : {}), ...(c.phone ? { phone1: c.phone } : {}) },
    ...(c.corporateId ? { corporateId: c.corporateId } : {}),
    customerClass: { id: c.isPerson ? "PRIVAT" : "BEDRIFT", description: c.isPerson ? "Privatkunder" : "Bedriftskunder" },
    currencyId: "NOK",
    excludeDebtCollection: c.excludeDebtCollection,
    lastModifiedDateTime: instant(c.lastModified),
    createdDateTime: instant(c.created),
    ...(metadata ? { metadata } : {}),
  };
}

export function documentDto(d: Doc, customerName: string, o: { applications: boolean; metadata?: Metadata }): Record<string, unknown> {
  const dc = d.debtCollection;
  return {
    documentType: d.documentType,
    referenceNumber: d.referenceNumber,
    customer: { number: d.customer, name: customerName },
    documentDate: dateTime(d.documentDate),
    ...(d.dueDate ? { documentDueDate: dateTime(d.dueDate) } : {}),
    status: d.status,
    currencyId: d.currency,
    amount: amount(d.amountMinor),
    amountInCurrency: amount(d.amountMinor),
    balance: amount(d.balanceMinor),
    balanceInCurrency: amount(d.balanceMinor),
    ...(d.paymentReference ? { paymentReference: d.paymentReference } : {}),
    dunningLetterLevel: d.dunningLevel,
    ...(d.dunningLetterDate ? { dunningLetterDate: dateTime(d.dunningLetterDate) } : {}),
    ...(d.documentType === "Invoice"
      ? {
          excludeDebtCollection: d.excludeDebtCollection,
          debtCollection: Object.fromEntries(Object.entries(dc).filter(([, v]) => v !== null)),
        }
      : {}),
    invoiceText: d.invoiceText,
    hold: d.status === "Hold",
    lastModifiedDateTime: instant(d.lastModified),
    createdDateTime: instant(d.created),
    ...(o.applications
      ? {
          applications: d.applications.map((a) => ({
            docType: a.docType,
            customerCD: d.customer,
            refNbr: a.refNbr,
            amountPaid: amount(a.amountMinor),
            balance: amount(d.balanceMinor),
            released: true,
            hold: false,
            voided: false,
            ...(a.paymentRef ? { paymentRef: a.paymentRef } : {}),
            status: "Closed",
            applicationDate: dateTime(a.date),
          })),
        }
      : {}),
    ...(o.metadata ? { metadata: o.metadata } : {}),
  };
}

export function paymentDto(p: Payment, customerName: string, docs: ReadonlyMap<string, Doc>, metadata?: Metadata): Record<string, unknown> {
  return {
    type: p.type,
    refNbr: p.refNbr,
    status: p.status,
    hold: p.status === "Hold",
    applicationDate: dateTime(p.applicationDate),
    paymentRef: p.paymentRef,
    customer: { number: p.customer, name: customerName },
    cashAccount: p.cashAccount,
    currency: p.currency,
    paymentAmount: amount(p.amountMinor),
    invoiceText: p.invoiceText,
    appliedToDocuments: amount(p.amountMinor),
    availableBalance: 0,
    lastModifiedDateTime: instant(p.lastModified),
    paymentLines: p.lines.map((l) => {
      const d = docs.get(l.refNbr);
      return {
        documentType: l.documentType,
        refNbr: l.refNbr,
        amountPaid: amount(l.amountPaidMinor),
        ...(d ? { date: dateTime(d.documentDate), balance: amount(d.balanceMinor), currency: d.currency, ...(d.dueDate ? { dueDate: dateTime(d.dueDate) } : {}) } : {}),
      };
    }),
    ...(metadata ? { metadata } : {}),
  };
}

export function journalDto(j: Journal, metadata?: Metadata): Record<string, unknown> {
  const debit = j.lines.reduce((s, l) => s + l.debitMinor, 0);
  const credit = j.lines.reduce((s, l) => s + l.creditMinor, 0);
  return {
    module: "ModuleGL",
    batchNumber: j.batchNumber,
    status: j.status,
    hold: false,
    transactionDate: dateTime(j.transactionDate),
    postPeriod: `${j.transactionDate.slice(5, 7)}${j.transactionDate.slice(0, 4)}`,
    financialPeriod: `${j.transactionDate.slice(0, 4)}${j.transactionDate.slice(5, 7)}`,
    ledger: "ACTUAL",
    currencyId: j.currency,
    description: j.description,
    debitTotal: amount(debit),
    creditTotal: amount(credit),
    lastModifiedDateTime: instant(j.lastModified),
    journalTransactionLines: j.lines.map((l) => ({
      lineNumber: l.lineNumber,
      accountNumber: l.accountNumber,
      debitAmount: amount(l.debitMinor),
      creditAmount: amount(l.creditMinor),
      ...(l.referenceNumber ? { referenceNumber: l.referenceNumber } : {}),
      ...(l.description ? { transactionDescription: l.description } : {}),
      module: "ModuleGL",
    })),
    ...(metadata ? { metadata } : {}),
  };
}

import type { FastifyReply } from "fastify";
import type { Company, Invoice, LedgerReceipt, Partner, PaymentEvent, ReferencePayment } from "./company.js";

/**
 * Procountor's wire shapes: amounts as JSON decimals, dates `YYYY-MM-DD`, versions as ISO
 * timestamps, searches as `{ results, meta: { pageNumber, pageSize, resultCount, totalCount } }`
 * and errors as `ErrorMessages { errors: [{ status, field, message }] }`.
 */
export const decimal = (minor: number): number => minor / 100;

/** A wire decimal with at most two decimals, in minor units; undefined when it is not one. */
export function minorOf(value: unknown): number | undefined {
  if (typeof value !== "number" || !Number.isFinite(value)) return undefined;
  const fixed = value.toFixed(2);
  if (Number(fixed) !== value) return undefined;
  const minor = Number(fixed.replace(".", ""));
  return Number.isSafeInteger(minor) ? minor : undefined;
}

export interface WireError {
  readonly status: number;
  readonly field?: string;
  readonly message: string;
}

export function sendErrors(reply: FastifyReply, status: number, errors: readonly Omit<WireError, "status">[]): FastifyReply {
  return reply.code(status).header("content-type", "application/json").send(JSON.stringify({ errors: errors.map((e) => ({ status, ...e })) }));
}

export function sendJson(reply: FastifyReply, body: unknown, status = 200): FastifyReply {
  return reply.code(status).header("content-type", "application/json").send(JSON.stringify(body));
}

export interface Page<T> {
  readonly results: T[];
  readonly meta: { pageNumber: number; pageSize: number; resultCount: number; totalCount: number };
}

/**
 * Paging as the searches document it: `size` (default 50, at most 200), `page` (from 0),
 * `previousId` (only rows after that id in the chosen order), `orderById` (default DESC).
 */
export function pageOf<T extends { id: number }>(rows: readonly T[], q: Record<string, string | undefined>, sortKey?: (row: T) => string): Page<T> | { error: WireError } {
  const size = q["size"] === undefined ? 50 : Number(q["size"]);
  if (!Number.isInteger(size) || size < 1 || size > 200) return { error: { status: 400, field: "size", message: "Page size must be between 1 and 200" } };
  const page = q["page"] === undefined ? 0 : Number(q["page"]);
  if (!Number.isInteger(page) || page < 0) return { error: { status: 400, field: "page", message: "Page number must be zero or positive" } };
  const previousId = q["previousId"] === undefined ? undefined : Number(q["previousId"]);
  if (previousId !== undefined && !Number.isInteger(previousId)) return { error: { status: 400, field: "previousId", message: "previousId must be an integer" } };
  const byVersion = q["orderByVersion"];
  const byId = (q["orderById"] ?? "DESC").toUpperCase();
  for (const [field, v] of [["orderById", byId], ["orderByVersion", byVersion?.toUpperCase()]] as const) {
    if (v !== undefined && v !== "ASC" && v !== "DESC") return { error: { status: 400, field, message: `${field} must be ASC or DESC` } };
  }
  // Without another order, rows after `previousId` are those with a greater (ASC) or smaller (DESC) id: filtered before sorting, so paging a large company stays cheap.
  const after = previousId !== undefined && !byVersion ? rows.filter((r) => (byId === "ASC" ? r.id > previousId : r.id < previousId)) : rows;
  let sorted = [...after].sort((a, b) => (byId === "ASC" ? a.id - b.id : b.id - a.id));
  if (byVersion && sortKey) sorted = sorted.sort((a, b) => (byVersion.toUpperCase() === "ASC" ? 1 : -1) * sortKey(a).localeCompare(sortKey(b)));
  if (previousId !== undefined && byVersion) {
    const at = sorted.findIndex((r) => r.id === previousId);
    sorted = at >= 0 ? sorted.slice(at + 1) : sorted;
  }
  const results = sorted.slice(page * size, page * size + size);
  return { results, meta: { pageNumber: page, pageSize: size, resultCount: results.length, totalCount: sorted.length } };
}

export function wirePartner(p: Partner) {
  return {
    id: p.id,
    name: p.name,
    type: p.type,
    ...(p.address ? { address: { name: p.name, ...p.address } } : {}),
    billingAddress: { name: p.name, ...(p.address ?? {}) },
    invoicingInfo: { customerNumber: p.customerNumber, ...(p.identifier ? { identifier: p.identifier, identifierType: p.identifierType } : {}), ...(p.email ? { email: p.email } : {}) },
    contactPersons: [],
    paymentInfo: { paymentMethod: "BANK_TRANSFER", currency: "SEK" },
    registryInfo: { active: p.active, ...(p.phone ? { phone: p.phone } : {}), partnerGroups: p.groups.map((g) => ({ id: g.id, name: g.name, type: p.type, active: true })) },
    version: p.version,
  };
}

export function wirePartnerBasic(p: Partner) {
  const full = wirePartner(p);
  return { id: p.id, name: p.name, billingAddress: full.billingAddress, invoicingInfo: { customerNumber: p.customerNumber, ...(p.identifier ? { identifier: p.identifier, identifierType: p.identifierType } : {}) }, registryInfo: { active: p.active }, type: p.type, version: p.version };
}

function sumInfo(i: Invoice) {
  return [{ currency: i.currency, inAccountingCurrency: false, excludingVatTotal: decimal(i.sumMinor), vatSumTotal: 0, invoiceSumTotal: decimal(i.sumMinor) }];
}

export function wireInvoiceBasic(i: Invoice) {
  return {
    id: i.id,
    ...(i.partnerId === undefined ? {} : { partnerId: i.partnerId }),
    type: "SALES_INVOICE",
    status: i.status,
    invoiceNumber: i.invoiceNumber,
    ...(i.originalInvoiceNumber ? { originalInvoiceNumber: i.originalInvoiceNumber } : {}),
    invoiceChannel: i.invoiceChannel,
    date: i.date,
    dueDate: i.dueDate,
    ...(i.newDueDate ? { newDueDate: i.newDueDate } : {}),
    created: i.created,
    version: i.version,
    invoiceSumInfo: sumInfo(i),
    counterParty: { ...i.counterParty, counterPartyAddress: i.counterParty.address, address: undefined },
  };
}

export function wireInvoice(company: Company, i: Invoice) {
  return {
    id: i.id,
    ...(i.partnerId === undefined ? {} : { partnerId: i.partnerId }),
    type: "SALES_INVOICE",
    status: i.status,
    date: i.date,
    counterParty: { ...i.counterParty, counterPartyAddress: i.counterParty.address, address: undefined },
    paymentInfo: {
      paymentMethod: "BANK_TRANSFER",
      currency: i.currency,
      bankAccount: { accountNumber: company.info.bankAccounts[0]?.accountNumber ?? "", ...(company.info.bankAccounts[0]?.bic ? { bic: company.info.bankAccounts[0].bic } : {}) },
      dueDate: i.dueDate,
      ...(i.newDueDate ? { newDueDate: i.newDueDate } : {}),
      currencyRate: 1,
      bankReferenceCode: i.bankReferenceCode,
      bankReferenceCodeType: i.bankReferenceCodeType,
    },
    extraInfo: { accountingByRow: false, unitPricesIncludeVat: false },
    discountPercent: 0,
    invoiceRows: i.rows.map((r, n) => ({ id: i.id * 100 + n, product: r.product, quantity: r.quantity, unit: "PIECE", unitPrice: decimal(r.unitPriceMinor), discountPercent: 0, vatPercent: 0, ...(r.comment ? { comment: r.comment } : {}) })),
    invoiceNumber: i.invoiceNumber,
    ...(i.originalInvoiceNumber ? { originalInvoiceNumber: i.originalInvoiceNumber } : {}),
    invoiceChannel: i.invoiceChannel,
    penaltyPercent: company.settings.defaultSalesInvoiceInterest,
    language: "SWEDISH",
    ...(i.additionalInformation ? { additionalInformation: i.additionalInformation } : {}),
    ledgerReceiptId: i.ledgerReceiptId,
    notes: i.notes,
    ...(i.factoringContractId === undefined ? {} : { factoringContractId: i.factoringContractId }),
    sum: decimal(i.sumMinor),
    version: i.version,
    invoiceSumInfo: sumInfo(i),
  };
}

export function wirePaymentEvent(e: PaymentEvent) {
  return { id: e.id, invoiceId: e.invoiceId, type: e.type, paymentDate: e.paymentDate, status: e.status, amount: decimal(e.amountMinor), currency: e.currency, description: e.description, paidAmount: decimal(e.amountMinor), paidCurrency: e.currency };
}

export function wireReferencePayment(r: ReferencePayment) {
  return { id: r.id, accountNumber: r.accountNumber, valueDate: r.valueDate, paymentDate: r.paymentDate, sum: decimal(r.sumMinor), name: r.name, bankReference: r.bankReference, archiveId: r.archiveId, allocated: r.allocated, ...(r.invoiceId === undefined ? {} : { invoiceId: r.invoiceId }), allocationMetadataRows: [] };
}

export function wireReceiptBasic(r: LedgerReceipt) {
  return { id: r.id, type: r.type, status: r.status, name: r.name, receiptDate: r.receiptDate, receiptNumber: r.receiptNumber, created: r.created, version: r.version };
}

export function wireReceipt(r: LedgerReceipt) {
  return {
    ...wireReceiptBasic(r),
    vatType: r.vatType,
    vatStatus: r.vatStatus,
    ...(r.invoiceId === undefined ? {} : { invoiceId: r.invoiceId }),
    ...(r.partnerId === undefined ? {} : { partnerId: r.partnerId }),
    ...(r.accountantsNotes === undefined ? {} : { accountantsNotes: r.accountantsNotes }),
    transactions: r.transactions.map((t) => ({
      id: t.id,
      transactionType: t.transactionType,
      account: t.account,
      accountingValue: decimal(t.accountingValueMinor),
      vatPercent: t.vatPercent,
      ...(t.description ? { description: t.description } : {}),
      ...(t.partnerId === undefined ? {} : { partnerId: t.partnerId }),
    })),
  };
}

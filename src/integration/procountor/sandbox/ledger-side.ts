import { openMinor, type Address, type Company, type Invoice, type InvoiceChannel, type InvoiceRow, type Partner, type PaymentEvent, type PaymentEventType } from "./company.js";

/**
 * What the company's own users do in Procountor, for tests and the demo: register customers,
 * send invoices, receive reference payments, credit, write off, choose a collection partner.
 * Every change bumps the invoice's `version`, so the changed-since search (`versionStartDate`)
 * finds it.
 */
export interface PartnerInput {
  readonly name: string;
  readonly customerNumber: string;
  readonly isPerson?: boolean;
  readonly identifier?: string;
  readonly address?: Address;
  readonly email?: string;
  readonly phone?: string;
  readonly groups?: readonly string[];
}

export interface InvoiceInput {
  readonly partnerId?: number;
  readonly invoiceNumber: number;
  readonly originalInvoiceNumber?: string;
  readonly date: string;
  readonly dueDate: string;
  readonly sumMinor: number;
  readonly currency?: string;
  readonly channel?: InvoiceChannel;
  readonly rows?: readonly InvoiceRow[];
  readonly additionalInformation?: string;
  readonly notes?: string;
  readonly factoringContractId?: number;
  /** Default "SENT". */
  readonly status?: Invoice["status"];
}

export class SandboxLedgerError extends Error {}

export interface LedgerSide {
  readonly company: Company;
  addPartner(input: PartnerInput): Partner;
  addInvoice(input: InvoiceInput): Invoice;
  invoiceByNumber(invoiceNumber: number): Invoice;
  /** A reference payment (OCR) read from the bank and allocated to the invoice. */
  referencePayment(invoiceId: number, o: { amountMinor: number; date: string; name?: string }): PaymentEvent;
  /** A payment event of another kind: a credit note (COMPENSATIONINVOICE), credit loss, cash, correction … */
  paymentEvent(invoiceId: number, o: { type: PaymentEventType; amountMinor: number; date: string; description?: string }): PaymentEvent;
  /** The company marks the invoice paid (as PUT /invoices/{id}/paymentevents/markpaid does): a payment event, and MARKED_PAID once nothing is open. */
  markPaid(invoiceId: number, o: { amountMinor: number; date: string; description?: string }): PaymentEvent;
  setCollectionPartner(name: string): void;
}

export function createLedgerSide(company: Company): LedgerSide {
  const groupIds = new Map<string, number>();
  const side: LedgerSide = {
    company,
    addPartner(input) {
      const partner: Partner = {
        id: company.nextId(),
        name: input.name,
        type: input.isPerson ? "PERSON" : "CUSTOMER",
        address: input.address,
        customerNumber: input.customerNumber,
        identifier: input.identifier,
        identifierType: input.identifier === undefined ? undefined : input.isPerson ? "PERSONAL_ID" : "BUSINESS_ID",
        email: input.email,
        phone: input.phone,
        groups: (input.groups ?? []).map((name) => {
          let id = groupIds.get(name);
          if (id === undefined) groupIds.set(name, (id = company.nextId()));
          return { id, name };
        }),
        active: true,
        version: company.stamp(),
      };
      company.partners.set(partner.id, partner);
      return partner;
    },
    addInvoice(input) {
      if (!Number.isSafeInteger(input.sumMinor)) throw new SandboxLedgerError(`invoice ${input.invoiceNumber}: sum must be whole minor units`);
      for (const i of company.invoices.values()) if (i.invoiceNumber === input.invoiceNumber) throw new SandboxLedgerError(`invoice number ${input.invoiceNumber} exists`);
      const partner = input.partnerId === undefined ? undefined : company.partners.get(input.partnerId);
      if (input.partnerId !== undefined && !partner) throw new SandboxLedgerError(`no business partner ${input.partnerId}`);
      const id = company.nextId();
      const receiptId = company.nextId();
      const stamp = company.stamp();
      const invoice: Invoice = {
        id,
        partnerId: input.partnerId,
        invoiceNumber: input.invoiceNumber,
        originalInvoiceNumber: input.originalInvoiceNumber,
        status: input.status ?? "SENT",
        date: input.date,
        dueDate: input.dueDate,
        newDueDate: undefined,
        currency: input.currency ?? "SEK",
        sumMinor: input.sumMinor,
        counterParty: {
          name: partner?.name ?? "Okänd kund",
          ...(partner?.identifier ? { identifier: partner.identifier } : {}),
          ...(partner ? { customerNumber: partner.customerNumber } : {}),
          ...(partner?.email ? { email: partner.email } : {}),
          address: { name: partner?.name ?? "Okänd kund", ...(partner?.address ?? {}) },
        },
        bankReferenceCode: ocrReference(input.invoiceNumber),
        bankReferenceCodeType: "OCR",
        invoiceChannel: input.channel ?? "EMAIL",
        rows: input.rows ?? [{ product: "Tjänster", quantity: 1, unitPriceMinor: input.sumMinor }],
        additionalInformation: input.additionalInformation,
        notes: input.notes ?? "",
        factoringContractId: input.factoringContractId,
        ledgerReceiptId: receiptId,
        created: stamp,
        version: stamp,
      };
      company.invoices.set(id, invoice);
      company.receipts.set(receiptId, {
        id: receiptId,
        type: "SALES_INVOICE",
        status: "APPROVED",
        name: invoice.counterParty.name,
        receiptDate: input.date,
        vatType: "SALES",
        vatStatus: 1,
        invoiceId: id,
        receiptNumber: input.invoiceNumber,
        partnerId: input.partnerId,
        accountantsNotes: undefined,
        transactions: [
          { id: company.nextId(), transactionType: "ENTRY", account: "1510", accountingValueMinor: input.sumMinor, vatPercent: 0, description: `Faktura ${input.invoiceNumber}`, partnerId: input.partnerId },
          { id: company.nextId(), transactionType: "ENTRY", account: "3010", accountingValueMinor: -input.sumMinor, vatPercent: 0, description: `Faktura ${input.invoiceNumber}`, partnerId: undefined },
        ],
        created: stamp,
        version: stamp,
      });
      return invoice;
    },
    invoiceByNumber(invoiceNumber) {
      for (const i of company.invoices.values()) if (i.invoiceNumber === invoiceNumber) return i;
      throw new SandboxLedgerError(`no invoice number ${invoiceNumber}`);
    },
    referencePayment(invoiceId, o) {
      const invoice = requireInvoice(company, invoiceId);
      company.referencePayments.push({
        id: company.nextId(),
        accountNumber: "SE4550000000058398257466",
        valueDate: o.date,
        paymentDate: o.date,
        sumMinor: o.amountMinor,
        name: o.name ?? invoice.counterParty.name,
        bankReference: invoice.bankReferenceCode,
        archiveId: `${o.date.replaceAll("-", "")}${String(company.referencePayments.length + 1).padStart(6, "0")}`,
        allocated: true,
        invoiceId,
      });
      return addEvent(company, invoice, { type: "REFERENCEPAYMENT", amountMinor: o.amountMinor, date: o.date, description: `OCR ${invoice.bankReferenceCode}` });
    },
    paymentEvent(invoiceId, o) {
      return addEvent(company, requireInvoice(company, invoiceId), { ...o, description: o.description ?? "" });
    },
    markPaid(invoiceId, o) {
      const invoice = requireInvoice(company, invoiceId);
      if (invoice.status !== "SENT" && invoice.status !== "PARTLY_PAID") throw new SandboxLedgerError(`invoice ${invoice.invoiceNumber} is ${invoice.status}: only a SENT or PARTLY_PAID invoice can be marked paid`);
      return markPaid(company, invoice, { amountMinor: o.amountMinor, date: o.date, description: o.description ?? "" });
    },
    setCollectionPartner(name) {
      company.settings.collectionPartner = name;
    },
  };
  return side;
}

function requireInvoice(company: Company, id: number): Invoice {
  const invoice = company.invoices.get(id);
  if (!invoice) throw new SandboxLedgerError(`no invoice ${id}`);
  return invoice;
}

/** Adds a payment event and moves the invoice's status the way Procountor does (SENT → PARTLY_PAID → PAID). */
export function addEvent(company: Company, invoice: Invoice, o: { type: PaymentEventType; amountMinor: number; date: string; description: string }): PaymentEvent {
  if (!Number.isSafeInteger(o.amountMinor) || o.amountMinor === 0) throw new SandboxLedgerError("a payment event needs a non-zero whole amount");
  const event: PaymentEvent = { id: company.nextId(), invoiceId: invoice.id, type: o.type, paymentDate: o.date, status: "PAID", amountMinor: o.amountMinor, currency: invoice.currency, description: o.description };
  const list = company.paymentEvents.get(invoice.id) ?? [];
  list.push(event);
  company.paymentEvents.set(invoice.id, list);
  const open = openMinor(company, invoice);
  if (invoice.status === "SENT" || invoice.status === "PARTLY_PAID" || invoice.status === "PAID") invoice.status = open <= 0 ? "PAID" : open < invoice.sumMinor ? "PARTLY_PAID" : "SENT";
  invoice.version = company.stamp();
  return event;
}

/**
 * Mark-paid (PUT /invoices/{id}/paymentevents/markpaid): the payment event the company enters by
 * hand [uncertain: the event type Procountor records is not named in the reference; ELSEWHERE
 * here], and the status MARKED_PAID once nothing is open.
 */
export function markPaid(company: Company, invoice: Invoice, o: { amountMinor: number; date: string; description: string }): PaymentEvent {
  const event = addEvent(company, invoice, { type: "ELSEWHERE", amountMinor: o.amountMinor, date: o.date, description: o.description });
  if (openMinor(company, invoice) <= 0) invoice.status = "MARKED_PAID";
  return event;
}

/** A Swedish OCR reference: the invoice number with a length digit and a Luhn check digit (Bankgirot's OCR with "längdkontroll"). */
export function ocrReference(invoiceNumber: number): string {
  const base = String(invoiceNumber);
  const withLength = `${base}${(base.length + 2) % 10}`;
  return `${withLength}${luhn(withLength)}`;
}

function luhn(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

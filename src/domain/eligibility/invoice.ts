import { LocalDate } from "../calendar/local-date.js";
import { DomainError } from "../errors.js";
import { type Money, parseCurrency, parseMoney } from "../money.js";

/**
 * What the eligibility rules read of an invoice and its customer, as mirrored from the ledger.
 * Dates are `LocalDate`, amounts integer minor units. `readInvoice` turns the wire form (ISO
 * strings, decimal strings) into this and names the field when something is wrong.
 */
export type Jurisdiction = "NO" | "SE" | "FI";
export const JURISDICTIONS: readonly Jurisdiction[] = ["NO", "SE", "FI"];

export const INVOICE_STATUSES = ["draft", "sent", "partly-paid", "paid", "credited", "void"] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** Dunning letters the ledger itself has sent for this invoice (PowerOffice "Purring og inkasso"). */
export interface LedgerLetters {
  /** A soft reminder (påminnelse / betalningspåminnelse) went out from the ledger. */
  readonly softReminderSent?: boolean;
  /** Due date of the reminder (purring) the ledger sent, if it sent one. */
  readonly reminderDueOn?: LocalDate | null;
  /** Due date of the collection notice (inkassovarsel) the ledger sent, if it sent one. */
  readonly collectionNoticeDueOn?: LocalDate | null;
}

export interface EligibilityInvoice {
  readonly invoiceNumber: string;
  readonly invoiceDate: LocalDate;
  /** The due date as the ledger has it now (a new due date set before transfer is the one used). */
  readonly dueDate: LocalDate | null;
  /** What is still unpaid, never negative. */
  readonly openAmount: Money;
  readonly status: InvoiceStatus;
  /** Visma.net "utelat fra prosessen for betalingsvarsler" and the like. */
  readonly excludeFromDunning?: boolean;
  /** Sold to a factoring company or financed (Procountor "finansierade fakturor"). */
  readonly factored?: boolean;
  readonly atOtherAgency?: boolean;
  readonly ledgerLetters?: LedgerLetters | null;
}

export interface PostalAddress {
  readonly street?: string | null;
  readonly postcode?: string | null;
  readonly city?: string | null;
  /** ISO 3166 alpha-2; absent means the creditor's country. */
  readonly country?: string | null;
}

export interface EligibilityCustomer {
  readonly name: string;
  readonly address: PostalAddress | null;
  /** PowerOffice customer card: "Overfør til inkassobyrå" unticked. */
  readonly doNotTransfer?: boolean;
  readonly groups?: readonly string[];
}

/** The wire form of an invoice: dates as `YYYY-MM-DD`, the open amount as a decimal string. */
export interface InvoiceInput {
  readonly invoiceNumber: string;
  readonly invoiceDate: string;
  readonly dueDate?: string | null;
  readonly openAmount: string;
  readonly currency: string;
  readonly status: string;
  readonly excludeFromDunning?: boolean;
  readonly factored?: boolean;
  readonly atOtherAgency?: boolean;
  readonly ledgerLetters?: {
    readonly softReminderSent?: boolean;
    readonly reminderDueOn?: string | null;
    readonly collectionNoticeDueOn?: string | null;
  } | null;
}

/** Parses the wire form; a bad date, a negative amount or an unknown status is a `DomainError` naming the field. */
export function readInvoice(input: InvoiceInput, field = "invoice"): EligibilityInvoice {
  if (typeof input.invoiceNumber !== "string" || input.invoiceNumber.trim() === "") {
    throw new DomainError("invalid_input", "the invoice number is missing", `${field}.invoiceNumber`);
  }
  const currency = parseCurrency(input.currency, `${field}.currency`);
  const openAmount = parseMoney(input.openAmount, currency, `${field}.openAmount`);
  if (openAmount.amount < 0) {
    throw new DomainError("invalid_amount", `"${input.openAmount}" is negative; the open amount must be zero or more`, `${field}.openAmount`);
  }
  if (!(INVOICE_STATUSES as readonly string[]).includes(input.status)) {
    throw new DomainError("invalid_input", `"${input.status}" is not an invoice status (known: ${INVOICE_STATUSES.join(", ")})`, `${field}.status`);
  }
  const letters = input.ledgerLetters;
  return {
    invoiceNumber: input.invoiceNumber,
    invoiceDate: LocalDate.parse(input.invoiceDate, `${field}.invoiceDate`),
    dueDate: optionalDate(input.dueDate, `${field}.dueDate`),
    openAmount,
    status: input.status as InvoiceStatus,
    excludeFromDunning: input.excludeFromDunning === true,
    factored: input.factored === true,
    atOtherAgency: input.atOtherAgency === true,
    ledgerLetters: letters
      ? {
          softReminderSent: letters.softReminderSent === true,
          reminderDueOn: optionalDate(letters.reminderDueOn, `${field}.ledgerLetters.reminderDueOn`),
          collectionNoticeDueOn: optionalDate(letters.collectionNoticeDueOn, `${field}.ledgerLetters.collectionNoticeDueOn`),
        }
      : null,
  };
}

function optionalDate(text: string | null | undefined, field: string): LocalDate | null {
  return text === null || text === undefined || text === "" ? null : LocalDate.parse(text, field);
}

/** Whether the ledger sent any dunning letter of its own (Procountor: then no automatic transfer). */
export function ledgerSentReminder(invoice: EligibilityInvoice): boolean {
  const l = invoice.ledgerLetters;
  return !!l && (l.softReminderSent === true || !!l.reminderDueOn || !!l.collectionNoticeDueOn);
}

const NORDIC = new Set(["NO", "SE", "FI"]);

/**
 * The address fields a letter cannot go without. Procountor: "Fakturor med saknad adressinformation
 * kan inte överföras … vissa inkassobrev måste skickas med posten". A domestic (Nordic or
 * unspecified country) address needs street, postcode and city; a foreign one street, city and
 * country, since not every country has postcodes. Empty list: the address is usable.
 */
export function missingAddressFields(customer: EligibilityCustomer): string[] {
  const missing: string[] = [];
  if (blank(customer.name)) missing.push("name");
  const a = customer.address;
  if (!a) {
    missing.push("street", "postcode", "city");
    return missing;
  }
  if (blank(a.street)) missing.push("street");
  const foreign = !blank(a.country) && !NORDIC.has(a.country!.toUpperCase());
  if (!foreign && blank(a.postcode)) missing.push("postcode");
  if (blank(a.city)) missing.push("city");
  return missing;
}

/** The hot-path form of `missingAddressFields(c).length === 0`, without building the list. */
export function hasPostalAddress(customer: EligibilityCustomer): boolean {
  const a = customer.address;
  if (!a || blank(customer.name) || blank(a.street) || blank(a.city)) return false;
  return !blank(a.postcode) || (!blank(a.country) && !NORDIC.has(a.country!.toUpperCase()));
}

function blank(s: string | null | undefined): boolean {
  return s === null || s === undefined || s.trim() === "";
}

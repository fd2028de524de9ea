import { LedgerError, ledgerResponse, type CustomerLedgerItem, type LedgerAddress, type LedgerCustomer, type LedgerInvoice, type LedgerLetter, type LedgerMatchedItem, type MatchedItemKind } from "../../ledger-connector.js";
import { CASE_STATUSES, VOUCHER_TYPES, enumNumber, instantOf, kidOf, localDateOf, minorOf } from "./wire-values.js";

/**
 * PowerOffice's response objects → the port's types. Each reader takes one wire object and either
 * returns the value or throws an `invalid` LedgerError that names the property and keeps the
 * object's JSON, so one unreadable row is set aside while the rest of the page is used.
 * Shapes: route_get_debtcollection_invoices_availableinvoices_.md (DebtCollectionInvoice),
 * route_get_customer__id__.md, type_debtcollectioninvoicematch.md, type_debtcollectioncase.md.
 */
type Wire = Record<string, unknown>;

class Reader {
  constructor(
    private readonly what: string,
    private readonly o: Wire,
  ) {}

  fail(property: string, why: string): never {
    throw new LedgerError("invalid", `${this.what}.${property} ${why}`, { retryable: false, response: ledgerResponse(200, JSON.stringify(this.o)), vendorCode: "UnexpectedShape" });
  }
  text(property: string): string {
    const v = this.o[property];
    if (typeof v === "string" && v !== "") return v;
    if (typeof v === "number" && Number.isFinite(v)) return String(v);
    return this.fail(property, "is missing");
  }
  optionalText(property: string): string | null {
    const v = this.o[property];
    return typeof v === "string" && v.trim() !== "" ? v.trim() : typeof v === "number" ? String(v) : null;
  }
  minor(property: string): number {
    const m = minorOf(this.o[property]);
    return m ?? this.fail(property, `is not an amount with at most two decimals (${JSON.stringify(this.o[property])})`);
  }
  date(property: string) {
    return localDateOf(this.o[property]) ?? this.fail(property, `is not a date (${JSON.stringify(this.o[property])})`);
  }
  optionalDate(property: string) {
    const v = this.o[property];
    return v === undefined || v === null ? null : (localDateOf(v) ?? this.fail(property, `is not a date (${JSON.stringify(v)})`));
  }
  instant(property: string): Date | null {
    const v = this.o[property];
    return v === undefined || v === null ? null : (instantOf(v) ?? this.fail(property, `is not a timestamp (${JSON.stringify(v)})`));
  }
  bool(property: string, fallback: boolean): boolean {
    const v = this.o[property];
    return typeof v === "boolean" ? v : fallback;
  }
  raw(property: string): unknown {
    return this.o[property];
  }
}

function asObject(what: string, o: unknown): Wire {
  if (o === null || typeof o !== "object" || Array.isArray(o)) {
    throw new LedgerError("invalid", `${what} is not an object`, { retryable: false, response: ledgerResponse(200, JSON.stringify(o) ?? "undefined"), vendorCode: "UnexpectedShape" });
  }
  return o as Wire;
}

/** The id of a wire row when it has one, for reports about rows that could not be read. */
export function refOf(o: unknown, fallback: string): string {
  const id = o !== null && typeof o === "object" ? (o as Wire)["id"] : undefined;
  return typeof id === "string" || typeof id === "number" ? String(id) : fallback;
}

/** DebtCollectionInvoice */
export function readInvoice(o: unknown): LedgerInvoice {
  const w = asObject("DebtCollectionInvoice", o);
  const r = new Reader("DebtCollectionInvoice", w);
  return {
    id: r.text("id").toLowerCase(),
    customerRef: r.text("customerCode"),
    invoiceNumber: r.text("invoiceNo"),
    invoiceDate: r.date("invoiceDate"),
    dueDate: r.optionalDate("dueDate"),
    currency: r.optionalText("currencyCode") ?? "NOK",
    amountMinor: r.minor("originalAmount"),
    // remainingAmount is in the client's currency, originalAmount in the invoice's (type_debtcollectioninvoice.md).
    openMinor: r.minor("remainingAmount"),
    kid: kidOf(w),
    lastChanged: r.instant("lastChanged"),
    lastLetter: letterOf(r),
  };
}

/** type_debtcollectioninvoice.md: LastReminderVoucherType 71 OutgoingPaymentReminder or 72 OutgoingNoticeOfDebtCollection. */
function letterOf(r: Reader): LedgerLetter | null {
  const type = r.raw("lastReminderVoucherType");
  if (type === undefined || type === null) return null;
  const n = enumNumber(VOUCHER_TYPES, type);
  const kind = n === VOUCHER_TYPES["OutgoingNoticeOfDebtCollection"] ? "collection-notice" : n === VOUCHER_TYPES["OutgoingPaymentReminder"] ? "reminder" : null;
  if (kind === null) return null;
  return { kind, sentOn: r.optionalDate("lastReminderSentDate"), dueOn: r.optionalDate("lastReminderDueDate") };
}

/** Customer (route_get_customer__id__.md): `vatNumber` carries the organisation number, `mailAddress` the postal address. */
export function readCustomer(o: unknown): LedgerCustomer {
  const w = asObject("Customer", o);
  const r = new Reader("Customer", w);
  const isPerson = r.bool("isPerson", false);
  const person = [r.optionalText("firstName"), r.optionalText("lastName")].filter((s) => s !== null).join(" ");
  return {
    ref: r.text("code"),
    name: r.optionalText("name") ?? (person || r.optionalText("legalName") || r.fail("name", "is missing")),
    isPerson,
    orgNumber: isPerson ? null : orgNumberOf(r.optionalText("vatNumber") ?? r.optionalText("organizationNumber")),
    birthDate: isPerson ? r.optionalDate("dateOfBirth") : null,
    email: r.optionalText("emailAddress") ?? r.optionalText("invoiceEmailAddress"),
    phone: r.optionalText("phoneNumber") ?? r.optionalText("mobilePhone"),
    address: addressOf(w["mailAddress"]),
    doNotTransfer: r.bool("transferToDebtCollectionAgency", true) === false,
    ...groupsOf(r.optionalText("contactGroups")),
  };
}

/**
 * route_get_customer__id__.md types `contactGroups` as one string without saying how several
 * groups are written; we read a comma- or semicolon-separated list of group names.
 */
function groupsOf(text: string | null): { groups?: string[] } {
  const groups = (text ?? "").split(/[;,]/).map((g) => g.trim()).filter((g) => g !== "");
  return groups.length > 0 ? { groups } : {};
}

/** "NO 974 760 673 MVA" → "974760673"; anything that is not nine digits is kept as given. */
function orgNumberOf(text: string | null): string | null {
  if (text === null) return null;
  const digits = text.replace(/^NO/i, "").replace(/MVA$/i, "").replace(/[\s.]/g, "");
  return /^\d{9}$/.test(digits) ? digits : text;
}

function addressOf(o: unknown): LedgerAddress | null {
  if (o === null || typeof o !== "object") return null;
  const a = o as Wire;
  const s = (k: string) => (typeof a[k] === "string" && (a[k] as string).trim() !== "" ? (a[k] as string).trim() : undefined);
  const line1 = s("address1");
  const city = s("city");
  if (!line1 && !city) return null;
  const line2 = [s("address2"), s("address3")].filter(Boolean).join(", ");
  return { line1: line1 ?? "", ...(line2 ? { line2 } : {}), postcode: s("zipCode") ?? "", city: city ?? "", country: (s("countryCode") ?? "NO").toUpperCase() };
}

/** DebtCollectionInvoiceMatch; voucherType 99 ReversalVoucher, isWriteOff Tapsføring, 5 OutgoingCreditNote (poweroffice.md §5). */
export function readMatch(o: unknown): LedgerMatchedItem {
  const w = asObject("DebtCollectionInvoiceMatch", o);
  const r = new Reader("DebtCollectionInvoiceMatch", w);
  const type = r.raw("voucherType");
  const n = enumNumber(VOUCHER_TYPES, type);
  const amountMinor = r.minor("amount");
  const kind: MatchedItemKind =
    n === VOUCHER_TYPES["ReversalVoucher"] || n === VOUCHER_TYPES["CorrectionVoucher"]
      ? "reversal"
      : r.bool("isWriteOff", false)
        ? "write-off"
        : n === VOUCHER_TYPES["OutgoingCreditNote"]
          ? "credit-note"
          : amountMinor < 0
            ? "payment"
            : "other";
  return {
    id: r.text("id"),
    kind,
    customerRef: r.text("customerCode"),
    voucherDate: r.optionalDate("voucherDate") ?? r.date("postingDate"),
    amountMinor,
    currency: r.optionalText("currencyCode") ?? "NOK",
    kid: kidOf(w),
    voucherNo: r.optionalText("voucherNo"),
    voucherType: typeof type === "string" || typeof type === "number" ? String(type) : "unknown",
    externalImportReference: r.optionalText("externalImportReference"),
    lastChanged: r.instant("lastChanged"),
  };
}

export interface WireCase {
  readonly id: string;
  readonly code: string | null;
  readonly closed: boolean;
  readonly balanceMinor: number | null;
  /** Kept as the ledger wrote it: compared, never converted. */
  readonly lastChanged: string | null;
  readonly invoiceIds: string[];
}

/** DebtCollectionCase */
export function readCase(o: unknown): WireCase {
  const w = asObject("DebtCollectionCase", o);
  const r = new Reader("DebtCollectionCase", w);
  const invoices = Array.isArray(w["invoices"]) ? (w["invoices"] as unknown[]) : [];
  return {
    id: r.text("id").toLowerCase(),
    code: r.optionalText("code"),
    closed: enumNumber(CASE_STATUSES, r.raw("status")) === CASE_STATUSES["Closed"],
    balanceMinor: w["balanceAgency"] === undefined || w["balanceAgency"] === null ? null : r.minor("balanceAgency"),
    lastChanged: typeof w["lastChanged"] === "string" ? w["lastChanged"] : null,
    invoiceIds: invoices.map((i) => refOf(i, "").toLowerCase()).filter((id) => id !== ""),
  };
}

/** CustomerLedgerEntry (type_customerledgerentry.md): `balance` is what is still open; entries matched together share `matchId`. */
export function readCustomerLedgerEntry(o: unknown): CustomerLedgerItem {
  const w = asObject("CustomerLedgerEntry", o);
  const r = new Reader("CustomerLedgerEntry", w);
  const type = r.raw("voucherType");
  const matchId = r.optionalText("matchId");
  return {
    id: r.text("id"),
    customerRef: r.text("customerCode"),
    kid: kidOf(w),
    documentNo: r.optionalText("documentNo"),
    voucherType: typeof type === "string" || typeof type === "number" ? String(type) : "unknown",
    isInvoice: enumNumber(VOUCHER_TYPES, type) === VOUCHER_TYPES["OutgoingInvoice"],
    voucherId: r.optionalText("voucherId")?.toLowerCase() ?? null,
    voucherNo: r.optionalText("voucherNo"),
    voucherDate: r.optionalDate("voucherDate") ?? r.date("postingDate"),
    amountMinor: r.minor("amount"),
    balanceMinor: r.minor("balance"),
    // A match id of 0 is "not matched" in ledgers that write the default instead of leaving it out.
    matchId: matchId === null || matchId === "0" ? null : matchId,
    isWriteOff: r.bool("isWriteOff", false),
    externalImportReference: r.optionalText("externalImportReference"),
    caseCode: r.optionalText("debtCollectionCaseCode"),
  };
}

export interface WireVoucher {
  readonly id: string;
  readonly voucherNo: string | null;
  readonly voucherDate: ReturnType<Reader["date"]>;
  readonly isReversed: boolean;
}

/** ManualJournalVoucher (type_manualjournalvoucher.md): the id and number PowerOffice gave it, and whether it was reversed. */
export function readVoucher(o: unknown): WireVoucher {
  const w = asObject("ManualJournalVoucher", o);
  const r = new Reader("ManualJournalVoucher", w);
  return { id: r.text("id").toLowerCase(), voucherNo: r.optionalText("voucherNo"), voucherDate: r.date("voucherDate"), isReversed: r.bool("isReversed", false) };
}

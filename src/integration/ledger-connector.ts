import type { LocalDate } from "../domain/calendar/local-date.js";

/**
 * The ledger port (one port per kind of external system, its adapters behind it): what the collection side needs from a creditor's accounting
 * system, and nothing more. One implementation per system (`poweroffice/connector/`, later
 * Tripletex, Fiken, …). Money is integer minor units, calendar facts are `LocalDate`, instants
 * are `Date`. Every failure is a `LedgerError` from a closed set.
 *
 * Writes are idempotent by contract: a connector that cannot make a vendor call idempotent
 * (PowerOffice's POST DebtCollection and UpdateStatus have no key) checks the ledger before it
 * repeats a write that may already have landed.
 */
export interface LedgerConnector {
  /** "poweroffice", … — the `source` of mirrored rows. */
  readonly kind: string;
  /** Whether the ledger lets the agency take new cases now (PowerOffice IsActiveDebtCollection). */
  canCreateCases(): Promise<boolean>;
  /** Invoices the creditor approved for collection and no case holds yet, every page read. */
  availableInvoices(): Promise<LedgerBatch<LedgerInvoice>>;
  customer(ref: string): Promise<LedgerCustomer>;
  /** Payments, credit notes, write-offs and reversals matched against one invoice. */
  matchedItems(invoiceId: string): Promise<LedgerBatch<LedgerMatchedItem>>;
  /** Every invoice on a case with a matched item changed after `since`, grouped per invoice. */
  matchedItemsSince(since: Date): Promise<LedgerBatch<LedgerMatchGroup>>;
  /** Registers our case in the ledger; the same case number twice gives the same ledger case. */
  createCase(input: CreateCaseInput): Promise<CreatedCase>;
  /** Tells the ledger the agency will not take these invoices. Repeating it is harmless. */
  rejectInvoices(input: RejectInput): Promise<void>;
  updateCaseStatus(input: CaseStatusInput): Promise<StatusOutcome>;
  /** Posts a voucher; `idempotencyKey` makes a repeat a no-op (`alreadyPosted: true`). */
  postVoucher(input: VoucherInput): Promise<PostedVoucher>;
  invoicePdf(invoiceId: string): Promise<LedgerDocument>;
  /**
   * Reads back a voucher we posted, by its idempotency key (PowerOffice `externalImportReference`),
   * with the customer-ledger items it made: null when the ledger has no such voucher.
   */
  findVoucher(idempotencyKey: string): Promise<FoundVoucher | null>;
  /** The customer ledger's open items (balance ≠ 0) on a date, every page read. */
  openCustomerItems(on: LocalDate): Promise<LedgerBatch<CustomerLedgerItem>>;
}

/** One entry of the customer sub-ledger (PowerOffice CustomerLedgerEntry). */
export interface CustomerLedgerItem {
  /** The ledger's id of the entry (unique per client). */
  readonly id: string;
  readonly customerRef: string;
  readonly kid: string | null;
  /** Usually the invoice number, on an invoice's own entry. */
  readonly documentNo: string | null;
  /** What the vendor calls the voucher type (`OutgoingInvoice`, `4`, …). */
  readonly voucherType: string;
  /** True for the entry of an outgoing invoice (the claim itself). */
  readonly isInvoice: boolean;
  readonly voucherId: string | null;
  readonly voucherNo: string | null;
  readonly voucherDate: LocalDate;
  /** As posted: positive debits the customer (an invoice), negative credits it (a payment). */
  readonly amountMinor: number;
  /** What is still open of it after matching. */
  readonly balanceMinor: number;
  /** Entries matched together share one match id; null when the entry is not matched. */
  readonly matchId: string | null;
  readonly isWriteOff: boolean;
  readonly externalImportReference: string | null;
  /** The agency's case number the ledger shows on the invoice (PowerOffice DebtCollectionCaseCode). */
  readonly caseCode: string | null;
}

export interface FoundVoucher {
  readonly voucherId: string;
  readonly voucherNo: string | null;
  readonly date: LocalDate;
  readonly reversed: boolean;
  /** The entries the voucher's customer lines made in the customer sub-ledger. */
  readonly customerItems: readonly CustomerLedgerItem[];
}

/** Items of a read, and the ones that could not be read (kept with the raw text, never dropped silently). */
export interface LedgerBatch<T> {
  readonly items: T[];
  readonly unreadable: UnreadableItem[];
}

export interface UnreadableItem {
  /** The ledger's id of the item when it could be read, else a position ("page 2, row 7"). */
  readonly ref: string;
  readonly error: LedgerError;
}

export interface LedgerAddress {
  readonly line1: string;
  readonly line2?: string;
  readonly postcode: string;
  readonly city: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
}

export interface LedgerCustomer {
  readonly ref: string;
  readonly name: string;
  readonly isPerson: boolean;
  readonly orgNumber: string | null;
  readonly birthDate: LocalDate | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly address: LedgerAddress | null;
  /** PowerOffice "Overfør til inkassobyrå" unticked: do not transfer. */
  readonly doNotTransfer: boolean;
  /** The customer's groups in the ledger (PowerOffice `contactGroups`); absent when the ledger names none. */
  readonly groups?: readonly string[];
}

/** A reminder or collection notice the ledger sent itself before the transfer. */
export interface LedgerLetter {
  readonly kind: "reminder" | "collection-notice";
  readonly sentOn: LocalDate | null;
  readonly dueOn: LocalDate | null;
}

export interface LedgerInvoice {
  /** The ledger's id of the invoice (PowerOffice: a Guid). */
  readonly id: string;
  readonly customerRef: string;
  readonly invoiceNumber: string;
  readonly invoiceDate: LocalDate;
  readonly dueDate: LocalDate | null;
  readonly currency: string;
  readonly amountMinor: number;
  readonly openMinor: number;
  readonly kid: string | null;
  readonly lastChanged: Date | null;
  readonly lastLetter: LedgerLetter | null;
  /** The ledger excludes the invoice from its dunning (Visma.net "utelat fra prosessen for betalingsvarsler"): the `excluded_from_dunning` blocker. */
  readonly excludeFromDunning?: boolean;
  /** The ledger's dunning level (Visma.net `dunningLetterLevel`), when it has one. */
  readonly dunningLevel?: number;
  /** Sold to or financed by a factoring company (Procountor `factoringContractId`): transferred only by hand, or not at all. */
  readonly financed?: boolean;
  /** What the ledger tells the agency about the invoice (Procountor: the seller's notes, e-invoice, product rows). */
  readonly facts?: LedgerInvoiceFacts;
}

export interface LedgerInvoiceFacts {
  /** The creditor's own note on the invoice (not shown to the debtor). */
  readonly sellerNote: string | null;
  /** The invoice was sent as an e-invoice. */
  readonly eInvoice: boolean;
  /** The first product lines (at most 10, 1000 characters together). */
  readonly productLines: readonly string[];
  /** The invoice's number in the external system it came from. */
  readonly originalInvoiceNumber: string | null;
  readonly additionalInformation: string | null;
}

/**
 * `marked-paid`: the creditor marked the invoice paid in the ledger (Procountor's MARKED_PAID) —
 * settled with the creditor, outside the agency: recorded as paid to the creditor, and a case that
 * still has something open after it is withdrawn with that reason (ledger-payments.ts).
 */
export type MatchedItemKind = "payment" | "credit-note" | "write-off" | "reversal" | "marked-paid" | "other";

export interface LedgerMatchedItem {
  /** Unique per ledger client (PowerOffice: the DebtCollectionInvoiceMatch id). */
  readonly id: string;
  readonly kind: MatchedItemKind;
  readonly customerRef: string;
  readonly voucherDate: LocalDate;
  /** As posted: negative credits the customer (a payment), positive debits it (a reversal of one). */
  readonly amountMinor: number;
  readonly currency: string;
  readonly kid: string | null;
  readonly voucherNo: string | null;
  /** What the vendor calls the voucher type (`BankJournal`, `19`, …), for the timeline. */
  readonly voucherType: string;
  /** Set when the item came from a voucher posted through an API (ours carry our prefix). */
  readonly externalImportReference: string | null;
  readonly lastChanged: Date | null;
}

/** The matched items of one invoice; PowerOffice does not say which invoice, so `kid` correlates. */
export interface LedgerMatchGroup {
  readonly kid: string | null;
  readonly items: LedgerMatchedItem[];
}

export interface CreateCaseInput {
  /** Our case number, shown in the ledger as the agency's reference. */
  readonly caseNumber: string;
  readonly invoiceIds: readonly string[];
  readonly caseUrl: string;
  readonly balanceMinor?: number;
  /** A previous attempt may have reached the ledger: look for the case before writing. */
  readonly mayExist?: boolean;
}

export interface CreatedCase {
  readonly ledgerCaseId: string;
  /** False when an earlier attempt had already created it. */
  readonly created: boolean;
}

export interface RejectInput {
  readonly invoiceIds: readonly string[];
  /** A reference unique to this rejection (PowerOffice needs a case to delete). */
  readonly reference: string;
  readonly reason: string;
}

export interface CaseStatusInput {
  readonly ledgerCaseId: string;
  readonly statusText: string;
  readonly balanceMinor: number;
  readonly closed: boolean;
  /**
   * The case's `lastChanged` as the ledger showed it before an earlier attempt of this same
   * update; when the ledger now shows something else, that attempt landed and nothing is sent.
   */
  readonly seenBefore?: string | null;
  /** Called with the ledger's `lastChanged` before the write is sent, so the caller can keep it. */
  readonly beforeSend?: (lastChanged: string) => Promise<void>;
}

export interface StatusOutcome {
  /** False when the ledger already had this update from an earlier attempt. */
  readonly written: boolean;
}

export interface VoucherLineInput {
  /** A general ledger account, or a customer's ref for the customer sub-ledger. */
  readonly account: string;
  /** Positive debits, negative credits; the lines sum to zero. */
  readonly amountMinor: number;
  readonly kid?: string | null;
  readonly description?: string | null;
  readonly vatCode?: string | null;
}

export interface VoucherInput {
  /** Stable, derived from our ids (PowerOffice `externalImportReference`, at most 50 characters). */
  readonly idempotencyKey: string;
  readonly date: LocalDate;
  readonly description: string;
  readonly currency: string;
  readonly lines: readonly VoucherLineInput[];
}

export interface PostedVoucher {
  readonly voucherId: string | null;
  readonly alreadyPosted: boolean;
}

export interface LedgerDocument {
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

/** The closed set every vendor failure maps to. */
export type LedgerErrorCode = "rate_limited" | "auth_failed" | "not_found" | "invalid" | "unavailable";

export interface LedgerResponse {
  readonly status: number;
  /** The raw body, cut at 20,000 characters. */
  readonly body: string;
}

export class LedgerError extends Error {
  readonly code: LedgerErrorCode;
  readonly retryable: boolean;
  readonly detail: string;
  readonly response: LedgerResponse | undefined;
  /** The vendor's own name for the failure (PowerOffice `validation.exception`), for logs and the run report. */
  readonly vendorCode: string | undefined;

  constructor(code: LedgerErrorCode, detail: string, options: { retryable?: boolean; response?: LedgerResponse; vendorCode?: string } = {}) {
    super(`${code}: ${detail}`);
    this.name = "LedgerError";
    this.code = code;
    this.detail = detail;
    this.retryable = options.retryable ?? (code === "rate_limited" || code === "unavailable");
    this.response = options.response;
    this.vendorCode = options.vendorCode;
  }

  /** A plain object for JSON columns (run reports). */
  toJSON(): { code: LedgerErrorCode; retryable: boolean; detail: string; vendorCode?: string; response?: LedgerResponse } {
    return {
      code: this.code,
      retryable: this.retryable,
      detail: this.detail,
      ...(this.vendorCode ? { vendorCode: this.vendorCode } : {}),
      ...(this.response ? { response: this.response } : {}),
    };
  }
}

export function isLedgerError(e: unknown): e is LedgerError {
  return e instanceof LedgerError;
}

const MAX_BODY = 20_000;

export function ledgerResponse(status: number, body: string): LedgerResponse {
  return { status, body: body.length > MAX_BODY ? `${body.slice(0, MAX_BODY)}…` : body };
}

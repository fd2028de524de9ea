import type { LocalDate } from "../../domain/calendar/local-date.js";
import type { Money } from "../../domain/money.js";

/**
 * A fully computed collection letter: plain data, no behaviour. The case engine decides what to
 * send and computes every number; the renderer only lays it out (it never adds, rounds or reads
 * the clock). `validateLetterModel` checks that the numbers and dates are consistent and lawful
 * before anything is rendered.
 */

/**
 * reminder = purring (SE: påminnelse); collection-notice = inkassovarsel (inkassoloven § 9; SE: the
 * inkassokrav, inkassolagen 5 §); payment-demand = betalingsoppfordring (§ 10); Swedish cases add
 * payment-plan (the amorteringsplan confirmation, lag (1981:739) 3 § 2) and
 * payment-order-application (the application for betalningsföreläggande, as a document).
 */
export type LetterKind = "reminder" | "collection-notice" | "payment-demand" | "payment-plan" | "payment-order-application" | "payment-plan-breach" | "legal-filing";
export const LETTER_KINDS: readonly LetterKind[] = ["reminder", "collection-notice", "payment-demand", "payment-plan", "payment-order-application", "payment-plan-breach", "legal-filing"];
/**
 * Letters whose PDF is a case document made by the back office (src/collection/documents/document-letters.ts),
 * not rendered from the model: the Norwegian payment plan's confirmation and breach notice, and a
 * legal filing addressed to the forliksråd or the namsmann. They have no deadline a case step waits for.
 */
export const DOCUMENT_LETTER_KINDS: ReadonlySet<LetterKind> = new Set(["payment-plan-breach", "legal-filing"]);

/** nb = Norwegian bokmål; en = English, for debtors abroad; sv = Swedish (a Swedish creditor's debtors); en-SE = English for a Swedish creditor's debtors (Swedish law). */
export type LetterLanguage = "nb" | "en" | "sv" | "en-SE";

export interface Address {
  readonly line1: string;
  readonly line2?: string;
  readonly postcode: string;
  readonly city: string;
  /** ISO 3166-1 alpha-2, e.g. "NO". */
  readonly country: string;
}

export interface LetterAgency {
  readonly name: string;
  readonly orgNumber: string;
  readonly address: Address;
  /** Norwegian account number (11 digits, dots allowed) the debtor pays to, with the KID. */
  readonly accountNumber: string;
  readonly iban?: string;
  readonly bic?: string;
  /** The agency's Bankgiro number, for SEK payments with the OCR reference (Bankgirot). */
  readonly bankgiro?: string;
  readonly phone?: string;
  readonly email?: string;
  readonly website?: string;
  /** e.g. "Inkassobevilling fra Finanstilsynet". */
  readonly licence?: string;
}

export interface LetterCreditor {
  readonly name: string;
  readonly orgNumber?: string;
  readonly address: Address;
}

export interface LetterDebtor {
  readonly name: string;
  readonly type: "consumer" | "business";
  readonly address: Address;
  readonly customerNumber?: string;
}

export interface LetterClaim {
  readonly invoiceNumber: string;
  readonly invoiceDate: LocalDate;
  readonly dueDate: LocalDate;
  /** What the claim concerns (inkassoloven § 10 b; inkassoforskriften § 1-2 for reminders). */
  readonly description: string;
  readonly principal: Money;
  /** Paid on this claim so far; the outstanding principal is principal − paid. */
  readonly paid: Money;
}

/** One stretch at one rate, when the rate changed while interest ran (forsinkelsesrente is set half-yearly). */
export interface InterestPeriod {
  readonly from: LocalDate;
  readonly to: LocalDate;
  /** Decimal string, e.g. "12.50" (per cent per year). */
  readonly ratePercent: string;
  readonly amount: Money;
}

export interface LetterInterest {
  readonly amount: Money;
  /** The rate in force now, as a decimal string: "12.50" (per cent per year). */
  readonly ratePercent: string;
  /** The date interest runs from (inkassoloven § 10 d). */
  readonly from: LocalDate;
  /** The date interest is computed up to. */
  readonly until: LocalDate;
  readonly periods?: readonly InterestPeriod[];
}

/** A fee or collection salary (salær) added to the claim, already computed by the fee rules. */
export interface LetterCost {
  readonly label: { readonly nb: string; readonly en: string; readonly sv?: string; readonly "en-SE"?: string };
  readonly amount: Money;
  /** Where the amount comes from (e.g. "inkassoforskriften § 1-2"); kept for audit, not printed. */
  readonly source: string;
}

export interface LetterModel {
  readonly kind: LetterKind;
  readonly language: LetterLanguage;
  /** Internal: the letter's row id (files, idempotency keys); never printed. */
  readonly letterId: string;
  /** The short letter number the debtor quotes ("Brevnummer"); absent on letters written before letters were numbered. */
  readonly letterNumber?: string;
  readonly caseNumber: string;
  readonly sentOn: LocalDate;
  readonly deadline: LocalDate;
  readonly agency: LetterAgency;
  readonly creditor: LetterCreditor;
  readonly debtor: LetterDebtor;
  readonly claims: readonly LetterClaim[];
  readonly interest: LetterInterest;
  readonly costs: readonly LetterCost[];
  /** Σ (principal − paid) + interest + Σ costs: the amount to pay. */
  readonly total: Money;
  readonly kid: string;
}

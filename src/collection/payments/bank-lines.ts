import type { LocalDate } from "../../domain/calendar/local-date.js";
import type { Queryable } from "../../platform/db/database.js";
import type { RuleBook } from "../../platform/rule-book.js";
import type { IncomingPayment, LineIssue } from "../bank-files/index.js";
import type { CreditorContext } from "../cases/creditor.js";
import type { LetterAgency } from "../letters/letter-model.js";

/**
 * What the two ways of applying bank lines share (`apply-chunk.ts`, set-based; `apply-line.ts`,
 * one line at a time): the import's context, the outcome of a line, and the rules that decide a
 * line's idempotency key and why it waits for a person.
 */
export interface ImportEnv {
  bankFileId: string;
  sha256: string;
  today: LocalDate;
  rules: RuleBook;
  actor: string;
  agency: LetterAgency;
  /** Creditors loaded so far in this import (their settings do not change while it runs). */
  creditors: Map<string, CreditorContext>;
}

/** How a payment line ended: recorded on a case, a repeat of one recorded before, or queued for a person. */
export interface LineOutcome {
  status: "matched" | "duplicate" | "unmatched";
  caseId: string | null;
  creditorId: string | null;
  paymentId: string | null;
  note: string | null;
  /** The bank_payments row, for the suggestions written later to queued lines. */
  bankPaymentId: string;
}

/**
 * The idempotency key of a bank payment: the bank's own archive reference when it gives one (the
 * same transaction re-sent in another file is then still applied once), else the file and line.
 */
export function bankExternalRef(sha256: string, p: IncomingPayment): string {
  return p.bankReference ? `bank-ref:${p.bankReference}` : `${sha256.slice(0, 16)}:${p.lineRef}`;
}

/** The KID a payment names, if it may pick a case: a KID (or OCR reference) whose check digit holds. */
export function trustedKid(p: IncomingPayment): string | null {
  if (p.reference.kind !== "kid" && p.reference.kind !== "ocr") return null;
  if (p.reference.valid !== true) return null; // a KID that fails its check digit is never trusted to pick a case
  return p.reference.value;
}

/** Only a positive NOK amount is recorded on a (Norwegian) case. */
export function recordable(p: IncomingPayment): boolean {
  return p.amount.currency === "NOK" && p.amount.amount > 0;
}

export function whyUnmatched(p: IncomingPayment, caseId: string | null): string {
  if (p.reference.kind === "none" || p.reference.kind === "free-text") return "no KID on the payment";
  if (p.reference.valid === false) return `the KID ${p.reference.value} fails its check digit${p.reference.reason ? ` (${p.reference.reason})` : ""}`;
  if (!caseId) return `no case has the KID ${p.reference.value}`;
  if (p.amount.currency !== "NOK") return `the payment is in ${p.amount.currency}`;
  return "not a positive amount";
}

export function refusedNote(message: string): string {
  return `could not be recorded on the case: ${message}`;
}

export function duplicateNote(p: IncomingPayment): string {
  return `the same bank transaction (${p.bankReference ?? p.lineRef}) was recorded before`;
}

/** The bank_payments columns of a payment line, in the order the inserts name them. */
export function bankPaymentColumns(p: IncomingPayment) {
  return {
    line_ref: p.lineRef,
    reference: p.reference.value || null,
    reference_valid: p.reference.valid,
    amount_minor: p.amount.amount,
    currency: p.amount.currency,
    booked_on: p.bookedOn.toString(),
    payer: p.payer ?? null,
    bank_reference: p.bankReference ?? null,
    raw: p.raw,
  };
}

/** A line that could not be read, kept with its error and raw text (nothing that arrived disappears). */
export async function keepBrokenLines(tx: Queryable, bankFileId: string, errors: readonly LineIssue[]): Promise<void> {
  if (errors.length === 0) return;
  await tx.query(
    `insert into bank_payments (bank_file_id, line_ref, amount_minor, currency, raw, status, note)
     select $1, x.line_ref, x.amount_minor, x.currency, x.raw, 'error', x.note
       from jsonb_to_recordset($2::jsonb) as x(line_ref text, amount_minor int8, currency text, raw text, note text)`,
    [bankFileId, JSON.stringify(errors.map((e) => ({ line_ref: e.lineRef, amount_minor: e.amount?.amount ?? null, currency: e.amount?.currency ?? null, raw: e.raw ?? null, note: e.message })))],
  );
}

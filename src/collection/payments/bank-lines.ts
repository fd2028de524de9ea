import { z } from "zod";
import type { LocalDate } from "../../domain/calendar/local-date.js";
import type { DomainError } from "../../domain/errors.js";
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
  /** Why a duplicate or unmatched line was not recorded; null for a matched one. */
  reason: UnmatchedReason | null;
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

/** The case a payment's KID found: its id and the currency its amounts are kept in. */
export interface KidCase {
  id: string;
  currency: string;
}

/** Only a positive amount in the case's own currency is recorded on a case. */
export function recordable(p: IncomingPayment, c: KidCase): boolean {
  return p.amount.currency === c.currency && p.amount.amount > 0;
}

/**
 * Why a bank line waits for a person (or was kept as a repeat), as a closed set of codes with the
 * facts each one's text needs: the portal says it in the reader's language from the code, and API
 * users keep the English `note` (`noteText`). Stored when the line is queued, as the code and its
 * facts (bank_payments.reason_code, reason_data) next to the note; the queue reads the code, never
 * the note. Rows queued before the codes were stored got theirs from migration
 * 0013_backfill_bank_payment_reasons; a row without a code (a note from elsewhere) has none.
 */
const UnmatchedReasonSchema = z.discriminatedUnion("code", [
  z.object({ code: z.literal("no_kid") }),
  z.object({ code: z.literal("kid_check_digit"), kid: z.string(), detail: z.string().nullable() }),
  z.object({ code: z.literal("unknown_kid"), kid: z.string() }),
  z.object({ code: z.literal("foreign_currency"), currency: z.string() }),
  z.object({ code: z.literal("not_positive") }),
  z.object({ code: z.literal("dated_after_today"), bookedOn: z.string(), today: z.string() }),
  z.object({ code: z.literal("dated_before_last_change"), bookedOn: z.string(), changedOn: z.string() }),
  z.object({ code: z.literal("refused"), message: z.string() }),
  z.object({ code: z.literal("duplicate"), bankReference: z.string() }),
  z.object({ code: z.literal("possible_repeat"), bookedOn: z.string(), earlierFile: z.string(), importedOn: z.string() }),
]);

export type UnmatchedReason = z.infer<typeof UnmatchedReasonSchema>;

export type UnmatchedReasonCode = UnmatchedReason["code"];

export const UNMATCHED_REASON_CODES = [
  "no_kid",
  "kid_check_digit",
  "unknown_kid",
  "foreign_currency",
  "not_positive",
  "dated_after_today",
  "dated_before_last_change",
  "refused",
  "duplicate",
  "possible_repeat",
] as const satisfies readonly UnmatchedReasonCode[];

/** Why a line with no case to record it on waits (its KID found the case `found`, or none). */
export function unmatchedReason(p: IncomingPayment, found: KidCase | null): UnmatchedReason {
  if (p.reference.kind === "none" || p.reference.kind === "free-text") return { code: "no_kid" };
  if (p.reference.valid === false) return { code: "kid_check_digit", kid: p.reference.value, detail: p.reference.reason ?? null };
  if (!found) return { code: "unknown_kid", kid: p.reference.value };
  if (p.amount.currency !== found.currency) return { code: "foreign_currency", currency: p.amount.currency };
  return { code: "not_positive" };
}

export function whyUnmatched(p: IncomingPayment, found: KidCase | null): string {
  return noteText(unmatchedReason(p, found));
}

/**
 * The case refused the payment: the reason the refusal names in its facts (`DomainError.facts`,
 * e.g. from `checkPaymentInput` or `planPayment`), else `refused` with its message. Read from the
 * facts only, so rewording a message cannot change the code.
 */
export function refusalReason(e: DomainError): UnmatchedReason {
  const { reason, ...facts } = e.facts ?? {};
  if (reason === "dated_after_today" || reason === "dated_before_last_change") {
    const parsed = UnmatchedReasonSchema.safeParse({ ...facts, code: reason });
    if (parsed.success) return parsed.data;
  }
  return { code: "refused", message: e.message };
}

/** The note of a refusal with this message (a DomainError's message). */
export function refusedNote(message: string): string {
  return `could not be recorded on the case: ${message}`;
}

export function duplicateReason(p: IncomingPayment): UnmatchedReason {
  return { code: "duplicate", bankReference: p.bankReference ?? p.lineRef };
}

export function duplicateNote(p: IncomingPayment): string {
  return noteText(duplicateReason(p));
}

/** The English note of a reason, as stored in bank_payments.note. */
export function noteText(r: UnmatchedReason): string {
  switch (r.code) {
    case "no_kid":
      return "no KID on the payment";
    case "kid_check_digit":
      return `the KID ${r.kid} fails its check digit${r.detail ? ` (${r.detail})` : ""}`;
    case "unknown_kid":
      return `no case has the KID ${r.kid}`;
    case "foreign_currency":
      return `the payment is in ${r.currency}`;
    case "not_positive":
      return "not a positive amount";
    case "dated_after_today":
      return refusedNote(`receivedOn: the payment is dated ${r.bookedOn}, after today ${r.today}`);
    case "dated_before_last_change":
      return refusedNote(`receivedOn: the payment is dated ${r.bookedOn}, before the case's last principal change on ${r.changedOn}; record payments in date order`);
    case "refused":
      return refusedNote(r.message);
    case "duplicate":
      return `the same bank transaction (${r.bankReference}) was recorded before`;
    case "possible_repeat":
      return `likely a repeat: file ${r.earlierFile}, imported ${r.importedOn}, has a payment of ${r.bookedOn} with the same amount, reference and payer account, and neither has a bank reference`;
  }
}

/** The bank_payments columns of a reason: its English note, its code and its facts. */
export function reasonColumns(r: UnmatchedReason | null): { note: string | null; reason_code: UnmatchedReasonCode | null; reason_data: Record<string, string | null> | null } {
  if (r === null) return { note: null, reason_code: null, reason_data: null };
  const { code, ...facts } = r;
  return { note: noteText(r), reason_code: code, reason_data: facts };
}

/**
 * The reason stored with a bank payment (`reason_code`, `reason_data`); null when the row has no
 * code, or one whose facts do not fit it (then the note is shown as it is).
 */
export function storedReason(code: string | null, data: unknown): UnmatchedReason | null {
  if (code === null) return null;
  const parsed = UnmatchedReasonSchema.safeParse({ ...(typeof data === "object" && data !== null ? data : {}), code });
  return parsed.success ? parsed.data : null;
}

/** The bank's own reference of a line, when it gives a real one (an OCR archive reference of zeros is none). */
export function realBankReference(p: IncomingPayment): string | null {
  return p.bankReference && !/^0+$/.test(p.bankReference) ? p.bankReference : null;
}

/**
 * Lines that are likely repeats of a payment from another file (issue 19): a line without a bank
 * reference of its own (an OCR archive reference 0, a camt.054 entry without AcctSvcrRef) cannot
 * be told apart from the same payment re-sent in a file with another header, so one whose
 * fingerprint — booking date, amount and currency, reference, payer account — equals a line of an
 * earlier file goes to the manual queue instead of the case. Lines of the same file are not
 * compared (a file may hold two equal payments). Keyed by the line's index in `lines`.
 */
export async function likelyRepeats(tx: Queryable, bankFileId: string, lines: readonly IncomingPayment[]): Promise<Map<number, UnmatchedReason>> {
  const probe = lines.flatMap((p, i) => (realBankReference(p) ? [] : [{ i, booked_on: p.bookedOn.toString(), amount_minor: p.amount.amount, currency: p.amount.currency, reference: p.reference.value || "", payer_account: p.payer?.account ?? "" }]));
  const out = new Map<number, UnmatchedReason>();
  if (probe.length === 0) return out;
  const rows = await tx.query<{ i: number; booked_on: string; name: string; imported_on: string }>(
    `select distinct on (x.i) x.i, x.booked_on::text as booked_on, f.name, to_char(f.imported_at at time zone 'UTC', 'YYYY-MM-DD') as imported_on
       from jsonb_to_recordset($1::jsonb) as x(i int, booked_on date, amount_minor int8, currency text, reference text, payer_account text)
       join bank_payments bp on bp.booked_on = x.booked_on and bp.amount_minor = x.amount_minor and bp.currency = x.currency
                            and coalesce(bp.reference, '') = x.reference and coalesce(bp.payer->>'account', '') = x.payer_account
                            and bp.bank_file_id <> $2 and bp.status <> 'error'
       join bank_files f on f.id = bp.bank_file_id
      order by x.i, f.imported_at`,
    [JSON.stringify(probe), bankFileId],
  );
  for (const r of rows) out.set(r.i, { code: "possible_repeat", bookedOn: r.booked_on, earlierFile: r.name, importedOn: r.imported_on });
  return out;
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

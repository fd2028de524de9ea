import { LocalDate } from "../../domain/calendar/local-date.js";
import { DomainError } from "../../domain/errors.js";
import type { Queryable } from "../../platform/db/database.js";
import type { RuleBook } from "../../platform/rule-book.js";
import { recordPayment, type PaymentResult } from "../actions/record-payment.js";
import type { LetterAgency } from "../letters/letter-model.js";
import { storedReason, type UnmatchedReason } from "./bank-lines.js";
import { basisOf, type SuggestionBasis } from "./suggest-matches.js";

/** A bank payment in the manual-match queue, with why it waits and the cases suggested for it. */
export interface QueuedPayment {
  bankPaymentId: string;
  bookedOn: string | null;
  amountMinor: number | null;
  currency: string | null;
  reference: string | null;
  payerName: string | null;
  /** The English text stored with the payment. */
  note: string | null;
  /** Why it waits as a code with its facts, stored when it was queued; null for a row without one. */
  reason: UnmatchedReason | null;
  suggestions: { caseId: string | null; caseNumber: string; why: string; basis: SuggestionBasis | null }[];
}

interface StoredSuggestion {
  caseId?: string;
  caseNumber: string;
  why: string;
  basis?: unknown;
  invoiceNumber?: unknown;
  amountMinor?: unknown;
  debtorName?: unknown;
}

/** The queue, oldest booking first (at most `limit` payments). */
export async function unmatchedQueue(db: Queryable, limit = 1000): Promise<QueuedPayment[]> {
  const rows = await db.query<{ id: string; booked_on: string | null; amount_minor: number | null; currency: string | null; reference: string | null; payer: { name?: string } | null; note: string | null; reason_code: string | null; reason_data: unknown; suggestions: StoredSuggestion[] | null }>(
    `select id, booked_on, amount_minor, currency, reference, payer, note, reason_code, reason_data, suggestions from bank_payments where status = 'unmatched' order by booked_on, id limit $1`,
    [limit],
  );
  return rows.map((r) => ({
    bankPaymentId: r.id,
    bookedOn: r.booked_on,
    amountMinor: r.amount_minor,
    currency: r.currency,
    reference: r.reference,
    payerName: r.payer?.name ?? null,
    note: r.note,
    reason: storedReason(r.reason_code, r.reason_data),
    suggestions: (r.suggestions ?? []).map((s) => ({ caseId: s.caseId ?? null, caseNumber: s.caseNumber, why: s.why, basis: basisOf(s) })),
  }));
}

/** A person matches a queued bank payment to a case: it is recorded on the case as if its KID had named it. */
export async function matchBankPayment(tx: Queryable, input: { bankPaymentId: string; caseNumber: string; today: LocalDate; actor: string; rules: RuleBook; agency: LetterAgency }): Promise<PaymentResult> {
  const [bp] = await tx.query<{ id: string; status: string; amount_minor: number | null; currency: string | null; booked_on: string | null; reference: string | null; sha256: string; line_ref: string; bank_reference: string | null }>(
    `select bp.id, bp.status, bp.amount_minor, bp.currency, bp.booked_on, bp.reference, bf.sha256, bp.line_ref, bp.bank_reference
       from bank_payments bp join bank_files bf on bf.id = bp.bank_file_id where bp.id = $1 for update of bp`,
    [input.bankPaymentId],
  );
  if (!bp) throw new DomainError("not_found", `no bank payment ${input.bankPaymentId}`, "bankPaymentId");
  if (bp.status !== "unmatched") throw new DomainError("invalid_state", `the bank payment is ${bp.status}, not waiting for a match`, "bankPaymentId");
  if (!bp.currency || !bp.amount_minor || bp.amount_minor <= 0 || !bp.booked_on) throw new DomainError("invalid_state", "only a positive payment with a date can be matched to a case", "bankPaymentId");
  const [c] = await tx.query<{ id: string; creditor_id: string; currency: string }>("select id, creditor_id, currency from cases where case_number = $1", [input.caseNumber]);
  if (!c) throw new DomainError("not_found", `no case ${input.caseNumber}`, "caseNumber");
  if (bp.currency !== c.currency) throw new DomainError("invalid_state", `the payment is in ${bp.currency} and case ${input.caseNumber} in ${c.currency}: only a payment in the case's currency can be matched to it`, "bankPaymentId");
  const result = await recordPayment(tx, {
    caseId: c.id,
    amountMinor: bp.amount_minor,
    receivedOn: LocalDate.parse(bp.booked_on),
    channel: "agency",
    source: "bank",
    externalRef: bp.bank_reference ? `bank-ref:${bp.bank_reference}` : `${bp.sha256.slice(0, 16)}:${bp.line_ref}`,
    reference: bp.reference,
    today: input.today,
    actor: input.actor,
    rules: input.rules,
    agency: input.agency,
  });
  await tx.query("update bank_payments set status = 'matched', case_id = $2, creditor_id = $3, payment_id = $4, note = $5 where id = $1", [
    bp.id,
    c.id,
    c.creditor_id,
    result.paymentId,
    `matched by hand by ${input.actor}`,
  ]);
  return result;
}

import { describe, expect, it } from "vitest";
import { checkPaymentInput } from "../../src/collection/actions/record-payment.js";
import { duplicateNote, noteText, reasonColumns, refusalReason, refusedNote, storedReason, UNMATCHED_REASON_CODES, unmatchedReason, whyUnmatched, type UnmatchedReason } from "../../src/collection/payments/bank-lines.js";
import { DomainError } from "../../src/domain/errors.js";
import { basisOf, SUGGESTION_BASES, whyText, type SuggestionBasis } from "../../src/collection/payments/suggest-matches.js";
import type { IncomingPayment, PaymentReference } from "../../src/collection/bank-files/index.js";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import type { Currency } from "../../src/domain/money.js";

/**
 * The codes of the manual-match queue are stored with each bank payment when it is queued
 * (bank_payments.reason_code, reason_data; suggestions[].basis): every reason stored must read back
 * as the same code and facts, and a row without a code gives none (the portal then shows the
 * English text as it is). The texts are never read back (issue 13: typed data instead of text).
 */
function aLine(reference: PaymentReference, amount = 1_250_00, currency: Currency = "NOK"): IncomingPayment {
  return { lineRef: "line 7", reference, amount: { amount, currency }, bookedOn: LocalDate.parse("2025-03-10"), bankReference: "ARCHIVE-1", raw: "" };
}

const REASONS: UnmatchedReason[] = [
  { code: "no_kid" },
  { code: "kid_check_digit", kid: "10015421", detail: "check digit: expected 3 (MOD10) or 5 (MOD11), got 1" },
  { code: "kid_check_digit", kid: "10015421", detail: null },
  { code: "unknown_kid", kid: "0009999993" },
  { code: "foreign_currency", currency: "SEK" },
  { code: "not_positive" },
  { code: "dated_after_today", bookedOn: "2025-03-20", today: "2025-03-10" },
  { code: "dated_before_last_change", bookedOn: "2025-03-05", changedOn: "2025-03-10" },
  { code: "refused", message: "a case's interest runs from 1990-01-01, before the rate table starts on 2000-01-01" },
  { code: "duplicate", bankReference: "ARCHIVE-777" },
  { code: "possible_repeat", bookedOn: "2025-01-31", earlierFile: "ocr-0131.txt", importedOn: "2025-02-01" },
];

describe("why a bank line waits, as a code", () => {
  it("reads every reason it stores back as the same reason, and covers every code", () => {
    for (const r of REASONS) {
      // Through JSON, as the jsonb column keeps it.
      const { reason_code, reason_data, note } = JSON.parse(JSON.stringify(reasonColumns(r))) as ReturnType<typeof reasonColumns>;
      expect(storedReason(reason_code, reason_data), noteText(r)).toEqual(r);
      expect(note).toBe(noteText(r));
    }
    expect(new Set(REASONS.map((r) => r.code))).toEqual(new Set(UNMATCHED_REASON_CODES));
  });

  it("gives the reason of each kind of line", () => {
    const kid = (value: string, valid: boolean, reason?: string): PaymentReference => ({ kind: "kid", value, valid, ...(reason ? { reason } : {}) });
    expect(unmatchedReason(aLine({ kind: "none", value: "", valid: null }), null)).toEqual({ code: "no_kid" });
    expect(unmatchedReason(aLine({ kind: "free-text", value: "faktura 10002", valid: null }), null)).toEqual({ code: "no_kid" });
    expect(unmatchedReason(aLine(kid("10015421", false, "check digit: expected 3 (MOD10), got 1")), null)).toEqual({ code: "kid_check_digit", kid: "10015421", detail: "check digit: expected 3 (MOD10), got 1" });
    expect(unmatchedReason(aLine(kid("0009999993", true)), null)).toEqual({ code: "unknown_kid", kid: "0009999993" });
    expect(unmatchedReason(aLine(kid("0001000018", true), 500_00, "SEK"), { id: "case-1", currency: "NOK" })).toEqual({ code: "foreign_currency", currency: "SEK" });
    expect(unmatchedReason(aLine(kid("0001000018", true), -500_00), { id: "case-1", currency: "NOK" })).toEqual({ code: "not_positive" });
  });

  it("keeps the English notes API users read", () => {
    expect(whyUnmatched(aLine({ kind: "kid", value: "10015421", valid: false, reason: "check digit: expected 3 (MOD10), got 1" }), null)).toBe("the KID 10015421 fails its check digit (check digit: expected 3 (MOD10), got 1)");
    expect(whyUnmatched(aLine({ kind: "kid", value: "0009999993", valid: true }), null)).toBe("no case has the KID 0009999993");
    expect(whyUnmatched(aLine({ kind: "none", value: "", valid: null }), null)).toBe("no KID on the payment");
    expect(duplicateNote(aLine({ kind: "none", value: "", valid: null }))).toBe("the same bank transaction (ARCHIVE-1) was recorded before");
    // The refusals come from record-payment.ts in its own words; the two dated ones have codes, from the refusal's facts.
    expect(noteText({ code: "dated_after_today", bookedOn: "2025-03-20", today: "2025-03-10" })).toBe(refusedNote("receivedOn: the payment is dated 2025-03-20, after today 2025-03-10"));
    expect(refusalReason(new DomainError("invalid_input", "something new", "receivedOn"))).toEqual({ code: "refused", message: "receivedOn: something new" });
  });

  it("takes a refusal's code from its facts, so rewording the message cannot change it", () => {
    let thrown: unknown;
    try {
      checkPaymentInput({ amountMinor: 5_00, receivedOn: LocalDate.parse("2025-03-20"), today: LocalDate.parse("2025-03-10") });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    const refusal = thrown as DomainError;
    const expected: UnmatchedReason = { code: "dated_after_today", bookedOn: "2025-03-20", today: "2025-03-10" };
    expect(refusalReason(refusal)).toEqual(expected);
    // The same refusal in other words (or another language) is the same reason with the same facts.
    const reworded = new DomainError(refusal.code, "betalingen er datert etter dagens dato", refusal.field, refusal.facts);
    expect(refusalReason(reworded)).toEqual(expected);
    const before = new DomainError("invalid_input", "paid too early", "receivedOn", { reason: "dated_before_last_change", bookedOn: "2025-03-05", changedOn: "2025-03-10" });
    expect(refusalReason(before)).toEqual({ code: "dated_before_last_change", bookedOn: "2025-03-05", changedOn: "2025-03-10" });
    // Facts that do not fit the reason they name are a plain refusal with its message.
    expect(refusalReason(new DomainError("invalid_input", "odd", "receivedOn", { reason: "dated_after_today", bookedOn: "2025-03-20" }))).toEqual({ code: "refused", message: "receivedOn: odd" });
  });

  it("gives no code for a row stored without one, or with facts that do not fit it", () => {
    expect(storedReason(null, null)).toBeNull();
    expect(storedReason(null, { kid: "123" })).toBeNull();
    expect(storedReason("kid_check_digit", {})).toBeNull();
    expect(storedReason("bank_returned", {})).toBeNull();
    expect(storedReason("no_kid", null)).toEqual({ code: "no_kid" });
  });
});

describe("why a case is suggested, as a code", () => {
  const BASES: SuggestionBasis[] = [
    { basis: "invoice_number", invoiceNumber: "10002" },
    { basis: "same_amount", amountMinor: 1_250_00 },
    { basis: "same_amount_and_name", amountMinor: 1_250_00, debtorName: "Skyldner 0 Ødegård" },
  ];

  it("takes a stored suggestion's own fields", () => {
    for (const b of BASES) expect(basisOf({ why: "changed wording", ...b })).toEqual(b);
    expect(new Set(BASES.map((b) => b.basis))).toEqual(new Set(SUGGESTION_BASES));
  });

  // Issue 13 (typed data instead of text): the text is never read back; a suggestion stored
  // before the codes gets its basis from the backfill migration (test/payments/match-queue-api.pg.test.ts).
  it("never reads a basis from the text", () => {
    for (const b of BASES) expect(basisOf({ why: whyText(b) }), whyText(b)).toBeNull();
    expect(basisOf({ why: "the payer called us" })).toBeNull();
    expect(basisOf({ basis: "same_amount" })).toBeNull(); // a code without its fact is not trusted
  });
});

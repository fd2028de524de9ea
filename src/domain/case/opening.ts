import type { VatAddOnBasis } from "../fees/vat-add-on.js";
import { calendarFor } from "../calendar/business-calendar.js";
import type { LocalDate } from "../calendar/local-date.js";
import { judgeLedgerNotice, openCase, scheduledEvents, type CaseState, type DebtorType } from "../case-lifecycle/index.js";
import { makeKid, makeOcr, type KidAlgorithm } from "../identifiers/index.js";
import { openSwedishCase, scheduledSwedishEvents } from "../se/index.js";
import { swedishLimitationAtOpening } from "./sweden.js";
import { limitationDate } from "../limitation.js";
import type { Currency, Money } from "../money.js";
import type { LedgerLetterFact } from "./account.js";
import type { TimelinePlan } from "./plan.js";

/**
 * A claim taken over for collection: the case's first state (with a collection notice the ledger
 * already sent judged by the rule core: one that does not count is recorded on the first
 * timeline row with the reason, and the case sends its own notice), its case number and KID from
 * the number the caller drew, the `opened` timeline row, and the `case-opened` message that
 * registers the case number in the ledger.
 */
export interface ClaimToOpen {
  claimId: string;
  debtorId: string;
  debtorType: DebtorType;
  dueDate: LocalDate;
  principalMinor: number;
  ledgerNotice?: { sentOn: LocalDate; deadline: LocalDate } | null;
  /** The ledger's own letters before transfer, with their fees when known (inkassoforskriften § 1-3 counts them). */
  ledgerLetters?: readonly LedgerLetterFact[];
  /** Where the claim stems from, for the salær's VAT add-on (inkassoforskriften § 2-2 second paragraph); null: from the creditor's registration. */
  vatAddOnBasis?: VatAddOnBasis | null;
}

export interface OpeningCreditor {
  code: string;
  jurisdiction: string;
  currency: Currency;
  settings: { firstStep: "reminder" | "collection-notice"; kidAlgorithm: KidAlgorithm };
}

export interface CaseOpening {
  caseId: string;
  claimId: string;
  debtorId: string;
  caseNumber: string;
  kid: string;
  jurisdiction: string;
  currency: Currency;
  state: CaseState;
  /** The claim's due date moved to the next business day. */
  dueDate: LocalDate;
  principal: Money;
  ledgerLetters: readonly LedgerLetterFact[];
  vatAddOnBasis: VatAddOnBasis | null;
  nextActionOn: LocalDate | null;
  limitationOn: LocalDate;
  timeline: TimelinePlan;
  outbox: { kind: "case-opened"; payload: { caseId: string; claimId: string; caseNumber: string } };
}

export function planOpening(claim: ClaimToOpen, o: { caseId: string; number: number; creditor: OpeningCreditor; today: LocalDate }): CaseOpening {
  const { creditor, today, caseId } = o;
  const due = calendarFor(creditor.jurisdiction).nextBusinessDay(claim.dueDate);
  // A Swedish case (sweden.ts): the Swedish schedule and preskription, a Bankgiro OCR reference
  // (Luhn, `se-ocr`) instead of a KID; a ledger's inkassovarsel is a Norwegian letter and not read.
  const swedish = creditor.jurisdiction === "SE";
  const givenNotice = swedish ? null : (claim.ledgerNotice ?? null);
  const state = openCase({ openedOn: today, dueDate: due, debtorType: claim.debtorType, ledgerNotice: givenNotice });
  const verdict = givenNotice ? judgeLedgerNotice(givenNotice, due) : null;
  const ledgerNotice =
    givenNotice && verdict
      ? { sentOn: givenNotice.sentOn.toString(), deadline: givenNotice.deadline.toString(), accepted: verdict.accepted, ...(verdict.accepted ? {} : { defects: verdict.defects.map((d) => d.code) }) }
      : null;
  const next = (swedish ? scheduledSwedishEvents(openSwedishCase(state), { firstLetter: creditor.settings.firstStep }) : scheduledEvents(state, { firstLetter: creditor.settings.firstStep }))[0]?.on ?? null;
  const limitation = swedish ? swedishLimitationAtOpening(due, claim.debtorType) : limitationDate({ dueDate: due, interruptions: [] }).date;
  const caseNumber = `${creditor.code}-${o.number}`;
  const kid = swedish ? makeOcr(String(o.number).padStart(9, "0")) : makeKid(String(o.number).padStart(9, "0"), creditor.settings.kidAlgorithm);
  return {
    caseId,
    claimId: claim.claimId,
    debtorId: claim.debtorId,
    caseNumber,
    kid,
    jurisdiction: creditor.jurisdiction,
    currency: creditor.currency,
    state,
    dueDate: due,
    principal: { amount: claim.principalMinor, currency: creditor.currency },
    ledgerLetters: claim.ledgerLetters ?? [],
    vatAddOnBasis: claim.vatAddOnBasis ?? null,
    nextActionOn: next,
    limitationOn: limitation,
    timeline: {
      type: "opened",
      stage: "opened",
      data: { caseNumber, kid, dueDate: due.toString(), principal: claim.principalMinor, nextActionOn: next?.toString() ?? null, ...(ledgerNotice ? { ledgerNotice } : {}), ...(claim.ledgerLetters?.length ? { ledgerLetters: claim.ledgerLetters.map(ledgerLetterJson) } : {}) },
      reason: verdict && !verdict.accepted ? verdict.text.en : null,
      dedupeKey: "opened",
    },
    outbox: { kind: "case-opened", payload: { caseId, claimId: claim.claimId, caseNumber } },
  };
}

/** A ledger letter as stored (`cases.ledger_letters`) and shown on the timeline. */
export function ledgerLetterJson(l: LedgerLetterFact): { letter: string; sentOn: string; deadline: string | null; feeMinor: number | null } {
  return { letter: l.letter, sentOn: l.sentOn.toString(), deadline: l.deadline?.toString() ?? null, feeMinor: l.fee?.amount ?? null };
}

/**
 * A ledger letter as the case keeps it, from what the ledger says: the fee null when the ledger
 * does not say (assumed charged: inkassoforskriften § 1-3's limits are never exceeded); a deadline
 * before the sending date (a ledger's data error) is dropped rather than trusted, which never
 * allows a fee the law would not (a missed deadline of ≥ 14 days is then not shown).
 */
export function ledgerLetterFact(letter: "reminder" | "collection-notice", sentOn: LocalDate, deadline: LocalDate | null, fee: Money | null): LedgerLetterFact {
  return { letter, sentOn, deadline: deadline && !deadline.isBefore(sentOn) ? deadline : null, fee };
}

import type { Bucket } from "../allocation.js";
import { LocalDate, norwegianDate } from "../calendar/local-date.js";
import { formatDecimal, formatNorwegian, type Currency, type Money } from "../money.js";
import type { NorwegianRuleSet } from "../jurisdictions/no/no-rule-set.js";
import { inCurrency, openBalance, type CaseAccount } from "./account.js";
import { applyEvent, runScheduled } from "./day.js";
import { caseInterestMinor, compiledFor } from "./interest.js";
import { lateInterestTable } from "./sweden.js";
import { emptyPlan, finish, withReason, type CasePlan, type ReasonText } from "./plan.js";
import type { PlanContext } from "./terms.js";

/**
 * A payment reversed in the ledger (it must reach the case too: docs/CASES.md, "Money on a case"):
 * the reversed payment is undone bucket by bucket (negative allocations, never an edit of
 * history), the interest is restored as if the payment had never been made, and a case closed by
 * that payment is reopened through the transition table.
 *
 * Interest: the payment froze the interest at its date and let it run on the smaller principal
 * since. In law a reversed payment was never made, so interest runs on the restored principal
 * from the payment's date without a gap: the interest on it from that date to the case's interest date is added, exactly (the rule
 * core's formula, on principal only, never on interest), and the timeline row says how much and
 * for which days.
 */
export interface ReversalToPlan {
  /** The reversal's own payment id (the caller's `newId()`). */
  reversalId: string;
  /** The amount taken back, positive. */
  amount: Money;
  on: LocalDate;
  source: string;
  externalRef: string;
  /** The payment it reverses, with its allocations as recorded. */
  original: { id: string; receivedOn: LocalDate; allocations: readonly { bucket: Bucket; amount: Money }[] };
}

/** The interest owed again on a reversed payment's principal, for the timeline. */
export interface RestoredInterest {
  /** The principal the reversal makes owing again (minor units). */
  principal: number;
  /** The reversed payment's date: interest on that principal runs again from here. */
  from: string;
  /** The case's interest date the amount is computed to (the daily cycle continues from here). */
  until: string;
  /** The interest added to the case (minor units). */
  amount: number;
}

export function planReversal(account: CaseAccount, input: ReversalToPlan, ctx: PlanContext): CasePlan {
  const currency = account.currency;
  const amount = inCurrency(account, input.amount, "amount");
  const { original } = input;
  // What the payment paid per bucket, but never more than the bucket still holds as paid: part of
  // it may have become the debtor's credit since (interest or costs found not owed after a credit
  // note or a waiver, credit-note.ts); that part is taken back from the credit instead.
  const undo = (bucket: Bucket) => Math.max(0, Math.min(account.paid[bucket].amount, original.allocations.filter((a) => a.bucket === bucket).reduce((s, a) => s + a.amount.amount, 0)));
  const allocated = (["fees", "salary", "legal-costs", "interest", "principal"] as const).reduce((s, b) => s + undo(b), 0);
  const restored = restoredInterest(account, undo("principal"), original.receivedOn, { lateInterest: lateInterestTable(ctx) });
  const m = (n: number) => ({ amount: n, currency });
  const after: CaseAccount = {
    ...account,
    charged: { ...account.charged, interest: m(restored.accruedMinor) },
    paid: {
      fees: m(account.paid.fees.amount - undo("fees")),
      salary: m(account.paid.salary.amount - undo("salary")),
      "legal-costs": m(account.paid["legal-costs"].amount - undo("legal-costs")),
      interest: m(account.paid.interest.amount - undo("interest")),
      principal: m(account.paid.principal.amount - undo("principal")),
    },
    // What the payment left as a credit balance (an over-payment) goes back too.
    credit: m(Math.max(0, account.credit.amount - (amount.amount - allocated))),
    interest: { ...account.interest, base: m(restored.baseMinor) },
  };
  const plan = emptyPlan(after);
  const day = input.on.toString();
  plan.payments.push({ id: input.reversalId, receivedOn: input.on, amount: m(-amount.amount), channel: "reversal", source: input.source, externalRef: input.externalRef, reference: `reverses:${original.id}`, journalDue: false });
  plan.allocations.push(...original.allocations.filter((a) => undo(a.bucket) > 0).map((a) => ({ paymentId: input.reversalId, bucket: a.bucket, amount: m(-undo(a.bucket)) })));
  const note = {
    reversal: { id: input.reversalId, amount: amount.amount, on: day, reverses: original.id, paidOn: original.receivedOn.toString() },
    interestRestored: restored.note,
    balanceAfter: openBalance(after).amount,
  };
  const why = restoredInterestText(restored.note, currency);
  const key = `reversal:${input.reversalId}`;
  if (account.state.closedOn !== null) {
    const reopened = applyEvent(plan, { type: "reopen" }, { ...ctx, actorNote: note });
    if (reopened.ok) runScheduled(plan, ctx);
    else plan.timeline.push({ type: "payment-reversed", stage: plan.state.stage, ...withReason({ ...note, refused: reopened.code }, { nb: `${reopened.text.nb}. ${why.nb}`, en: `${reopened.text.en}. ${why.en}` }), dedupeKey: key });
  } else {
    plan.timeline.push({ type: "payment-reversed", stage: plan.state.stage, ...withReason(note, why), dedupeKey: key });
  }
  const first = plan.timeline[0];
  if (first) {
    first.dedupeKey = key;
    if (first.reason === null) Object.assign(first, withReason(first.data, why));
  }
  return finish(plan);
}

/**
 * The interest after a reversal, as if the payment had never been made. The account holds the
 * interest frozen at `interest.baseOn` plus, up to `interest.accruedOn`, the interest on the open
 * principal. The reversed payment (dated `paidOn`, never after the base date, since each payment
 * moves the base to its own date) took `principal` out of the open principal from its date on;
 * the interest on it from `paidOn` to the base date is added to the frozen part, and the accrued
 * figure is recomputed on the restored principal. Each piece is the rule core's exact formula
 * rounded once, on principal only: interest is never charged on interest.
 */
export function restoredInterest(
  account: Pick<CaseAccount, "charged" | "paid" | "interest">,
  principal: number,
  paidOn: LocalDate,
  rules: Pick<NorwegianRuleSet, "lateInterest">,
): { baseMinor: number; accruedMinor: number; note: RestoredInterest } {
  const table = compiledFor(rules.lateInterest);
  const baseOn = account.interest.baseOn;
  const accruedOn = account.interest.accruedOn;
  const from = LocalDate.min(paidOn, baseOn);
  const baseMinor = account.interest.base.amount + caseInterestMinor(account.interest, principal, from, baseOn, table);
  const openAfter = account.charged.principal.amount - account.paid.principal.amount + principal;
  const accruedMinor = accruedOn.isAfter(baseOn) ? baseMinor + caseInterestMinor(account.interest, openAfter, baseOn, accruedOn, table) : baseMinor;
  const until = LocalDate.max(baseOn, accruedOn);
  return { baseMinor, accruedMinor, note: { principal, from: from.toString(), until: until.toString(), amount: accruedMinor - account.charged.interest.amount } };
}

function restoredInterestText(n: RestoredInterest, currency: Currency): ReasonText {
  if (n.principal === 0) return { nb: "Den tilbakeførte innbetalingen betalte ingen hovedstol; rentene er uendret", en: "The reversed payment paid no principal; the interest is unchanged" };
  const en = (minor: number) => formatDecimal({ amount: minor, currency });
  const nb = (minor: number) => formatNorwegian({ amount: minor, currency });
  return {
    nb: `Innbetalingen regnes som aldri gjort: renter på ${nb(n.amount)} av den gjenopprettede hovedstolen på ${nb(n.principal)} fra ${norwegianDate(n.from)} til ${norwegianDate(n.until)} skyldes igjen, og løper videre derfra`,
    en: `The payment counts as never made: interest of ${en(n.amount)} on the restored principal of ${en(n.principal)} from ${n.from} to ${n.until} is owed again, and runs on from there`,
  };
}

import type { Bucket } from "../allocation.js";
import type { CaseEvent } from "../case-lifecycle/index.js";
import { DomainError } from "../errors.js";
import { maxCollectionSalary } from "../fees/collection-salary.js";
import { interestStartDate } from "../interest/interest-start.js";
import { formatDecimal, formatNorwegian, type Currency, type Money } from "../money.js";
import { inCurrency, openBalance, type CaseAccount } from "./account.js";
import { applyEvent, runScheduled } from "./day.js";
import { caseInterestMinor, compiledFor } from "./interest.js";
import { lateInterestTable } from "./sweden.js";
import type { PaymentPlan, PaymentToPlan } from "./payment.js";
import { emptyPlan, finish, withReason, type CasePlan, type ReasonText } from "./plan.js";
import type { PlanContext } from "./terms.js";
import { reduceCosts, waiveAllCosts } from "./waiver.js";

/**
 * A credit note from the creditor's ledger on an open case. A credit note is not a payment: the
 * credited part of the claim was never owed, so it never bore late interest and the costs are
 * owed only on what is left of the claim.
 *
 * - **Principal.** The credited amount `C` comes off the open principal (an allocation to the
 *   principal bucket on the credit note's `payments` row, channel `credit-note`). It does not
 *   interrupt limitation (foreldelsesloven § 14 needs the debtor's acknowledgement; a credit is
 *   the creditor's).
 * - **Interest.** Late interest runs from the interest start, the claim's due date
 *   (forsinkelsesrenteloven § 2, `interestStartDate`), on the principal open each day. The
 *   credited part was open every day from the start (a principal only falls by payments and
 *   credits), so the interest on the corrected claim is the interest charged less the interest on
 *   `C` over [start, accrued-to date]: interest is linear in the principal within each rate
 *   period, so this is exact up to the one rounding. Computed as the account keeps it — the
 *   frozen part up to the last principal change (`interest.baseOn`) less the interest on `C` from
 *   the start to that day, then the part since recomputed on the corrected open principal — so a
 *   later payment or accrual continues from correct figures, and the base date does not move.
 * - **A credit note larger than the open principal.** The excess was principal the debtor had
 *   already paid and never owed: it is kept as the debtor's credit, to refund. The interest that
 *   paid part bore is removed too, from the start to the last principal change (the latest day it
 *   can have been paid; the account keeps no earlier payment dates): exact when the last payment
 *   paid it, otherwise in the debtor's favour, never the creditor's. A credit note larger than the
 *   whole claim leaves the rest as credit as well (money conserved: amount = allocations + credit);
 *   the timeline row says so.
 * - **Salær.** A salær charged on the uncorrected claim is re-capped to `maxCollectionSalary` of
 *   the corrected claim (inkassoforskriften §§ 2-2, 2-3: the band follows the claim), light or
 *   heavy as charged, at the inkassosats of the day it was charged. The excess comes off as a
 *   negative charge (waiver.ts). Letter fees (a fraction of the inkassosats, §§ 1-2, 1-3) and
 *   legal costs (rettsgebyr) do not depend on the claim's size and stay.
 * - **Paid too much.** Interest or costs the debtor already paid that turn out not owed become the
 *   debtor's credit, with a negative allocation on the credit note's row; no bucket is negative.
 * - **In full.** A credit note that brings the claim (`claimForSalary`: the principal less credit
 *   notes) to zero leaves the debtor owing nothing: all interest and every fee, salær and legal
 *   cost come off the debtor's balance (what was paid toward them becomes credit), and the case
 *   closes as `credited` through the transition table, whose `invoice-creditor` effect charges the
 *   costs incurred to the creditor after the free period (the creditor's agreement with the agency).
 *
 * The timeline row is `credit-note` (not `payment-received`); a credit that closes the case adds
 * the transition's own row (`credited-in-full`, or `paid-in-full` when the corrected claim turns
 * out paid).
 */
export function planCreditNote(account: CaseAccount, input: Omit<PaymentToPlan, "channel" | "designation">, ctx: PlanContext): PaymentPlan {
  if (account.state.closedOn !== null) throw new DomainError("invalid_input", `case ${account.id} is closed: a credit note on it changes no balance (planClosedCasePayment)`, "caseId");
  const currency = account.currency;
  const m = (n: number): Money => ({ amount: n, currency });
  const amount = inCurrency(account, input.amount, "amount");
  const { paymentId, receivedOn } = input;
  const table = compiledFor(lateInterestTable(ctx));

  const principalOpen = Math.max(0, account.charged.principal.amount - account.paid.principal.amount);
  const credited = Math.min(amount.amount, principalOpen);
  const excess = amount.amount - credited;
  const excessPaid = Math.min(excess, account.paid.principal.amount);
  const claimAfter = Math.max(0, account.claimForSalary.amount - amount.amount);
  const full = claimAfter === 0;

  // Interest on the corrected claim (see above): exact up to the one rounding.
  const start = interestStartDate({ dueDate: account.state.dueDate });
  const { base, baseOn, accruedOn } = account.interest;
  const oldAccrued = account.charged.interest.amount;
  let newBase = 0;
  let newAccrued = 0;
  if (!full) {
    const cut = baseOn.isAfter(start.date) ? caseInterestMinor(account.interest, credited + excessPaid, start.date, baseOn, table) : 0;
    newBase = Math.max(0, base.amount - cut);
    newAccrued = accruedOn.isAfter(baseOn) ? newBase + caseInterestMinor(account.interest, principalOpen - credited, baseOn, accruedOn, table) : newBase;
    newAccrued = Math.min(newAccrued, oldAccrued);
  }
  const interestRefund = Math.max(0, account.paid.interest.amount - newAccrued);

  const after: CaseAccount = {
    ...account,
    charged: { ...account.charged, interest: m(newAccrued) },
    paid: { ...account.paid, principal: m(account.paid.principal.amount + credited), interest: m(account.paid.interest.amount - interestRefund) },
    interest: { ...account.interest, base: m(Math.min(newBase, newAccrued)), baseOn, accruedOn },
    credit: m(account.credit.amount + excess + interestRefund),
    claimForSalary: m(claimAfter),
  };
  const plan = emptyPlan(after);
  plan.payments.push({ id: paymentId, receivedOn, amount, channel: "credit-note", source: input.source, externalRef: input.externalRef, reference: input.reference ?? null, journalDue: false });
  if (credited > 0) plan.allocations.push({ paymentId, bucket: "principal", amount: m(credited) });
  if (interestRefund > 0) plan.allocations.push({ paymentId, bucket: "interest", amount: m(-interestRefund) });

  const costs = full ? waiveInFull(plan, paymentId) : recapSalary(plan, account, paymentId, ctx);
  const balanceAfter = openBalance(plan.account).amount + plan.charges.reduce((s, c) => s + (c.bucket === "creditor" ? 0 : c.amount.amount), 0);
  const creditAdded = plan.account.credit.amount - account.credit.amount;
  const day = receivedOn.toString();
  const note = {
    payment: { id: paymentId, amount: amount.amount, receivedOn: day, channel: "credit-note", reference: input.reference ?? null },
    principalCredited: credited,
    ...(excess > 0 ? { exceedsOpenPrincipal: { amount: excess, paidByDebtor: excessPaid, beyondClaim: excess - excessPaid } } : {}),
    interestRemoved: { amount: oldAccrued - newAccrued, principal: full ? null : credited + excessPaid, from: start.date.toString(), until: (accruedOn.isAfter(baseOn) ? accruedOn : baseOn).toString(), source: start.source },
    ...costs,
    claimAfter,
    credit: creditAdded,
    balanceAfter,
  };
  plan.timeline.push({ type: "credit-note", stage: plan.state.stage, ...withReason(note, creditNoteText(note.interestRemoved.amount, creditAdded, full, amount.currency)), dedupeKey: `payment:${paymentId}` });

  const closing: CaseEvent | null = full ? { type: "credited-in-full" } : balanceAfter <= 0 ? { type: "paid-in-full" } : null;
  if (closing) {
    const applied = applyEvent(plan, closing, { ...ctx, actorNote: { paymentId } });
    if (applied.ok) plan.timeline.at(-1)!.dedupeKey = `${closing.type}:${paymentId}`;
  }
  runScheduled(plan, ctx);
  const allocations = plan.allocations.filter((a) => a.paymentId === paymentId).map((a) => ({ bucket: a.bucket as Bucket, amount: a.amount }));
  return { plan: finish(plan), allocations, credit: m(creditAdded), balance: m(balanceAfter) };
}

/** A full credit: every cost off the debtor's balance (the creditor's agreement decides who bears them). */
function waiveInFull(plan: CasePlan, paymentId: string): Record<string, unknown> {
  const w = waiveAllCosts(
    plan,
    paymentId,
    "A claim credited in full was never owed: the debtor owes no interest and no fees, salær or legal costs; what was paid toward them is refunded",
    "inkassoloven § 17 første ledd (no costs for a claim that is not owed); forsinkelsesrenteloven § 2 (interest only on what is owed)",
    paymentId,
  );
  return { costsWaived: w.charges.map((c) => ({ kind: c.kind, amount: c.amount.amount })), costsRefunded: w.refunded };
}

/** A part credit: the salær re-capped to the corrected claim's band, light or heavy as charged. */
function recapSalary(plan: CasePlan, account: CaseAccount, paymentId: string, ctx: PlanContext): Record<string, unknown> {
  const s = account.state;
  const charged = account.charged.salary.amount;
  const chargedOn = s.heavySalaryOn ?? s.demandSentOn;
  if (charged <= 0 || chargedOn === null) return {};
  const heavy = s.heavySalaryOn !== null;
  const cap = maxCollectionSalary({
    claim: plan.account.claimForSalary,
    debtor: s.debtorType,
    heavy,
    creditorVatRegistered: ctx.creditor.vatRegistered,
    vatAddOnBasis: account.vatAddOnBasis ?? null,
    claimDueDate: s.dueDate,
    on: chargedOn,
    rules: ctx.rules,
  });
  const r = reduceCosts(
    plan,
    [{ bucket: "salary", to: cap.amount.amount, kind: "salary-recapped", key: `salary-recapped:${paymentId}`, rule: `Re-capped to the corrected claim: ${cap.rule}`, source: cap.source }],
    paymentId,
  );
  if (r.charges.length === 0) return {};
  return { salaryRecapped: { from: charged, to: cap.amount.amount, heavy, source: cap.source }, costsRefunded: r.refunded };
}

function creditNoteText(interestRemoved: number, credit: number, full: boolean, currency: Currency): ReasonText {
  const en = (minor: number) => formatDecimal({ amount: minor, currency });
  const nb = (minor: number) => formatNorwegian({ amount: minor, currency });
  const parts = { nb: [full ? "Kravet er kreditert i sin helhet: skyldneren skylder ingenting" : "Den krediterte delen var aldri skyldig"], en: [full ? "The claim is credited in full: the debtor owes nothing" : "The credited part was never owed"] };
  if (interestRemoved > 0) {
    parts.nb.push(`renter på ${nb(interestRemoved)} av den er strøket`);
    parts.en.push(`interest of ${en(interestRemoved)} on it is removed`);
  }
  if (credit > 0) {
    parts.nb.push(`${nb(credit)} holdes som skyldnerens tilgodehavende til tilbakebetaling`);
    parts.en.push(`${en(credit)} is kept as the debtor's credit to refund`);
  }
  return { nb: parts.nb.join("; "), en: parts.en.join("; ") };
}

import { allocatePayment, type Bucket, type Designation } from "../allocation.js";
import type { LocalDate } from "../calendar/local-date.js";
import type { CaseEvent } from "../case-lifecycle/index.js";
import { DomainError } from "../errors.js";
import type { Money } from "../money.js";
import { inCurrency, openBalance, openBalances, type CaseAccount } from "./account.js";
import { applyEvent, runScheduled } from "./day.js";
import { planCreditNote } from "./credit-note.js";
import { caseInterestMinor, compiledFor } from "./interest.js";
import { lateInterestTable, limitationAfter } from "./sweden.js";
import { emptyPlan, finish, withReason, type CasePlan } from "./plan.js";
import type { PlanContext } from "./terms.js";

/**
 * Money (or a credit note) on a case. On an open case: interest is brought exactly to the
 * payment date on the old principal and frozen there; the amount is allocated by the rule core
 * (costs → interest → principal unless the debtor designated otherwise); an over-payment is kept
 * as a credit balance to refund; a part payment interrupts limitation (foreldelsesloven § 14); a
 * balance of zero closes the case through the transition table. On a closed case the money is
 * kept as a credit to refund (a credit note there changes no balance).
 */
export type MoneyChannel = "agency" | "creditor" | "credit-note";

export interface PaymentToPlan {
  /** The new payment's id (the caller's `newId()`). */
  paymentId: string;
  amount: Money;
  receivedOn: LocalDate;
  channel: MoneyChannel;
  /** Where the payment comes from and its key there: recorded once per (creditor, source, external reference). */
  source: string;
  externalRef: string;
  reference?: string | null;
  /** The debtor's own designation of what the money pays (inkasso practice: the debtor chooses). */
  designation?: { bucket: Bucket } | null;
}

export interface PaymentPlan {
  plan: CasePlan;
  allocations: { bucket: Bucket; amount: Money }[];
  /** What is left over, kept as the debtor's credit. */
  credit: Money;
  /** The open balance after the payment. */
  balance: Money;
}

/** The checks made before any case is read: a positive whole amount, not dated after today. Throws DomainError. */
export function checkPaymentInput(input: { amountMinor: number; receivedOn: LocalDate; today: LocalDate }): void {
  if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0) {
    throw new DomainError("invalid_amount", `${input.amountMinor} is not a positive whole number of minor units`, "amount");
  }
  if (input.receivedOn.isAfter(input.today)) {
    throw new DomainError("invalid_input", `the payment is dated ${input.receivedOn}, after today ${input.today}`, "receivedOn", {
      reason: "dated_after_today",
      bookedOn: input.receivedOn.toString(),
      today: input.today.toString(),
    });
  }
}

/**
 * A payment on an open case: interest to the payment date and frozen, the allocation by the rule
 * core, the credit, the limitation date, and the case's plan (the payment event through the
 * transition table, then whatever the schedule has due today). Throws DomainError when the
 * payment is dated before the case's last principal change.
 */
export function planPayment(account: CaseAccount, input: PaymentToPlan, ctx: PlanContext): PaymentPlan {
  if (account.state.closedOn !== null) throw new DomainError("invalid_input", `case ${account.id} is closed: money on it is kept as a credit (planClosedCasePayment)`, "caseId");
  const { paymentId, receivedOn } = input;
  const currency = account.currency;
  const amount = inCurrency(account, input.amount, "amount");
  const day = receivedOn.toString();
  if (receivedOn.isBefore(account.interest.baseOn)) {
    throw new DomainError("invalid_input", `the payment is dated ${day}, before the case's last principal change on ${account.interest.baseOn}; record payments in date order`, "receivedOn", {
      reason: "dated_before_last_change",
      bookedOn: day,
      changedOn: account.interest.baseOn.toString(),
    });
  }
  const table = compiledFor(lateInterestTable(ctx));
  const principalOpen = account.charged.principal.amount - account.paid.principal.amount;
  // Interest on the old principal up to the payment day, exact and rounded once (the rule core's formula).
  const baseAtPayment = account.interest.base.amount + caseInterestMinor(account.interest, principalOpen, account.interest.baseOn, receivedOn, table);
  const balances = openBalances({ ...account, charged: { ...account.charged, interest: { amount: baseAtPayment, currency } } });
  const owed = (b: Bucket) => ({ amount: Math.max(0, balances[b].amount), currency });
  const allocation = allocatePayment({
    payment: amount,
    balances:
      input.channel === "credit-note"
        ? { principal: owed("principal") } // a credit note reduces the claim itself, nothing else
        : { fees: owed("fees"), salary: owed("salary"), "legal-costs": owed("legal-costs"), interest: owed("interest"), principal: owed("principal") },
    ...(input.designation ? { designation: input.designation as Designation } : {}),
  });
  const paidNow = (b: Bucket) => allocation.allocations.filter((a) => a.bucket === b).reduce((s, a) => s + a.amount.amount, 0);
  const principalPaid = paidNow("principal");
  const newPrincipalOpen = principalOpen - principalPaid;
  const accruedOn = account.interest.accruedOn;
  const accrued = accruedOn.isAfter(receivedOn) ? baseAtPayment + caseInterestMinor(account.interest, newPrincipalOpen, receivedOn, accruedOn, table) : baseAtPayment;
  const interrupted = input.channel === "credit-note" ? null : limitationAfter(ctx, account.state, receivedOn, "part-payment");
  const m = (n: number) => ({ amount: n, currency });

  const after: CaseAccount = {
    ...account,
    charged: { ...account.charged, interest: m(accrued) },
    paid: {
      fees: m(account.paid.fees.amount + paidNow("fees")),
      salary: m(account.paid.salary.amount + paidNow("salary")),
      "legal-costs": m(account.paid["legal-costs"].amount + paidNow("legal-costs")),
      interest: m(account.paid.interest.amount + paidNow("interest")),
      principal: m(account.paid.principal.amount + principalPaid),
    },
    interest: { ...account.interest, base: m(baseAtPayment), baseOn: receivedOn, accruedOn },
    credit: m(account.credit.amount + allocation.remainder.amount),
    // A credit note makes the claim itself smaller, which is what the salær band is chosen by.
    claimForSalary: input.channel === "credit-note" ? m(Math.max(0, account.claimForSalary.amount - principalPaid)) : account.claimForSalary,
    limitationOn: interrupted && (account.limitationOn === null || interrupted.isAfter(account.limitationOn)) ? interrupted : account.limitationOn,
  };

  const b = openBalances(after);
  const balance = openBalance(after);
  const plan = emptyPlan(after);
  plan.payments.push({
    id: paymentId,
    receivedOn,
    amount,
    channel: input.channel,
    source: input.source,
    externalRef: input.externalRef,
    reference: input.reference ?? null,
    // Money paid to the agency is journaled in the creditor's ledger the same day (docs/CASES.md).
    journalDue: input.channel === "agency",
  });
  plan.allocations.push(...allocation.allocations.map((a) => ({ paymentId, bucket: a.bucket, amount: a.amount })));
  // A credit note that cancels the whole principal ends the case (the claim is gone); what costs
  // were incurred then follow the withdrawal rule of the lifecycle table.
  const event = input.channel === "credit-note" && b.principal.amount === 0 ? "credited-in-full" : balance.amount > 0 ? "payment-received" : "paid-in-full";
  const note = {
    payment: { id: paymentId, amount: amount.amount, receivedOn: day, channel: input.channel, reference: input.reference ?? null },
    allocations: allocation.allocations.map((a) => ({ bucket: a.bucket, amount: a.amount.amount })),
    credit: allocation.remainder.amount,
    balanceAfter: balance.amount,
  };
  const applied = applyEvent(plan, { type: event } as CaseEvent, { ...ctx, actorNote: note });
  if (applied.ok) {
    plan.timeline[0]!.dedupeKey = `payment:${paymentId}`;
    runScheduled(plan, ctx);
  } else {
    plan.timeline.push({ type: "payment", stage: plan.state.stage, ...withReason({ ...note, refused: applied.code }, applied.text), dedupeKey: `payment:${paymentId}` });
  }
  return { plan: finish(plan), allocations: allocation.allocations.map((a) => ({ bucket: a.bucket, amount: a.amount })), credit: allocation.remainder, balance };
}

/**
 * Money on a closed case is kept, never lost: it becomes a credit balance to refund. A credit note
 * on a closed case changes no balance; it is recorded and shown. The case's state and version stay.
 */
export function planClosedCasePayment(account: CaseAccount, input: Omit<PaymentToPlan, "designation">): PaymentPlan {
  const amount = inCurrency(account, input.amount, "amount");
  const credit = input.channel === "credit-note" ? { amount: 0, currency: account.currency } : amount;
  const after: CaseAccount = { ...account, credit: { amount: account.credit.amount + credit.amount, currency: account.currency } };
  const plan = emptyPlan(after);
  plan.scope = "money-only";
  plan.payments.push({ id: input.paymentId, receivedOn: input.receivedOn, amount, channel: input.channel, source: input.source, externalRef: input.externalRef, reference: input.reference ?? null, journalDue: false });
  const e = closedCaseEvent(input.channel, input.paymentId, amount.amount);
  plan.timeline.push({ type: e.type, stage: account.state.stage, data: e.data, reason: e.reason, dedupeKey: e.dedupeKey });
  return { plan: finish(plan), allocations: [], credit, balance: { amount: 0, currency: account.currency } };
}

/** The timeline row of money on a closed case (kept as a credit; a credit note changes nothing). */
export function closedCaseEvent(channel: MoneyChannel, paymentId: string, amountMinor: number): { type: string; data: Record<string, unknown>; reason: string; dedupeKey: string } {
  return {
    type: channel === "credit-note" ? "credit-note-on-closed-case" : "payment-on-closed-case",
    ...withReason(
      { paymentId, amount: amountMinor },
      channel === "credit-note"
        ? { nb: "Saken er avsluttet; kreditnotaen endrer ingen saldo", en: "The case is closed; the credit note changes no balance" }
        : { nb: "Holdes som tilgodehavende til tilbakebetaling", en: "Kept as a credit balance to refund" },
    ),
    dedupeKey: `payment:${paymentId}`,
  };
}

/**
 * The payment's plan, whichever the case's state: open → `planPayment` (a credit note:
 * `planCreditNote`, credit-note.ts — it is not a payment), closed → `planClosedCasePayment`.
 */
export function planMoney(account: CaseAccount, input: PaymentToPlan, ctx: PlanContext): PaymentPlan {
  if (account.state.closedOn !== null) return planClosedCasePayment(account, input);
  return input.channel === "credit-note" ? planCreditNote(account, input, ctx) : planPayment(account, input, ctx);
}


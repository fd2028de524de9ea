import type { LocalDate } from "../calendar/local-date.js";
import { formatDecimal, type Currency, type Money } from "../money.js";

/**
 * A payment plan (betalingsavtale / avdragsordning; Swedish amorteringsplan): the debtor pays the
 * case's balance in instalments on agreed dates. While the plan holds, no letters or legal steps
 * go out; a missed instalment past the grace period breaks the plan and the case resumes where it
 * stood. This module is the arithmetic and the creditor's rules only: what a plan may look like
 * (`proposePaymentPlan`), an even split (`evenInstalments`) and how a plan stands on a day given
 * what has been paid since it began (`planStanding`). Interest keeps running on the principal
 * while a plan runs (forsinkelsesrenteloven § 2), so the plan covers the balance on the day it is
 * agreed and what interest accrues is collected after the last instalment.
 *
 * The cost an instalment agreement may add (inkassoforskriften § 2-4: the maximum rates may be
 * raised when a plan has more than four instalments) is not charged here: its current amount is
 * uncertain (docs/RULES.md) and no fee is taken until it is confirmed.
 */
export interface PlanPolicy {
  /** The smallest instalment the creditor accepts (the last may be smaller: it is the rest). */
  readonly minInstalmentMinor: number;
  /** The last instalment at most this many months after the day the plan is agreed. */
  readonly maxMonths: number;
  /** The first instalment at most this many days after the day the plan is agreed. */
  readonly firstInstalmentWithinDays: number;
  /** Days an instalment may be late before the plan breaks. */
  readonly graceDays: number;
}

export const DEFAULT_PLAN_POLICY: PlanPolicy = { minInstalmentMinor: 500_00, maxMonths: 12, firstInstalmentWithinDays: 30, graceDays: 7 };

export interface Instalment {
  readonly dueOn: LocalDate;
  readonly amount: Money;
}

export type PlanRefusalCode =
  | "no_instalments"
  | "currency_mismatch"
  | "not_positive"
  | "not_whole_balance"
  | "date_in_past"
  | "dates_not_increasing"
  | "first_too_late"
  | "below_minimum"
  | "too_long"
  | "nothing_to_pay";

export interface PlanRefusal {
  readonly code: PlanRefusalCode;
  /** Where in the proposal: `instalments[2].amount`, `instalments`, … */
  readonly field: string;
  readonly text: { readonly nb: string; readonly en: string };
}

export interface ProposedPlan {
  readonly instalments: readonly Instalment[];
  readonly total: Money;
  readonly lastOn: LocalDate;
}

export type PlanDecision = { readonly ok: true; readonly plan: ProposedPlan } | { readonly ok: false; readonly refusals: readonly PlanRefusal[] };

const amountText = (m: { amount: number; currency: Currency }) => `${formatDecimal(m)} ${m.currency}`;

/**
 * Checks a proposed plan against the balance and the creditor's rules. Every problem is listed
 * (not only the first), each with the field it concerns, so a form can mark them all at once.
 */
export function proposePaymentPlan(input: { balance: Money; today: LocalDate; instalments: readonly Instalment[]; policy?: PlanPolicy }): PlanDecision {
  const policy = input.policy ?? DEFAULT_PLAN_POLICY;
  const { balance, today, instalments } = input;
  const refusals: PlanRefusal[] = [];
  const refuse = (code: PlanRefusalCode, field: string, nb: string, en: string) => refusals.push({ code, field, text: { nb, en } });

  if (balance.amount <= 0) refuse("nothing_to_pay", "balance", "Saken har ingen saldo å avtale betaling for", "The case has no balance to agree a plan for");
  if (instalments.length === 0) {
    refuse("no_instalments", "instalments", "En betalingsavtale trenger minst ett avdrag", "A payment plan needs at least one instalment");
    return { ok: false, refusals };
  }
  instalments.forEach((inst, i) => {
    const at = `instalments[${i}]`;
    if (inst.amount.currency !== balance.currency) {
      refuse("currency_mismatch", `${at}.amount`, `Avdraget er i ${inst.amount.currency}, saken i ${balance.currency}`, `The instalment is in ${inst.amount.currency}, the case in ${balance.currency}`);
    }
    if (inst.amount.amount <= 0) refuse("not_positive", `${at}.amount`, "Et avdrag må være større enn null", "An instalment must be more than zero");
    const isLast = i === instalments.length - 1;
    if (!isLast && inst.amount.amount > 0 && inst.amount.amount < policy.minInstalmentMinor) {
      const min = amountText({ amount: policy.minInstalmentMinor, currency: balance.currency });
      refuse("below_minimum", `${at}.amount`, `Avdraget er under kreditors minstebeløp ${min}`, `The instalment is below the creditor's minimum of ${min}`);
    }
    if (inst.dueOn.isBefore(today)) {
      refuse("date_in_past", `${at}.dueOn`, `Forfallsdatoen ${inst.dueOn.toNorwegian()} er passert`, `The due date ${inst.dueOn} is in the past`);
    }
    const previous = instalments[i - 1];
    if (previous && !inst.dueOn.isAfter(previous.dueOn)) {
      refuse("dates_not_increasing", `${at}.dueOn`, "Avdragene må forfalle i rekkefølge, ett per dato", "Instalments must fall due in order, one per date");
    }
  });
  const first = instalments[0]!;
  const latestFirst = today.plusDays(policy.firstInstalmentWithinDays);
  if (first.dueOn.isAfter(latestFirst)) {
    refuse("first_too_late", "instalments[0].dueOn", `Første avdrag må forfalle senest ${latestFirst.toNorwegian()}`, `The first instalment must fall due by ${latestFirst}`);
  }
  const last = instalments[instalments.length - 1]!;
  const latestLast = today.plusMonths(policy.maxMonths);
  if (last.dueOn.isAfter(latestLast)) {
    refuse("too_long", `instalments[${instalments.length - 1}].dueOn`, `Avtalen kan vare høyst ${policy.maxMonths} måneder (til ${latestLast.toNorwegian()})`, `The plan may last at most ${policy.maxMonths} months (until ${latestLast})`);
  }
  const total = instalments.reduce((sum, inst) => sum + (inst.amount.currency === balance.currency ? inst.amount.amount : 0), 0);
  if (balance.amount > 0 && total !== balance.amount) {
    const t = amountText({ amount: total, currency: balance.currency });
    refuse("not_whole_balance", "instalments", `Avdragene utgjør ${t}, saldoen er ${amountText(balance)}`, `The instalments add up to ${t}; the balance is ${amountText(balance)}`);
  }
  if (refusals.length) return { ok: false, refusals };
  return { ok: true, plan: { instalments, total: { amount: total, currency: balance.currency }, lastOn: last.dueOn } };
}

/**
 * The balance split into `count` monthly instalments from `firstOn`, in whole minor units: equal
 * parts, the øre that do not divide evenly on the last instalment, so the plan adds up exactly.
 */
export function evenInstalments(balance: Money, count: number, firstOn: LocalDate): Instalment[] {
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`count must be a whole number ≥ 1 (got ${count})`);
  const part = Math.floor(balance.amount / count);
  return Array.from({ length: count }, (_, i) => ({
    dueOn: firstOn.plusMonths(i),
    amount: { amount: i === count - 1 ? balance.amount - part * (count - 1) : part, currency: balance.currency },
  }));
}

export type PlanStatus = "on-track" | "completed" | "broken";

export interface PlanStanding {
  readonly status: PlanStatus;
  /** What the instalments due by today add up to, and what has been paid since the plan began. */
  readonly dueMinor: number;
  readonly paidMinor: number;
  /** The earliest instalment not fully covered whose grace period has passed (a broken plan). */
  readonly missed: { readonly index: number; readonly dueOn: LocalDate; readonly shortMinor: number } | null;
  /** The next instalment not yet fully covered, and the day the plan breaks if it is not paid. */
  readonly next: { readonly index: number; readonly dueOn: LocalDate; readonly shortMinor: number; readonly breaksAfter: LocalDate } | null;
}

/**
 * How a plan stands on `today`, given everything paid on the case since the plan was agreed.
 * Payments fill the instalments in date order (paying ahead counts for the next ones); an
 * instalment is missed when it is not covered by the end of its grace period.
 */
export function planStanding(input: { instalments: readonly Instalment[]; paidMinor: number; today: LocalDate; graceDays?: number }): PlanStanding {
  const grace = input.graceDays ?? DEFAULT_PLAN_POLICY.graceDays;
  let cumulative = 0;
  let dueMinor = 0;
  let missed: PlanStanding["missed"] = null;
  let next: PlanStanding["next"] = null;
  input.instalments.forEach((inst, index) => {
    cumulative += inst.amount.amount;
    if (!inst.dueOn.isAfter(input.today)) dueMinor = cumulative;
    const shortMinor = Math.max(0, Math.min(inst.amount.amount, cumulative - input.paidMinor));
    if (shortMinor === 0) return;
    const breaksAfter = inst.dueOn.plusDays(grace);
    if (missed === null && input.today.isAfter(breaksAfter)) missed = { index, dueOn: inst.dueOn, shortMinor };
    if (next === null && missed === null) next = { index, dueOn: inst.dueOn, shortMinor, breaksAfter };
  });
  const status: PlanStatus = input.paidMinor >= cumulative ? "completed" : missed !== null ? "broken" : "on-track";
  return { status, dueMinor, paidMinor: input.paidMinor, missed, next: status === "on-track" ? next : null };
}

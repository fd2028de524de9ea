import {
  scheduledEvents,
  stopWindowDaysAfterDeadline,
  transition,
  AMILI_STOP_WINDOW,
  type CaseEvent,
  type CaseState,
  type Effect,
  type TransitionContext,
} from "../case-lifecycle/index.js";
import type { LocalDate } from "../calendar/local-date.js";
import { maxCollectionSalary } from "../fees/collection-salary.js";
import { legalCosts } from "../fees/legal-costs.js";
import { instalmentAgreementCost } from "../fees/instalment-agreement.js";
import { salaryEligibility } from "../fees/salary-eligibility.js";
import { chargeableLetterFee, type PreviousLetter } from "../fees/letter-fee.js";
import { limitationDate } from "../limitation.js";
import { openBalance, openBalances, type CaseAccount } from "./account.js";
import { emptyPlan, finish, withReason, type CasePlan, type ChargePlan, type LetterPlan } from "./plan.js";
import { deadlinesFor, type CaseCreditor, type PlanContext } from "./terms.js";
import { costsIncurred, waiveAllCosts } from "./waiver.js";
import { isSwedish, startSwedishInterest, swedishChargeFor, swedishLetters, swedishLimitationOn, swedishScheduled, swedishTransition } from "./sweden.js";

/**
 * One case through one business day: the date-driven events the lifecycle schedules up to
 * `today`, applied in order through the transition table; each effect turned into what must be
 * recorded (charges computed by the fee rules, letters to queue, timeline rows). `applyEvent` and
 * `runScheduled` are the steps the other planners (a payment, an action, a reversal) share.
 */

export function transitionContext(account: CaseAccount, creditor: CaseCreditor, today: LocalDate, extraBalance = 0): TransitionContext {
  const s = creditor.settings;
  return {
    today,
    balanceMinor: openBalance(account).amount + extraBalance,
    gates: { approveBeforePaymentDemand: s.approveBeforePaymentDemand, approveBeforeLegal: s.approveBeforeLegal },
    stopWindow: s.stopWindowDays === null ? AMILI_STOP_WINDOW : stopWindowDaysAfterDeadline(s.stopWindowDays),
    surveillanceAfterMonths: s.surveillanceAfterMonths,
    freeWithdrawalDays: s.freeWithdrawalDays,
  };
}

export function scheduleOptions(creditor: CaseCreditor) {
  return { firstLetter: creditor.settings.firstStep, surveillanceAfterMonths: creditor.settings.surveillanceAfterMonths };
}

/** At most this many events per case and day: a guard against a table that would loop. */
const MAX_EVENTS_PER_DAY = 12;

export type EventOutcome = { ok: true } | { ok: false; code: string; text: { nb: string; en: string; sv?: string } };

/**
 * Applies one event to the plan's state through the transition table, against the plan's
 * account. Returns the refusal (and changes nothing) when the table or a guard says no.
 */
/**
 * An event for a case: the lifecycle's events (a Norwegian payment plan, with its instalments),
 * and the amorteringsplan (lag (1981:739) 3 § 2) without a schedule, which only the Swedish table
 * has (a Norwegian case refuses it).
 */
export type PlannedEvent = CaseEvent | { readonly type: "agree-payment-plan"; readonly instalments?: undefined };

export function applyEvent(plan: CasePlan, planned: PlannedEvent, ctx: PlanContext & { actorNote?: Record<string, unknown>; extraBalance?: number }): EventOutcome {
  if (isSwedish(ctx.creditor)) return applySwedishEvent(plan, planned, ctx);
  if (planned.type === "agree-payment-plan" && planned.instalments === undefined) {
    const en = "an amorteringsplan with its fee is Swedish (lag (1981:739) 3 § 2); a Norwegian case records a payment plan as a pause";
    return { ok: false, code: "event_not_allowed", text: { nb: "En amorteringsplan med gebyr finnes bare i svensk inkasso", en } };
  }
  const event: CaseEvent = planned;
  const { today } = ctx;
  const account = plan.account;
  const before = plan.state;
  const added = plan.charges.reduce((a, c) => a + c.amount.amount, 0) + (ctx.extraBalance ?? 0);
  const result = transition(before, event, transitionContext(account, ctx.creditor, today, added));
  if (!result.ok) return { ok: false, code: result.reason.code, text: result.reason.text };
  plan.state = result.state;
  const charges = result.effects.flatMap((e) => chargeFor(e, before, result.state, account, ctx, plan.charges, event));
  plan.charges.push(...charges);
  if (event.type === "waive-costs" && result.effects.some((e) => e.kind === "waive-costs")) charges.push(...waiveByHandler(plan, event.reason, ctx));
  const letters = result.effects
    .filter((e): e is Extract<Effect, { kind: "send-letter" }> => e.kind === "send-letter")
    .map((e) => ({ id: ctx.newId(), kind: e.letter, deadline: e.deadline }));
  plan.letters.push(...letters);
  for (const e of result.effects) {
    if (e.kind !== "record-limitation-interruption") continue;
    const date = limitationDate({ dueDate: result.state.dueDate, interruptions: [{ on: today, kind: e.interruption }] }).date;
    const current = plan.limitationOn;
    if (!current || date.isAfter(current)) plan.limitationOn = date;
  }
  pushEventRow(plan, timelineType(event, result.state), event, { letters, charges, effects: result.effects.map((e) => e.kind) }, ctx);
  return { ok: true };
}

/** The timeline row of an applied event (both countries), keyed by event and day. */
function pushEventRow(plan: CasePlan, type: string, event: PlannedEvent, what: { letters: readonly LetterPlan[]; charges: readonly ChargePlan[]; effects: readonly string[]; extra?: Record<string, unknown> }, ctx: PlanContext & { actorNote?: Record<string, unknown> }): void {
  const [letter] = what.letters;
  plan.timeline.push({
    type,
    stage: plan.state.stage,
    data: {
      ...(ctx.actorNote ?? {}),
      ...(letter ? { letter: letter.kind, letterId: letter.id, deadline: letter.deadline.toString() } : {}),
      ...(what.charges.length ? { charges: what.charges.map((c) => ({ kind: c.kind, amount: c.amount.amount, source: c.source })) } : {}),
      effects: what.effects,
      ...(what.extra ?? {}),
    },
    reason: null,
    dedupeKey: `${event.type}:${ctx.today}`,
  });
}

/** `applyEvent` for a Swedish case (sweden.ts): the Swedish table, fees, letters and preskription, the same plan. */
function applySwedishEvent(plan: CasePlan, event: PlannedEvent, ctx: PlanContext & { actorNote?: Record<string, unknown>; extraBalance?: number }): EventOutcome {
  const account = plan.account;
  const before = plan.state;
  const added = plan.charges.reduce((a, c) => a + c.amount.amount, 0) + (ctx.extraBalance ?? 0);
  const result = swedishTransition(before, event, account, ctx, added);
  if (!result.ok) return { ok: false, code: result.code, text: result.text };
  plan.state = result.state;
  const charges = result.effects.flatMap((e) =>
    e.kind === "invoice-creditor" ? chargeFor({ kind: "invoice-creditor", what: e.what }, before, result.state, account, ctx, plan.charges) : swedishChargeFor(e, before, result.state, account, ctx, plan.charges),
  );
  plan.charges.push(...charges);
  const letters = swedishLetters(result.effects, ctx, event.type === "agree-payment-plan" && "firstOn" in event ? event.firstOn : undefined);
  plan.letters.push(...letters);
  plan.limitationOn = swedishLimitationOn(plan, result.effects, ctx);
  const interestStart = startSwedishInterest(plan, letters, ctx);
  pushEventRow(plan, event.type, event, { letters, charges, effects: result.effects.map((e) => e.kind), extra: { jurisdiction: "SE", ...(interestStart ? { interestStart } : {}) } }, ctx);
  return { ok: true };
}

/** The timeline's word for an event: a legal step asked for too late is a renewed payment demand (inkassoloven § 11). */
function timelineType(event: CaseEvent, after: CaseState): string {
  return event.type === "legal-step-recorded" && after.pendingLegalStep !== null ? "payment-demand-renewed" : event.type;
}

/** Runs the date-driven events due by `today` on the plan (the daily cycle, and after an action). */
export function runScheduled(plan: CasePlan, ctx: PlanContext): void {
  for (let i = 0; i < MAX_EVENTS_PER_DAY; i++) {
    const due = scheduleOf(plan.state, ctx).find((e) => !e.on.isAfter(ctx.today));
    if (!due) break;
    const applied = applyEvent(plan, isSwedish(ctx.creditor) ? ({ type: due.event } as CaseEvent) : eventFor(due.event, ctx.today, ctx.creditor), ctx);
    if (!applied.ok) {
      plan.refused = due.event;
      plan.timeline.push({ type: "needs-attention", stage: plan.state.stage, ...withReason({ event: due.event, code: applied.code }, applied.text), dedupeKey: `needs-attention:${due.event}:${ctx.today}` });
      break;
    }
  }
  plan.nextActionOn = plan.refused ? null : (scheduleOf(plan.state, ctx)[0]?.on ?? null);
}

/** The date-driven events of the case's country, earliest first. */
export function scheduleOf(state: CaseState, ctx: PlanContext): { event: string; on: LocalDate }[] {
  return isSwedish(ctx.creditor) ? swedishScheduled(state, ctx) : scheduledEvents(state, scheduleOptions(ctx.creditor));
}

/** The daily cycle's plan for one case: whatever the schedule has due by `today`. */
export function planDay(account: CaseAccount, ctx: PlanContext): CasePlan {
  const plan = emptyPlan(account);
  runScheduled(plan, ctx);
  return finish(plan);
}

/** A scheduled event with the deadline its letter gets when sent today. */
export function eventFor(type: string, today: LocalDate, creditor: CaseCreditor): CaseEvent {
  const d = deadlinesFor(today, creditor.settings);
  switch (type) {
    case "send-reminder":
      return { type, deadline: d.reminder };
    case "send-collection-notice":
      return { type, deadline: d.notice };
    case "send-payment-demand":
      return { type, deadline: d.demand };
    default:
      return { type } as CaseEvent;
  }
}

/** The fee rules decide whether and how much; the lifecycle only says a charge is due. */
export function chargeFor(e: Effect, before: CaseState, after: CaseState, account: CaseAccount, ctx: PlanContext, earlier: readonly ChargePlan[], event?: CaseEvent): ChargePlan[] {
  const currency = account.currency;
  const money = (amount: number) => ({ amount, currency });
  if (e.kind === "invoice-creditor") {
    // Withdrawn after the free period: the incurred costs and interest are the creditor's to pay
    // (the creditor agreement; docs/CASES.md, lifecycle).
    if (after.closeReason === "credited") {
      // A claim credited in full: the debtor owes nothing (credit-note.ts); the fees, salær and
      // legal costs incurred are the creditor's under its agreement with the agency. Interest is
      // not a cost of collection: on a claim never owed nobody owes it.
      const incurred = costsIncurred(account, earlier);
      if (incurred <= 0) return [];
      return [{ key: "withdrawal-cost", kind: "withdrawal-cost", bucket: "creditor", amount: money(incurred), rule: "A claim credited in full after the free period: the fees, salær and legal costs incurred are invoiced to the creditor, never the debtor", source: "inkassoloven § 17; creditor agreement (the free withdrawal period in the creditor's collection settings)", confidence: "secondary", payer: "creditor" }];
    }
    const b = openBalances(account);
    const amount = b.fees.amount + b.salary.amount + b["legal-costs"].amount + b.interest.amount + earlier.filter((c) => c.bucket !== "creditor").reduce((a, c) => a + c.amount.amount, 0);
    if (amount <= 0) return [];
    return [{ key: "withdrawal-cost", kind: "withdrawal-cost", bucket: "creditor", amount: money(amount), rule: "Withdrawal after the free period: incurred fees, salær and interest are invoiced to the creditor", source: "creditor agreement (the free withdrawal period in the creditor's collection settings)", confidence: "secondary", payer: "creditor" }];
  }
  if (e.kind !== "charge") return [];
  const { today, rules, creditor } = ctx;
  const due = after.dueDate;
  const debtor = after.debtorType;
  if (e.what === "reminder-fee" || e.what === "notice-fee") {
    const decision = chargeableLetterFee({
      letter: e.what === "reminder-fee" ? "reminder" : "collection-notice",
      sentOn: today,
      claimDueDate: due,
      previousLetters: previousLetters(before, account, earlier),
      rules,
    });
    if (!decision.allowed) return [];
    return [{ key: e.what, kind: e.what, bucket: "fees", amount: money(decision.amount.amount), rule: decision.rule, source: decision.source, confidence: decision.confidence, payer: "debtor" }];
  }
  if (e.what === "light-salary" || e.what === "heavy-salary") {
    const base = { claim: account.claimForSalary, debtor, creditorVatRegistered: creditor.vatRegistered, vatAddOnBasis: account.vatAddOnBasis ?? null, claimDueDate: due, on: today, rules };
    const light = maxCollectionSalary({ ...base, heavy: false });
    if (e.what === "light-salary") {
      // inkassoloven §§ 9–10: salær only after a collection notice with ≥ 14 days whose deadline passed.
      const eligible = salaryEligibility({
        paymentDemand: { sentOn: today, deadline: after.demandDeadline },
        collectionNotices: after.noticeSentOn ? [{ sentOn: after.noticeSentOn, deadline: after.noticeDeadline }] : [],
        rules,
      });
      if (!eligible.allowed) return [];
      return [{ key: "light-salary", kind: "light-salary", bucket: "salary", amount: money(light.amount.amount), rule: light.rule, source: light.source, confidence: light.confidence, payer: "debtor" }];
    }
    const heavy = maxCollectionSalary({ ...base, heavy: true });
    // The light salær already charged stays; heavy adds the difference (inkassoforskriften § 2-3).
    const charged = account.charged.salary.amount + earlier.filter((c) => c.bucket === "salary").reduce((a, c) => a + c.amount.amount, 0);
    const add = Math.max(0, heavy.amount.amount - charged);
    if (add === 0) return [];
    return [{ key: "heavy-salary", kind: "heavy-salary", bucket: "salary", amount: money(add), rule: heavy.rule, source: heavy.source, confidence: heavy.confidence, payer: "debtor" }];
  }
  if (e.what === "instalment-agreement") {
    const salaryChargedMinor = account.charged.salary.amount + earlier.filter((c) => c.bucket === "salary").reduce((a, c) => a + c.amount.amount, 0);
    const cost = instalmentAgreementCost({ instalments: event?.type === "agree-payment-plan" ? event.instalments : 0, salaryChargedMinor, on: today, rules });
    if (!cost.allowed) return [];
    return [{ key: `instalment-agreement:${after.hold?.reason ?? today}`, kind: "instalment-agreement", bucket: "salary", amount: money(cost.amount.amount), rule: cost.rule, source: cost.source, confidence: cost.confidence, payer: "debtor" }];
  }
  if (e.what === "legal-costs") {
    const step = after.lastLegalStep ?? creditor.settings.legalStep;
    const cost = legalCosts({ step, on: today, rules });
    return [{ key: `legal-costs:${step}:${today}`, kind: "legal-costs", bucket: "legal-costs", amount: money(cost.amount.amount), rule: cost.rule, source: cost.source, confidence: cost.confidence, payer: "debtor" }];
  }
  return [];
}

/**
 * The case handler's waiver (inkassoloven § 17): every fee, salær and legal cost charged so far
 * comes off the debtor's balance; what the debtor paid toward them becomes credit, its negative
 * allocations carried by a zero-amount `cost-refund` payments row (so paid = allocated holds).
 * Late interest is not a cost and stays. Keyed by the version it changed: applied once.
 */
function waiveByHandler(plan: CasePlan, reason: string, ctx: PlanContext): ChargePlan[] {
  const key = `v${plan.account.version}`;
  const refundId = ctx.newId();
  const w = waiveAllCosts(plan, key, `Waived by the case handler: ${reason}`, "inkassoloven § 17 første ledd", refundId);
  if (w.refunded > 0) {
    const currency = plan.account.currency;
    plan.payments.push({ id: refundId, receivedOn: ctx.today, amount: { amount: 0, currency }, channel: "cost-refund", source: "case-handler", externalRef: `waive-costs:${plan.caseId}:${key}`, reference: null, journalDue: false });
  }
  return w.charges;
}

function previousLetters(s: CaseState, account: CaseAccount, earlier: readonly ChargePlan[]): PreviousLetter[] {
  const out: PreviousLetter[] = [];
  // inkassoforskriften §§ 1-2, 1-3: the fee limits are per claim, so the creditor's own letters
  // count. A ledger letter whose fee is unknown is taken as charged: the limits are never exceeded.
  const ledger = account.ledgerLetters ?? [];
  for (const l of ledger) out.push({ letter: l.letter, sentOn: l.sentOn, deadline: l.deadline, feeCharged: l.fee === null || l.fee.amount > 0 });
  const feeCharged = account.charged.fees.amount > 0 || earlier.some((c) => c.bucket === "fees" && c.amount.amount > 0);
  if (s.reminderSentOn) out.push({ letter: "reminder", sentOn: s.reminderSentOn, deadline: s.reminderDeadline, feeCharged });
  if (s.noticeSentOn) {
    const byLedger = s.noticeSentBy === "ledger";
    // The ledger's notice (inkassoloven § 10) is in the ledger's letters when known; otherwise its fee is unknown: assumed charged.
    if (!byLedger) out.push({ letter: "collection-notice", sentOn: s.noticeSentOn, deadline: s.noticeDeadline, feeCharged });
    else if (!ledger.some((l) => l.letter === "collection-notice")) out.push({ letter: "collection-notice", sentOn: s.noticeSentOn, deadline: s.noticeDeadline, feeCharged: true });
  }
  return out;
}

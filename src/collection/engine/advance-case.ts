import { randomUUID } from "node:crypto";
import { deadlinesFor } from "./letter-deadlines.js";
import { LocalDate } from "../../domain/calendar/local-date.js";
import {
  scheduledEvents,
  stopWindowDaysAfterDeadline,
  transition,
  AMILI_STOP_WINDOW,
  type CaseEvent,
  type CaseState,
  type Effect,
  type TransitionContext,
} from "../../domain/case-lifecycle/index.js";
import { maxCollectionSalary } from "../../domain/fees/collection-salary.js";
import { legalCosts } from "../../domain/fees/legal-costs.js";
import { salaryEligibility } from "../../domain/fees/salary-eligibility.js";
import { limitationDate } from "../../domain/limitation.js";
import { chargeableLetterFee, type PreviousLetter } from "../../domain/fees/letter-fee.js";
import type { NorwegianRuleSet } from "../../domain/jurisdictions/no/no-rule-set.js";
import { balancesOf, caseStateOf, type CaseRow } from "../cases/case-row.js";
import type { CreditorContext } from "../cases/creditor.js";

/**
 * One case through one business day, in memory: the date-driven events the lifecycle schedules
 * up to `today`, applied in order through the transition table; each effect turned into what
 * the database must record (charges computed by the fee rules, letters queued, timeline rows).
 * The caller writes the plan in the day's transaction.
 */
export interface ChargePlan {
  key: string;
  kind: "reminder-fee" | "notice-fee" | "light-salary" | "heavy-salary" | "legal-costs" | "withdrawal-cost";
  /** "creditor": billed to the creditor, not added to the debtor's balance. */
  bucket: "fees" | "salary" | "legal-costs" | "creditor";
  amountMinor: number;
  rule: string;
  source: string;
  confidence: string;
  payer: "debtor" | "creditor";
}

export interface LetterPlan {
  id: string;
  kind: "reminder" | "collection-notice" | "payment-demand";
  deadline: LocalDate;
}

export interface TimelinePlan {
  type: string;
  stage: string;
  data: Record<string, unknown>;
  reason: string | null;
  dedupeKey: string;
}

export interface CasePlan {
  caseId: string;
  expectedVersion: number;
  state: CaseState;
  nextActionOn: LocalDate | null;
  charges: ChargePlan[];
  letters: LetterPlan[];
  timeline: TimelinePlan[];
  /** The event refused (the case needs a person), if any. */
  refused: string | null;
  /** A new limitation date when a legal step interrupted limitation (foreldelsesloven §§ 15, 17). */
  limitationOn: LocalDate | null;
}

export interface AdvanceContext {
  today: LocalDate;
  creditor: CreditorContext;
  rules: NorwegianRuleSet;
}

export function transitionContext(row: CaseRow, creditor: CreditorContext, today: LocalDate, extraBalance = 0): TransitionContext {
  const b = balancesOf(row);
  const s = creditor.settings;
  return {
    today,
    balanceMinor: b.fees + b.salary + b["legal-costs"] + b.interest + b.principal + extraBalance,
    gates: { approveBeforePaymentDemand: s.approveBeforePaymentDemand, approveBeforeLegal: s.approveBeforeLegal },
    stopWindow: s.stopWindowDays === null ? AMILI_STOP_WINDOW : stopWindowDaysAfterDeadline(s.stopWindowDays),
    surveillanceAfterMonths: s.surveillanceAfterMonths,
    freeWithdrawalDays: s.freeWithdrawalDays,
  };
}

export function scheduleOptions(creditor: CreditorContext) {
  return { firstLetter: creditor.settings.firstStep, surveillanceAfterMonths: creditor.settings.surveillanceAfterMonths };
}

/** At most this many events per case and day: a guard against a table that would loop. */
const MAX_EVENTS_PER_DAY = 12;

export function emptyPlan(row: CaseRow): CasePlan {
  return { caseId: row.id, expectedVersion: row.version, state: caseStateOf(row), nextActionOn: null, charges: [], letters: [], timeline: [], refused: null, limitationOn: null };
}

/**
 * Applies one event to the plan's state through the transition table. Returns the refusal (and
 * changes nothing) when the table or a guard says no.
 */
export function applyEvent(
  plan: CasePlan,
  row: CaseRow,
  event: CaseEvent,
  ctx: AdvanceContext & { actorNote?: Record<string, unknown>; extraBalance?: number },
): { ok: true } | { ok: false; code: string; text: { nb: string; en: string } } {
  const { today } = ctx;
  const before = plan.state;
  const added = plan.charges.reduce((a, c) => a + c.amountMinor, 0) + (ctx.extraBalance ?? 0);
  const result = transition(before, event, transitionContext(row, ctx.creditor, today, added));
  if (!result.ok) return { ok: false, code: result.reason.code, text: result.reason.text };
  plan.state = result.state;
  const charges = result.effects.flatMap((e) => chargeFor(e, before, result.state, row, ctx, plan.charges));
  plan.charges.push(...charges);
  const letters = result.effects
    .filter((e): e is Extract<Effect, { kind: "send-letter" }> => e.kind === "send-letter")
    .map((e) => ({ id: randomUUID(), kind: e.letter, deadline: e.deadline }));
  plan.letters.push(...letters);
  for (const e of result.effects) {
    if (e.kind !== "record-limitation-interruption") continue;
    const date = limitationDate({ dueDate: result.state.dueDate, interruptions: [{ on: today, kind: e.interruption }] }).date;
    const current = plan.limitationOn ?? (row.limitation_on ? LocalDate.parse(row.limitation_on) : null);
    if (!current || date.isAfter(current)) plan.limitationOn = date;
  }
  plan.timeline.push({
    type: timelineType(event, result.state),
    stage: result.state.stage,
    data: {
      ...(ctx.actorNote ?? {}),
      ...(letters[0] ? { letter: letters[0].kind, letterId: letters[0].id, deadline: letters[0].deadline.toString() } : {}),
      ...(charges.length ? { charges: charges.map((c) => ({ kind: c.kind, amount: c.amountMinor, source: c.source })) } : {}),
      effects: result.effects.map((e) => e.kind),
    },
    reason: null,
    dedupeKey: `${event.type}:${today}`,
  });
  return { ok: true };
}

/** The timeline's word for an event: a legal step asked for too late is a renewed payment demand (inkassoloven § 11). */
function timelineType(event: CaseEvent, after: CaseState): string {
  return event.type === "legal-step-recorded" && after.pendingLegalStep !== null ? "payment-demand-renewed" : event.type;
}

/** Runs the date-driven events due by `today` on the plan (the daily cycle, and after an action). */
export function runScheduled(plan: CasePlan, row: CaseRow, ctx: AdvanceContext): void {
  for (let i = 0; i < MAX_EVENTS_PER_DAY; i++) {
    const due = scheduledEvents(plan.state, scheduleOptions(ctx.creditor)).find((e) => !e.on.isAfter(ctx.today));
    if (!due) break;
    const applied = applyEvent(plan, row, eventFor(due.event, ctx.today, ctx.creditor), ctx);
    if (!applied.ok) {
      plan.refused = due.event;
      plan.timeline.push({ type: "needs-attention", stage: plan.state.stage, data: { event: due.event, code: applied.code }, reason: applied.text.en, dedupeKey: `needs-attention:${due.event}:${ctx.today}` });
      break;
    }
  }
  plan.nextActionOn = plan.refused ? null : (scheduledEvents(plan.state, scheduleOptions(ctx.creditor))[0]?.on ?? null);
}

export function advanceCase(row: CaseRow, ctx: AdvanceContext): CasePlan {
  const plan = emptyPlan(row);
  runScheduled(plan, row, ctx);
  return plan;
}

export function eventFor(type: string, today: LocalDate, creditor: CreditorContext): CaseEvent {
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
export function chargeFor(e: Effect, before: CaseState, after: CaseState, row: CaseRow, ctx: AdvanceContext, earlier: ChargePlan[]): ChargePlan[] {
  if (e.kind === "invoice-creditor") {
    // Withdrawn after the free period: the incurred costs and interest are the creditor's to pay (DOMAIN.md § 6).
    const b = balancesOf(row);
    const amount = b.fees + b.salary + b["legal-costs"] + b.interest + earlier.filter((c) => c.bucket !== "creditor").reduce((a, c) => a + c.amountMinor, 0);
    if (amount <= 0) return [];
    return [{ key: "withdrawal-cost", kind: "withdrawal-cost", bucket: "creditor", amountMinor: amount, rule: "Withdrawal after the free period: incurred fees, salær and interest are invoiced to the creditor", source: "creditor agreement; DOMAIN.md § 6 (Visma Amili: free within 10 days of the collection notice)", confidence: "secondary", payer: "creditor" }];
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
      previousLetters: previousLetters(before, row, earlier),
      rules,
    });
    if (!decision.allowed) return [];
    return [{ key: e.what, kind: e.what, bucket: "fees", amountMinor: decision.amount.amount, rule: decision.rule, source: decision.source, confidence: decision.confidence, payer: "debtor" }];
  }
  if (e.what === "light-salary" || e.what === "heavy-salary") {
    const claim = { amount: row.claim_for_salary_minor, currency: "NOK" as const };
    const base = { claim, debtor, creditorVatRegistered: creditor.vatRegistered, claimDueDate: due, on: today, rules };
    const light = maxCollectionSalary({ ...base, heavy: false });
    if (e.what === "light-salary") {
      // inkassoloven §§ 9–10: salær only after a collection notice with ≥ 14 days whose deadline passed.
      const eligible = salaryEligibility({
        paymentDemand: { sentOn: today, deadline: after.demandDeadline },
        collectionNotices: after.noticeSentOn ? [{ sentOn: after.noticeSentOn, deadline: after.noticeDeadline }] : [],
        rules,
      });
      if (!eligible.allowed) return [];
      return [{ key: "light-salary", kind: "light-salary", bucket: "salary", amountMinor: light.amount.amount, rule: light.rule, source: light.source, confidence: light.confidence, payer: "debtor" }];
    }
    const heavy = maxCollectionSalary({ ...base, heavy: true });
    // The light salær already charged stays; heavy adds the difference (inkassoforskriften § 2-3).
    const charged = row.salary_minor + earlier.filter((c) => c.bucket === "salary").reduce((a, c) => a + c.amountMinor, 0);
    const add = Math.max(0, heavy.amount.amount - charged);
    if (add === 0) return [];
    return [{ key: "heavy-salary", kind: "heavy-salary", bucket: "salary", amountMinor: add, rule: heavy.rule, source: heavy.source, confidence: heavy.confidence, payer: "debtor" }];
  }
  if (e.what === "legal-costs") {
    const step = after.lastLegalStep ?? creditor.settings.legalStep;
    const cost = legalCosts({ step, on: today, rules });
    return [{ key: `legal-costs:${step}:${today}`, kind: "legal-costs", bucket: "legal-costs", amountMinor: cost.amount.amount, rule: cost.rule, source: cost.source, confidence: cost.confidence, payer: "debtor" }];
  }
  return [];
}

function previousLetters(s: CaseState, row: CaseRow, earlier: ChargePlan[]): PreviousLetter[] {
  const out: PreviousLetter[] = [];
  const feeCharged = row.fees_minor > 0 || earlier.some((c) => c.bucket === "fees");
  if (s.reminderSentOn) out.push({ letter: "reminder", sentOn: s.reminderSentOn, deadline: s.reminderDeadline, feeCharged });
  if (s.noticeSentOn) out.push({ letter: "collection-notice", sentOn: s.noticeSentOn, deadline: s.noticeDeadline, feeCharged });
  return out;
}

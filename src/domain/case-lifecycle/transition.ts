import { LocalDate } from "../calendar/local-date.js";
import { DomainError } from "../errors.js";
import { type CaseState, STAGES } from "./case-state.js";
import type { Effect } from "./effects.js";
import { type CaseEvent, EVENT_TYPES, type EventType } from "./events.js";
import { CONDITIONS, GUARDS, HOLD_CHECKS, paymentDemandStale, type TransitionContext } from "./guards.js";
import { type Refusal, refusal } from "./refusals.js";
import { DEFAULT_STOP_WINDOW, stopWindow } from "./stop-window.js";
import { moveTo, planTransition } from "./table.js";
import { type EffectSpec, type Outcome, ruleFor } from "./transition-table.js";

export type TransitionResult =
  | { readonly ok: true; readonly state: CaseState; readonly effects: readonly Effect[] }
  | { readonly ok: false; readonly reason: Refusal };

/**
 * Applies one event to a case: the table row for (stage, event), its guards in order, then the
 * first outcome whose condition holds. Pure: the same state, event and context give the same
 * result; persisting it (`UPDATE … WHERE stage = $expected`) and the timeline row are the engine's.
 * Malformed input (an unknown stage or event, a non-integer balance) throws a DomainError.
 */
export function transition(state: CaseState, event: CaseEvent, ctx: TransitionContext): TransitionResult {
  if (!(STAGES as readonly string[]).includes(state.stage)) {
    throw new DomainError("invalid_input", `"${String(state.stage)}" is not a case stage`, "state.stage");
  }
  if (!(EVENT_TYPES as readonly string[]).includes(event.type)) {
    throw new DomainError("invalid_input", `"${String(event.type)}" is not a case event (known: ${EVENT_TYPES.join(", ")})`, "event.type");
  }
  if (!Number.isSafeInteger(ctx.balanceMinor)) {
    throw new DomainError("invalid_amount", `${ctx.balanceMinor} is not a whole number of minor units`, "balanceMinor");
  }
  const plan = planTransition(
    ruleFor(state.stage, event.type),
    (name) => GUARDS[name].check(state, event, ctx),
    (condition) => CONDITIONS[condition].holds(state, event, ctx),
  );
  if (!plan.ok) {
    if (plan.reason !== "no-row") return { ok: false, reason: plan.reason };
    return { ok: false, reason: state.stage === "closed" ? refusal("case_closed") : refusal("event_not_allowed", { stage: state.stage, event: event.type }) };
  }
  const next = moveTo(record(state, event, ctx, plan.outcome), state, plan.outcome, ctx.today);
  const effects = plan.effects.map((spec) => materialize(spec, next, event, ctx.today));
  return { ok: true, state: next, effects };
}

/**
 * The events the table offers in this state, for the portal's buttons: a row exists and the hold
 * does not stand in the way. Date and amount guards are left to `transition`, which says why.
 */
export function allowedEvents(state: CaseState): EventType[] {
  return EVENT_TYPES.filter((event) => {
    const rule = ruleFor(state.stage, event);
    return rule !== undefined && rule.guards.every((g) => HOLD_CHECKS[g]?.(state) ?? true);
  });
}

/** The dates the event itself records. */
function record(s: CaseState, e: CaseEvent, ctx: TransitionContext, outcome: Outcome): CaseState {
  const today = ctx.today;
  const deadline = (d: LocalDate | undefined) => d ?? today.plusDays(14);
  switch (e.type) {
    case "send-reminder":
      return { ...s, reminderSentOn: today, reminderDeadline: deadline(e.deadline) };
    case "send-collection-notice":
      return { ...s, noticeSentOn: today, noticeDeadline: deadline(e.deadline), noticeSentBy: "agency" };
    case "notice-deadline-passed": {
      const w = stopWindow(s.noticeDeadline!, ctx.stopWindow ?? DEFAULT_STOP_WINDOW);
      return { ...s, stopListOn: w.listOn, stopWindowEndsOn: w.endsOn };
    }
    case "send-payment-demand":
    case "approve-payment-demand": {
      const approved = e.type === "approve-payment-demand" ? { paymentDemandApprovedOn: today } : {};
      return outcome.to === "payment-demand" ? { ...s, ...approved, demandSentOn: today, demandDeadline: deadline(e.deadline) } : s;
    }
    case "heavy-salary-due":
      return { ...s, heavySalaryOn: today };
    case "approve-legal":
      return { ...s, legalApprovedOn: today };
    case "legal-step-recorded":
      if (paymentDemandStale(s, today)) {
        return { ...s, renewedDemandSentOn: today, renewedDemandDeadline: deadline(e.deadline), pendingLegalStep: e.step };
      }
      return { ...s, legalOn: s.legalOn ?? today, lastLegalStep: e.step, pendingLegalStep: null };
    case "take-pending-legal-step":
      return { ...s, legalOn: s.legalOn ?? today, lastLegalStep: s.pendingLegalStep, pendingLegalStep: null };
    case "register-payment-remark":
      return { ...s, remarkOn: today };
    case "to-surveillance":
    case "move-to-surveillance":
      return { ...s, surveillanceOn: today };
    case "pause":
      return { ...s, hold: { kind: "paused", reason: e.reason, since: today, until: e.until ?? null } };
    case "dispute":
      return { ...s, hold: { kind: "disputed", reason: e.reason, since: today } };
    case "resume":
      return { ...s, hold: null };
    case "agree-payment-plan":
      return { ...s, hold: { kind: "payment-plan", reason: e.planId, since: today } };
    case "end-payment-plan":
    case "insolvency-ended":
      return { ...s, hold: null };
    case "insolvency":
      return { ...s, hold: { kind: "insolvency", reason: e.kind, since: today } };
    case "dispute-resolved": {
      // The days disputed after the payment demand's deadline do not count toward heavy salær's
      // 28 days (inkassoforskriften § 2-3, inkassoloven § 17).
      const days = disputedDaysAfterDemand(s, today);
      return days > 0 ? { ...s, hold: null, disputedDays: (s.disputedDays ?? 0) + days } : { ...s, hold: null };
    }
    case "postpone-due-date":
      return postpone(s, e.to);
    default:
      return s;
  }
}

function disputedDaysAfterDemand(s: CaseState, today: LocalDate): number {
  if (s.hold?.kind !== "disputed" || s.demandDeadline === null || s.heavySalaryOn !== null) return 0;
  const from = LocalDate.max(s.hold.since, s.demandDeadline.plusDays(1));
  return Math.max(0, from.daysUntil(today));
}

function postpone(s: CaseState, to: LocalDate): CaseState {
  switch (s.stage) {
    case "opened":
      return { ...s, respiteUntil: to };
    case "reminder":
      return { ...s, reminderDeadline: to };
    case "collection-notice":
      return { ...s, noticeDeadline: to };
    default:
      return { ...s, demandDeadline: to };
  }
}

function materialize(spec: EffectSpec, next: CaseState, event: CaseEvent, today: LocalDate): Effect {
  switch (spec.kind) {
    case "send-letter": {
      const demandDeadline = event.type === "legal-step-recorded" ? next.renewedDemandDeadline : next.demandDeadline;
      const deadline = spec.letter === "reminder" ? next.reminderDeadline : spec.letter === "collection-notice" ? next.noticeDeadline : demandDeadline;
      return { kind: "send-letter", letter: spec.letter, deadline: deadline! };
    }
    case "notify-creditor":
      return { kind: "notify-creditor", topic: spec.topic, on: spec.topic === "stop-list" ? next.stopListOn! : today };
    case "record-limitation-interruption":
      return { kind: "record-limitation-interruption", interruption: event.type === "legal-step-recorded" ? event.step : (next.lastLegalStep ?? "forliksklage") };
    case "charge":
      return { kind: "charge", what: spec.what };
    case "request-approval":
      return { kind: "request-approval", gate: spec.gate };
    case "invoice-creditor":
      return { kind: "invoice-creditor", what: spec.what };
    default:
      return { kind: spec.kind };
  }
}

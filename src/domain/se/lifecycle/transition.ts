import { DomainError } from "../../errors.js";
import { moveTo, planTransition } from "../../case-lifecycle/table.js";
import type { SwedishInterruptionKind } from "../limitation.js";
import { SWEDISH_STAGES, type SwedishCaseState } from "./case-state.js";
import type { SwedishEffect } from "./effects.js";
import { type SwedishCaseEvent, SWEDISH_EVENT_TYPES, type SwedishEventType } from "./events.js";
import { SWEDISH_CONDITIONS, SWEDISH_GUARDS, SWEDISH_HOLD_CHECKS, type SwedishTransitionContext } from "./guards.js";
import { type SwedishRefusal, swedishRefusal } from "./refusals.js";
import { type SwedishEffectSpec, swedishRuleFor } from "./transition-table.js";

export type SwedishTransitionResult =
  | { readonly ok: true; readonly state: SwedishCaseState; readonly effects: readonly SwedishEffect[] }
  | { readonly ok: false; readonly reason: SwedishRefusal };

/**
 * Applies one event to a Swedish case through the shared planner (`planTransition`, `moveTo`):
 * the row for (stage, event), its guards in order, the first outcome whose condition holds. Pure,
 * like Norway's `transition`; malformed input throws a DomainError.
 */
export function transitionSE(state: SwedishCaseState, event: SwedishCaseEvent, ctx: SwedishTransitionContext): SwedishTransitionResult {
  if (!(SWEDISH_STAGES as readonly string[]).includes(state.stage)) {
    throw new DomainError("invalid_input", `"${String(state.stage)}" is not a Swedish case stage`, "state.stage");
  }
  if (!(SWEDISH_EVENT_TYPES as readonly string[]).includes(event.type)) {
    throw new DomainError("invalid_input", `"${String(event.type)}" is not a Swedish case event (known: ${SWEDISH_EVENT_TYPES.join(", ")})`, "event.type");
  }
  if (!Number.isSafeInteger(ctx.balanceMinor)) {
    throw new DomainError("invalid_amount", `${ctx.balanceMinor} is not a whole number of minor units`, "balanceMinor");
  }
  const plan = planTransition(
    swedishRuleFor(state.stage, event.type),
    (name) => SWEDISH_GUARDS[name].check(state, event, ctx),
    (condition) => SWEDISH_CONDITIONS[condition].holds(state, event, ctx),
  );
  if (!plan.ok) {
    if (plan.reason !== "no-row") return { ok: false, reason: plan.reason };
    return { ok: false, reason: state.stage === "closed" ? swedishRefusal("case_closed") : swedishRefusal("event_not_allowed", { stage: state.stage, event: event.type }) };
  }
  const next = moveTo(record(state, event, ctx), state, plan.outcome, ctx.today);
  return { ok: true, state: next, effects: plan.effects.map((spec) => materialize(spec, next, ctx)) };
}

/** The events the table offers in this state (the hold permitting), for the portal's buttons. */
export function allowedSwedishEvents(state: SwedishCaseState): SwedishEventType[] {
  return SWEDISH_EVENT_TYPES.filter((event) => {
    const rule = swedishRuleFor(state.stage, event);
    return rule !== undefined && rule.guards.every((g) => SWEDISH_HOLD_CHECKS[g]?.(state) ?? true);
  });
}

function record(s: SwedishCaseState, e: SwedishCaseEvent, ctx: SwedishTransitionContext): SwedishCaseState {
  const today = ctx.today;
  switch (e.type) {
    case "send-reminder":
      return { ...s, reminderSentOn: today, reminderDeadline: e.deadline, reminderReceivedOn: e.presumedReceipt };
    case "send-collection-notice":
      return { ...s, noticeSentOn: today, noticeDeadline: e.deadline, noticeReceivedOn: e.presumedReceipt };
    case "approve-legal":
      return { ...s, legalApprovedOn: today };
    case "legal-step-recorded":
      return { ...s, legalOn: s.legalOn ?? today };
    case "agree-payment-plan":
      return { ...s, paymentPlanOn: today, ...(e.planId ? { hold: { kind: "payment-plan" as const, reason: e.planId, since: today } } : {}) };
    case "end-payment-plan":
      return { ...s, hold: null };
    case "move-to-surveillance":
      return { ...s, surveillanceOn: today };
    case "pause":
      return { ...s, hold: { kind: "paused", reason: e.reason, since: today, until: e.until ?? null } };
    case "dispute":
      return { ...s, hold: { kind: "disputed", reason: e.reason, since: today } };
    case "resume":
    case "dispute-resolved":
      return { ...s, hold: null };
    case "postpone-due-date":
      if (s.stage === "opened") return { ...s, respiteUntil: e.to };
      if (s.stage === "reminder") return { ...s, reminderDeadline: e.to };
      return { ...s, noticeDeadline: e.to };
    default:
      return s;
  }
}

/** Where each interruption counts from: a letter from its presumed receipt, anything else from today. */
function interruptionOn(kind: SwedishInterruptionKind, next: SwedishCaseState, ctx: SwedishTransitionContext) {
  if (kind === "reminder-received") return next.reminderReceivedOn!;
  if (kind === "collection-demand-received") return next.noticeReceivedOn!;
  return ctx.today;
}

function materialize(spec: SwedishEffectSpec, next: SwedishCaseState, ctx: SwedishTransitionContext): SwedishEffect {
  switch (spec.kind) {
    case "send-letter": {
      const deadline = spec.letter === "reminder" ? next.reminderDeadline : spec.letter === "collection-notice" ? next.noticeDeadline : null;
      return { kind: "send-letter", letter: spec.letter, deadline };
    }
    case "charge":
      return { kind: "charge", what: spec.what };
    case "request-approval":
      return { kind: "request-approval", gate: spec.gate };
    case "notify-creditor":
      return { kind: "notify-creditor", topic: spec.topic, on: ctx.today };
    case "record-limitation-interruption":
      return { kind: "record-limitation-interruption", interruption: spec.interruption, on: interruptionOn(spec.interruption, next, ctx) };
    case "invoice-creditor":
      return { kind: "invoice-creditor", what: spec.what };
    default:
      return { kind: spec.kind };
  }
}

import type { CaseAccount } from "./account.js";
import { applyEvent, runScheduled, type EventOutcome, type PlannedEvent } from "./day.js";
import { emptyPlan, finish, withReason, type CasePlan, type ReasonText } from "./plan.js";
import type { PlanContext } from "./terms.js";

/**
 * A person's action on a case (pause, resume, postpone, dispute, approve, withdraw, write off,
 * record a legal step…): one event through the transition table, then whatever the schedule has
 * due today (an approval may send the payment demand at once). A refusal changes nothing and says
 * why, in both languages.
 */
export type ActionPlan = { ok: true; plan: CasePlan } | Extract<EventOutcome, { ok: false }>;

/**
 * `note`: the timeline's reason — a person's own words as they wrote them, or the system's in each
 * language (`ReasonText`: a payment plan's summary, an insolvency's source).
 */
export function planAction(account: CaseAccount, event: PlannedEvent, ctx: PlanContext & { note?: string | ReasonText | null }): ActionPlan {
  const plan = emptyPlan(account);
  const system = typeof ctx.note === "object" && ctx.note !== null ? ctx.note : null;
  const noteText = system ? system.en : typeof ctx.note === "string" ? ctx.note : null;
  const applied = applyEvent(plan, event, { ...ctx, actorNote: noteText ? { note: noteText } : {} });
  if (!applied.ok) return applied;
  // A person's action is not unique per day the way a scheduled step is: key it by the version it changed.
  plan.timeline[0]!.dedupeKey = `${event.type}:${ctx.today}:v${account.version}`;
  // A waiver is audited by its reason (inkassoloven § 17): the row says who (the store's actor) and why.
  const first = plan.timeline[0]!;
  if (system) Object.assign(first, withReason(first.data, system));
  else first.reason = noteText ?? (event.type === "waive-costs" ? event.reason : null);
  runScheduled(plan, ctx);
  return { ok: true, plan: finish(plan) };
}

import type { LocalDate } from "../../domain/calendar/local-date.js";
import type { CaseEvent } from "../../domain/case-lifecycle/index.js";
import { DomainError } from "../../domain/errors.js";
import type { Queryable } from "../../platform/db/database.js";
import type { RuleBook } from "../../platform/rule-book.js";
import { agencyFromEnv } from "../agency.js";
import { loadCreditor } from "../cases/creditor.js";
import type { LetterAgency } from "../letters/letter-model.js";
import { applyEvent, emptyPlan, runScheduled } from "../engine/advance-case.js";
import { writePlans } from "../engine/write-plans.js";
import { accrueInterest } from "../engine/interest-accrual.js";
import { lockCase } from "./load-case.js";

/**
 * A person's action on a case (pause, resume, postpone, dispute, approve, withdraw, write off,
 * record a legal step…): one event through the transition table, then whatever the schedule
 * has due today (an approval may send the payment demand at once), written with its timeline
 * row in the caller's transaction. A refusal changes nothing and says why, in both languages.
 */
export interface ActionInput {
  caseId: string;
  event: CaseEvent;
  today: LocalDate;
  actor: string;
  /** A note for the timeline (the user's reason or message). */
  note?: string | null;
  rules: RuleBook;
  agency?: LetterAgency;
}

export type ActionResult =
  | { ok: true; stage: string; hold: string | null; nextActionOn: string | null; letters: number; charges: number }
  | { ok: false; code: string; text: { nb: string; en: string } };

export async function applyCaseAction(tx: Queryable, input: ActionInput): Promise<ActionResult> {
  let row = await lockCase(tx, input.caseId);
  // The case's interest up to today first, so a letter this action sends shows it to the day.
  if (row.closed_on === null && row.interest_accrued_on < input.today.toString()) {
    await accrueInterest(tx, row.creditor_id, input.today, { caseId: row.id });
    row = await lockCase(tx, input.caseId);
  }
  const creditor = await loadCreditor(tx, row.creditor_id);
  const ctx = { today: input.today, creditor, rules: input.rules.NO, agency: input.agency ?? agencyFromEnv(), actor: input.actor };
  if (row.interest_accrued_on > input.today.toString()) {
    throw new DomainError("invalid_input", `the case has been run up to ${row.interest_accrued_on}; an action cannot be dated before that`, "today");
  }
  const plan = emptyPlan(row);
  const applied = applyEvent(plan, row, input.event, { ...ctx, actorNote: input.note ? { note: input.note } : {} });
  if (!applied.ok) return applied;
  // A person's action is not unique per day the way a scheduled step is: key it by the version it changed.
  plan.timeline[0]!.dedupeKey = `${input.event.type}:${input.today}:v${row.version}`;
  plan.timeline[0]!.reason = input.note ?? null;
  runScheduled(plan, row, ctx);
  const w = await writePlans(tx, [row], [plan], ctx);
  return { ok: true, stage: plan.state.stage, hold: plan.state.hold?.kind ?? null, nextActionOn: plan.nextActionOn?.toString() ?? null, letters: w.letters, charges: w.charges };
}

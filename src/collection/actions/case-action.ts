import { randomUUID } from "node:crypto";
import type { LocalDate } from "../../domain/calendar/local-date.js";
import { planAction, type PlannedEvent, type ReasonText } from "../../domain/case/index.js";
import { DomainError } from "../../domain/errors.js";
import type { Queryable } from "../../platform/db/database.js";
import type { RuleBook } from "../../platform/rule-book.js";
import { accountOf, accrueInterest, lockCase, writePayments, writePlans } from "../cases/case-store.js";
import { loadCreditor } from "../cases/creditor.js";
import type { LetterAgency } from "../letters/letter-model.js";

/**
 * A person's action on a case (pause, resume, postpone, dispute, approve, withdraw, write off,
 * record a legal step…): load the case (locked, its interest brought to today), plan the action
 * (`planAction`: one event through the transition table, then whatever the schedule has due
 * today — an approval may send the payment demand at once), write the plan with its timeline row
 * in the caller's transaction. A refusal changes nothing and says why, in both languages.
 */
export interface ActionInput {
  caseId: string;
  /** A lifecycle event, or a Swedish case's amorteringsplan. */
  event: PlannedEvent;
  today: LocalDate;
  actor: string;
  /** A note for the timeline: the user's reason or message, or the system's in each language. */
  note?: string | ReasonText | null;
  rules: RuleBook;
  /** The letter sender, should the action send a letter (the caller's: `Config.agency` at the edges). */
  agency: LetterAgency;
}

export type ActionResult =
  | { ok: true; stage: string; hold: string | null; nextActionOn: string | null; letters: number; charges: number }
  | { ok: false; code: string; text: { nb: string; en: string } };

/** The case locked, its interest brought to `today` (an action cannot be dated before the day the case has been run to). */
export async function lockAccrued(tx: Queryable, caseId: string, today: LocalDate): Promise<Awaited<ReturnType<typeof lockCase>>> {
  let row = await lockCase(tx, caseId);
  // The case's interest up to today first, so a letter this action sends shows it to the day.
  if (row.closed_on === null && row.interest_accrued_on < today.toString()) {
    await accrueInterest(tx, row.creditor_id, today, { caseId: row.id });
    row = await lockCase(tx, caseId);
  }
  if (row.interest_accrued_on > today.toString()) {
    throw new DomainError("invalid_input", `the case has been run up to ${row.interest_accrued_on}; an action cannot be dated before that`, "today");
  }
  return row;
}

export async function applyCaseAction(tx: Queryable, input: ActionInput): Promise<ActionResult> {
  const row = await lockAccrued(tx, input.caseId, input.today);
  const creditor = await loadCreditor(tx, row.creditor_id);
  const planned = planAction(accountOf(row), input.event, { today: input.today, creditor, rules: input.rules.NO, swedishRules: input.rules.SE, newId: randomUUID, note: input.note ?? null });
  if (!planned.ok) return planned;
  const { plan } = planned;
  // A waiver of costs the debtor paid carries its refund allocations on a zero-amount payments row.
  if (plan.payments.length > 0) await writePayments(tx, [plan]);
  const w = await writePlans(tx, new Map([[row.id, row]]), [plan], { today: input.today, actor: input.actor, agency: input.agency, rules: input.rules.NO, swedishRules: input.rules.SE, creditorOf: () => creditor });
  return { ok: true, stage: plan.state.stage, hold: plan.state.hold?.kind ?? null, nextActionOn: plan.nextActionOn?.toString() ?? null, letters: w.letters, charges: w.charges };
}

import { randomUUID } from "node:crypto";
import type { LocalDate } from "../../domain/calendar/local-date.js";
import { planAction } from "../../domain/case/index.js";
import type { CaseEvent } from "../../domain/case-lifecycle/index.js";
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
  event: CaseEvent;
  today: LocalDate;
  actor: string;
  /** A note for the timeline (the user's reason or message). */
  note?: string | null;
  rules: RuleBook;
  /** The letter sender, should the action send a letter (the caller's: `Config.agency` at the edges). */
  agency: LetterAgency;
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
  if (row.interest_accrued_on > input.today.toString()) {
    throw new DomainError("invalid_input", `the case has been run up to ${row.interest_accrued_on}; an action cannot be dated before that`, "today");
  }
  const creditor = await loadCreditor(tx, row.creditor_id);
  const planned = planAction(accountOf(row), input.event, { today: input.today, creditor, rules: input.rules.NO, newId: randomUUID, note: input.note ?? null });
  if (!planned.ok) return planned;
  const { plan } = planned;
  // A waiver of costs the debtor paid carries its refund allocations on a zero-amount payments row.
  if (plan.payments.length > 0) await writePayments(tx, [plan]);
  const w = await writePlans(tx, new Map([[row.id, row]]), [plan], { today: input.today, actor: input.actor, agency: input.agency, rules: input.rules.NO, creditorOf: () => creditor });
  return { ok: true, stage: plan.state.stage, hold: plan.state.hold?.kind ?? null, nextActionOn: plan.nextActionOn?.toString() ?? null, letters: w.letters, charges: w.charges };
}

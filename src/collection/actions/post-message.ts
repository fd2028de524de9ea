import type { LocalDate } from "../../domain/calendar/local-date.js";
import { DomainError } from "../../domain/errors.js";
import type { Queryable } from "../../platform/db/database.js";
import { appendTimeline, lockCase } from "../cases/case-store.js";

/**
 * A message on a case, to or from the case handler (docs/CASES.md: the creditor's message to the
 * case handler, and the case handler's answer). It changes nothing else; it is a timeline row
 * that the portal shows and the case handler answers.
 */
export async function postCaseMessage(tx: Queryable, input: { caseId: string; text: string; today: LocalDate; actor: string; toHandler?: boolean }): Promise<{ eventId: number }> {
  const text = input.text.trim();
  if (text.length === 0) throw new DomainError("invalid_input", "the message is empty", "text");
  if (text.length > 4000) throw new DomainError("invalid_input", `the message has ${text.length} characters; at most 4000`, "text");
  const row = await lockCase(tx, input.caseId);
  const [id] = await appendTimeline(tx, [
    { creditorId: row.creditor_id, caseId: row.id, on: input.today.toString(), actor: input.actor, type: "message", stage: row.stage, data: { to: input.toHandler === false ? "creditor" : "case-handler" }, reason: text, dedupeKey: null },
  ]);
  return { eventId: id! };
}

import type { LocalDate } from "../../domain/calendar/local-date.js";
import { DomainError } from "../../domain/errors.js";
import type { Queryable } from "../../platform/db/database.js";
import { lockCase } from "./load-case.js";

/**
 * A message on a case, to or from the case handler (DOMAIN.md § 6 "message to the case handler";
 * § 9 "action needed"). It changes nothing else; it is a timeline row that the portal shows and
 * the case handler answers.
 */
export async function postCaseMessage(tx: Queryable, input: { caseId: string; text: string; today: LocalDate; actor: string; toHandler?: boolean }): Promise<{ eventId: number }> {
  const text = input.text.trim();
  if (text.length === 0) throw new DomainError("invalid_input", "the message is empty", "text");
  if (text.length > 4000) throw new DomainError("invalid_input", `the message has ${text.length} characters; at most 4000`, "text");
  const row = await lockCase(tx, input.caseId);
  const [ev] = await tx.query<{ id: number }>(
    `insert into case_events (creditor_id, case_id, "on", actor, type, stage, data, reason)
     values ($1, $2, $3, $4, 'message', $5, $6, $7) returning id`,
    [row.creditor_id, row.id, input.today.toString(), input.actor, row.stage, JSON.stringify({ to: input.toHandler === false ? "creditor" : "case-handler" }), text],
  );
  return { eventId: ev!.id };
}

import { randomUUID } from "node:crypto";
import { appendTimeline } from "../collection/cases/case-store.js";
import type { LocalDate } from "../domain/calendar/local-date.js";
import { DomainError } from "../domain/errors.js";
import type { Database } from "../platform/db/database.js";

/**
 * A copy of a letter sent again, on a case handler's request (the debtor lost it, the address was
 * corrected, a try was in doubt): a new letter row with the same PDF (`copy_of` the original),
 * queued for the delivery step, which chooses its channel anew. A copy carries the original's
 * deadline: it never moves the case's deadline. Only a letter that has left (or failed, or is in
 * doubt) can be copied; a queued one goes anyway, a cancelled one belongs to a closed or paused case.
 */
export interface CopyQueued {
  readonly letterId: string;
  readonly copyOf: string;
  readonly caseNumber: string;
}

const COPYABLE = ["sent", "delivered", "read", "failed", "in-doubt"];

export async function resendLetterCopy(database: Database, input: { letterId: string; today: LocalDate; actor: string; reason?: string | null }): Promise<CopyQueued> {
  return database.transaction(async (tx) => {
    const [original] = await tx.query<{ id: string; creditor_id: string; case_id: string; case_number: string; kind: string; deadline: string; language: string; number: string | null; delivery_status: string; pdf: Buffer | null; copy_of: string | null; closed_on: string | null }>(
      `select l.id, l.creditor_id, l.case_id, c.case_number, l.kind, l.deadline, l.language, l.number, l.delivery_status, l.pdf, l.copy_of, c.closed_on
         from letters l join cases c on c.id = l.case_id where l.id = $1 for update of l`,
      [input.letterId],
    );
    if (!original) throw new DomainError("not_found", `no letter ${input.letterId}`, "letterId");
    if (!original.pdf || !COPYABLE.includes(original.delivery_status)) {
      throw new DomainError(
        "invalid_input",
        original.delivery_status === "cancelled"
          ? "the letter was cancelled (its case was closed or paused before it left); a copy is not sent"
          : `the letter has not left yet (${original.delivery_status}); it goes with the next delivery run`,
        "letterId",
      );
    }
    const source = original.copy_of ?? original.id;
    const id = randomUUID();
    await tx.query(
      `insert into letters (id, creditor_id, case_id, kind, sent_on, deadline, language, model, status, pdf, copy_of, delivery_status)
       select $1, creditor_id, case_id, kind, $2, deadline, language, model, 'rendered', pdf, $3, 'queued' from letters where id = $4`,
      [id, input.today.toString(), source, original.id],
    );
    const what = `a copy of letter ${original.number ?? original.id} (${original.kind.replace("-", " ")}), deadline ${original.deadline} as on the original`;
    await tx.query("insert into letter_status_history (creditor_id, letter_id, status, channel, detail) values ($1, $2, 'queued', null, $3)", [original.creditor_id, id, `${what}, requested by ${input.actor}`]);
    await appendTimeline(tx, [
      {
        creditorId: original.creditor_id,
        caseId: original.case_id,
        on: input.today.toString(),
        actor: input.actor,
        type: "letter-copy-sent",
        stage: null,
        data: { letterId: id, copyOf: source },
        reason: input.reason ? `${what}: ${input.reason}` : what,
        dedupeKey: null,
      },
    ]);
    return { letterId: id, copyOf: source, caseNumber: original.case_number };
  });
}

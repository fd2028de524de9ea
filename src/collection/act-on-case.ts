import type { LetterAgency } from "./letters/letter-model.js";
import type { LocalDate } from "../domain/calendar/local-date.js";
import type { CaseEvent } from "../domain/case-lifecycle/index.js";
import type { Database } from "../platform/db/database.js";
import type { RuleBook } from "../platform/rule-book.js";
import { CASE_BALANCE } from "./cases/case-store.js";
import { applyCaseAction } from "./actions/case-action.js";
import { postCaseMessage } from "./actions/post-message.js";

/**
 * A person acts on a case — or previews the act: the action is carried out in a transaction and,
 * for a preview, rolled back, so the answer shows exactly what it would do (the new stage, the
 * letters, the charges such as a withdrawal's cost, the balance after) and nothing changes.
 *
 * `approve` approves whichever gate the case waits at (the payment demand or legal collection);
 * `message` posts a message to the case handler. The other actions are lifecycle events
 * (`applyCaseAction`).
 */
export type CaseActionRequest = { kind: "event"; event: CaseEvent; note: string | null } | { kind: "approve"; note: string | null } | { kind: "message"; text: string };

export type CaseActionOutcome =
  | {
      ok: true;
      stage: string;
      hold: string | null;
      nextActionOn: string | null;
      letters: number;
      /** The charges the action added, in order. */
      charges: { kind: string; amountMinor: number; payer: string; rule: string }[];
      /** The case's balance after the action (`CASE_BALANCE`). */
      balanceMinor: number;
    }
  /** `nothing_to_approve`: an approval on a case not waiting at a gate (`stage` says where it is). */
  | { ok: false; code: "nothing_to_approve"; stage: string }
  /** The rules refused the action (the case is unchanged). */
  | { ok: false; code: string; text: { nb: string; en: string } };

export async function actOnCase(
  db: Database,
  input: { caseId: string; request: CaseActionRequest; today: LocalDate; actor: string; rules: RuleBook; agency: LetterAgency; preview: boolean },
): Promise<CaseActionOutcome> {
  const { caseId, request, today, actor } = input;
  let event: CaseEvent | null = request.kind === "event" ? request.event : null;
  if (request.kind === "approve") {
    const [c] = await db.query<{ stage: string }>("select stage from cases where id = $1", [caseId]);
    if (c!.stage === "awaiting-payment-demand-approval") event = { type: "approve-payment-demand" };
    else if (c!.stage === "awaiting-legal-approval") event = { type: "approve-legal" };
    else return { ok: false, code: "nothing_to_approve", stage: c!.stage };
  }
  const ROLLBACK = Symbol("preview");
  let out: CaseActionOutcome | undefined;
  try {
    await db.transaction(async (tx) => {
      if (request.kind === "message") {
        await postCaseMessage(tx, { caseId, text: request.text, today, actor, toHandler: true });
        const [c] = await tx.query<{ stage: string; hold_kind: string | null; next_action_on: string | null; balance: number }>(`select c.stage, c.hold_kind, c.next_action_on, ${CASE_BALANCE} as balance from cases c where c.id = $1`, [caseId]);
        out = { ok: true, stage: c!.stage, hold: c!.hold_kind, nextActionOn: c!.next_action_on, letters: 0, charges: [], balanceMinor: Number(c!.balance) };
      } else {
        const [{ max } = { max: 0 }] = await tx.query<{ max: number | null }>("select max(id) as max from charges where case_id = $1", [caseId]);
        const result = await applyCaseAction(tx, { caseId, event: event!, today, actor, note: request.note, rules: input.rules, agency: input.agency });
        if (!result.ok) {
          out = { ok: false, code: result.code, text: result.text };
          throw ROLLBACK;
        }
        const charges = await tx.query<{ kind: string; amount_minor: number; payer: string; rule: string }>("select kind, amount_minor, payer, rule from charges where case_id = $1 and id > $2 order by id", [caseId, max ?? 0]);
        const [c] = await tx.query<{ balance: number }>(`select ${CASE_BALANCE} as balance from cases c where c.id = $1`, [caseId]);
        out = {
          ok: true, stage: result.stage, hold: result.hold, nextActionOn: result.nextActionOn, letters: result.letters,
          charges: charges.map((x) => ({ kind: x.kind, amountMinor: Number(x.amount_minor), payer: x.payer, rule: x.rule })), balanceMinor: Number(c!.balance),
        };
      }
      if (input.preview) throw ROLLBACK;
    });
  } catch (e) {
    if (e !== ROLLBACK) throw e;
  }
  return out!;
}

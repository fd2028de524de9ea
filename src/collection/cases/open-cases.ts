import { calendarFor } from "../../domain/calendar/business-calendar.js";
import { LocalDate } from "../../domain/calendar/local-date.js";
import { judgeLedgerNotice, openCase, scheduledEvents } from "../../domain/case-lifecycle/index.js";
import { makeKid } from "../../domain/identifiers/index.js";
import { limitationDate } from "../../domain/limitation.js";
import type { Queryable } from "../../platform/db/database.js";
import { stateColumns } from "./case-row.js";
import type { CreditorContext } from "./creditor.js";

/**
 * Transfer: exactly one case per claim (the unique index on `cases.claim_id` makes a second
 * attempt a no-op), with a case number and a KID from the agency-wide sequence, the first
 * timeline row, and the write-back of the case number to the ledger as an outbox row — all in
 * the caller's transaction. A collection notice the ledger already sent is judged by the rule
 * core (`judgeLedgerNotice`): one that does not count is recorded on the first timeline row with
 * the reason, and the case sends its own notice.
 */
export interface ClaimToOpen {
  claimId: string;
  debtorId: string;
  debtorType: "consumer" | "business";
  dueDate: LocalDate;
  principalMinor: number;
  ledgerNotice?: { sentOn: LocalDate; deadline: LocalDate } | null;
}

export interface OpenedCase {
  caseId: string;
  claimId: string;
  caseNumber: string;
  kid: string;
}

/** Where case numbers come from: the agency-wide sequence, or (a what-if run that is rolled back) numbers of its own. */
export type CaseNumberSource = (tx: Queryable) => Promise<number>;
const fromSequence: CaseNumberSource = async (tx) => {
  const [{ n }] = (await tx.query<{ n: number }>("select nextval('case_number_seq')::int8 as n")) as [{ n: number }];
  return Number(n);
};

export async function openCases(tx: Queryable, creditor: CreditorContext, claims: readonly ClaimToOpen[], today: LocalDate, actor: string, numbers: CaseNumberSource = fromSequence): Promise<OpenedCase[]> {
  const opened: OpenedCase[] = [];
  const calendar = calendarFor(creditor.jurisdiction);
  for (const c of claims) {
    const [exists] = await tx.query<{ id: string }>("select id from cases where claim_id = $1", [c.claimId]);
    if (exists) continue;
    const due = calendar.nextBusinessDay(c.dueDate);
    const state = openCase({ openedOn: today, dueDate: due, debtorType: c.debtorType, ledgerNotice: c.ledgerNotice ?? null });
    const verdict = c.ledgerNotice ? judgeLedgerNotice(c.ledgerNotice, due) : null;
    const ledgerNotice = c.ledgerNotice && verdict
      ? { sentOn: c.ledgerNotice.sentOn.toString(), deadline: c.ledgerNotice.deadline.toString(), accepted: verdict.accepted, ...(verdict.accepted ? {} : { defects: verdict.defects.map((d) => d.code) }) }
      : null;
    const next = scheduledEvents(state, { firstLetter: creditor.settings.firstStep })[0]?.on ?? null;
    const limitation = limitationDate({ dueDate: due, interruptions: [] }).date;
    const n = await numbers(tx);
    const caseNumber = `${creditor.code}-${n}`;
    const kid = makeKid(String(n).padStart(9, "0"), creditor.settings.kidAlgorithm);
    const cols = stateColumns(state);
    const names = Object.keys(cols);
    const inserted = await tx.query<{ id: string }>(
      `insert into cases (creditor_id, claim_id, debtor_id, case_number, kid, jurisdiction, currency, debtor_type, opened_on, due_date,
                          claim_for_salary_minor, principal_minor, interest_base_on, interest_accrued_on, next_action_on, limitation_on,
                          ${names.join(", ")})
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $10, $10, $12, $13, ${names.map((_, i) => `$${14 + i}`).join(", ")})
       on conflict (claim_id) do nothing
       returning id`,
      [creditor.id, c.claimId, c.debtorId, caseNumber, kid, creditor.jurisdiction, creditor.currency, c.debtorType, today.toString(), due.toString(),
        c.principalMinor, next?.toString() ?? null, limitation.toString(), ...Object.values(cols)],
    );
    const caseId = inserted[0]?.id;
    if (!caseId) continue;
    await tx.query(
      `insert into case_events (creditor_id, case_id, "on", actor, type, stage, data, reason, dedupe_key)
       values ($1, $2, $3, $4, 'opened', 'opened', $5, $6, 'opened')`,
      [creditor.id, caseId, today.toString(), actor,
        JSON.stringify({ caseNumber, kid, dueDate: due.toString(), principal: c.principalMinor, nextActionOn: next?.toString() ?? null, ...(ledgerNotice ? { ledgerNotice } : {}) }),
        verdict && !verdict.accepted ? verdict.text.en : null],
    );
    await tx.query(
      `insert into outbox (creditor_id, kind, idempotency_key, payload) values ($1, 'case-opened', $2, $3) on conflict (idempotency_key) do nothing`,
      [creditor.id, `case-opened:${caseId}`, JSON.stringify({ caseId, claimId: c.claimId, caseNumber })],
    );
    opened.push({ caseId, claimId: c.claimId, caseNumber, kid });
  }
  return opened;
}

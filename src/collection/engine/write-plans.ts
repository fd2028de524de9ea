import type { LocalDate } from "../../domain/calendar/local-date.js";
import type { NorwegianRuleSet } from "../../domain/jurisdictions/no/no-rule-set.js";
import type { Queryable } from "../../platform/db/database.js";
import { STATE_COLUMNS, stateColumns } from "../cases/case-row.js";
import type { CreditorContext } from "../cases/creditor.js";
import type { LetterAgency } from "../letters/letter-model.js";
import type { CasePlan } from "./advance-case.js";
import { letterModelFor, type DueCaseRow } from "./letter-for-case.js";
import { statusText } from "./status-text.js";

/**
 * Writes a batch of case plans set-based: one statement each for the charges, the case rows
 * (state, balances, version — guarded by the version each plan was made from), the timeline,
 * the letters and the ledger status updates. Every insert is keyed so that running the same day
 * again writes nothing (charges per case and key, timeline per case and dedupe key, letters per
 * case, kind and day, outbox per idempotency key).
 */
export async function writePlans(
  tx: Queryable,
  rows: readonly DueCaseRow[],
  plans: readonly CasePlan[],
  ctx: { today: LocalDate; creditor: CreditorContext; rules: NorwegianRuleSet; agency: LetterAgency; actor: string },
): Promise<{ updated: number; letters: number; charges: number; events: number }> {
  const { today, creditor } = ctx;
  const day = today.toString();
  const charges = plans.flatMap((p) => p.charges.map((c) => ({ case_id: p.caseId, ...c })));
  const insertedCharges = charges.length
    ? await tx.query<{ case_id: string; key: string }>(
        `insert into charges (creditor_id, case_id, kind, key, "on", amount_minor, currency, rule, source, confidence, payer)
         select $1, x.case_id, x.kind, x.key, $2, x.amount_minor, 'NOK', x.rule, x.source, x.confidence, x.payer
           from jsonb_to_recordset($3::jsonb) as x(case_id uuid, kind text, key text, amount_minor int8, rule text, source text, confidence text, payer text)
         on conflict (case_id, key) do nothing
         returning case_id, key`,
        [creditor.id, day, JSON.stringify(charges.map((c) => ({ case_id: c.case_id, kind: c.kind, key: c.key, amount_minor: c.amountMinor, rule: c.rule, source: c.source, confidence: c.confidence, payer: c.payer })))],
      )
    : [];
  const inserted = new Set(insertedCharges.map((c) => `${c.case_id}|${c.key}`));
  const added = new Map<string, { fees: number; salary: number; legal: number }>();
  for (const c of charges) {
    if (!inserted.has(`${c.case_id}|${c.key}`) || c.bucket === "creditor") continue;
    const a = added.get(c.case_id) ?? { fees: 0, salary: 0, legal: 0 };
    a[c.bucket === "legal-costs" ? "legal" : (c.bucket as "fees" | "salary")] += c.amountMinor;
    added.set(c.case_id, a);
  }

  const updates = plans.map((p) => {
    const a = added.get(p.caseId) ?? { fees: 0, salary: 0, legal: 0 };
    return { id: p.caseId, version: p.expectedVersion, next_action_on: p.nextActionOn?.toString() ?? null, limitation_on: p.limitationOn?.toString() ?? null, add_fees: a.fees, add_salary: a.salary, add_legal: a.legal, ...stateColumns(p.state) };
  });
  const stateTypes = STATE_COLUMNS.map((c) => `${c} ${c.endsWith("_on") || c.endsWith("_until") || c.endsWith("_deadline") || c === "hold_since" ? "date" : "text"}`);
  const updated = await tx.query<{ id: string; version: number; stage: string; balance: number }>(
    `update cases c
        set ${STATE_COLUMNS.map((col) => `${col} = v.${col}`).join(", ")},
            next_action_on = v.next_action_on,
            limitation_on = coalesce(v.limitation_on, c.limitation_on),
            fees_minor = c.fees_minor + v.add_fees,
            salary_minor = c.salary_minor + v.add_salary,
            legal_minor = c.legal_minor + v.add_legal,
            version = c.version + 1
       from jsonb_to_recordset($1::jsonb) as v(id uuid, version int, next_action_on date, limitation_on date, add_fees int8, add_salary int8, add_legal int8, ${stateTypes.join(", ")})
      where c.id = v.id and c.version = v.version
      returning c.id, c.version, c.stage,
                (c.principal_minor - c.principal_paid_minor) + (c.interest_accrued_minor - c.interest_paid_minor)
                + (c.fees_minor - c.fees_paid_minor) + (c.salary_minor - c.salary_paid_minor) + (c.legal_minor - c.legal_paid_minor) as balance`,
    [JSON.stringify(updates)],
  );
  if (updated.length !== plans.length) {
    // Another writer changed a case since it was read: roll back the day and let the job retry.
    throw new Error(`case engine: ${plans.length - updated.length} of ${plans.length} cases changed while the day ran; retrying`);
  }

  const rowById = new Map(rows.map((r) => [r.id, r]));
  const letters = plans.flatMap((p) =>
    p.letters.map((l) => {
      const row = rowById.get(p.caseId)!;
      const sources = { fees: p.charges.find((c) => c.bucket === "fees")?.source ?? "inkassoforskriften § 1-2", salary: p.charges.find((c) => c.bucket === "salary")?.source ?? "inkassoforskriften ch. 2", legal: "rettsgebyrloven" };
      const model = letterModelFor({ row, kind: l.kind, letterId: l.id, sentOn: today, deadline: l.deadline, creditor, agency: ctx.agency, rules: ctx.rules, added: added.get(p.caseId) ?? { fees: 0, salary: 0, legal: 0 }, sources });
      return { id: l.id, case_id: p.caseId, kind: l.kind, deadline: l.deadline.toString(), language: model.language, model };
    }),
  );
  const insertedLetters = letters.length
    ? await tx.query(
        `insert into letters (id, creditor_id, case_id, kind, sent_on, deadline, language, model, status)
         select x.id, $1, x.case_id, x.kind, $2, x.deadline, x.language, x.model, 'queued'
           from jsonb_to_recordset($3::jsonb) as x(id uuid, case_id uuid, kind text, deadline date, language text, model jsonb)
         on conflict (case_id, kind, sent_on) do nothing
         returning id`,
        [creditor.id, day, JSON.stringify(letters)],
      )
    : [];

  const timeline = plans.flatMap((p) => p.timeline.map((t) => ({ case_id: p.caseId, ...t, data: JSON.stringify(t.data) })));
  const insertedEvents = timeline.length
    ? await tx.query(
        `insert into case_events (creditor_id, case_id, "on", actor, type, stage, data, reason, dedupe_key)
         select $1, x.case_id, $2, $3, x.type, x.stage, x.data::jsonb, x.reason, x."dedupeKey"
           from jsonb_to_recordset($4::jsonb) as x(case_id uuid, type text, stage text, data text, reason text, "dedupeKey" text)
         on conflict (case_id, dedupe_key) do nothing
         returning id`,
        [creditor.id, day, ctx.actor, JSON.stringify(timeline)],
      )
    : [];

  // The ledger shows the case's stage and the agency's balance (PowerOffice UpdateStatus).
  const statuses = updated.map((u) => ({ key: `case-status:${u.id}:${u.version}`, payload: { caseId: u.id, version: u.version, stage: u.stage, statusText: statusText(u.stage), balanceMinor: Number(u.balance) } }));
  if (statuses.length) {
    await tx.query(
      `insert into outbox (creditor_id, kind, idempotency_key, payload)
       select $1, 'case-status', x.key, x.payload from jsonb_to_recordset($2::jsonb) as x(key text, payload jsonb)
       on conflict (idempotency_key) do nothing`,
      [creditor.id, JSON.stringify(statuses)],
    );
  }
  return { updated: updated.length, letters: insertedLetters.length, charges: insertedCharges.length, events: insertedEvents.length };
}

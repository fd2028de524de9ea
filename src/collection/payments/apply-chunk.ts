import { randomUUID } from "node:crypto";
import { DomainError } from "../../domain/errors.js";
import type { Queryable } from "../../platform/db/database.js";
import { checkPaymentInput, closedCaseEvent, planPayment, type PlannedPayment } from "../actions/record-payment.js";
import type { IncomingPayment } from "../bank-files/index.js";
import { STATE_COLUMNS, stateColumns } from "../cases/case-row.js";
import { loadCreditor } from "../cases/creditor.js";
import type { CaseLetterFacts, DueCaseRow } from "../engine/letter-for-case.js";
import { statusText } from "../engine/status-text.js";
import { writePlans } from "../engine/write-plans.js";
import { bankExternalRef, bankPaymentColumns, duplicateReason, reasonColumns, recordable, refusalReason, trustedKid, unmatchedReason, type ImportEnv, type LineOutcome, type UnmatchedReason } from "./bank-lines.js";

/**
 * A chunk of bank lines applied set-based, with the same result as applying them one at a time
 * through `recordPayment` (`apply-line.ts`): one query resolves the KIDs, the creditors' advisory
 * locks are taken in a stable order and the cases locked `for update` in id order; each payment is
 * planned in memory by `planPayment` (interest to the payment date, the rule core's allocation,
 * credit, limitation, the case's transition); then one statement each writes the payments (whose
 * unique key finds a repeated bank transaction; those on an open case marked due for the
 * same-day payment journal), the allocations, the timeline, the bank_payments rows, the case rows
 * (guarded by version) and the case-status outbox rows.
 *
 * Lines that touch the same case, or repeat the same bank transaction, are applied in rounds, so
 * the second sees the first as the line-by-line order would. A case whose plan queues a letter or
 * a charge (a step fell due since the daily cycle ran) is written through the engine's
 * `writePlans`. Anything unexpected throws; the caller rolls the chunk back and applies it line
 * by line.
 */
export async function applyChunk(tx: Queryable, lines: readonly IncomingPayment[], env: ImportEnv, lockedCreditors: Set<string>): Promise<LineOutcome[]> {
  const outcomes: (LineOutcome | undefined)[] = lines.map(() => undefined);
  const bankPaymentIds = lines.map(() => randomUUID());
  const unmatched = (i: number, reason: UnmatchedReason): LineOutcome => ({ status: "unmatched", caseId: null, creditorId: null, paymentId: null, reason, bankPaymentId: bankPaymentIds[i]! });

  const kids = [...new Set(lines.map(trustedKid).filter((k): k is string => k !== null))];
  const found = kids.length ? await tx.query<{ id: string; kid: string; creditor_id: string }>("select id, kid, creditor_id from cases where kid = any($1::text[])", [kids]) : [];
  const byKid = new Map(found.map((c) => [c.kid, c]));

  // Lines to record, in file order, each with its round: after every earlier line on its case or with its key.
  const pending: { i: number; caseId: string; creditorId: string; ref: string; round: number }[] = [];
  const lastRound = new Map<string, number>();
  lines.forEach((p, i) => {
    const kid = trustedKid(p);
    const c = kid ? byKid.get(kid) : undefined;
    if (!c || !recordable(p)) {
      outcomes[i] = unmatched(i, unmatchedReason(p, c?.id ?? null));
      return;
    }
    try {
      checkPaymentInput({ amountMinor: p.amount.amount, receivedOn: p.bookedOn, today: env.today });
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      outcomes[i] = unmatched(i, refusalReason(e));
      return;
    }
    const ref = bankExternalRef(env.sha256, p);
    const keys = [`case:${c.id}`, `ref:${c.creditor_id}|${ref}`];
    const round = Math.max(...keys.map((k) => (lastRound.get(k) ?? -1) + 1));
    for (const k of keys) lastRound.set(k, round);
    pending.push({ i, caseId: c.id, creditorId: c.creditor_id, ref, round });
  });

  // The daily cycle and a person's action take the creditor's advisory lock first; so does this, in id order.
  const newCreditors = [...new Set(pending.map((x) => x.creditorId))].filter((id) => !lockedCreditors.has(id)).sort();
  if (newCreditors.length) {
    await tx.query("select pg_advisory_xact_lock(hashtextextended('fordring:creditor:' || k, 0)) from unnest($1::text[]) with ordinality as x(k, n) order by n", [newCreditors]);
    for (const id of newCreditors) lockedCreditors.add(id);
  }
  for (const id of new Set(pending.map((x) => x.creditorId))) if (!env.creditors.has(id)) env.creditors.set(id, await loadCreditor(tx, id));

  const rounds = Math.max(-1, ...pending.map((x) => x.round)) + 1;
  for (let r = 0; r < rounds; r++) {
    const round = pending.filter((x) => x.round === r);
    const rows = await lockRows(tx, [...new Set(round.map((x) => x.caseId))]);
    let planned: { i: number; row: DueCaseRow; paymentId: string; p: PlannedPayment }[] = [];
    let closed: { i: number; row: DueCaseRow; paymentId: string }[] = [];
    const refused: { x: (typeof round)[number]; reason: UnmatchedReason }[] = [];
    for (const x of round) {
      const p = lines[x.i]!;
      const row = rows.get(x.caseId)!;
      const paymentId = randomUUID();
      if (row.closed_on !== null) {
        closed.push({ i: x.i, row, paymentId });
        continue;
      }
      try {
        const plan = planPayment(row, {
          paymentId,
          amountMinor: p.amount.amount,
          receivedOn: p.bookedOn,
          channel: "agency",
          reference: p.reference.value,
          today: env.today,
          actor: env.actor,
          rules: env.rules,
          creditor: env.creditors.get(row.creditor_id)!,
          agency: env.agency,
        });
        planned.push({ i: x.i, row, paymentId, p: plan });
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        refused.push({ x, reason: refusalReason(e) });
      }
    }
    // The payments go in first, keyed by (creditor, source, external reference): a line whose key
    // is taken repeats a bank transaction recorded before, and is kept as a duplicate (as
    // recordPayment finds it before anything else). Its plan is dropped; nothing else was written.
    const inserted = await insertPayments(tx, lines, [...planned.map((x) => ({ ...x, journalDue: true })), ...closed.map((x) => ({ ...x, journalDue: false }))], pending);
    const repeats = [...refused.map((r) => r.x), ...round.filter((x) => !inserted.has(x.i) && !refused.some((r) => r.x === x))];
    const seen = await recordedBefore(tx, repeats);
    for (const x of round) {
      const dup = seen.get(`${x.creditorId}|${x.ref}`);
      if (dup && !inserted.has(x.i)) outcomes[x.i] = { status: "duplicate", caseId: x.caseId, creditorId: null, paymentId: dup, reason: duplicateReason(lines[x.i]!), bankPaymentId: bankPaymentIds[x.i]! };
      else if (inserted.has(x.i)) outcomes[x.i] = { status: "matched", caseId: x.caseId, creditorId: x.creditorId, paymentId: inserted.get(x.i)!, reason: null, bankPaymentId: bankPaymentIds[x.i]! };
    }
    for (const r of refused) outcomes[r.x.i] ??= unmatched(r.x.i, r.reason);
    if (round.some((x) => !outcomes[x.i])) throw new Error("bank import: a payment was neither recorded nor found recorded before");
    planned = planned.filter((x) => inserted.has(x.i));
    closed = closed.filter((x) => inserted.has(x.i));
    await writeRound(tx, lines, planned, closed, env, round.map((x) => ({ i: x.i, outcome: outcomes[x.i]! })));
  }

  const done = outcomes.map((o, i) => o ?? unmatched(i, { code: "refused", message: "not applied" }));
  const inRound = new Set(pending.map((x) => x.i));
  await insertBankPayments(tx, env, lines, done.flatMap((outcome, i) => (inRound.has(i) ? [] : [{ i, outcome }])));
  return done;
}

async function insertBankPayments(tx: Queryable, env: ImportEnv, lines: readonly IncomingPayment[], rows: readonly { i: number; outcome: LineOutcome }[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `insert into bank_payments (id, bank_file_id, line_ref, reference, reference_valid, amount_minor, currency, booked_on, payer, bank_reference, raw, status, note, reason_code, reason_data, case_id, payment_id, creditor_id)
     select x.id, $1, x.line_ref, x.reference, x.reference_valid, x.amount_minor, x.currency, x.booked_on, x.payer, x.bank_reference, x.raw, x.status, x.note, x.reason_code, x.reason_data, x.case_id, x.payment_id, x.creditor_id
       from jsonb_to_recordset($2::jsonb) as x(id uuid, line_ref text, reference text, reference_valid boolean, amount_minor int8, currency text, booked_on date, payer jsonb,
                                               bank_reference text, raw text, status text, note text, reason_code text, reason_data jsonb, case_id uuid, payment_id uuid, creditor_id uuid)`,
    [
      env.bankFileId,
      JSON.stringify(rows.map(({ i, outcome: o }) => ({ id: o.bankPaymentId, ...bankPaymentColumns(lines[i]!), status: o.status, ...reasonColumns(o.reason), case_id: o.caseId, payment_id: o.paymentId, creditor_id: o.creditorId }))),
    ],
  );
}

/**
 * The cases of one round, locked in id order (a stable order, so two importers cannot deadlock on
 * rows). The debtor and claim facts a letter needs are read only for the rare case whose plan
 * queues one (`withLetterFacts`).
 */
async function lockRows(tx: Queryable, caseIds: string[]): Promise<Map<string, DueCaseRow>> {
  if (caseIds.length === 0) return new Map();
  const rows = await tx.query<DueCaseRow>("select c.* from cases c where c.id = any($1::uuid[]) order by c.id for update", [caseIds]);
  return new Map(rows.map((r) => [r.id, r]));
}

async function withLetterFacts(tx: Queryable, rows: DueCaseRow[]): Promise<DueCaseRow[]> {
  const facts = await tx.query<CaseLetterFacts & { id: string }>(
    `select c.id, d.name as debtor_name, d.address as debtor_address, d.language as debtor_language, d.external_id as debtor_external_id,
            cl.invoice_number, cl.issue_date, cl.due_date as claim_due_date, cl.description
       from cases c join debtors d on d.id = c.debtor_id join claims cl on cl.id = c.claim_id
      where c.id = any($1::uuid[])`,
    [rows.map((r) => r.id)],
  );
  const byId = new Map(facts.map(({ id, ...f }) => [id, f]));
  return rows.map((r) => ({ ...r, ...byId.get(r.id)! }));
}

/** Inserts the payments of a round; returns line → payment id for those whose key was free. */
async function insertPayments(
  tx: Queryable,
  lines: readonly IncomingPayment[],
  payments: readonly { i: number; row: DueCaseRow; paymentId: string; journalDue: boolean }[],
  pending: readonly { i: number; ref: string }[],
): Promise<Map<number, string>> {
  if (payments.length === 0) return new Map();
  const refOf = new Map(pending.map((x) => [x.i, x.ref]));
  const rows = payments.map((x) => {
    const p = lines[x.i]!;
    return { id: x.paymentId, creditor_id: x.row.creditor_id, case_id: x.row.id, received_on: p.bookedOn.toString(), amount_minor: p.amount.amount, external_ref: refOf.get(x.i)!, reference: p.reference.value, journal_due: x.journalDue };
  });
  // DOMAIN.md § 7: money paid to the agency on an open case is journaled in the creditor's ledger
  // the same day; the sync puts the day's due payments on one voucher (payment-journals.ts).
  const inserted = await tx.query<{ id: string }>(
    `insert into payments (id, creditor_id, case_id, received_on, amount_minor, currency, channel, source, external_ref, reference, journal_due)
     select x.id, x.creditor_id, x.case_id, x.received_on, x.amount_minor, 'NOK', 'agency', 'bank', x.external_ref, x.reference, x.journal_due
       from jsonb_to_recordset($1::jsonb) as x(id uuid, creditor_id uuid, case_id uuid, received_on date, amount_minor int8, external_ref text, reference text, journal_due boolean)
     on conflict (creditor_id, source, external_ref) do nothing
     returning id`,
    [JSON.stringify(rows)],
  );
  const ids = new Set(inserted.map((r) => r.id));
  return new Map(payments.filter((x) => ids.has(x.paymentId)).map((x) => [x.i, x.paymentId]));
}

/** Payments recorded before under the same (creditor, source, external reference): the line is a repeat. */
async function recordedBefore(tx: Queryable, round: readonly { creditorId: string; ref: string }[]): Promise<Map<string, string>> {
  if (round.length === 0) return new Map();
  const rows = await tx.query<{ creditor_id: string; external_ref: string; id: string }>(
    `select p.creditor_id, p.external_ref, p.id
       from unnest($1::uuid[], $2::text[]) as x(creditor_id, ref)
       join payments p on p.creditor_id = x.creditor_id and p.source = 'bank' and p.external_ref = x.ref`,
    [round.map((x) => x.creditorId), round.map((x) => x.ref)],
  );
  return new Map(rows.map((r) => [`${r.creditor_id}|${r.external_ref}`, r.id]));
}

const BALANCE_COLUMNS = [
  "fees_paid_minor",
  "salary_paid_minor",
  "legal_paid_minor",
  "interest_paid_minor",
  "principal_paid_minor",
  "interest_base_minor",
  "interest_accrued_minor",
  "credit_minor",
  "claim_for_salary_minor",
] as const;
const dateColumn = (c: string) => c.endsWith("_on") || c.endsWith("_until") || c.endsWith("_deadline") || c === "hold_since";
const STATE_TYPES = STATE_COLUMNS.map((c) => `${c} ${dateColumn(c) ? "date" : "text"}`).join(", ");

async function writeRound(
  tx: Queryable,
  lines: readonly IncomingPayment[],
  planned: readonly { i: number; row: DueCaseRow; paymentId: string; p: PlannedPayment }[],
  closed: readonly { i: number; row: DueCaseRow; paymentId: string }[],
  env: ImportEnv,
  bankRows: readonly { i: number; outcome: LineOutcome }[],
): Promise<void> {
  // Every row that refers to a case is written before the case's UPDATE: its foreign-key check
  // then finds the row version this transaction already locked, rather than locking the new one.
  if (planned.length === 0 && closed.length === 0) {
    await insertBankPayments(tx, env, lines, bankRows);
    return;
  }
  const day = env.today.toString();

  if (planned.length) {
    const allocations = planned.flatMap((x) => x.p.allocations.map((a) => ({ creditor_id: x.row.creditor_id, payment_id: x.paymentId, case_id: x.row.id, bucket: a.bucket, amount: a.amountMinor })));
    if (allocations.length) {
      await tx.query(
        `insert into allocations (creditor_id, payment_id, case_id, bucket, amount_minor)
         select x.creditor_id, x.payment_id, x.case_id, x.bucket, x.amount from jsonb_to_recordset($1::jsonb) as x(creditor_id uuid, payment_id uuid, case_id uuid, bucket text, amount int8)`,
        [JSON.stringify(allocations)],
      );
    }
  }

  // The common case: the payment's own event and nothing else due — balances, state and version in one UPDATE.
  const simple = planned.filter((x) => x.p.plan.charges.length === 0 && x.p.plan.letters.length === 0);
  const engine = planned.filter((x) => x.p.plan.charges.length > 0 || x.p.plan.letters.length > 0);
  await insertEvents(tx, day, env.actor, [
    ...simple.flatMap(({ p }) => p.plan.timeline.map((t) => ({ creditor_id: p.updatedRow.creditor_id, case_id: p.updatedRow.id, type: t.type, stage: t.stage, data: t.data, reason: t.reason, dedupe_key: t.dedupeKey }))),
    // Money on a closed case is kept as a credit balance to refund.
    ...closed.map((x) => {
      const e = closedCaseEvent("agency", x.paymentId, lines[x.i]!.amount.amount);
      return { creditor_id: x.row.creditor_id, case_id: x.row.id, type: e.type, stage: x.row.stage, data: e.data, reason: e.reason, dedupe_key: e.dedupeKey };
    }),
  ]);
  await insertBankPayments(tx, env, lines, bankRows);
  if (simple.length) {
    const updates = simple.map(({ p }) => ({
      id: p.updatedRow.id,
      version: p.plan.expectedVersion,
      ...Object.fromEntries(BALANCE_COLUMNS.map((c) => [c, p.updatedRow[c]])),
      interest_base_on: p.updatedRow.interest_base_on,
      limitation_on: p.plan.limitationOn?.toString() ?? p.updatedRow.limitation_on,
      next_action_on: p.plan.nextActionOn?.toString() ?? null,
      ...stateColumns(p.plan.state),
    }));
    const updated = await tx.query<{ id: string; creditor_id: string; version: number; stage: string; balance: number }>(
      `update cases c
          set ${BALANCE_COLUMNS.map((col) => `${col} = v.${col}`).join(", ")}, interest_base_on = v.interest_base_on, limitation_on = v.limitation_on,
              ${STATE_COLUMNS.map((col) => `${col} = v.${col}`).join(", ")}, next_action_on = v.next_action_on, version = c.version + 1
         from jsonb_to_recordset($1::jsonb) as v(id uuid, version int, ${BALANCE_COLUMNS.map((col) => `${col} int8`).join(", ")}, interest_base_on date, limitation_on date,
                                                  next_action_on date, ${STATE_TYPES})
        where c.id = v.id and c.version = v.version
        returning c.id, c.creditor_id, c.version, c.stage,
                  (c.principal_minor - c.principal_paid_minor) + (c.interest_accrued_minor - c.interest_paid_minor)
                  + (c.fees_minor - c.fees_paid_minor) + (c.salary_minor - c.salary_paid_minor) + (c.legal_minor - c.legal_paid_minor) as balance`,
      [JSON.stringify(updates)],
    );
    if (updated.length !== simple.length) throw new Error(`bank import: ${simple.length - updated.length} of ${simple.length} cases changed while the chunk was applied`);
    // The ledger shows the case's stage and the agency's balance (as writePlans does for every changed case).
    await tx.query(
      `insert into outbox (creditor_id, kind, idempotency_key, payload)
       select x.creditor_id, 'case-status', x.key, x.payload from jsonb_to_recordset($1::jsonb) as x(creditor_id uuid, key text, payload jsonb)
       on conflict (idempotency_key) do nothing`,
      [JSON.stringify(updated.map((u) => ({ creditor_id: u.creditor_id, key: `case-status:${u.id}:${u.version}`, payload: { caseId: u.id, version: u.version, stage: u.stage, statusText: statusText(u.stage), balanceMinor: Number(u.balance) } })))],
    );
  }
  if (engine.length) {
    // Rare: a step fell due since the cycle ran. Balances first, then the engine's own writer per creditor.
    await tx.query(
      `update cases c set ${BALANCE_COLUMNS.map((col) => `${col} = v.${col}`).join(", ")}, interest_base_on = v.interest_base_on, limitation_on = v.limitation_on
         from jsonb_to_recordset($1::jsonb) as v(id uuid, ${BALANCE_COLUMNS.map((col) => `${col} int8`).join(", ")}, interest_base_on date, limitation_on date)
        where c.id = v.id`,
      [JSON.stringify(engine.map(({ p }) => ({ id: p.updatedRow.id, ...Object.fromEntries(BALANCE_COLUMNS.map((c) => [c, p.updatedRow[c]])), interest_base_on: p.updatedRow.interest_base_on, limitation_on: p.updatedRow.limitation_on })))],
    );
    const byCreditor = new Map<string, PlannedPayment[]>();
    for (const { p } of engine) byCreditor.set(p.updatedRow.creditor_id, [...(byCreditor.get(p.updatedRow.creditor_id) ?? []), p]);
    for (const group of byCreditor.values()) {
      await writePlans(tx, await withLetterFacts(tx, group.map((p) => p.updatedRow)), group.map((p) => p.plan), group[0]!.ctx);
    }
  }

  if (closed.length) {
    await tx.query(
      `update cases c set credit_minor = c.credit_minor + v.amount from jsonb_to_recordset($1::jsonb) as v(id uuid, amount int8) where c.id = v.id`,
      [JSON.stringify(closed.map((x) => ({ id: x.row.id, amount: lines[x.i]!.amount.amount })))],
    );
  }
}

async function insertEvents(
  tx: Queryable,
  day: string,
  actor: string,
  events: readonly { creditor_id: string; case_id: string; type: string; stage: string; data: unknown; reason: string | null; dedupe_key: string }[],
): Promise<void> {
  if (events.length === 0) return;
  await tx.query(
    `insert into case_events (creditor_id, case_id, "on", actor, type, stage, data, reason, dedupe_key)
     select x.creditor_id, x.case_id, $1, $2, x.type, x.stage, x.data, x.reason, x.dedupe_key
       from jsonb_to_recordset($3::jsonb) as x(creditor_id uuid, case_id uuid, type text, stage text, data jsonb, reason text, dedupe_key text)
     on conflict (case_id, dedupe_key) do nothing`,
    [day, actor, JSON.stringify(events)],
  );
}

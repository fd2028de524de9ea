import { ledgerLetterJson, withReason, type CaseOpening, type CasePlan, type ReasonText } from "../../domain/case/index.js";
import type { LocalDate } from "../../domain/calendar/local-date.js";
import { DomainError } from "../../domain/errors.js";
import { INTEREST_DENOMINATOR } from "../../domain/interest/year-days.js";
import type { NorwegianRuleSet } from "../../domain/jurisdictions/no/no-rule-set.js";
import type { SwedishRuleSet } from "../../domain/jurisdictions/se/se-rule-set.js";
import type { Queryable } from "../../platform/db/database.js";
import { statusText } from "../engine/status-text.js";
import { letterModelFor, type CaseLetterFacts } from "../engine/letter-for-case.js";
import type { LetterAgency } from "../letters/letter-model.js";
import { accountOf, MONEY_COLUMNS, moneyColumns, STATE_COLUMNS, stateColumns, type CaseRow } from "./case-row.js";
import type { CreditorContext } from "./creditor.js";

/**
 * The case store: the one writer of `cases`, their timeline (`case_events`), `charges`,
 * `allocations`, `payments` and the case outbox rows (`case-opened`, `case-status`). It loads
 * rows and turns them into the domain's case accounts (`accountOf`), and writes the plans the
 * domain's planners (src/domain/case) make. Every write is set-based — one statement per table
 * for any number of cases — so the daily cycle, a bank import chunk and the sync write through
 * the same code as a single person's action. Every use case reads: load → plan → write.
 *
 * The open balance is derived once: the generated column `cases.balance_minor`; for SQL on an
 * aliased `cases` use `CASE_BALANCE` (or `caseBalance(alias)`).
 */

/** The open balance of a case (five buckets) as a column of `cases c`. */
export const CASE_BALANCE = "c.balance_minor";
/** The open balance as a column of `cases` under another alias. */
export function caseBalance(alias: string): string {
  return `${alias}.balance_minor`;
}

/** A case loaded for a change: the row (for the letter facts and the account). */
export type StoredCase = CaseRow & Partial<CaseLetterFacts>;

/** The debtor's name and the invoice number are the case row's copies (schema.ts, `cases.debtor_name`). */
const LETTER_FACTS = `c.debtor_name, d.address as debtor_address, d.language as debtor_language, d.external_id as debtor_external_id, d.customer_number as debtor_customer_number,
            c.invoice_number, cl.issue_date, cl.due_date as claim_due_date, cl.description`;

// ---------------------------------------------------------------------------------------------
// Load
// ---------------------------------------------------------------------------------------------

/**
 * Loads a case for a change: takes the creditor's advisory lock (the same one the daily cycle
 * holds, so an action and the cycle never interleave on one creditor) and locks the row.
 */
export async function lockCase(tx: Queryable, caseId: string): Promise<StoredCase & CaseLetterFacts> {
  const [head] = await tx.query<{ creditor_id: string }>("select creditor_id from cases where id = $1", [caseId]);
  if (!head) throw new DomainError("not_found", `no case ${caseId}`, "caseId");
  await lockCreditors(tx, [head.creditor_id]);
  const [row] = await tx.query<StoredCase & CaseLetterFacts>(
    `select c.*, ${LETTER_FACTS}
       from cases c join debtors d on d.id = c.debtor_id join claims cl on cl.id = c.claim_id
      where c.id = $1
      for update of c`,
    [caseId],
  );
  return row!;
}

/** The creditors' advisory locks, in the order given (callers give a stable order, so two writers cannot deadlock). */
export async function lockCreditors(tx: Queryable, creditorIds: readonly string[]): Promise<void> {
  if (creditorIds.length === 0) return;
  await tx.query("select pg_advisory_xact_lock(hashtextextended('fordring:creditor:' || k, 0)) from unnest($1::text[]) with ordinality as x(k, n) order by n", [creditorIds]);
}

/**
 * Cases locked `for update` in id order (a stable order, so two importers cannot deadlock on
 * rows), without the letter facts: `withLetterFacts` adds them for the rare case whose plan
 * queues a letter.
 */
export async function lockCases(tx: Queryable, caseIds: readonly string[]): Promise<Map<string, StoredCase>> {
  if (caseIds.length === 0) return new Map();
  const rows = await tx.query<StoredCase>("select c.* from cases c where c.id = any($1::uuid[]) order by c.id for update", [caseIds]);
  return new Map(rows.map((r) => [r.id, r]));
}

/** The open cases of a creditor with a step due by `today`, in id order after `after` (a batch of the daily cycle). */
export async function loadDueCases(tx: Queryable, creditorId: string, today: LocalDate, after: string, limit: number): Promise<(StoredCase & CaseLetterFacts)[]> {
  return tx.query<StoredCase & CaseLetterFacts>(
    `select c.*, ${LETTER_FACTS}
       from cases c
       join debtors d on d.id = c.debtor_id
       join claims cl on cl.id = c.claim_id
      where c.creditor_id = $1 and c.closed_on is null and c.next_action_on <= $2 and c.id > $3
      order by c.id
      limit $4`,
    [creditorId, today.toString(), after, limit],
  );
}

async function withLetterFacts(tx: Queryable, rows: Map<string, StoredCase>, caseIds: readonly string[]): Promise<void> {
  // The debtor's address is a fact only this query brings (the name is on the case row itself).
  const missing = caseIds.filter((id) => rows.get(id)?.debtor_address === undefined);
  if (missing.length === 0) return;
  const facts = await tx.query<CaseLetterFacts & { id: string }>(
    `select c.id, ${LETTER_FACTS}
       from cases c join debtors d on d.id = c.debtor_id join claims cl on cl.id = c.claim_id
      where c.id = any($1::uuid[])`,
    [missing],
  );
  for (const { id, ...f } of facts) rows.set(id, { ...rows.get(id)!, ...f });
}

/** A payment recorded before under the same (creditor, source, external reference), if any. */
export async function findPayment(tx: Queryable, creditorId: string, source: string, externalRef: string): Promise<string | null> {
  const [row] = await tx.query<{ id: string }>("select id from payments where creditor_id = $1 and source = $2 and external_ref = $3", [creditorId, source, externalRef]);
  return row?.id ?? null;
}

/** Payments recorded before under these (creditor, source, external reference) keys: key `${creditorId}|${ref}` → payment id. */
export async function findPayments(tx: Queryable, source: string, keys: readonly { creditorId: string; ref: string }[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await tx.query<{ creditor_id: string; external_ref: string; id: string }>(
    `select p.creditor_id, p.external_ref, p.id
       from unnest($1::uuid[], $2::text[]) as x(creditor_id, ref)
       join payments p on p.creditor_id = x.creditor_id and p.source = $3 and p.external_ref = x.ref`,
    [keys.map((x) => x.creditorId), keys.map((x) => x.ref), source],
  );
  return new Map(rows.map((r) => [`${r.creditor_id}|${r.external_ref}`, r.id]));
}

/**
 * The payment a reversal of `amountMinor` on `on` undoes: the latest earlier payment of that
 * amount on the case (from the debtor or the creditor's ledger) not reversed already, with its
 * allocations. Null when there is none.
 */
export async function findReversible(
  tx: Queryable,
  caseId: string,
  amountMinor: number,
  on: LocalDate,
): Promise<{ id: string; received_on: string; allocations: { bucket: string; amount_minor: number }[] } | null> {
  const [original] = await tx.query<{ id: string; received_on: string }>(
    `select p.id, p.received_on::text as received_on from payments p
      where p.case_id = $1 and p.channel in ('creditor', 'agency') and p.amount_minor = $2 and p.received_on <= $3
        and not exists (select 1 from payments r where r.case_id = p.case_id and r.channel = 'reversal' and r.reference = 'reverses:' || p.id::text)
      order by p.received_on desc, p.created_at desc limit 1`,
    [caseId, amountMinor, on.toString()],
  );
  if (!original) return null;
  const allocations = await tx.query<{ bucket: string; amount_minor: number }>("select bucket, amount_minor from allocations where payment_id = $1 order by id", [original.id]);
  return { ...original, allocations: allocations.map((a) => ({ bucket: a.bucket, amount_minor: Number(a.amount_minor) })) };
}

// ---------------------------------------------------------------------------------------------
// Write
// ---------------------------------------------------------------------------------------------

/** What writing a plan needs besides the plan: the day and actor of its rows, and what its letters show. */
export interface WriteContext {
  today: LocalDate;
  actor: string;
  /** The letter sender (the agency's identity), passed in by the caller. */
  agency: LetterAgency;
  rules: NorwegianRuleSet;
  /** The Swedish rule set, for a Swedish creditor's letters (the dröjsmålsränta printed). */
  swedishRules?: SwedishRuleSet;
  creditorOf: (creditorId: string) => CreditorContext;
}

/**
 * Inserts the plans' payments, keyed by (creditor, source, external reference). Returns the plans
 * whose payments were all new: a plan whose payment key is taken repeats a payment recorded
 * before, and must not be written (nothing else of it was).
 */
export async function writePayments(tx: Queryable, plans: readonly CasePlan[]): Promise<CasePlan[]> {
  const rows = plans.flatMap((p) =>
    p.payments.map((x) => ({
      id: x.id,
      creditor_id: p.creditorId,
      case_id: p.caseId,
      received_on: x.receivedOn.toString(),
      amount_minor: x.amount.amount,
      currency: x.amount.currency,
      channel: x.channel,
      source: x.source,
      external_ref: x.externalRef,
      reference: x.reference,
      journal_due: x.journalDue,
    })),
  );
  if (rows.length === 0) return [...plans];
  const inserted = await tx.query<{ id: string }>(
    `insert into payments (id, creditor_id, case_id, received_on, amount_minor, currency, channel, source, external_ref, reference, journal_due)
     select x.id, x.creditor_id, x.case_id, x.received_on, x.amount_minor, x.currency, x.channel, x.source, x.external_ref, x.reference, x.journal_due
       from jsonb_to_recordset($1::jsonb) as x(id uuid, creditor_id uuid, case_id uuid, received_on date, amount_minor int8, currency text, channel text, source text,
                                               external_ref text, reference text, journal_due boolean)
     on conflict (creditor_id, source, external_ref) do nothing
     returning id`,
    [JSON.stringify(rows)],
  );
  const ids = new Set(inserted.map((r) => r.id));
  return plans.filter((p) => p.payments.every((x) => ids.has(x.id)));
}

export interface WriteCounts {
  updated: number;
  letters: number;
  charges: number;
  events: number;
}

/**
 * Writes plans set-based, one statement per table: allocations, charges, the timeline, letters,
 * the case rows (state, money, version — guarded by the version each plan was made from) and the
 * `case-status` outbox rows. Payments go first through `writePayments`. Every insert is keyed so
 * that writing the same plan again writes nothing; a charge already recorded is not added to the
 * balance again. A case changed since it was read throws (the caller's transaction rolls back).
 * `rows` are the loaded rows: the letter facts are read for a planned letter when missing.
 */
export async function writePlans(tx: Queryable, rows: Map<string, StoredCase>, plans: readonly CasePlan[], ctx: WriteContext): Promise<WriteCounts> {
  const counts: WriteCounts = { updated: 0, letters: 0, charges: 0, events: 0 };
  if (plans.length === 0) return counts;
  const day = ctx.today.toString();

  // Every row that refers to a case is written before the case's UPDATE: its foreign-key check
  // then finds the row version this transaction already locked, rather than locking the new one.
  const allocations = plans.flatMap((p) => p.allocations.map((a) => ({ creditor_id: p.creditorId, payment_id: a.paymentId, case_id: p.caseId, bucket: a.bucket, amount: a.amount.amount })));
  if (allocations.length) {
    await tx.query(
      `insert into allocations (creditor_id, payment_id, case_id, bucket, amount_minor)
       select x.creditor_id, x.payment_id, x.case_id, x.bucket, x.amount from jsonb_to_recordset($1::jsonb) as x(creditor_id uuid, payment_id uuid, case_id uuid, bucket text, amount int8)`,
      [JSON.stringify(allocations)],
    );
  }

  const charges = plans.flatMap((p) => p.charges.map((c) => ({ p, c })));
  const insertedCharges = charges.length
    ? await tx.query<{ case_id: string; key: string }>(
        `insert into charges (creditor_id, case_id, kind, key, "on", amount_minor, currency, rule, source, confidence, payer)
         select x.creditor_id, x.case_id, x.kind, x.key, $1, x.amount_minor, x.currency, x.rule, x.source, x.confidence, x.payer
           from jsonb_to_recordset($2::jsonb) as x(creditor_id uuid, case_id uuid, kind text, key text, amount_minor int8, currency text, rule text, source text, confidence text, payer text)
         on conflict (case_id, key) do nothing
         returning case_id, key`,
        [day, JSON.stringify(charges.map(({ p, c }) => ({ creditor_id: p.creditorId, case_id: p.caseId, kind: c.kind, key: c.key, amount_minor: c.amount.amount, currency: c.amount.currency, rule: c.rule, source: c.source, confidence: c.confidence, payer: c.payer })))],
      )
    : [];
  counts.charges = insertedCharges.length;
  const inserted = new Set(insertedCharges.map((c) => `${c.case_id}|${c.key}`));
  const added = new Map<string, { fees: number; salary: number; legal: number }>();
  for (const { p, c } of charges) {
    if (!inserted.has(`${p.caseId}|${c.key}`) || c.bucket === "creditor") continue;
    const a = added.get(p.caseId) ?? { fees: 0, salary: 0, legal: 0 };
    a[c.bucket === "legal-costs" ? "legal" : c.bucket] += c.amount.amount;
    added.set(p.caseId, a);
  }
  const none = { fees: 0, salary: 0, legal: 0 };

  counts.events = await insertTimeline(
    tx,
    plans.flatMap((p) => p.timeline.map((t) => ({ creditorId: p.creditorId, caseId: p.caseId, on: day, actor: ctx.actor, type: t.type, stage: t.stage, data: t.data, reason: t.reason, dedupeKey: t.dedupeKey }))),
  );

  const withLetters = plans.filter((p) => p.letters.length > 0);
  if (withLetters.length) {
    await withLetterFacts(tx, rows, withLetters.map((p) => p.caseId));
    // Each letter's short number, drawn now: the model printed is complete before it is stored.
    const numbers = await drawLetterNumbers(tx, withLetters.reduce((n, p) => n + p.letters.length, 0));
    const letters = withLetters.flatMap((p) =>
      p.letters.map((l) => {
        const row = rows.get(p.caseId) as CaseRow & CaseLetterFacts;
        const sources = { fees: p.charges.find((c) => c.bucket === "fees")?.source ?? "inkassoforskriften § 1-2", salary: p.charges.find((c) => c.bucket === "salary")?.source ?? "inkassoforskriften ch. 2", legal: "rettsgebyrloven" };
        const model = letterModelFor({ account: p.account, facts: row, kind: l.kind, letterId: l.id, letterNumber: numbers.shift()!, sentOn: ctx.today, deadline: l.deadline, creditor: ctx.creditorOf(p.creditorId), agency: ctx.agency, rules: ctx.creditorOf(p.creditorId).jurisdiction === "SE" && ctx.swedishRules ? ctx.swedishRules : ctx.rules, added: added.get(p.caseId) ?? none, sources });
        return { id: l.id, creditor_id: p.creditorId, case_id: p.caseId, kind: l.kind, deadline: l.deadline.toString(), language: model.language, number: model.letterNumber, model };
      }),
    );
    const insertedLetters = await tx.query(
      `insert into letters (id, creditor_id, case_id, kind, sent_on, deadline, language, number, model, status)
       select x.id, x.creditor_id, x.case_id, x.kind, $1, x.deadline, x.language, x.number, x.model, 'queued'
         from jsonb_to_recordset($2::jsonb) as x(id uuid, creditor_id uuid, case_id uuid, kind text, deadline date, language text, number text, model jsonb)
       on conflict (case_id, kind, sent_on) where copy_of is null do nothing
       returning id`,
      [day, JSON.stringify(letters)],
    );
    counts.letters = insertedLetters.length;
  }

  const full = plans.filter((p) => p.scope === "case");
  if (full.length) {
    const updates = full.map((p) => {
      const a = added.get(p.caseId) ?? none;
      return {
        id: p.caseId,
        version: p.expectedVersion,
        next_action_on: p.nextActionOn?.toString() ?? null,
        limitation_on: p.limitationOn?.toString() ?? null,
        interest_from: p.interestFrom?.toString() ?? null,
        add_fees: a.fees,
        add_salary: a.salary,
        add_legal: a.legal,
        ...moneyColumns(p.account),
        ...stateColumns(p.state),
      };
    });
    const updated = await tx.query<{ id: string; creditor_id: string; version: number; stage: string; jurisdiction: "NO" | "SE"; balance: number }>(
      `update cases c
          set ${STATE_COLUMNS.map((col) => `${col} = v.${col}`).join(", ")},
              ${MONEY_COLUMNS.map((col) => `${col} = v.${col}`).join(", ")}, interest_base_on = v.interest_base_on,
              next_action_on = v.next_action_on,
              limitation_on = v.limitation_on,
              interest_from = coalesce(v.interest_from, c.interest_from),
              fees_minor = c.fees_minor + v.add_fees,
              salary_minor = c.salary_minor + v.add_salary,
              legal_minor = c.legal_minor + v.add_legal,
              version = c.version + 1
         from jsonb_to_recordset($1::jsonb) as v(id uuid, version int, next_action_on date, limitation_on date, interest_from date, add_fees int8, add_salary int8, add_legal int8,
                                                  ${MONEY_COLUMNS.map((col) => `${col} int8`).join(", ")}, interest_base_on date, ${STATE_TYPES})
        where c.id = v.id and c.version = v.version
        returning c.id, c.creditor_id, c.version, c.stage, c.jurisdiction, c.balance_minor as balance`,
      [JSON.stringify(updates)],
    );
    if (updated.length !== full.length) {
      // Another writer changed a case since it was read: roll back and let the caller retry.
      throw new Error(`case store: ${full.length - updated.length} of ${full.length} cases changed since they were read; retrying`);
    }
    counts.updated = updated.length;
    // The ledger shows the case's stage and the agency's balance (PowerOffice UpdateStatus).
    const told = new Set(full.filter((p) => p.outbox.some((o) => o.kind === "case-status")).map((p) => p.caseId));
    const statuses = updated
      .filter((u) => told.has(u.id))
      .map((u) => ({ creditor_id: u.creditor_id, key: `case-status:${u.id}:${u.version}`, payload: { caseId: u.id, version: u.version, stage: u.stage, statusText: statusText(u.stage, u.jurisdiction), balanceMinor: Number(u.balance) } }));
    if (statuses.length) {
      await tx.query(
        `insert into outbox (creditor_id, kind, idempotency_key, payload)
         select x.creditor_id, 'case-status', x.key, x.payload from jsonb_to_recordset($1::jsonb) as x(creditor_id uuid, key text, payload jsonb)
         on conflict (idempotency_key) do nothing`,
        [JSON.stringify(statuses)],
      );
    }
  }

  const moneyOnly = plans.filter((p) => p.scope === "money-only");
  if (moneyOnly.length) {
    // Money kept on a closed case: the money columns only; state, version and the ledger's status stay.
    await tx.query(
      `update cases c set ${MONEY_COLUMNS.map((col) => `${col} = v.${col}`).join(", ")}
         from jsonb_to_recordset($1::jsonb) as v(id uuid, ${MONEY_COLUMNS.map((col) => `${col} int8`).join(", ")})
        where c.id = v.id`,
      [JSON.stringify(moneyOnly.map((p) => ({ id: p.caseId, ...moneyColumns(p.account) })))],
    );
  }
  return counts;
}

const dateColumn = (c: string) => c.endsWith("_on") || c.endsWith("_until") || c.endsWith("_deadline") || c === "hold_since";
const STATE_TYPES = STATE_COLUMNS.map((c) => `${c} ${c === "disputed_days" ? "int" : dateColumn(c) ? "date" : "text"}`).join(", ");

/** A timeline row. `stage` null: the case's stage as stored. `dedupeKey` null: never a repeat (a message). */
export interface TimelineRow {
  creditorId: string;
  caseId: string;
  on: string;
  actor: string;
  type: string;
  stage: string | null;
  data: Record<string, unknown>;
  reason: string | null;
  dedupeKey: string | null;
}

/**
 * Timeline rows that are not part of a plan (a message, a ledger link, a refused scenario step),
 * in one statement; a row whose (case, dedupe key) is taken is not written again. Returns the ids
 * of the rows written, in the order given.
 */
export async function appendTimeline(tx: Queryable, events: readonly TimelineRow[]): Promise<number[]> {
  if (events.length === 0) return [];
  const rows = await tx.query<{ id: number }>(
    `insert into case_events (creditor_id, case_id, "on", actor, type, stage, data, reason, dedupe_key)
     select x.creditor_id, x.case_id, x."on", x.actor, x.type, coalesce(x.stage, k.stage), x.data, x.reason, x.dedupe_key
       from jsonb_to_recordset($1::jsonb) as x(creditor_id uuid, case_id uuid, "on" date, actor text, type text, stage text, data jsonb, reason text, dedupe_key text, n int8)
       join cases k on k.id = x.case_id
      order by x.n
     on conflict (case_id, dedupe_key) do nothing
     returning id`,
    [JSON.stringify(events.map((e, n) => ({ ...timelineJson(e), n })))],
  );
  return rows.map((r) => Number(r.id));
}

async function insertTimeline(tx: Queryable, events: readonly TimelineRow[]): Promise<number> {
  if (events.length === 0) return 0;
  const rows = await tx.query(
    `insert into case_events (creditor_id, case_id, "on", actor, type, stage, data, reason, dedupe_key)
     select x.creditor_id, x.case_id, x."on", x.actor, x.type, x.stage, x.data, x.reason, x.dedupe_key
       from jsonb_to_recordset($1::jsonb) as x(creditor_id uuid, case_id uuid, "on" date, actor text, type text, stage text, data jsonb, reason text, dedupe_key text)
     on conflict (case_id, dedupe_key) do nothing
     returning id`,
    [JSON.stringify(events.map(timelineJson))],
  );
  return rows.length;
}

function timelineJson(e: TimelineRow) {
  return { creditor_id: e.creditorId, case_id: e.caseId, on: e.on, actor: e.actor, type: e.type, stage: e.stage, data: e.data, reason: e.reason, dedupe_key: e.dedupeKey };
}

/**
 * A `limitation-warning` row on the timeline of every open case of the creditor whose limitation
 * date comes within each of `days` (once each: keyed by the days and the date), set-based.
 */
export async function writeLimitationWarnings(tx: Queryable, creditorId: string, today: LocalDate, days: readonly number[], actor: string): Promise<number> {
  let n = 0;
  for (const d of days) {
    const rows = await tx.query(
      `insert into case_events (creditor_id, case_id, "on", actor, type, stage, data, reason, dedupe_key)
       select c.creditor_id, c.id, $2, $3, 'limitation-warning', c.stage,
              jsonb_build_object('limitationOn', c.limitation_on, 'withinDays', $4::int, 'daysLeft', c.limitation_on - $2::date),
              'The claim becomes time-barred (foreldelsesloven § 2) unless interrupted', 'limitation-warning:' || $4::int || ':' || c.limitation_on
         from cases c
        where c.creditor_id = $1 and c.closed_on is null and c.limitation_on is not null and c.limitation_on - $2::date <= $4::int
       on conflict (case_id, dedupe_key) do nothing
       returning id`,
      [creditorId, today.toString(), actor, d],
    );
    n += rows.length;
  }
  return n;
}

/**
 * A payment the ledger reported that changes no balance (a write-off, or a reversal whose payment
 * is not on the case): the `payments` row and its `ledger-payment-reported` timeline row. Returns
 * the payment id, or null when the same (creditor, source, external reference) was recorded before.
 */
export async function recordReportedPayment(
  tx: Queryable,
  p: { creditorId: string; caseId: string; receivedOn: LocalDate; amountMinor: number; currency: string; channel: string; source: string; externalRef: string; reference: string | null; today: LocalDate; actor: string; data: Record<string, unknown> },
): Promise<string | null> {
  const [payment] = await tx.query<{ id: string }>(
    `insert into payments (creditor_id, case_id, received_on, amount_minor, currency, channel, source, external_ref, reference)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict (creditor_id, source, external_ref) do nothing returning id`,
    [p.creditorId, p.caseId, p.receivedOn.toString(), p.amountMinor, p.currency, p.channel, p.source, p.externalRef, p.reference],
  );
  if (!payment) return null;
  await appendTimeline(tx, [
    { creditorId: p.creditorId, caseId: p.caseId, on: p.today.toString(), actor: p.actor, type: "ledger-payment-reported", stage: null, data: { paymentId: payment.id, ...p.data }, reason: null, dedupeKey: `ledger-payment:${p.externalRef}` },
  ]);
  return payment.id;
}

/**
 * Late interest brought up to `today` on every open case of the creditor (or one case), as one
 * set-based UPDATE: interest on P from a to b is round(P × (cum(b) − cum(a)) / 10 000·365·366)
 * with the cumulative day weights of `interest_day_weights` (engine/interest-accrual.ts), on the
 * open principal only, on top of the frozen base. Returns the number of cases updated.
 */
export async function accrueInterest(db: Queryable, creditorId: string, today: LocalDate, options: { caseId?: string } = {}): Promise<number> {
  const onlyCase = options.caseId ?? null;
  const [range] = await db.query<{ first: string | null; last: string | null; oldest: string | null; jurisdictions: string[] }>(
    `select (select min(day) from interest_day_weights w where w.jurisdiction = any(j.list)) as first,
            (select min(last) from (select max(day) as last from interest_day_weights w where w.jurisdiction = any(j.list) group by jurisdiction) m) as last,
            j.oldest, j.list as jurisdictions
       from (select min(interest_base_on) as oldest, coalesce(array_agg(distinct jurisdiction), '{}') as list
               from cases where creditor_id = $1 and closed_on is null and interest_accrued_on < $2 and ($3::uuid is null or id = $3)) j`,
    [creditorId, today.toString(), onlyCase],
  );
  if (!range || range.oldest === null) return 0;
  if (range.last === null || range.last < today.toString()) {
    throw new DomainError(
      "date_outside_rate_table",
      `the late-interest table for ${range.jurisdictions.join(", ")} ends on ${range.last ?? "(none)"}; add the rate in force on ${today} to the rule file (FORDRING_RULES_DIR)`,
      "today",
    );
  }
  if (range.first === null || range.oldest < range.first) {
    throw new DomainError("date_outside_rate_table", `a case's interest runs from ${range.oldest}, before the rate table starts on ${range.first}`, "interest_base_on");
  }
  const rows = await db.query<{ n: number }>(
    `with updated as (
       update cases c
          set interest_accrued_minor = c.interest_base_minor
                + round((c.principal_minor - c.principal_paid_minor)::numeric * (t.cum - b.cum) / ${INTEREST_DENOMINATOR})::int8,
              interest_accrued_on = $2
         from interest_day_weights b, interest_day_weights t
        where c.creditor_id = $1 and c.closed_on is null and c.interest_accrued_on < $2
          -- räntelagen 4 §: a claim without an agreed due date accrues nothing until its demand set interest_from, and nothing before that day.
          and (c.due_date_agreed or c.interest_from is not null)
          and greatest(c.interest_base_on, coalesce(c.interest_from, c.interest_base_on)) <= $2
          and ($3::uuid is null or c.id = $3)
          and b.jurisdiction = c.jurisdiction and b.day = greatest(c.interest_base_on, coalesce(c.interest_from, c.interest_base_on))
          and t.jurisdiction = c.jurisdiction and t.day = $2
       returning 1)
     select count(*)::int8 as n from updated`,
    [creditorId, today.toString(), onlyCase],
  );
  return rows[0]?.n ?? 0;
}

// ---------------------------------------------------------------------------------------------
// Opening cases
// ---------------------------------------------------------------------------------------------

/** The claims among these that have a case already. */
export async function claimsWithCases(tx: Queryable, claimIds: readonly string[]): Promise<Set<string>> {
  if (claimIds.length === 0) return new Set();
  const rows = await tx.query<{ claim_id: string }>("select claim_id from cases where claim_id = any($1::uuid[])", [claimIds]);
  return new Set(rows.map((r) => r.claim_id));
}

/** `count` case numbers from the agency-wide sequence, in the order drawn. */
/** Short letter numbers from the agency-wide `letter_number_seq`, in order. */
export async function drawLetterNumbers(tx: Queryable, count: number): Promise<string[]> {
  if (count === 0) return [];
  const rows = await tx.query<{ n: string }>("select nextval('letter_number_seq')::text as n from generate_series(1, $1::int)", [count]);
  return rows.map((r) => r.n).sort((a, b) => Number(a) - Number(b));
}

export async function drawCaseNumbers(tx: Queryable, count: number): Promise<number[]> {
  if (count === 0) return [];
  const rows = await tx.query<{ n: number }>("select nextval('case_number_seq')::int8 as n from generate_series(1, $1::int)", [count]);
  return rows.map((r) => Number(r.n)).sort((a, b) => a - b);
}

/**
 * Opened cases written set-based: the case rows (a claim that has a case already opens nothing:
 * the unique index on `cases.claim_id`), then for those written the `opened` timeline rows and
 * the `case-opened` outbox rows that register the case numbers in the ledger. Three statements
 * for any number of cases. Returns the openings written.
 */
export async function writeOpenings(tx: Queryable, creditorId: string, openings: readonly CaseOpening[], today: LocalDate, actor: string): Promise<CaseOpening[]> {
  if (openings.length === 0) return [];
  const names = STATE_COLUMNS;
  const inserted = await tx.query<{ id: string }>(
    `insert into cases (id, creditor_id, claim_id, debtor_id, case_number, kid, jurisdiction, currency, debtor_type, opened_on, due_date,
                        claim_for_salary_minor, principal_minor, interest_base_on, interest_accrued_on, next_action_on, limitation_on, ledger_letters, vat_add_on_basis,
                        due_date_agreed, reminder_fee_agreed, ${names.join(", ")})
     select x.id, $1, x.claim_id, x.debtor_id, x.case_number, x.kid, x.jurisdiction, x.currency, x.debtor_type, $2, x.due_date,
            x.principal_minor, x.principal_minor, x.due_date, x.due_date, x.next_action_on, x.limitation_on, coalesce(x.ledger_letters, '[]'::jsonb), x.vat_add_on_basis,
            -- A Swedish claim's own terms (räntelagen 3–4 §§, lag (1981:739) 2 §) come with it from the invoice; a Norwegian case has neither.
            case when x.jurisdiction = 'SE' then coalesce(cl.due_date_agreed, true) else true end,
            case when x.jurisdiction = 'SE' then cl.reminder_fee_agreed end,
            ${names.map((c) => `x.${c}`).join(", ")}
       from jsonb_to_recordset($3::jsonb) as x(id uuid, claim_id uuid, debtor_id uuid, case_number text, kid text, jurisdiction text, currency text, debtor_type text,
                                                               due_date date, principal_minor int8, next_action_on date, limitation_on date, ledger_letters jsonb, vat_add_on_basis text, ${STATE_TYPES}, n int8)
       left join claims cl on cl.id = x.claim_id
      order by x.n
     on conflict (claim_id) do nothing
     returning id`,
    [
      creditorId,
      today.toString(),
      JSON.stringify(
        openings.map((o, n) => ({
          n,
          id: o.caseId,
          claim_id: o.claimId,
          debtor_id: o.debtorId,
          case_number: o.caseNumber,
          kid: o.kid,
          jurisdiction: o.jurisdiction,
          currency: o.currency,
          debtor_type: o.state.debtorType,
          due_date: o.dueDate.toString(),
          principal_minor: o.principal.amount,
          next_action_on: o.nextActionOn?.toString() ?? null,
          limitation_on: o.limitationOn.toString(),
          ledger_letters: o.ledgerLetters.map(ledgerLetterJson),
          vat_add_on_basis: o.vatAddOnBasis,
          ...stateColumns(o.state),
        })),
      ),
    ],
  );
  const ids = new Set(inserted.map((r) => r.id));
  const written = openings.filter((o) => ids.has(o.caseId));
  if (written.length === 0) return [];
  await insertTimeline(
    tx,
    written.map((o) => ({ creditorId, caseId: o.caseId, on: today.toString(), actor, type: o.timeline.type, stage: o.timeline.stage, data: o.timeline.data, reason: o.timeline.reason, dedupeKey: o.timeline.dedupeKey })),
  );
  await tx.query(
    `insert into outbox (creditor_id, kind, idempotency_key, payload)
     select $1, 'case-opened', x.key, x.payload from jsonb_to_recordset($2::jsonb) as x(key text, payload jsonb, n int8)
      order by x.n
     on conflict (idempotency_key) do nothing`,
    [creditorId, JSON.stringify(written.map((o, n) => ({ key: `case-opened:${o.caseId}`, payload: o.outbox.payload, n })))],
  );
  return written;
}

export { accountOf };

/**
 * A new limitation date from outside a plan (a judgment: foreldelsesloven § 21), never earlier
 * than the one stored, with the case's version moved on so a plan made before it is not written.
 */
export async function extendLimitation(tx: Queryable, caseId: string, to: LocalDate): Promise<boolean> {
  const rows = await tx.query("update cases set limitation_on = $2, version = version + 1 where id = $1 and (limitation_on is null or limitation_on < $2) returning id", [caseId, to.toString()]);
  return rows.length > 0;
}

/** The case's deadline column a letter of each kind sets (a payment demand: the first, or the renewed one of inkassoloven § 11). */
const LETTER_DEADLINE_COLUMNS = { reminder: ["reminder_deadline"], "collection-notice": ["notice_deadline"], "payment-demand": ["demand_deadline", "renewed_demand_deadline"] } as const;

/**
 * A letter that leaves later than the day it was written for: its deadline runs from the day it
 * actually left (inkassoloven §§ 9, 10: "fra varselet er sendt"), so the case's deadline moves
 * with it — the column the letter set, while it still holds the letter's old deadline, and the
 * date-driven step that waited for the day after it — with a timeline row saying why. Returns
 * whether the case changed (a case already past that step keeps its dates).
 */
export async function moveLetterDeadline(
  tx: Queryable,
  m: { creditorId: string; caseId: string; letterId: string; kind: keyof typeof LETTER_DEADLINE_COLUMNS; writtenOn: LocalDate; leavesOn: LocalDate; from: LocalDate; to: LocalDate; actor: string },
): Promise<boolean> {
  const columns = LETTER_DEADLINE_COLUMNS[m.kind];
  const moved = await tx.query(
    `update cases set ${columns.map((c) => `${c} = case when ${c} = $2::date then $3::date else ${c} end`).join(", ")},
            next_action_on = case when next_action_on = $2::date + 1 then $3::date + 1 else next_action_on end,
            version = version + 1
      where id = $1 and closed_on is null and (${columns.map((c) => `${c} = $2::date`).join(" or ")})
      returning id`,
    [m.caseId, m.from.toString(), m.to.toString()],
  );
  await appendTimeline(tx, [
    {
      creditorId: m.creditorId,
      caseId: m.caseId,
      on: m.leavesOn.toString(),
      actor: m.actor,
      type: "letter-deadline-moved",
      stage: null,
      data: { letterId: m.letterId, kind: m.kind, writtenOn: m.writtenOn.toString(), leavesOn: m.leavesOn.toString(), from: m.from.toString(), to: m.to.toString(), caseChanged: moved.length > 0 },
      reason: `the ${m.kind.replace("-", " ")} leaves on ${m.leavesOn.toString()}, not on ${m.writtenOn.toString()} as written: its deadline runs from sending, so it moves from ${m.from.toString()} to ${m.to.toString()}`,
      dedupeKey: `letter-deadline:${m.letterId}:${m.to.toString()}`,
    },
  ]);
  return moved.length > 0;
}

/**
 * A case whose letter no channel can reach (no postal address, no lawful electronic one) holds:
 * the same hold as a person's pause without an end (the lifecycle's `pause`, allowed in every
 * open stage), so nothing more is sent or charged until someone finds an address and resumes it.
 * The reason says so in words and begins "no address" (the portal's list of such cases). A case
 * already on hold (paused or disputed) keeps its hold; the timeline says why either way.
 */
export async function holdCaseForNoAddress(tx: Queryable, h: { creditorId: string; caseId: string; letterId: string; on: LocalDate; reason: ReasonText; actor: string }): Promise<boolean> {
  // The hold's reason is the English text: it is also the key of the portal's list (`NO_ADDRESS_PREFIX`).
  const held = await tx.query(
    `update cases set hold_kind = 'paused', hold_reason = $2, hold_since = $3, hold_until = null, next_action_on = null, version = version + 1
      where id = $1 and closed_on is null and hold_kind is null returning id`,
    [h.caseId, h.reason.en, h.on.toString()],
  );
  await appendTimeline(tx, [
    { creditorId: h.creditorId, caseId: h.caseId, on: h.on.toString(), actor: h.actor, type: held.length ? "pause" : "letter-undeliverable", stage: null, ...withReason({ letterId: h.letterId }, h.reason), dedupeKey: `no-address:${h.letterId}` },
  ]);
  return held.length > 0;
}

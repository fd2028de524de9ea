import { randomUUID } from "node:crypto";
import { planMoney, type CasePlan, type PaymentPlan } from "../../domain/case/index.js";
import { DomainError } from "../../domain/errors.js";
import type { Queryable } from "../../platform/db/database.js";
import { checkPaymentInput } from "../actions/record-payment.js";
import type { IncomingPayment } from "../bank-files/index.js";
import { accountOf, findPayments, lockCases, lockCreditors, writePayments, writePlans, type StoredCase } from "../cases/case-store.js";
import { loadCreditor } from "../cases/creditor.js";
import { bankExternalRef, bankPaymentColumns, duplicateReason, likelyRepeats, reasonColumns, recordable, refusalReason, trustedKid, unmatchedReason, type ImportEnv, type LineOutcome, type UnmatchedReason } from "./bank-lines.js";

/**
 * A chunk of bank lines applied set-based, with the same result as applying them one at a time
 * through `recordPayment` (`apply-line.ts`): one query resolves the KIDs, the creditors' advisory
 * locks are taken in a stable order and the cases locked `for update` in id order (the case
 * store); each payment is planned in memory by the domain's `planMoney` (interest to the payment
 * date, the rule core's allocation, credit, limitation, the case's transition; on a closed case a
 * credit to refund); then the case store writes the payments (whose unique key finds a repeated
 * bank transaction), the bank_payments rows are written, and the case store writes the plans —
 * one statement per table for the whole round.
 *
 * Lines that touch the same case, or repeat the same bank transaction, are applied in rounds, so
 * the second sees the first as the line-by-line order would. Anything unexpected throws; the
 * caller rolls the chunk back and applies it line by line.
 */
export async function applyChunk(tx: Queryable, lines: readonly IncomingPayment[], env: ImportEnv, lockedCreditors: Set<string>): Promise<LineOutcome[]> {
  const outcomes: (LineOutcome | undefined)[] = lines.map(() => undefined);
  const bankPaymentIds = lines.map(() => randomUUID());
  const unmatched = (i: number, reason: UnmatchedReason): LineOutcome => ({ status: "unmatched", caseId: null, creditorId: null, paymentId: null, reason, bankPaymentId: bankPaymentIds[i]! });

  const kids = [...new Set(lines.map(trustedKid).filter((k): k is string => k !== null))];
  const found = kids.length ? await tx.query<{ id: string; kid: string; creditor_id: string; currency: string }>(`select id, kid, creditor_id, currency from cases where kid = any($1::text[])
     union all select c.id, k.kid, c.creditor_id, c.currency from payment_plan_kids k join cases c on c.id = k.case_id where k.kid = any($1::text[])`, [kids]) : [];
  const byKid = new Map(found.map((c) => [c.kid, c]));
  const repeats = await likelyRepeats(tx, env.bankFileId, lines);

  // Lines to record, in file order, each with its round: after every earlier line on its case or with its key.
  const pending: { i: number; caseId: string; creditorId: string; ref: string; round: number }[] = [];
  const lastRound = new Map<string, number>();
  lines.forEach((p, i) => {
    const kid = trustedKid(p);
    const c = kid ? byKid.get(kid) : undefined;
    if (!c || !recordable(p, c)) {
      outcomes[i] = unmatched(i, unmatchedReason(p, c ?? null));
      return;
    }
    const repeat = repeats.get(i);
    if (repeat) {
      outcomes[i] = unmatched(i, repeat);
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
  await lockCreditors(tx, newCreditors);
  for (const id of newCreditors) lockedCreditors.add(id);
  for (const id of new Set(pending.map((x) => x.creditorId))) if (!env.creditors.has(id)) env.creditors.set(id, await loadCreditor(tx, id));

  const rounds = Math.max(-1, ...pending.map((x) => x.round)) + 1;
  for (let r = 0; r < rounds; r++) {
    const round = pending.filter((x) => x.round === r);
    const rows = await lockCases(tx, [...new Set(round.map((x) => x.caseId))]);
    const planned: { x: (typeof round)[number]; p: PaymentPlan }[] = [];
    const refused: { x: (typeof round)[number]; reason: UnmatchedReason }[] = [];
    for (const x of round) {
      const line = lines[x.i]!;
      const row = rows.get(x.caseId)!;
      try {
        const p = planMoney(
          accountOf(row),
          { paymentId: randomUUID(), amount: line.amount, receivedOn: line.bookedOn, channel: "agency", source: "bank", externalRef: x.ref, reference: line.reference.value },
          { today: env.today, creditor: env.creditors.get(row.creditor_id)!, rules: env.rules.NO, swedishRules: env.rules.SE, newId: randomUUID },
        );
        planned.push({ x, p });
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        refused.push({ x, reason: refusalReason(e) });
      }
    }
    // The payments go in first, keyed by (creditor, source, external reference): a line whose key
    // is taken repeats a bank transaction recorded before, and is kept as a duplicate (as
    // recordPayment finds it before anything else). Its plan is dropped; nothing else was written.
    const written = new Set<CasePlan>(await writePayments(tx, planned.map((x) => x.p.plan)));
    const inserted = new Map(planned.filter((x) => written.has(x.p.plan)).map((x) => [x.x.i, x.p.plan.payments[0]!.id]));
    const repeats = [...refused.map((r) => r.x), ...round.filter((x) => !inserted.has(x.i) && !refused.some((r) => r.x === x))];
    const seen = await findPayments(tx, "bank", repeats);
    for (const x of round) {
      const dup = seen.get(`${x.creditorId}|${x.ref}`);
      if (dup && !inserted.has(x.i)) outcomes[x.i] = { status: "duplicate", caseId: x.caseId, creditorId: null, paymentId: dup, reason: duplicateReason(lines[x.i]!), bankPaymentId: bankPaymentIds[x.i]! };
      else if (inserted.has(x.i)) outcomes[x.i] = { status: "matched", caseId: x.caseId, creditorId: x.creditorId, paymentId: inserted.get(x.i)!, reason: null, bankPaymentId: bankPaymentIds[x.i]! };
    }
    for (const r of refused) outcomes[r.x.i] ??= unmatched(r.x.i, r.reason);
    if (round.some((x) => !outcomes[x.i])) throw new Error("bank import: a payment was neither recorded nor found recorded before");
    // The bank lines before the cases' UPDATE (the case store writes every row that refers to a case first, too).
    await insertBankPayments(tx, env, lines, round.map((x) => ({ i: x.i, outcome: outcomes[x.i]! })));
    await writeRound(tx, rows, planned.filter((x) => written.has(x.p.plan)).map((x) => x.p.plan), env);
  }

  const done = outcomes.map((o, i) => o ?? unmatched(i, { code: "refused", message: "not applied" }));
  const inRound = new Set(pending.map((x) => x.i));
  await insertBankPayments(tx, env, lines, done.flatMap((outcome, i) => (inRound.has(i) ? [] : [{ i, outcome }])));
  return done;
}

/** The round's plans through the case store, one write per creditor's letter settings (all creditors at once). */
async function writeRound(tx: Queryable, rows: Map<string, StoredCase>, plans: readonly CasePlan[], env: ImportEnv): Promise<void> {
  await writePlans(tx, rows, plans, { today: env.today, actor: env.actor, agency: env.agency, rules: env.rules.NO, swedishRules: env.rules.SE, creditorOf: (id) => env.creditors.get(id)! });
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

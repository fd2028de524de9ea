import type { LocalDate } from "../../domain/calendar/local-date.js";
import { DomainError } from "../../domain/errors.js";
import type { Queryable } from "../../platform/db/database.js";
import type { RuleBook } from "../../platform/rule-book.js";
import { agencyFromEnv } from "../agency.js";
import { balancesOf } from "../cases/case-row.js";
import { loadCreditor } from "../cases/creditor.js";
import { applyEvent, emptyPlan, runScheduled } from "../engine/advance-case.js";
import { writePlans } from "../engine/write-plans.js";
import { lockCase } from "./load-case.js";

/**
 * A payment reversed in the ledger (DOMAIN.md § 7: "a payment reversed in the ledger must reach
 * the case too"): the latest earlier payment of the same amount on the case is undone bucket by
 * bucket (negative allocations, never an edit of history), the interest base is frozen at the
 * reversal date so interest runs again on the restored principal, and a case closed by that payment
 * is reopened through the transition table. Recorded once per (creditor, source, reference).
 */
export interface ReversalInput {
  caseId: string;
  /** The amount taken back, positive. */
  amountMinor: number;
  on: LocalDate;
  source: string;
  externalRef: string;
  reference?: string | null;
  today: LocalDate;
  actor: string;
  rules: RuleBook;
}

export async function reversePayment(tx: Queryable, input: ReversalInput): Promise<{ recorded: boolean; reversedPaymentId: string | null; stage: string }> {
  if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0) throw new DomainError("invalid_amount", `${input.amountMinor} is not a positive whole number of øre`, "amount");
  const row = await lockCase(tx, input.caseId);
  const [dup] = await tx.query<{ id: string }>("select id from payments where creditor_id = $1 and source = $2 and external_ref = $3", [row.creditor_id, input.source, input.externalRef]);
  if (dup) return { recorded: false, reversedPaymentId: null, stage: row.stage };
  const [original] = await tx.query<{ id: string }>(
    `select p.id from payments p
      where p.case_id = $1 and p.channel in ('creditor', 'agency') and p.amount_minor = $2 and p.received_on <= $3
        and not exists (select 1 from payments r where r.case_id = p.case_id and r.channel = 'reversal' and r.reference = 'reverses:' || p.id::text)
      order by p.received_on desc, p.created_at desc limit 1`,
    [row.id, input.amountMinor, input.on.toString()],
  );
  if (!original) throw new DomainError("not_found", `no payment of ${(input.amountMinor / 100).toFixed(2)} on case ${row.case_number} to reverse`, "amount");
  const allocations = await tx.query<{ bucket: string; amount_minor: number }>("select bucket, amount_minor from allocations where payment_id = $1", [original.id]);
  const undo = (bucket: string) => allocations.filter((a) => a.bucket === bucket).reduce((s, a) => s + a.amount_minor, 0);
  const day = input.on.toString();
  const [reversal] = await tx.query<{ id: string }>(
    `insert into payments (creditor_id, case_id, received_on, amount_minor, currency, channel, source, external_ref, reference)
     values ($1, $2, $3, $4, 'NOK', 'reversal', $5, $6, $7) returning id`,
    [row.creditor_id, row.id, day, -input.amountMinor, input.source, input.externalRef, `reverses:${original.id}`],
  );
  if (allocations.length) {
    await tx.query(
      `insert into allocations (creditor_id, payment_id, case_id, bucket, amount_minor)
       select $1, $2, $3, a.bucket, -a.amount_minor from allocations a where a.payment_id = $4`,
      [row.creditor_id, reversal!.id, row.id, original.id],
    );
  }
  // Interest so far stays as accrued; from the reversal date it runs on the restored principal.
  const accruedToDay = row.interest_accrued_minor;
  const updatedRow = {
    ...row,
    fees_paid_minor: row.fees_paid_minor - undo("fees"),
    salary_paid_minor: row.salary_paid_minor - undo("salary"),
    legal_paid_minor: row.legal_paid_minor - undo("legal-costs"),
    interest_paid_minor: row.interest_paid_minor - undo("interest"),
    principal_paid_minor: row.principal_paid_minor - undo("principal"),
    // What the payment left as a credit balance (an over-payment) goes back too.
    credit_minor: Math.max(0, row.credit_minor - (input.amountMinor - allocations.reduce((a, x) => a + x.amount_minor, 0))),
    interest_base_minor: accruedToDay,
    interest_base_on: row.interest_accrued_on > day ? row.interest_accrued_on : day,
  };
  await tx.query(
    `update cases set fees_paid_minor = $2, salary_paid_minor = $3, legal_paid_minor = $4, interest_paid_minor = $5, principal_paid_minor = $6,
            interest_base_minor = $7, interest_base_on = $8, credit_minor = $9 where id = $1`,
    [row.id, updatedRow.fees_paid_minor, updatedRow.salary_paid_minor, updatedRow.legal_paid_minor, updatedRow.interest_paid_minor, updatedRow.principal_paid_minor,
      updatedRow.interest_base_minor, updatedRow.interest_base_on, updatedRow.credit_minor],
  );
  const creditor = await loadCreditor(tx, row.creditor_id);
  const ctx = { today: input.today, creditor, rules: input.rules.NO, agency: agencyFromEnv(), actor: input.actor };
  const plan = emptyPlan(updatedRow);
  const b = balancesOf(updatedRow);
  const note = { reversal: { id: reversal!.id, amount: input.amountMinor, on: day, reverses: original.id }, balanceAfter: b.fees + b.salary + b["legal-costs"] + b.interest + b.principal };
  if (row.closed_on !== null) {
    const reopened = applyEvent(plan, updatedRow, { type: "reopen" }, { ...ctx, actorNote: note });
    if (reopened.ok) runScheduled(plan, updatedRow, ctx);
    else plan.timeline.push({ type: "payment-reversed", stage: plan.state.stage, data: { ...note, refused: reopened.code }, reason: reopened.text.en, dedupeKey: `reversal:${reversal!.id}` });
  } else {
    plan.timeline.push({ type: "payment-reversed", stage: plan.state.stage, data: note, reason: null, dedupeKey: `reversal:${reversal!.id}` });
  }
  if (plan.timeline[0]) plan.timeline[0].dedupeKey = `reversal:${reversal!.id}`;
  await writePlans(tx, [updatedRow], [plan], ctx);
  return { recorded: true, reversedPaymentId: original.id, stage: plan.state.stage };
}

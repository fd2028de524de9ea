import { LocalDate } from "../../domain/calendar/local-date.js";
import { interestMinor } from "../../domain/interest/compiled-rate-table.js";
import { DomainError } from "../../domain/errors.js";
import type { Queryable } from "../../platform/db/database.js";
import type { RuleBook } from "../../platform/rule-book.js";
import { agencyFromEnv } from "../agency.js";
import { balancesOf } from "../cases/case-row.js";
import { loadCreditor } from "../cases/creditor.js";
import { applyEvent, emptyPlan, runScheduled } from "../engine/advance-case.js";
import { writePlans } from "../engine/write-plans.js";
import type { DueCaseRow } from "../engine/letter-for-case.js";
import { lockCase } from "./load-case.js";
import { compiledFor } from "./record-payment.js";

/**
 * A payment reversed in the ledger (DOMAIN.md § 7: "a payment reversed in the ledger must reach
 * the case too"): the latest earlier payment of the same amount on the case is undone bucket by
 * bucket (negative allocations, never an edit of history), the interest is restored as if the
 * payment had never been made, and a case closed by that payment is reopened through the transition
 * table. Recorded once per (creditor, source, reference).
 *
 * Interest: the payment froze the interest at its date and let it run on the smaller principal
 * since. In law a reversed payment was never made, so forsinkelsesrente runs on the restored
 * principal from the payment's date without a gap: the interest on it from that date to the case's
 * interest date is added, exactly (the rule core's formula, on principal only, never on interest),
 * and the timeline row says how much and for which days.
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
  const [original] = await tx.query<{ id: string; received_on: string }>(
    `select p.id, p.received_on::text as received_on from payments p
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
  const restored = restoredInterest(row, undo("principal"), LocalDate.parse(original.received_on), input.rules);
  const updatedRow = {
    ...row,
    fees_paid_minor: row.fees_paid_minor - undo("fees"),
    salary_paid_minor: row.salary_paid_minor - undo("salary"),
    legal_paid_minor: row.legal_paid_minor - undo("legal-costs"),
    interest_paid_minor: row.interest_paid_minor - undo("interest"),
    principal_paid_minor: row.principal_paid_minor - undo("principal"),
    // What the payment left as a credit balance (an over-payment) goes back too.
    credit_minor: Math.max(0, row.credit_minor - (input.amountMinor - allocations.reduce((a, x) => a + x.amount_minor, 0))),
    interest_base_minor: restored.baseMinor,
    interest_accrued_minor: restored.accruedMinor,
  };
  await tx.query(
    `update cases set fees_paid_minor = $2, salary_paid_minor = $3, legal_paid_minor = $4, interest_paid_minor = $5, principal_paid_minor = $6,
            interest_base_minor = $7, interest_accrued_minor = $8, credit_minor = $9 where id = $1`,
    [row.id, updatedRow.fees_paid_minor, updatedRow.salary_paid_minor, updatedRow.legal_paid_minor, updatedRow.interest_paid_minor, updatedRow.principal_paid_minor,
      updatedRow.interest_base_minor, updatedRow.interest_accrued_minor, updatedRow.credit_minor],
  );
  const creditor = await loadCreditor(tx, row.creditor_id);
  const ctx = { today: input.today, creditor, rules: input.rules.NO, agency: agencyFromEnv(), actor: input.actor };
  const plan = emptyPlan(updatedRow);
  const b = balancesOf(updatedRow);
  const note = {
    reversal: { id: reversal!.id, amount: input.amountMinor, on: day, reverses: original.id, paidOn: original.received_on },
    interestRestored: restored.note,
    balanceAfter: b.fees + b.salary + b["legal-costs"] + b.interest + b.principal,
  };
  const why = restoredInterestText(restored.note);
  if (row.closed_on !== null) {
    const reopened = applyEvent(plan, updatedRow, { type: "reopen" }, { ...ctx, actorNote: note });
    if (reopened.ok) runScheduled(plan, updatedRow, ctx);
    else plan.timeline.push({ type: "payment-reversed", stage: plan.state.stage, data: { ...note, refused: reopened.code }, reason: `${reopened.text.en}. ${why}`, dedupeKey: `reversal:${reversal!.id}` });
  } else {
    plan.timeline.push({ type: "payment-reversed", stage: plan.state.stage, data: note, reason: why, dedupeKey: `reversal:${reversal!.id}` });
  }
  if (plan.timeline[0]) {
    plan.timeline[0].dedupeKey = `reversal:${reversal!.id}`;
    plan.timeline[0].reason ??= why;
  }
  await writePlans(tx, [updatedRow], [plan], ctx);
  return { recorded: true, reversedPaymentId: original.id, stage: plan.state.stage };
}

/** The interest owed again on a reversed payment's principal, for the timeline. */
export interface RestoredInterest {
  /** The principal the reversal makes owing again (øre). */
  principal: number;
  /** The reversed payment's date: interest on that principal runs again from here. */
  from: string;
  /** The case's interest date the amount is computed to (the daily cycle continues from here). */
  until: string;
  /** The interest added to the case (øre). */
  amount: number;
}

/**
 * The interest columns after a reversal, as if the payment had never been made. The case row holds
 * the interest frozen at `interest_base_on` plus, up to `interest_accrued_on`, the interest on the
 * open principal. The reversed payment (dated `paidOn`, never after the base date, since each
 * payment moves the base to its own date) took `principal` out of the open principal from its date
 * on; the interest on it from `paidOn` to the base date is added to the frozen part, and the
 * accrued figure is recomputed on the restored principal. Each piece is the rule core's exact
 * formula rounded once, on principal only: interest is never charged on interest.
 */
export function restoredInterest(
  row: Pick<DueCaseRow, "principal_minor" | "principal_paid_minor" | "interest_base_minor" | "interest_base_on" | "interest_accrued_minor" | "interest_accrued_on">,
  principal: number,
  paidOn: LocalDate,
  rules: RuleBook,
): { baseMinor: number; accruedMinor: number; note: RestoredInterest } {
  const table = compiledFor(rules.NO.lateInterest);
  const baseOn = LocalDate.parse(row.interest_base_on);
  const accruedOn = LocalDate.parse(row.interest_accrued_on);
  const from = LocalDate.min(paidOn, baseOn);
  const baseMinor = row.interest_base_minor + interestMinor(principal, from.epochDay, baseOn.epochDay, table);
  const openAfter = row.principal_minor - row.principal_paid_minor + principal;
  const accruedMinor = accruedOn.isAfter(baseOn) ? baseMinor + interestMinor(openAfter, baseOn.epochDay, accruedOn.epochDay, table) : baseMinor;
  const until = LocalDate.max(baseOn, accruedOn);
  return { baseMinor, accruedMinor, note: { principal, from: from.toString(), until: until.toString(), amount: accruedMinor - row.interest_accrued_minor } };
}

function restoredInterestText(n: RestoredInterest): string {
  const nok = (minor: number) => (minor / 100).toFixed(2);
  if (n.principal === 0) return "The reversed payment paid no principal; the interest is unchanged";
  return `The payment counts as never made: interest of ${nok(n.amount)} on the restored principal of ${nok(n.principal)} from ${n.from} to ${n.until} is owed again, and runs on from there`;
}

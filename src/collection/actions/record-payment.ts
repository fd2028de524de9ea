import { randomUUID } from "node:crypto";
import { LocalDate } from "../../domain/calendar/local-date.js";
import { allocatePayment, type Bucket } from "../../domain/allocation.js";
import { DomainError } from "../../domain/errors.js";
import { compileRateTable, interestMinor, type CompiledRateTable } from "../../domain/interest/compiled-rate-table.js";
import type { NorwegianRuleSet } from "../../domain/jurisdictions/no/no-rule-set.js";
import type { RateTable } from "../../domain/jurisdictions/rate-table.js";
import { limitationDate } from "../../domain/limitation.js";
import type { Queryable } from "../../platform/db/database.js";
import type { RuleBook } from "../../platform/rule-book.js";
import { agencyFromEnv } from "../agency.js";
import { balancesOf } from "../cases/case-row.js";
import { loadCreditor, type CreditorContext } from "../cases/creditor.js";
import type { LetterAgency } from "../letters/letter-model.js";
import { applyEvent, emptyPlan, runScheduled, type CasePlan } from "../engine/advance-case.js";
import type { DueCaseRow } from "../engine/letter-for-case.js";
import { writePlans } from "../engine/write-plans.js";
import { lockCase } from "./load-case.js";

/**
 * Money (or a credit) on a case: interest is brought exactly to the payment date on the old
 * principal and frozen there; the amount is allocated by the rule core (costs → interest →
 * principal unless the debtor designated otherwise); an over-payment is kept as a credit balance
 * to refund; a part payment interrupts limitation (foreldelsesloven § 14); a balance of zero
 * closes the case through the transition table. Recorded once per (creditor, source, external
 * reference): the same bank line or ledger match imported twice changes nothing.
 */
export type PaymentChannel = "agency" | "creditor" | "credit-note";

export interface PaymentInput {
  caseId: string;
  amountMinor: number;
  receivedOn: LocalDate;
  channel: PaymentChannel;
  source: string;
  externalRef: string;
  reference?: string | null;
  /** The debtor's own designation of what the money pays (inkasso practice: the debtor chooses). */
  designation?: { bucket: Bucket } | null;
  today: LocalDate;
  actor: string;
  rules: RuleBook;
  agency?: LetterAgency;
}

export type PaymentResult =
  | { recorded: false; reason: "duplicate"; paymentId: string }
  | { recorded: true; paymentId: string; allocations: { bucket: Bucket; amountMinor: number }[]; creditMinor: number; balanceMinor: number; stage: string };

const compiled = new WeakMap<RateTable, CompiledRateTable>();
/** The rate table compiled once per rule book (the exact interest of the rule core). */
export function compiledFor(table: RateTable): CompiledRateTable {
  let c = compiled.get(table);
  if (!c) compiled.set(table, (c = compileRateTable(table)));
  return c;
}

/** The checks made before any row is read: a positive whole amount, not dated after today. Throws DomainError. */
export function checkPaymentInput(input: Pick<PaymentInput, "amountMinor" | "receivedOn" | "today">): void {
  if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0) {
    throw new DomainError("invalid_amount", `${input.amountMinor} is not a positive whole number of øre`, "amount");
  }
  if (input.receivedOn.isAfter(input.today)) {
    throw new DomainError("invalid_input", `the payment is dated ${input.receivedOn}, after today ${input.today}`, "receivedOn", {
      reason: "dated_after_today",
      bookedOn: input.receivedOn.toString(),
      today: input.today.toString(),
    });
  }
}

export async function recordPayment(tx: Queryable, input: PaymentInput): Promise<PaymentResult> {
  checkPaymentInput(input);
  const row = await lockCase(tx, input.caseId);
  const [dup] = await tx.query<{ id: string }>("select id from payments where creditor_id = $1 and source = $2 and external_ref = $3", [row.creditor_id, input.source, input.externalRef]);
  if (dup) return { recorded: false, reason: "duplicate", paymentId: dup.id };
  if (row.closed_on !== null) {
    // Money on a closed case is kept, never lost: it becomes a credit balance to refund. A credit
    // note on a closed case changes no balance; it is recorded and shown.
    return keepAsCredit(tx, row.id, row.creditor_id, input);
  }
  const creditor = await loadCreditor(tx, row.creditor_id);
  const paymentId = randomUUID();
  const planned = planPayment(row, { ...input, paymentId, creditor, agency: input.agency ?? agencyFromEnv() });
  const day = input.receivedOn.toString();

  // DOMAIN.md § 7: money paid to the agency is journaled in the creditor's ledger the same day
  // (clearing account against the invoice's KID), so the invoice shows as paid before settlement:
  // the sync puts the day's due payments on one voucher (payment-journals.ts).
  await tx.query(
    `insert into payments (id, creditor_id, case_id, received_on, amount_minor, currency, channel, source, external_ref, reference, journal_due)
     values ($1, $2, $3, $4, $5, 'NOK', $6, $7, $8, $9, $10)`,
    [paymentId, row.creditor_id, row.id, day, input.amountMinor, input.channel, input.source, input.externalRef, input.reference ?? null, input.channel === "agency"],
  );
  if (planned.allocations.length) {
    await tx.query(
      `insert into allocations (creditor_id, payment_id, case_id, bucket, amount_minor)
       select $1, $2, $3, x.bucket, x.amount from jsonb_to_recordset($4::jsonb) as x(bucket text, amount int8)`,
      [row.creditor_id, paymentId, row.id, JSON.stringify(planned.allocations.map((a) => ({ bucket: a.bucket, amount: a.amountMinor })))],
    );
  }
  const u = planned.updatedRow;
  await tx.query(
    `update cases set fees_paid_minor = $2, salary_paid_minor = $3, legal_paid_minor = $4, interest_paid_minor = $5, principal_paid_minor = $6,
            interest_base_minor = $7, interest_base_on = $8, interest_accrued_minor = $9, credit_minor = $10, limitation_on = $11,
            claim_for_salary_minor = $12
      where id = $1`,
    [row.id, u.fees_paid_minor, u.salary_paid_minor, u.legal_paid_minor, u.interest_paid_minor, u.principal_paid_minor,
      u.interest_base_minor, u.interest_base_on, u.interest_accrued_minor, u.credit_minor, u.limitation_on,
      u.claim_for_salary_minor],
  );
  await writePlans(tx, [u], [planned.plan], planned.ctx);
  return { recorded: true, paymentId, allocations: planned.allocations, creditMinor: planned.creditMinor, balanceMinor: planned.balanceMinor, stage: planned.plan.state.stage };
}

/** What a payment does to an open case, computed in memory (no reads, no writes): the rows to write and the plan of the case. */
export interface PlannedPayment {
  /** The case row after the payment: balances, interest base, credit, limitation date (state columns as before; the plan holds the new state). */
  updatedRow: DueCaseRow;
  plan: CasePlan;
  allocations: { bucket: Bucket; amountMinor: number }[];
  creditMinor: number;
  balanceMinor: number;
  ctx: { today: LocalDate; creditor: CreditorContext; rules: NorwegianRuleSet; agency: LetterAgency; actor: string };
}

/**
 * A payment on an open case, in memory: interest brought to the payment date and frozen, the
 * allocation by the rule core, the credit, the limitation date, and the case's plan (the payment
 * event through the transition table, then whatever the schedule has due today). Throws
 * DomainError when the payment is dated before the case's last principal change. The caller has
 * checked the input (`checkPaymentInput`), locked the row and ruled out a duplicate.
 */
export function planPayment(
  row: DueCaseRow,
  input: Omit<PaymentInput, "caseId" | "source" | "externalRef"> & { paymentId: string; creditor: CreditorContext; agency: LetterAgency },
): PlannedPayment {
  const { paymentId } = input;
  const day = input.receivedOn.toString();
  if (day < row.interest_base_on) {
    throw new DomainError("invalid_input", `the payment is dated ${day}, before the case's last principal change on ${row.interest_base_on}; record payments in date order`, "receivedOn", {
      reason: "dated_before_last_change",
      bookedOn: day,
      changedOn: row.interest_base_on,
    });
  }
  const table = compiledFor(input.rules.NO.lateInterest);
  const principalOpen = row.principal_minor - row.principal_paid_minor;
  const base = LocalDate.parse(row.interest_base_on);
  // Interest on the old principal up to the payment day, exact and rounded once (the rule core's formula).
  const baseAtPayment = row.interest_base_minor + interestMinor(principalOpen, base.epochDay, input.receivedOn.epochDay, table);
  const balances = balancesOf({ ...row, interest_accrued_minor: baseAtPayment });
  const nok = (amount: number) => ({ amount: Math.max(0, amount), currency: "NOK" as const });
  const allocation = allocatePayment({
    payment: nok(input.amountMinor),
    balances:
      input.channel === "credit-note"
        ? { principal: nok(balances.principal) } // a credit note reduces the claim itself, nothing else
        : { fees: nok(balances.fees), salary: nok(balances.salary), "legal-costs": nok(balances["legal-costs"]), interest: nok(balances.interest), principal: nok(balances.principal) },
    ...(input.designation ? { designation: input.designation } : {}),
  });
  const paid = (b: Bucket) => allocation.allocations.filter((a) => a.bucket === b).reduce((s, a) => s + a.amount.amount, 0);
  const principalPaid = paid("principal");
  const newPrincipalOpen = principalOpen - principalPaid;
  const accruedOn = LocalDate.parse(row.interest_accrued_on);
  const accrued = accruedOn.isAfter(input.receivedOn)
    ? baseAtPayment + interestMinor(newPrincipalOpen, input.receivedOn.epochDay, accruedOn.epochDay, table)
    : baseAtPayment;
  const limitation = input.channel === "credit-note" ? null : limitationDate({ dueDate: LocalDate.parse(row.due_date), interruptions: [{ on: input.receivedOn, kind: "part-payment" }] }).date;

  const updatedRow: DueCaseRow = {
    ...row,
    fees_paid_minor: row.fees_paid_minor + paid("fees"),
    salary_paid_minor: row.salary_paid_minor + paid("salary"),
    legal_paid_minor: row.legal_paid_minor + paid("legal-costs"),
    interest_paid_minor: row.interest_paid_minor + paid("interest"),
    principal_paid_minor: row.principal_paid_minor + principalPaid,
    interest_base_minor: baseAtPayment,
    interest_base_on: day,
    interest_accrued_minor: accrued,
    credit_minor: row.credit_minor + allocation.remainder.amount,
    // A credit note makes the claim itself smaller, which is what the salær band is chosen by.
    claim_for_salary_minor: input.channel === "credit-note" ? Math.max(0, row.claim_for_salary_minor - principalPaid) : row.claim_for_salary_minor,
    limitation_on: limitation && (row.limitation_on === null || limitation.toString() > row.limitation_on) ? limitation.toString() : row.limitation_on,
  };

  const b = balancesOf(updatedRow);
  const balance = b.fees + b.salary + b["legal-costs"] + b.interest + b.principal;
  const ctx = { today: input.today, creditor: input.creditor, rules: input.rules.NO, agency: input.agency, actor: input.actor };
  const plan = emptyPlan(updatedRow);
  // A credit note that cancels the whole principal ends the case (the claim is gone); what costs
  // were incurred then follow the withdrawal rule of the lifecycle table.
  const event = input.channel === "credit-note" && b.principal === 0 ? "credited-in-full" : balance > 0 ? "payment-received" : "paid-in-full";
  const note = {
    payment: { id: paymentId, amount: input.amountMinor, receivedOn: day, channel: input.channel, reference: input.reference ?? null },
    allocations: allocation.allocations.map((a) => ({ bucket: a.bucket, amount: a.amount.amount })),
    credit: allocation.remainder.amount,
    balanceAfter: balance,
  };
  const applied = applyEvent(plan, updatedRow, { type: event } as never, { ...ctx, actorNote: note });
  if (applied.ok) {
    plan.timeline[0]!.dedupeKey = `payment:${paymentId}`;
    runScheduled(plan, updatedRow, ctx);
  } else {
    plan.timeline.push({ type: "payment", stage: plan.state.stage, data: { ...note, refused: applied.code }, reason: applied.text.en, dedupeKey: `payment:${paymentId}` });
  }
  return { updatedRow, plan, allocations: note.allocations.map((a) => ({ bucket: a.bucket, amountMinor: a.amount })), creditMinor: allocation.remainder.amount, balanceMinor: balance, ctx };
}

/** The timeline row of money on a closed case (kept as a credit; a credit note changes nothing). */
export function closedCaseEvent(channel: PaymentChannel, paymentId: string, amountMinor: number): { type: string; data: Record<string, unknown>; reason: string; dedupeKey: string } {
  return {
    type: channel === "credit-note" ? "credit-note-on-closed-case" : "payment-on-closed-case",
    data: { paymentId, amount: amountMinor },
    reason: channel === "credit-note" ? "The case is closed; the credit note changes no balance" : "Kept as a credit balance to refund",
    dedupeKey: `payment:${paymentId}`,
  };
}

async function keepAsCredit(tx: Queryable, caseId: string, creditorId: string, input: PaymentInput): Promise<PaymentResult> {
  const [payment] = await tx.query<{ id: string }>(
    `insert into payments (creditor_id, case_id, received_on, amount_minor, currency, channel, source, external_ref, reference)
     values ($1, $2, $3, $4, 'NOK', $5, $6, $7, $8) returning id`,
    [creditorId, caseId, input.receivedOn.toString(), input.amountMinor, input.channel, input.source, input.externalRef, input.reference ?? null],
  );
  if (input.channel !== "credit-note") await tx.query("update cases set credit_minor = credit_minor + $2 where id = $1", [caseId, input.amountMinor]);
  const [c] = await tx.query<{ stage: string }>("select stage from cases where id = $1", [caseId]);
  const event = closedCaseEvent(input.channel, payment!.id, input.amountMinor);
  await tx.query(
    `insert into case_events (creditor_id, case_id, "on", actor, type, stage, data, reason, dedupe_key)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [creditorId, caseId, input.today.toString(), input.actor, event.type, c!.stage, JSON.stringify(event.data), event.reason, event.dedupeKey],
  );
  return { recorded: true, paymentId: payment!.id, allocations: [], creditMinor: input.channel === "credit-note" ? 0 : input.amountMinor, balanceMinor: 0, stage: c!.stage };
}

import { randomUUID } from "node:crypto";
import type { Bucket } from "../../domain/allocation.js";
import { LocalDate } from "../../domain/calendar/local-date.js";
import { planReversal } from "../../domain/case/index.js";
import { DomainError } from "../../domain/errors.js";
import type { Queryable } from "../../platform/db/database.js";
import type { RuleBook } from "../../platform/rule-book.js";
import { accountOf, findPayment, findReversible, lockCase, writePayments, writePlans } from "../cases/case-store.js";
import { loadCreditor } from "../cases/creditor.js";
import type { LetterAgency } from "../letters/letter-model.js";

/**
 * A payment reversed in the ledger (it must reach the case too: docs/CASES.md, "Money on a
 * case"): load the case and the latest earlier payment of the same amount on it, plan the reversal
 * (`planReversal`: undone bucket by bucket with negative allocations, the interest restored as if
 * the payment had never been made, a case it had closed reopened), write it through the case
 * store. Recorded once per (creditor, source, reference).
 */
export interface ReversalInput {
  caseId: string;
  /** The amount taken back, positive, in the case's currency. */
  amountMinor: number;
  on: LocalDate;
  source: string;
  externalRef: string;
  reference?: string | null;
  today: LocalDate;
  actor: string;
  rules: RuleBook;
  /** The letter sender, should a reopened case send a letter at once (the caller's). */
  agency: LetterAgency;
}

export async function reversePayment(tx: Queryable, input: ReversalInput): Promise<{ recorded: boolean; reversedPaymentId: string | null; stage: string }> {
  if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0) throw new DomainError("invalid_amount", `${input.amountMinor} is not a positive whole number of minor units`, "amount");
  const row = await lockCase(tx, input.caseId);
  if (await findPayment(tx, row.creditor_id, input.source, input.externalRef)) return { recorded: false, reversedPaymentId: null, stage: row.stage };
  const original = await findReversible(tx, row.id, input.amountMinor, input.on);
  if (!original) throw new DomainError("not_found", `no payment of ${(input.amountMinor / 100).toFixed(2)} on case ${row.case_number} to reverse`, "amount");
  const account = accountOf(row);
  const creditor = await loadCreditor(tx, row.creditor_id);
  const plan = planReversal(
    account,
    {
      reversalId: randomUUID(),
      amount: { amount: input.amountMinor, currency: account.currency },
      on: input.on,
      source: input.source,
      externalRef: input.externalRef,
      original: {
        id: original.id,
        receivedOn: LocalDate.parse(original.received_on),
        allocations: original.allocations.map((a) => ({ bucket: a.bucket as Bucket, amount: { amount: a.amount_minor, currency: account.currency } })),
      },
    },
    { today: input.today, creditor, rules: input.rules.NO, swedishRules: input.rules.SE, newId: randomUUID },
  );
  await writePayments(tx, [plan]);
  await writePlans(tx, new Map([[row.id, row]]), [plan], { today: input.today, actor: input.actor, agency: input.agency, rules: input.rules.NO, swedishRules: input.rules.SE, creditorOf: () => creditor });
  return { recorded: true, reversedPaymentId: original.id, stage: plan.state.stage };
}

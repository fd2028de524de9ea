import { randomUUID } from "node:crypto";
import type { Bucket } from "../../domain/allocation.js";
import type { LocalDate } from "../../domain/calendar/local-date.js";
import type { Currency } from "../../domain/money.js";
import { checkPaymentInput as checkInput, planMoney } from "../../domain/case/index.js";
import type { Queryable } from "../../platform/db/database.js";
import type { RuleBook } from "../../platform/rule-book.js";
import { accountOf, findPayment, lockCase, writePayments, writePlans } from "../cases/case-store.js";
import { loadCreditor } from "../cases/creditor.js";
import type { LetterAgency } from "../letters/letter-model.js";

/**
 * Money (or a credit) on a case: load the case (locked), plan the payment (`planMoney` of the
 * domain's case module: interest to the payment date and frozen, the rule core's allocation, the
 * credit, limitation, the case's transition — or, on a closed case, a credit to refund), write it
 * through the case store. Recorded once per (creditor, source, external reference): the same bank
 * line or ledger match imported twice changes nothing.
 */
export type PaymentChannel = "agency" | "creditor" | "credit-note";

export interface PaymentInput {
  caseId: string;
  /** In the case's currency, minor units. */
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
  /** The letter sender, should a step fall due with the payment (the caller's: `Config.agency` at the edges). */
  agency: LetterAgency;
}

export type PaymentResult =
  | { recorded: false; reason: "duplicate"; paymentId: string }
  | { recorded: true; paymentId: string; allocations: { bucket: Bucket; amountMinor: number }[]; creditMinor: number; balanceMinor: number; currency: Currency; stage: string };

/** The checks made before any row is read: a positive whole amount, not dated after today. Throws DomainError. */
export function checkPaymentInput(input: Pick<PaymentInput, "amountMinor" | "receivedOn" | "today">): void {
  checkInput(input);
}

export async function recordPayment(tx: Queryable, input: PaymentInput): Promise<PaymentResult> {
  checkPaymentInput(input);
  const row = await lockCase(tx, input.caseId);
  const dup = await findPayment(tx, row.creditor_id, input.source, input.externalRef);
  if (dup) return { recorded: false, reason: "duplicate", paymentId: dup };
  const account = accountOf(row);
  const creditor = await loadCreditor(tx, row.creditor_id);
  const paymentId = randomUUID();
  const planned = planMoney(
    account,
    {
      paymentId,
      amount: { amount: input.amountMinor, currency: account.currency },
      receivedOn: input.receivedOn,
      channel: input.channel,
      source: input.source,
      externalRef: input.externalRef,
      reference: input.reference ?? null,
      designation: input.designation ?? null,
    },
    { today: input.today, creditor, rules: input.rules.NO, swedishRules: input.rules.SE, newId: randomUUID },
  );
  const [written] = await writePayments(tx, [planned.plan]);
  if (!written) return { recorded: false, reason: "duplicate", paymentId: (await findPayment(tx, row.creditor_id, input.source, input.externalRef))! };
  await writePlans(tx, new Map([[row.id, row]]), [planned.plan], { today: input.today, actor: input.actor, agency: input.agency, rules: input.rules.NO, swedishRules: input.rules.SE, creditorOf: () => creditor });
  return {
    recorded: true,
    paymentId,
    allocations: planned.allocations.map((a) => ({ bucket: a.bucket, amountMinor: a.amount.amount })),
    creditMinor: planned.credit.amount,
    balanceMinor: planned.balance.amount,
    currency: planned.balance.currency,
    stage: planned.plan.state.stage,
  };
}

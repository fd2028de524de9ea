import { LocalDate } from "../calendar/local-date.js";
import { DomainError } from "../errors.js";
import { type Money } from "../money.js";
import { type CreditorAccounts, NS4102_DEFAULT_ACCOUNTS } from "./accounts.js";
import { type Voucher, assertBalanced } from "./voucher.js";

/** A payment the agency received on a case (payments.channel = 'agency'). */
export interface AgencyPayment {
  readonly paymentId: string;
  readonly receivedOn: LocalDate;
  readonly amount: Money;
  readonly caseNumber: string;
  readonly customerCode: string;
  readonly invoiceNumber: string;
  readonly invoiceKid?: string;
}

/**
 * The same-day journal of the payments the agency received for one creditor on one day (docs/SETTLEMENT.md:
 * the ledger is told the same day, by a batch payment journal on a clearing account such as
 * 1510/1512, so the creditor sees the invoice as paid without waiting for the settlement), one
 * voucher for the batch:
 *
 *   debit  clearing (1510)                 the day's payments together — the agency holds them for the creditor
 *   credit customer ledger, cID = KID      each payment on its invoice — the invoice shows as paid
 *
 * The whole payment is credited to the invoice, costs and interest included; the settlement
 * voucher (postingProposal) moves the part that is not principal off the customer item again.
 * `reference` names the batch (the voucher's external reference is derived from it).
 */
export function paymentJournal(reference: string, payments: readonly AgencyPayment[], accounts: CreditorAccounts = NS4102_DEFAULT_ACCOUNTS): Voucher {
  if (typeof reference !== "string" || reference === "") throw new DomainError("invalid_input", "a journal reference is required", "reference");
  const [first] = payments;
  if (!first) throw new DomainError("invalid_input", "a payment journal needs at least one payment", "payments");
  const credits = payments.map((payment, i) => {
    const field = `payments[${i}]`;
    if (!(payment.receivedOn instanceof LocalDate)) throw new DomainError("invalid_input", "must be a date", `${field}.receivedOn`);
    if (!payment.receivedOn.equals(first.receivedOn)) {
      throw new DomainError("invalid_input", `received ${payment.receivedOn}, but the journal is for ${first.receivedOn}: one voucher per day`, `${field}.receivedOn`);
    }
    if (payment.amount.currency !== first.amount.currency) throw new DomainError("invalid_input", `${payment.amount.currency} in a ${first.amount.currency} journal`, `${field}.amount`);
    if (!Number.isSafeInteger(payment.amount.amount) || payment.amount.amount <= 0) {
      throw new DomainError("invalid_amount", `${payment.amount.amount} is not a positive whole number of minor units`, `${field}.amount`);
    }
    if (typeof payment.customerCode !== "string" || payment.customerCode.trim() === "") {
      throw new DomainError("invalid_input", "the customer's ledger code is required", `${field}.customerCode`);
    }
    if (typeof payment.paymentId !== "string" || payment.paymentId === "") throw new DomainError("invalid_input", "a payment id is required", `${field}.paymentId`);
    return {
      accountCode: payment.customerCode,
      amount: { amount: -payment.amount.amount, currency: payment.amount.currency },
      description: `Innbetalt til inkassobyrå, sak ${payment.caseNumber}, faktura ${payment.invoiceNumber}`,
      cid: customerItemId(payment.invoiceKid, payment.invoiceNumber),
    };
  });
  const total = payments.reduce((sum, p) => sum + p.amount.amount, 0);
  const text = payments.length === 1 ? credits[0]!.description : `Innbetalt til inkassobyrå ${first.receivedOn}, ${payments.length} innbetalinger`;
  const lines = [{ accountCode: accounts.clearing, amount: { amount: total, currency: first.amount.currency }, description: text }, ...credits];
  assertBalanced(lines);
  return {
    date: first.receivedOn,
    currency: first.amount.currency,
    externalReference: `fordring-journal-${reference}`,
    description: text,
    lines,
  };
}

/** The invoice's KID identifies the customer item; the invoice number when the ledger gave no KID. */
export function customerItemId(kid: string | undefined, invoiceNumber: string): string {
  return kid !== undefined && kid !== "" ? kid : invoiceNumber;
}

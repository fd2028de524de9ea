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
 * The same-day journal for a payment the agency received (DOMAIN.md §7: "the ledger is told the
 * same day (batch payment journal on a clearing account such as 1510/1512), so the creditor sees
 * the invoice as paid without waiting for the settlement"):
 *
 *   debit  clearing (1510)                 the whole payment — the agency now holds it for the creditor
 *   credit customer ledger, cID = KID      the whole payment — the invoice shows as paid
 *
 * The whole payment is credited to the invoice, costs and interest included; the settlement
 * voucher (postingProposal) moves the part that is not principal off the customer item again.
 */
export function paymentJournal(payment: AgencyPayment, accounts: CreditorAccounts = NS4102_DEFAULT_ACCOUNTS): Voucher {
  if (!(payment.receivedOn instanceof LocalDate)) throw new DomainError("invalid_input", "must be a date", "receivedOn");
  if (!Number.isSafeInteger(payment.amount.amount) || payment.amount.amount <= 0) {
    throw new DomainError("invalid_amount", `${payment.amount.amount} is not a positive whole number of minor units`, "amount");
  }
  if (typeof payment.customerCode !== "string" || payment.customerCode.trim() === "") {
    throw new DomainError("invalid_input", "the customer's ledger code is required", "customerCode");
  }
  if (typeof payment.paymentId !== "string" || payment.paymentId === "") throw new DomainError("invalid_input", "a payment id is required", "paymentId");
  const text = `Innbetalt til inkassobyrå, sak ${payment.caseNumber}, faktura ${payment.invoiceNumber}`;
  const lines = [
    { accountCode: accounts.clearing, amount: payment.amount, description: text },
    {
      accountCode: payment.customerCode,
      amount: { amount: -payment.amount.amount, currency: payment.amount.currency },
      description: text,
      cid: customerItemId(payment.invoiceKid, payment.invoiceNumber),
    },
  ];
  assertBalanced(lines);
  return {
    date: payment.receivedOn,
    currency: payment.amount.currency,
    externalReference: `fordring-payment-${payment.paymentId}`,
    description: text,
    lines,
  };
}

/** The invoice's KID identifies the customer item; the invoice number when the ledger gave no KID. */
export function customerItemId(kid: string | undefined, invoiceNumber: string): string {
  return kid !== undefined && kid !== "" ? kid : invoiceNumber;
}

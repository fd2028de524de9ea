import { LocalDate } from "../domain/calendar/local-date.js";
import { DomainError } from "../domain/errors.js";
import { formatDecimal, type Currency } from "../domain/money.js";
import type { Queryable } from "../platform/db/database.js";
import { activeBankAccount } from "./creditor-bank-account.js";
import { writePain001, type Pain001Version } from "./pain001.js";

/**
 * The payout file of one settlement (docs/SETTLEMENT.md: the creditor is paid): a pain.001 credit
 * transfer of the settlement's payout from the agency's client-funds account to the creditor's
 * active bank account, validated against the XSD before it is returned. One payment per
 * settlement; a settlement that pays nothing out (the creditor owes the agency, or nothing was
 * collected) has no payout file.
 *
 * The message id and end-to-end id are derived from the settlement id (and the attempt), so the
 * same settlement written twice is the same payment to the bank (which refuses a message id it has
 * seen) and never a second transfer; only a re-issue after a rejection has new ids.
 */
export interface PayoutFileInput {
  readonly settlementId: string;
  readonly version: Pain001Version;
  /** The agency's payout account (agencyPayoutAccountFromEnv). */
  readonly debtor: { readonly name: string; readonly iban: string; readonly bic: string };
  /** The instant the file is made, from the Clock. */
  readonly createdAt: Date;
  /** The business date: a settlement dated earlier is paid today, not in the past. */
  readonly today: LocalDate;
  /**
   * 1 for the first file; 2–9 for a re-issue after the bank rejected the one before
   * (payout-status.ts), which needs ids of its own: the bank refuses a message id it has seen.
   */
  readonly attempt?: number;
}

export interface PayoutFile {
  readonly xml: string;
  readonly version: Pain001Version;
  readonly settlementId: string;
  readonly messageId: string;
  readonly endToEndId: string;
  readonly attempt: number;
  readonly creditor: { readonly id: string; readonly code: string; readonly name: string; readonly account: string };
  readonly amount: string;
  readonly amountMinor: number;
  readonly currency: Currency;
  readonly requestedExecutionDate: string;
  readonly remittanceText: string;
}

export async function settlementPayoutFile(db: Queryable, input: PayoutFileInput): Promise<PayoutFile> {
  const attempt = input.attempt ?? 1;
  if (!Number.isInteger(attempt) || attempt < 1 || attempt > 9) throw new DomainError("invalid_input", `attempt ${attempt}: a payout is written at most 9 times`, "attempt");
  const [s] = await db.query<{ payout_minor: number; invoice_minor: number; currency: Currency; period_from: string; period_to: string; settled_on: string; creditor_id: string; code: string; name: string; bank_account: unknown }>(
    `select s.payout_minor, s.invoice_minor, s.result->>'currency' as currency, s.period_from, s.period_to, s.settled_on, c.id as creditor_id, c.code, c.name, c.bank_account
       from settlements s join creditors c on c.id = s.creditor_id where s.id = $1`,
    [input.settlementId],
  );
  if (!s) throw new DomainError("not_found", `no settlement ${input.settlementId}`, "settlementId");
  if (s.payout_minor <= 0) {
    const why = s.invoice_minor > 0 ? `the creditor owes the agency ${formatDecimal({ amount: s.invoice_minor, currency: s.currency })} (invoiced, not paid out)` : "nothing is left for the creditor once what it owes the agency is set off (money it received directly is not paid out again)";
    throw new DomainError("nothing_to_pay", `settlement ${input.settlementId} pays nothing out: ${why}; no payout file is written`, "payout");
  }
  const bank = activeBankAccount(s.bank_account);
  if ("missing" in bank) throw new DomainError("no_bank_account", `creditor ${s.code} ${bank.missing}; no payout file is written`, "creditor.bankAccount");
  const account = bank.account.iban ?? bank.account.accountNumber!;
  const compact = input.settlementId.replace(/-/g, "");
  // 33 and 32 characters; a re-issue adds R and its number (the XSD allows 35).
  const messageId = attempt === 1 ? `S${compact}` : `S${compact}R${attempt}`;
  const endToEndId = attempt === 1 ? compact : `${compact}R${attempt}`;
  const settledOn = LocalDate.parse(s.settled_on);
  const requested = settledOn.isBefore(input.today) ? input.today : settledOn;
  const remittanceText = `Inkassooppgjør ${s.period_from}–${s.period_to}, avregning ${input.settlementId}`;
  const amount = { amount: s.payout_minor, currency: s.currency };
  const file = await writePain001({
    version: input.version,
    messageId,
    createdAt: input.createdAt,
    requestedExecutionDate: requested,
    debtor: input.debtor,
    payouts: [
      {
        settlementId: input.settlementId,
        endToEndId,
        amount,
        creditor: { name: s.name, account, ...(bank.account.bic ? { bic: bank.account.bic } : {}) },
        remittanceText,
      },
    ],
  });
  return {
    xml: file.xml,
    version: input.version,
    settlementId: input.settlementId,
    messageId,
    endToEndId,
    attempt,
    creditor: { id: s.creditor_id, code: s.code, name: s.name, account },
    amount: formatDecimal(amount),
    amountMinor: s.payout_minor,
    currency: s.currency,
    requestedExecutionDate: requested.toString(),
    remittanceText,
  };
}

/** `03` / `09` (or the full name) → the pain.001 version. */
export function parsePainVersion(text: string | undefined, field = "pain"): Pain001Version {
  const t = (text ?? "03").trim();
  if (t === "03" || t === "pain.001.001.03") return "pain.001.001.03";
  if (t === "09" || t === "pain.001.001.09") return "pain.001.001.09";
  throw new DomainError("invalid_input", `"${t}" is not a pain.001 version: 03 or 09`, field);
}

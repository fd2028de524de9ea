import { DomainError } from "../domain/errors.js";
import { checkNoAccountNumber } from "../domain/identifiers/index.js";
import type { Queryable } from "../platform/db/database.js";
import { parseBic, parseIban } from "./pain001.js";

/**
 * The creditor's payout account (`creditors.bank_account`): where its settlements are paid
 * (activation needs an active bank account with BIC, docs/API.md "Accounting firms and
 * onboarding"; the creditor is paid, docs/SETTLEMENT.md).
 * A Norwegian account number (BBAN, 11 digits, MOD11) or an IBAN; the BIC is required with an IBAN
 * and optional with a Norwegian account number (a domestic transfer needs none). Stored
 * normalized: digits only, IBAN without spaces, BIC upper case.
 */
export interface CreditorBankAccount {
  readonly accountNumber?: string;
  readonly iban?: string;
  readonly bic?: string;
  readonly active: boolean;
}

export interface BankAccountInput {
  readonly account?: string | undefined;
  readonly iban?: string | undefined;
  readonly bic?: string | undefined;
  /** Default true. */
  readonly active?: boolean | undefined;
}

/** Validates the input; throws `DomainError` naming the field (`account`, `iban`, `bic`). */
export function parseBankAccount(input: BankAccountInput): CreditorBankAccount {
  const has = (v: string | undefined) => v !== undefined && v.trim() !== "";
  if (has(input.account) === has(input.iban)) throw new DomainError("invalid_input", "give either a Norwegian account number or an IBAN (one of them)", has(input.account) ? "iban" : "account");
  const bic = has(input.bic) ? parseBic(input.bic!, "bic") : undefined;
  const active = input.active ?? true;
  if (has(input.account)) {
    const check = checkNoAccountNumber(input.account!);
    if (!check.valid || check.normalized === undefined) throw new DomainError("invalid_account", `"${input.account}" is not a Norwegian account number: ${check.reason}`, "account");
    return { accountNumber: check.normalized, ...(bic ? { bic } : {}), active };
  }
  const iban = parseIban(input.iban!, "iban");
  if (!bic) throw new DomainError("invalid_input", "an IBAN needs the bank's BIC (e.g. DNBANOKK)", "bic");
  return { iban, bic, active };
}

/** Sets (replaces) the creditor's payout account. */
export async function setCreditorBankAccount(db: Queryable, creditorId: string, input: BankAccountInput): Promise<CreditorBankAccount> {
  const account = parseBankAccount(input);
  const rows = await db.query("update creditors set bank_account = $2 where id = $1 returning id", [creditorId, JSON.stringify(account)]);
  if (rows.length === 0) throw new DomainError("not_found", `no creditor ${creditorId}`, "creditor");
  return account;
}

/**
 * The stored account when it is there, active and still valid; otherwise why not (for the clear
 * error a payout gives instead of a file).
 */
export function activeBankAccount(stored: unknown): { account: CreditorBankAccount } | { missing: string } {
  if (stored === null || stored === undefined) return { missing: "has no bank account (set one with `fordring creditors set-bank`)" };
  const s = stored as Record<string, unknown>;
  const text = (k: string) => (typeof s[k] === "string" ? (s[k] as string) : undefined);
  let account: CreditorBankAccount;
  try {
    account = parseBankAccount({ account: text("accountNumber"), iban: text("iban"), bic: text("bic"), active: s["active"] === true });
  } catch (e) {
    return { missing: `has a bank account that is not valid (${e instanceof Error ? e.message : String(e)})` };
  }
  if (!account.active) return { missing: "has no active bank account (the stored one is marked inactive)" };
  return { account };
}

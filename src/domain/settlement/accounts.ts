import { DomainError } from "../errors.js";

/**
 * The creditor's accounts the settlement posts to. The defaults follow the Norwegian standard
 * chart of accounts (Norsk Standard NS 4102, "norsk standard kontoplan"). They are a CONVENTION
 * that most Norwegian ledgers ship with, not law: every creditor may map them differently, so each
 * is configurable per creditor.
 */
export interface CreditorAccounts {
  /** NS 4102 1920 Bankinnskudd: where the payout arrives. */
  readonly bank: string;
  /**
   * Clearing account for amounts the debtors paid to the agency (a receivable on the agency).
   * A clearing account such as 1510/1512 (docs/SETTLEMENT.md); default 1510 (NS 4102 class 15,
   * kortsiktige fordringer).
   */
  readonly clearing: string;
  /** NS 4102 8050 Annen renteinntekt: late interest (forsinkelsesrente) the creditor keeps. */
  readonly interestIncome: string;
  /** Collection costs billed to the creditor (withdrawal costs). Default 7770 as the brief's convention. */
  readonly collectionCostExpense: string;
  /** The agency's commission (provisjon). Default 7770, like other collection costs. */
  readonly commissionExpense: string;
  /** NS 4102 2710 Inngående merverdiavgift, alminnelig sats. */
  readonly inputVat: string;
  /** NS 4102 2400 Leverandørgjeld: where the agency's invoice goes when set-off exceeds the creditor's share. */
  readonly agencyPayable: string;
  /**
   * Whether the creditor may deduct input VAT (merverdiavgiftsloven § 8-1: only for a VAT-registered
   * business, for its taxable activity). If not, the VAT is part of the expense.
   */
  readonly inputVatDeductible: boolean;
  /**
   * VAT code put on the commission expense line (the base of the input VAT). "1" is the SAF-T
   * standard tax code for deductible domestic input VAT, regular rate (Skatteetaten, SAF-T
   * Financial, standard tax codes). Informative: the VAT amount itself is the explicit 2710 line.
   */
  readonly commissionVatCode: string | undefined;
}

export const NS4102_DEFAULT_ACCOUNTS: CreditorAccounts = {
  bank: "1920",
  clearing: "1510",
  interestIncome: "8050",
  collectionCostExpense: "7770",
  commissionExpense: "7770",
  inputVat: "2710",
  agencyPayable: "2400",
  inputVatDeductible: true,
  commissionVatCode: "1",
};

/** The defaults with the creditor's own choices laid over them; every account code must be non-empty. */
export function creditorAccounts(overrides: Partial<CreditorAccounts> = {}, field = "accounts"): CreditorAccounts {
  const merged: CreditorAccounts = { ...NS4102_DEFAULT_ACCOUNTS, ...stripUndefined(overrides) };
  for (const key of ["bank", "clearing", "interestIncome", "collectionCostExpense", "commissionExpense", "inputVat", "agencyPayable"] as const) {
    const code = merged[key];
    if (typeof code !== "string" || !/^[0-9A-Za-z._-]{1,20}$/.test(code)) {
      throw new DomainError("invalid_account", `"${String(code)}" is not an account code`, `${field}.${key}`);
    }
  }
  return merged;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([k, v]) => v !== undefined || k === "commissionVatCode")) as Partial<T>;
}

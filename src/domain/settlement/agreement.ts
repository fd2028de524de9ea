import { DomainError } from "../errors.js";
import { type Currency, type Money } from "../money.js";

/**
 * The collection agreement between the agency and one creditor, as far as the settlement needs it
 * (docs/SETTLEMENT.md: what was collected is split into the creditor's part — principal, usually
 * interest — and the agency's — fees, salær, commission, with VAT where due).
 *
 * Percentages are decimal strings ("10.00", "25.00") so that they are exact; they are read into a
 * rational number and never into a float.
 */
export interface SettlementAgreement {
  /** Who keeps the late interest (forsinkelsesrente) collected. The creditor, unless agreed otherwise. */
  readonly interestTo: "creditor" | "agency";
  readonly commission: {
    /** Commission (provisjon) as a percentage of the principal collected on a case in the period. */
    readonly percentOfPrincipal?: string;
    /** Least commission on a case on which principal was collected in the period. */
    readonly minimumPerCase?: Money;
  };
  /** VAT rate on the commission, e.g. "25.00" (merverdiavgiftsloven § 5-1: alminnelig sats 25 %). */
  readonly vatRatePercent: string;
  /** Whether the commission is a VAT-liable service to the creditor. */
  readonly commissionVatLiable: boolean;
}

/** A percentage read exactly: `value = numerator / denominator` percent. */
export interface Percent {
  readonly numerator: bigint;
  readonly denominator: bigint;
  readonly text: string;
}

/** Reads "10", "10.5", "10.00" (at most 6 decimals) as an exact percentage in 0..100. */
export function parsePercent(text: string, field: string): Percent {
  const m = /^(\d{1,3})(?:\.(\d{1,6}))?$/.exec(typeof text === "string" ? text.trim() : "");
  if (!m) throw new DomainError("invalid_percent", `"${String(text)}" is not a percentage such as 10.00`, field);
  const frac = m[2] ?? "";
  const numerator = BigInt(m[1]! + frac);
  const denominator = 10n ** BigInt(frac.length);
  if (numerator > 100n * denominator) throw new DomainError("invalid_percent", `"${text}" is more than 100 %`, field);
  return { numerator, denominator, text: text.trim() };
}

export interface ReadAgreement {
  readonly interestTo: "creditor" | "agency";
  readonly commissionPercent: Percent | null;
  readonly minimumPerCase: Money | null;
  readonly vatRate: Percent;
  readonly commissionVatLiable: boolean;
}

export function readAgreement(a: SettlementAgreement, currency: Currency, field = "agreement"): ReadAgreement {
  if (a.interestTo !== "creditor" && a.interestTo !== "agency") {
    throw new DomainError("invalid_input", `"${String(a.interestTo)}" is not creditor or agency`, `${field}.interestTo`);
  }
  const pct = a.commission.percentOfPrincipal;
  const min = a.commission.minimumPerCase;
  if (min !== undefined) {
    if (min.currency !== currency) {
      throw new DomainError("currency_mismatch", `minimum is in ${min.currency}, the settlement in ${currency}`, `${field}.commission.minimumPerCase`);
    }
    if (!Number.isSafeInteger(min.amount) || min.amount < 0) {
      throw new DomainError("invalid_amount", `${min.amount} is not a non-negative whole number of minor units`, `${field}.commission.minimumPerCase`);
    }
  }
  if (typeof a.commissionVatLiable !== "boolean") {
    throw new DomainError("invalid_input", "must be true or false", `${field}.commissionVatLiable`);
  }
  return {
    interestTo: a.interestTo,
    commissionPercent: pct === undefined ? null : parsePercent(pct, `${field}.commission.percentOfPrincipal`),
    minimumPerCase: min ?? null,
    vatRate: parsePercent(a.vatRatePercent, `${field}.vatRatePercent`),
    commissionVatLiable: a.commissionVatLiable,
  };
}

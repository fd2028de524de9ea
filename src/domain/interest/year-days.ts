import { daysInYear } from "../calendar/local-date.js";
import type { YearBasisConvention } from "../jurisdictions/rate-table.js";

/**
 * The exact arithmetic shared by the interest calculations. An annual rate in basis points `bp`
 * accrues, per day, `bp / (10 000 × yearDays)` of the principal. With the common denominator
 * 10 000 × 365 × 366 every day's accrual is a whole-number weight:
 * `bp × 366` in a 365-day year and `bp × 365` in a 366-day year.
 */
export const INTEREST_DENOMINATOR = 10_000 * 365 * 366;

export function yearDaysOf(year: number, convention: YearBasisConvention): 365 | 366 {
  return convention === "fixed-365" ? 365 : (daysInYear(year) as 365 | 366);
}

/** The per-day weight of `bp` over INTEREST_DENOMINATOR. */
export function dayWeight(basisPoints: number, yearDays: 365 | 366): number {
  return basisPoints * (yearDays === 365 ? 366 : 365);
}

import type { Money, Currency } from "../money.js";
import { type Citation, readOptionalCitation } from "./citation.js";
import { type Confidence, CONFIDENCES, isConfidence } from "./confidence.js";
import { type DatedRow, readDatedRows } from "./dated-row.js";
import { childPath, readHundredths, readLiteral, readObject, readOptionalHundredths, readOptionalInteger, readOptionalString, readString, ruleSetError } from "./json-reader.js";

/**
 * A statutory late-interest rate table (forsinkelsesrente, dröjsmålsränta, viivästyskorko):
 * contiguous half-year periods, each with its annual rate, plus the year basis used to turn an
 * annual rate into a daily one.
 */
export interface RatePeriod extends DatedRow {
  /** Annual rate in hundredths of a percent (basis points): 12.25 % = 1225. */
  readonly basisPoints: number;
  /** The reference/policy rate the statutory rate is built on, where the source gives it. */
  readonly referenceBasisPoints: number | null;
  /** NO forsinkelsesrenteloven § 3a standardkompensasjon (B2B) for the period, where given. */
  readonly standardCompensation: Money | null;
}

/**
 * - "calendar-year": a day accrues rate/365, or rate/366 when it lies in a leap year (NO).
 * - "fixed-365": every day accrues rate/365.
 */
export type YearBasisConvention = "calendar-year" | "fixed-365";

export interface YearBasis {
  readonly convention: YearBasisConvention;
  readonly source: string;
  readonly citation: Citation | null;
  readonly confidence: Confidence;
  readonly note: string | null;
}

export interface RateTable {
  readonly yearBasis: YearBasis;
  /** Sorted, contiguous, closed: every day from the first `validFrom` to the last `validTo`. */
  readonly periods: readonly RatePeriod[];
}

export function readRateTable(value: unknown, path: string, currency: Currency): RateTable {
  const obj = readObject(value, path, ["yearBasis", "periods"]);
  const basisPath = childPath(path, "yearBasis");
  const basis = readObject(obj["yearBasis"], basisPath, ["convention", "source", "citation", "confidence", "note"]);
  const confidence = readString(basis, "confidence", basisPath);
  if (!isConfidence(confidence)) throw ruleSetError(childPath(basisPath, "confidence"), `must be one of ${CONFIDENCES.join(", ")}`);
  const yearBasis: YearBasis = {
    convention: readLiteral(basis, "convention", basisPath, ["calendar-year", "fixed-365"] as const),
    source: readString(basis, "source", basisPath),
    citation: readOptionalCitation(basis, "citation", basisPath),
    confidence,
    note: readOptionalString(basis, "note", basisPath),
  };
  const periods = readDatedRows(
    obj["periods"],
    childPath(path, "periods"),
    ["ratePercent", "referenceRatePercent", "standardCompensationMinor"],
    (row, rowPath) => {
      const compensation = readOptionalInteger(row, "standardCompensationMinor", rowPath);
      return {
        basisPoints: readHundredths(row, "ratePercent", rowPath, 0),
        referenceBasisPoints: readOptionalHundredths(row, "referenceRatePercent", rowPath, null),
        standardCompensation: compensation === null ? null : { amount: compensation, currency },
      };
    },
    { contiguous: true, closed: true },
  );
  return { yearBasis, periods };
}

import { readDatedRows } from "../dated-row.js";
import { childPath, readInteger, readLiteral, readObject, readOptionalString, readString } from "../json-reader.js";
import type { AmountRow } from "../no/no-rule-set.js";
import { type RateTable, readRateTable } from "../rate-table.js";

/**
 * Swedish rules (nordic-rules.md S1, S3): dröjsmålsränta (räntelagen 1975:635 § 6, referensränta
 * + 8 pp, changing every half-year) and the maximum fees of lag (1981:739). Data only for now.
 */
export interface SwedishFeeRow extends AmountRow {
  /** When the fee may be charged, in words. */
  readonly condition: string;
}

export type SwedishFee = "reminder" | "collectionDemand" | "paymentPlan" | "lateCompensation";
const SWEDISH_FEES: readonly SwedishFee[] = ["reminder", "collectionDemand", "paymentPlan", "lateCompensation"];

export interface SwedishRuleSet {
  readonly jurisdiction: "SE";
  readonly currency: "SEK";
  readonly fees: Readonly<Record<SwedishFee, readonly SwedishFeeRow[]>>;
  readonly lateInterest: RateTable;
}

export function parseSwedishRuleSet(json: unknown): SwedishRuleSet {
  const root = readObject(json, "", ["about", "jurisdiction", "currency", "fees", "lateInterest"]);
  readOptionalString(root, "about", "");
  readLiteral(root, "jurisdiction", "", ["SE"] as const);
  const currency = readLiteral(root, "currency", "", ["SEK"] as const);
  const fees = readObject(root["fees"], "fees", SWEDISH_FEES);
  const feeRows = (fee: SwedishFee) =>
    readDatedRows(fees[fee], childPath("fees", fee), ["amountMinor", "condition"], (row, path) => ({
      amount: { amount: readInteger(row, "amountMinor", path), currency },
      condition: readString(row, "condition", path),
    }));
  return {
    jurisdiction: "SE",
    currency,
    fees: {
      reminder: feeRows("reminder"),
      collectionDemand: feeRows("collectionDemand"),
      paymentPlan: feeRows("paymentPlan"),
      lateCompensation: feeRows("lateCompensation"),
    },
    lateInterest: readRateTable(root["lateInterest"], "lateInterest", currency),
  };
}

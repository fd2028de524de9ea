import { type DatedRow, readDatedRows } from "../dated-row.js";
import { childPath, readInteger, readLiteral, readObject, readOptionalString, readString, ruleSetError } from "../json-reader.js";
import type { AmountRow } from "../no/no-rule-set.js";
import { type RateTable, readRateTable } from "../rate-table.js";

/**
 * Swedish rules as dated data (applied by `src/domain/se/`):
 * - `fees`: the maximum compensations of lag (1981:739) om ersättning för inkassokostnader m.m.
 *   — påminnelseavgift (2 §, 4 § 1), inkassoersättning (3 § 1, 4 § 2), amorteringsplan (3 § 2,
 *   4 § 3), förseningsersättning (4 a §);
 * - `feeLimits`: how many of each one claim may carry (the statute sets no number: uncertain);
 * - `collectionDemandDeadline`: god inkassosed (IMY) — ≥ 8 days from sending and ≥ 4 bank days
 *   after presumed receipt; `presumedReceipt`: the bank days a letter is presumed to take;
 * - `legalCosts.paymentOrderApplication`: Kronofogden's ansökningsavgift for betalningsföreläggande;
 * - `lateInterest`: dröjsmålsränta (räntelagen (1975:635) 6 §, referensränta (9 §) + 8 pp,
 *   changing every half-year).
 */
export interface SwedishFeeRow extends AmountRow {
  /** When the fee may be charged, in words. */
  readonly condition: string;
}

export type SwedishFee = "reminder" | "collectionDemand" | "paymentPlan" | "lateCompensation";
const SWEDISH_FEES: readonly SwedishFee[] = ["reminder", "collectionDemand", "paymentPlan", "lateCompensation"];

export interface SwedishFeeLimitRow extends DatedRow {
  readonly reminderFeesPerClaim: number;
  readonly collectionDemandFeesPerClaim: number;
  readonly paymentPlanFeesPerClaim: number;
}

export interface CollectionDemandDeadlineRow extends DatedRow {
  readonly minDaysFromSending: number;
  readonly minBankDaysAfterReceipt: number;
}

export interface PresumedReceiptRow extends DatedRow {
  readonly postBankDays: number;
  readonly digitalBankDays: number;
}

export interface SwedishLegalCostRow extends AmountRow {
  /** The debtor must repay it to the creditor. */
  readonly recoverable: boolean;
}

export type SwedishLegalStep = "paymentOrderApplication";

export interface SwedishRuleSet {
  readonly jurisdiction: "SE";
  readonly currency: "SEK";
  readonly fees: Readonly<Record<SwedishFee, readonly SwedishFeeRow[]>>;
  readonly feeLimits: readonly SwedishFeeLimitRow[];
  readonly collectionDemandDeadline: readonly CollectionDemandDeadlineRow[];
  readonly presumedReceipt: readonly PresumedReceiptRow[];
  readonly legalCosts: Readonly<Record<SwedishLegalStep, readonly SwedishLegalCostRow[]>>;
  readonly lateInterest: RateTable;
}

export function parseSwedishRuleSet(json: unknown): SwedishRuleSet {
  const root = readObject(json, "", [
    "about",
    "jurisdiction",
    "currency",
    "fees",
    "feeLimits",
    "collectionDemandDeadline",
    "presumedReceipt",
    "legalCosts",
    "lateInterest",
  ]);
  readOptionalString(root, "about", "");
  readLiteral(root, "jurisdiction", "", ["SE"] as const);
  const currency = readLiteral(root, "currency", "", ["SEK"] as const);
  const fees = readObject(root["fees"], "fees", SWEDISH_FEES);
  const feeRows = (fee: SwedishFee) =>
    readDatedRows(fees[fee], childPath("fees", fee), ["amountMinor", "condition"], (row, path) => ({
      amount: { amount: readInteger(row, "amountMinor", path), currency },
      condition: readString(row, "condition", path),
    }));
  const legalCosts = readObject(root["legalCosts"], "legalCosts", ["paymentOrderApplication"]);
  return {
    jurisdiction: "SE",
    currency,
    fees: {
      reminder: feeRows("reminder"),
      collectionDemand: feeRows("collectionDemand"),
      paymentPlan: feeRows("paymentPlan"),
      lateCompensation: feeRows("lateCompensation"),
    },
    feeLimits: readDatedRows(root["feeLimits"], "feeLimits", ["reminderFeesPerClaim", "collectionDemandFeesPerClaim", "paymentPlanFeesPerClaim"], (row, path) => ({
      reminderFeesPerClaim: readInteger(row, "reminderFeesPerClaim", path),
      collectionDemandFeesPerClaim: readInteger(row, "collectionDemandFeesPerClaim", path),
      paymentPlanFeesPerClaim: readInteger(row, "paymentPlanFeesPerClaim", path),
    })),
    collectionDemandDeadline: readDatedRows(root["collectionDemandDeadline"], "collectionDemandDeadline", ["minDaysFromSending", "minBankDaysAfterReceipt"], (row, path) => ({
      minDaysFromSending: readInteger(row, "minDaysFromSending", path, 1),
      minBankDaysAfterReceipt: readInteger(row, "minBankDaysAfterReceipt", path),
    })),
    presumedReceipt: readDatedRows(root["presumedReceipt"], "presumedReceipt", ["postBankDays", "digitalBankDays"], (row, path) => ({
      postBankDays: readInteger(row, "postBankDays", path),
      digitalBankDays: readInteger(row, "digitalBankDays", path),
    })),
    legalCosts: {
      paymentOrderApplication: readDatedRows(legalCosts["paymentOrderApplication"], "legalCosts.paymentOrderApplication", ["amountMinor", "recoverable"], (row, path) => {
        const recoverable = row["recoverable"];
        if (typeof recoverable !== "boolean") throw ruleSetError(childPath(path, "recoverable"), "must be true or false");
        return { amount: { amount: readInteger(row, "amountMinor", path), currency }, recoverable };
      }),
    },
    lateInterest: readRateTable(root["lateInterest"], "lateInterest", currency),
  };
}

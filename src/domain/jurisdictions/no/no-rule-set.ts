import type { Money } from "../../money.js";
import { type Citation, readOptionalCitation } from "../citation.js";
import { type Confidence, CONFIDENCES, isConfidence } from "../confidence.js";
import { type DatedRow, readDatedRows } from "../dated-row.js";
import {
  childPath,
  type JsonObject,
  readArray,
  readFraction,
  readHundredths,
  readInteger,
  readLiteral,
  readObject,
  readOptionalInteger,
  readOptionalString,
  readString,
  ruleSetError,
} from "../json-reader.js";
import { type RateTable, readRateTable } from "../rate-table.js";

/**
 * The Norwegian rule set (inkassoforskriften chs. 1–2, rettsgebyrloven, forsinkelsesrenteloven; docs/RULES.md § 3) as dated tables. Which date picks the
 * row is the law's: inkassosats by the date a letter is sent (N1) or the principal is paid (N3);
 * letter-fee regime and salær table by the claim's due date (the 1 Oct 2020 transition); the
 * rettsgebyr by the date of the legal step; forsinkelsesrente day by day (N6). Every row may carry
 * a short `citation` (nb, en) for people beside its research note `source`.
 */
export type FeeLetter = "reminder" | "collection-notice" | "payment-demand-by-creditor";
export const FEE_LETTERS: readonly FeeLetter[] = ["reminder", "collection-notice", "payment-demand-by-creditor"];

export interface Fraction {
  readonly numerator: number;
  readonly denominator: number;
}

export interface AmountRow extends DatedRow {
  readonly amount: Money;
}

/** Fees as fractions of the inkassosats (inkassoforskriften §§ 1-2, 1-3), picked by due date. */
export interface LetterFeeRegime extends DatedRow {
  /** Purring and inkassovarsel. */
  readonly reminderFee: Fraction;
  /** Betalingsoppfordring sent by the creditor itself (egeninkasso). */
  readonly paymentDemandByCreditorFee: Fraction;
}

export interface LetterFeeLimits extends DatedRow {
  /** A fee only for a letter sent at least this many days after the due date. */
  readonly minDaysAfterDue: number;
  /** The missed deadline that allows the next fee must be at least this long. */
  readonly minDeadlineDays: number;
  /** The fees one claim may carry: the charged letters must fit within one of these counts. */
  readonly maxFeeCombinations: readonly Readonly<Record<FeeLetter, number>>[];
}

/** inkassoloven §§ 9, 10: the collection notice, then the payment demand that earns salær. */
export interface CollectionStepRule extends DatedRow {
  readonly noticeMinDeadlineDays: number;
  readonly paymentDemandMinDeadlineDays: number;
}

export interface SalaryBand {
  /** Inclusive upper bound of the claim; null for the open top band. */
  readonly upTo: Money | null;
  /** Factor × inkassosats, in hundredths (0.25 = 25). */
  readonly lightHundredths: number;
  readonly heavyHundredths: number;
}

export interface BusinessMultiplier {
  /** In hundredths (1.5 = 150). */
  readonly hundredths: number;
  readonly source: string;
  readonly citation: Citation | null;
  readonly confidence: Confidence;
  readonly note: string | null;
}

export interface SalaryTable extends DatedRow {
  readonly bands: readonly SalaryBand[];
  readonly businessMultiplier: BusinessMultiplier;
}

export interface HeavySalaryRule extends DatedRow {
  /** Tungt salær when the payment-demand deadline is overrun by more than this many days. */
  readonly overrunMoreThanDays: number;
}

export interface PercentRow extends DatedRow {
  /** In hundredths of a percent: 25 % = 2500. */
  readonly basisPoints: number;
}

/**
 * Which day's inkassosats a salær cap uses (inkassoforskriften § 2-2: "inkassosatsen på det
 * tidspunktet hovedkravet dekkes"): `principal-paid` = the day the principal is paid (the
 * calculation day while it is still open); `charged` = the day the salær is charged.
 */
export type SalarySatsDate = "principal-paid" | "charged";
export const SALARY_SATS_DATES: readonly SalarySatsDate[] = ["principal-paid", "charged"];

export interface SalaryInkassosatsDateRule extends DatedRow {
  readonly satsOn: SalarySatsDate;
}

/**
 * How a fee computed from the rettsgebyr is rounded (rettsgebyrloven § 6 a: down to the whole
 * krone), or `toward-zero` to the øre where a deployment's source says otherwise.
 */
export type LegalCostRounding = "down-to-whole-krone" | "toward-zero";
export const LEGAL_COST_ROUNDINGS: readonly LegalCostRounding[] = ["down-to-whole-krone", "toward-zero"];

export interface LegalCostRoundingRule extends DatedRow {
  readonly rounding: LegalCostRounding;
}

export interface FactorRow extends DatedRow {
  /** Factor × rettsgebyr, in hundredths (1.7 = 170). */
  readonly hundredths: number;
}

export type LegalStep = "forliksklage" | "utlegg";
export const LEGAL_STEPS: readonly LegalStep[] = ["forliksklage", "utlegg"];

export interface NorwegianRuleSet {
  readonly jurisdiction: "NO";
  readonly currency: "NOK";
  readonly inkassosats: readonly AmountRow[];
  readonly letterFeeRegimes: readonly LetterFeeRegime[];
  readonly letterFeeLimits: readonly LetterFeeLimits[];
  readonly collectionSteps: readonly CollectionStepRule[];
  readonly salaryTables: readonly SalaryTable[];
  readonly heavySalary: readonly HeavySalaryRule[];
  readonly salaryVatAddOn: readonly PercentRow[];
  /** Which day's inkassosats a salær uses, picked by the salær's calculation day. */
  readonly salaryInkassosatsDate: readonly SalaryInkassosatsDateRule[];
  readonly rettsgebyr: readonly AmountRow[];
  readonly legalCostFactors: Readonly<Record<LegalStep, readonly FactorRow[]>>;
  /** Picked by the day the legal step is taken. */
  readonly legalCostRounding: readonly LegalCostRoundingRule[];
  readonly lateInterest: RateTable;
}

const TOP_KEYS = [
  "about",
  "jurisdiction",
  "currency",
  "inkassosats",
  "letterFeeRegimes",
  "letterFeeLimits",
  "collectionSteps",
  "salaryTables",
  "heavySalary",
  "salaryVatAddOn",
  "salaryInkassosatsDate",
  "rettsgebyr",
  "legalCostFactors",
  "legalCostRounding",
  "lateInterest",
];

/** Checks a Norwegian rule file (the default or a deployment's replacement) and reads it. */
export function parseNorwegianRuleSet(json: unknown): NorwegianRuleSet {
  const root = readObject(json, "", TOP_KEYS);
  readOptionalString(root, "about", "");
  readLiteral(root, "jurisdiction", "", ["NO"] as const);
  const currency = readLiteral(root, "currency", "", ["NOK"] as const);
  const amount = (row: JsonObject, path: string) => ({ amount: { amount: readInteger(row, "amountMinor", path), currency } });
  const factorsPath = "legalCostFactors";
  const factors = readObject(root[factorsPath], factorsPath, LEGAL_STEPS);
  const factorRows = (step: LegalStep) =>
    readDatedRows(factors[step], childPath(factorsPath, step), ["factor"], (row, path) => ({ hundredths: readHundredths(row, "factor", path, 1) }));
  return {
    jurisdiction: "NO",
    currency,
    inkassosats: readDatedRows(root["inkassosats"], "inkassosats", ["amountMinor"], amount),
    letterFeeRegimes: readDatedRows(root["letterFeeRegimes"], "letterFeeRegimes", ["reminderFee", "paymentDemandByCreditorFee"], (row, path) => ({
      reminderFee: readFraction(row, "reminderFee", path),
      paymentDemandByCreditorFee: readFraction(row, "paymentDemandByCreditorFee", path),
    })),
    letterFeeLimits: readDatedRows(root["letterFeeLimits"], "letterFeeLimits", ["minDaysAfterDue", "minDeadlineDays", "maxFeeCombinations"], (row, path) => ({
      minDaysAfterDue: readInteger(row, "minDaysAfterDue", path),
      minDeadlineDays: readInteger(row, "minDeadlineDays", path),
      maxFeeCombinations: readFeeCombinations(row, path),
    })),
    collectionSteps: readDatedRows(root["collectionSteps"], "collectionSteps", ["noticeMinDeadlineDays", "paymentDemandMinDeadlineDays"], (row, path) => ({
      noticeMinDeadlineDays: readInteger(row, "noticeMinDeadlineDays", path),
      paymentDemandMinDeadlineDays: readInteger(row, "paymentDemandMinDeadlineDays", path),
    })),
    salaryTables: readDatedRows(root["salaryTables"], "salaryTables", ["bands", "businessMultiplier"], (row, path) => ({
      bands: readSalaryBands(row, path, currency),
      businessMultiplier: readBusinessMultiplier(row, path),
    })),
    heavySalary: readDatedRows(root["heavySalary"], "heavySalary", ["overrunMoreThanDays"], (row, path) => ({
      overrunMoreThanDays: readInteger(row, "overrunMoreThanDays", path),
    })),
    salaryVatAddOn: readDatedRows(root["salaryVatAddOn"], "salaryVatAddOn", ["ratePercent"], (row, path) => ({
      basisPoints: readHundredths(row, "ratePercent", path, 0),
    })),
    salaryInkassosatsDate: readDatedRows(root["salaryInkassosatsDate"], "salaryInkassosatsDate", ["satsOn"], (row, path) => ({
      satsOn: readLiteral(row, "satsOn", path, SALARY_SATS_DATES),
    })),
    rettsgebyr: readDatedRows(root["rettsgebyr"], "rettsgebyr", ["amountMinor"], amount),
    legalCostFactors: { forliksklage: factorRows("forliksklage"), utlegg: factorRows("utlegg") },
    legalCostRounding: readDatedRows(root["legalCostRounding"], "legalCostRounding", ["rounding"], (row, path) => ({
      rounding: readLiteral(row, "rounding", path, LEGAL_COST_ROUNDINGS),
    })),
    lateInterest: readRateTable(root["lateInterest"], "lateInterest", currency),
  };
}

function readFeeCombinations(row: JsonObject, path: string): Readonly<Record<FeeLetter, number>>[] {
  const listPath = childPath(path, "maxFeeCombinations");
  const items = readArray(row["maxFeeCombinations"], listPath);
  if (items.length === 0) throw ruleSetError(listPath, "must list at least one combination");
  return items.map((item, i) => {
    const itemPath = childPath(listPath, i);
    const obj = readObject(item, itemPath, FEE_LETTERS);
    return {
      reminder: readInteger(obj, "reminder", itemPath),
      "collection-notice": readInteger(obj, "collection-notice", itemPath),
      "payment-demand-by-creditor": readInteger(obj, "payment-demand-by-creditor", itemPath),
    };
  });
}

function readSalaryBands(row: JsonObject, path: string, currency: "NOK"): SalaryBand[] {
  const listPath = childPath(path, "bands");
  const items = readArray(row["bands"], listPath);
  if (items.length === 0) throw ruleSetError(listPath, "must have at least one band");
  const bands: SalaryBand[] = [];
  items.forEach((item, i) => {
    const bandPath = childPath(listPath, i);
    const obj = readObject(item, bandPath, ["upToMinor", "light", "heavy"]);
    if (!("upToMinor" in obj)) throw ruleSetError(childPath(bandPath, "upToMinor"), "is required (null for the top band)");
    const upTo = readOptionalInteger(obj, "upToMinor", bandPath, 1);
    const isLast = i === items.length - 1;
    if (isLast !== (upTo === null)) {
      throw ruleSetError(childPath(bandPath, "upToMinor"), isLast ? "the top band must be open (null)" : "only the top band may be open (null)");
    }
    const previous = bands[i - 1];
    if (previous && upTo !== null && previous.upTo !== null && upTo <= previous.upTo.amount) {
      throw ruleSetError(childPath(bandPath, "upToMinor"), "bands must be in increasing order");
    }
    bands.push({
      upTo: upTo === null ? null : { amount: upTo, currency },
      lightHundredths: readHundredths(obj, "light", bandPath, 0),
      heavyHundredths: readHundredths(obj, "heavy", bandPath, 0),
    });
  });
  return bands;
}

function readBusinessMultiplier(row: JsonObject, path: string): BusinessMultiplier {
  const mPath = childPath(path, "businessMultiplier");
  const obj = readObject(row["businessMultiplier"], mPath, ["factor", "source", "citation", "confidence", "note"]);
  const confidence = readString(obj, "confidence", mPath);
  if (!isConfidence(confidence)) throw ruleSetError(childPath(mPath, "confidence"), `must be one of ${CONFIDENCES.join(", ")}`);
  const note = readOptionalString(obj, "note", mPath);
  if (confidence === "uncertain" && note === null) throw ruleSetError(childPath(mPath, "note"), "an uncertain value must say why in a note");
  return { hundredths: readHundredths(obj, "factor", mPath, 100), source: readString(obj, "source", mPath), citation: readOptionalCitation(obj, "citation", mPath), confidence, note };
}

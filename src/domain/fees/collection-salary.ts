import type { LocalDate } from "../calendar/local-date.js";
import { DomainError } from "../errors.js";
import { type Confidence, weakestConfidence } from "../jurisdictions/confidence.js";
import { joinSources, rowOn } from "../jurisdictions/dated-row.js";
import { formatHundredths } from "../jurisdictions/json-reader.js";
import type { NorwegianRuleSet, SalaryBand } from "../jurisdictions/no/no-rule-set.js";
import { rulesFor } from "../jurisdictions/rule-set.js";
import { formatDecimal, type Money, roundHalfAwayFromZero } from "../money.js";

/**
 * The maximum inkassosalær (inkassoforskriften ch. 2, nordic-rules.md N3):
 * - the band is chosen by the "krav": principal + interest accrued BEFORE the due date;
 * - salær = band factor (lett, or tungt = 2 × lett) × inkassosats in force on the date the
 *   principal is paid (or the calculation date);
 * - the table by the claim's due date (the 1 Oct 2020 reform applies to claims falling due on or
 *   after that date);
 * - outside consumer relations × 1.5 (2020 table; before: uncertain, 1.0 used);
 * - + the general MVA rate (25 %) when all or most of the claim does not stem from MVA-registered
 *   business (§ 2-2 second paragraph) — the creditor is not VAT-registered.
 * One exact fraction, rounded once; the VAT add-on is the rounded total minus the rounded base.
 */
export interface CollectionSalaryInput {
  /** Principal + interest accrued before the due date. */
  readonly claim: Money;
  readonly debtor: "consumer" | "business";
  readonly heavy: boolean;
  readonly creditorVatRegistered: boolean;
  readonly claimDueDate: LocalDate;
  /** The date the principal is paid, or the calculation date. */
  readonly on: LocalDate;
  readonly rules: NorwegianRuleSet;
}

export interface CollectionSalary {
  /** The maximum, VAT add-on included. */
  readonly amount: Money;
  /** Before the VAT add-on. */
  readonly base: Money;
  readonly vatAddOn: Money;
  readonly band: { readonly upTo: Money | null };
  /** The band's factor for lett or tungt salær, "1.60". */
  readonly factor: string;
  /** "1.50" for a business debtor, null for a consumer. */
  readonly businessMultiplier: string | null;
  /** "25.00" when the VAT add-on applies, else null. */
  readonly vatRatePercent: string | null;
  readonly inkassosats: Money;
  readonly rule: string;
  readonly source: string;
  readonly confidence: Confidence;
  readonly note: string | null;
}

export function maxCollectionSalary(input: CollectionSalaryInput): CollectionSalary {
  const { claim, debtor, heavy, creditorVatRegistered, claimDueDate, on, rules } = input;
  if (!Number.isSafeInteger(claim.amount) || claim.amount < 0) {
    throw new DomainError("invalid_amount", `${claim.amount} is not a whole, non-negative number of minor units`, "claim");
  }
  if (claim.currency !== rules.currency) {
    throw new DomainError("currency_mismatch", `the claim is in ${claim.currency}; Norwegian salær is in ${rules.currency}`, "claim");
  }
  if (debtor !== "consumer" && debtor !== "business") {
    throw new DomainError("invalid_input", `debtor must be "consumer" or "business", not "${String(debtor)}"`, "debtor");
  }
  if (on.isBefore(claimDueDate)) {
    throw new DomainError("invalid_input", `${on} is before the claim falls due (${claimDueDate})`, "on");
  }
  const table = rowOn(rules.salaryTables, claimDueDate, "salær table", "claimDueDate");
  const sats = rowOn(rules.inkassosats, on, "inkassosats", "on");
  const band = bandFor(table.bands, claim);
  const factor = heavy ? band.heavyHundredths : band.lightHundredths;
  const business = debtor === "business" ? table.businessMultiplier : null;
  const vat = creditorVatRegistered ? null : rowOn(rules.salaryVatAddOn, on, "MVA rate", "on");

  // factor/100 × sats × multiplier/100, then × (10 000 + vat basis points)/10 000.
  const exact = BigInt(factor) * BigInt(sats.amount.amount) * BigInt(business?.hundredths ?? 100);
  const baseMinor = roundHalfAwayFromZero(exact, 10_000n);
  const totalMinor = vat ? roundHalfAwayFromZero(exact * BigInt(10_000 + vat.basisPoints), 100_000_000n) : baseMinor;
  const currency = rules.currency;
  const amount: Money = { amount: Number(totalMinor), currency };
  const base: Money = { amount: Number(baseMinor), currency };

  const parts = [
    `${heavy ? "tungt" : "lett"} salær ${formatHundredths(factor)} × inkassosats ${formatDecimal(sats.amount)} (${on})`,
    business ? `× ${formatHundredths(business.hundredths)} outside consumer relations` : null,
    vat ? `+ ${formatHundredths(vat.basisPoints)} % MVA (creditor not VAT-registered)` : null,
  ].filter((p) => p !== null);
  const bandText = band.upTo ? `claim ≤ ${formatDecimal(band.upTo)}` : "the top band";
  const rows = [table, sats, ...(business ? [business] : []), ...(vat ? [vat] : [])];
  return {
    amount,
    base,
    vatAddOn: { amount: amount.amount - base.amount, currency },
    band: { upTo: band.upTo },
    factor: formatHundredths(factor),
    businessMultiplier: business ? formatHundredths(business.hundredths) : null,
    vatRatePercent: vat ? formatHundredths(vat.basisPoints) : null,
    inkassosats: sats.amount,
    rule: `inkassoforskriften ch. 2 (table for claims due from ${table.validFrom}), ${bandText}: ${parts.join(" ")} = ${formatDecimal(amount)}`,
    source: joinSources(...rows.map((r) => r.source)),
    confidence: weakestConfidence(table.confidence, ...rows.map((r) => r.confidence)),
    note: rows.map((r) => r.note).filter((n) => n !== null).join(" ") || null,
  };
}

function bandFor(bands: readonly SalaryBand[], claim: Money): SalaryBand {
  return bands.find((b) => b.upTo === null || claim.amount <= b.upTo.amount) ?? bands[bands.length - 1]!;
}

/**
 * Tungt salær applies when the debtor has overrun the betalingsoppfordring's deadline by more than
 * 28 days (inkassoforskriften § 2-3): with a 14-day deadline, from day 43 after sending.
 */
export function heavySalaryApplies(input: { paymentDemandDeadline: LocalDate; today: LocalDate; rules?: NorwegianRuleSet }): boolean {
  const rule = rowOn((input.rules ?? rulesFor("NO")).heavySalary, input.today, "tungt-salær rule", "today");
  return input.paymentDemandDeadline.daysUntil(input.today) > rule.overrunMoreThanDays;
}

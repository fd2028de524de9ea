import type { LocalDate } from "../calendar/local-date.js";
import { DomainError } from "../errors.js";
import { type Citation, joinCitations } from "../jurisdictions/citation.js";
import { type Confidence, weakestConfidence } from "../jurisdictions/confidence.js";
import { joinSources, rowOn } from "../jurisdictions/dated-row.js";
import { formatHundredths } from "../jurisdictions/json-reader.js";
import type { NorwegianRuleSet, SalaryBand, SalarySatsDate } from "../jurisdictions/no/no-rule-set.js";
import { rulesFor } from "../jurisdictions/rule-set.js";
import { formatDecimal, type Money } from "../money.js";
import { capMinor } from "./cap-rounding.js";
import { isVatAddOnBasis, type VatAddOnBasis, vatAddOnBasisOf } from "./vat-add-on.js";

/**
 * The maximum inkassosalær (inkassoforskriften ch. 2):
 * - the band is chosen by the "krav": principal + interest accrued BEFORE the due date;
 * - salær = band factor (lett, or tungt = 2 × lett) × inkassosats;
 * - WHICH inkassosats is rule data (`salaryInkassosatsDate`): § 2-2 takes "inkassosatsen på det
 *   tidspunktet hovedkravet dekkes" — the day the principal is paid (`principalPaidOn`), or the
 *   calculation day `on` while it is still open;
 * - the table by the claim's due date (the 1 Oct 2020 reform applies to claims falling due on or
 *   after that date; the old table to claims due from 2010);
 * - outside consumer relations × 1.5 (both tables);
 * - + the general MVA rate (25 %) when all or more than half of the CLAIM does not stem from
 *   VAT-liable business (§ 2-2 second paragraph; `vatAddOnBasis`, by default from the creditor).
 * One exact fraction, turned into money once, rounded toward zero: a maximum is never exceeded,
 * not even by half an øre (cap-rounding.ts). The VAT add-on is the capped total minus the capped base.
 */
export interface CollectionSalaryInput {
  /** Principal + interest accrued before the due date. */
  readonly claim: Money;
  readonly debtor: "consumer" | "business";
  readonly heavy: boolean;
  /** The creditor's registration; decides the VAT add-on when the claim has no `vatAddOnBasis`. */
  readonly creditorVatRegistered: boolean;
  /** Where the claim stems from (§ 2-2 second paragraph); overrides the creditor's registration. */
  readonly vatAddOnBasis?: VatAddOnBasis | null;
  readonly claimDueDate: LocalDate;
  /** The calculation day: the day the salær is charged or quoted. */
  readonly on: LocalDate;
  /** The day the principal was paid, when it has been; the inkassosats of that day is used. */
  readonly principalPaidOn?: LocalDate | null;
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
  readonly vatAddOnBasis: VatAddOnBasis;
  readonly inkassosats: Money;
  /** The day whose inkassosats was used, and why that day. */
  readonly inkassosatsOn: LocalDate;
  readonly inkassosatsDate: SalarySatsDate;
  readonly rule: string;
  readonly source: string;
  /** The legal basis for people, nb and en. */
  readonly citation: Citation | null;
  readonly confidence: Confidence;
  readonly note: string | null;
}

export function maxCollectionSalary(input: CollectionSalaryInput): CollectionSalary {
  const { claim, debtor, heavy, claimDueDate, on, rules } = input;
  if (!Number.isSafeInteger(claim.amount) || claim.amount < 0) {
    throw new DomainError("invalid_amount", `${claim.amount} is not a whole, non-negative number of minor units`, "claim");
  }
  if (claim.currency !== rules.currency) {
    throw new DomainError("currency_mismatch", `the claim is in ${claim.currency}; Norwegian salær is in ${rules.currency}`, "claim");
  }
  if (debtor !== "consumer" && debtor !== "business") {
    throw new DomainError("invalid_input", `debtor must be "consumer" or "business", not "${String(debtor)}"`, "debtor");
  }
  if (input.vatAddOnBasis !== undefined && input.vatAddOnBasis !== null && !isVatAddOnBasis(input.vatAddOnBasis)) {
    throw new DomainError("invalid_input", `vatAddOnBasis must be "vat-liable-business" or "not-vat-liable-business", not "${String(input.vatAddOnBasis)}"`, "vatAddOnBasis");
  }
  if (on.isBefore(claimDueDate)) {
    throw new DomainError("invalid_input", `${on} is before the claim falls due (${claimDueDate})`, "on");
  }
  const paid = input.principalPaidOn ?? null;
  if (paid && paid.isAfter(on)) {
    throw new DomainError("invalid_input", `the principal cannot be paid (${paid}) after the calculation day ${on}`, "principalPaidOn");
  }
  const table = rowOn(rules.salaryTables, claimDueDate, "salær table", "claimDueDate");
  const satsDate = rowOn(rules.salaryInkassosatsDate, on, "rule for the salær's inkassosats", "on");
  const satsOn = satsDate.satsOn === "principal-paid" && paid ? paid : on;
  const sats = rowOn(rules.inkassosats, satsOn, "inkassosats", satsOn === on ? "on" : "principalPaidOn");
  const band = bandFor(table.bands, claim);
  const factor = heavy ? band.heavyHundredths : band.lightHundredths;
  const business = debtor === "business" ? table.businessMultiplier : null;
  const basis = vatAddOnBasisOf(input);
  const vat = basis === "not-vat-liable-business" ? rowOn(rules.salaryVatAddOn, on, "MVA rate", "on") : null;

  // factor/100 × sats × multiplier/100, then × (10 000 + vat basis points)/10 000 — capped toward zero.
  const exact = BigInt(factor) * BigInt(sats.amount.amount) * BigInt(business?.hundredths ?? 100);
  const baseMinor = capMinor(exact, 10_000n);
  const totalMinor = vat ? capMinor(exact * BigInt(10_000 + vat.basisPoints), 100_000_000n) : baseMinor;
  const currency = rules.currency;
  const amount: Money = { amount: Number(totalMinor), currency };
  const base: Money = { amount: Number(baseMinor), currency };

  const satsWhy = satsOn === paid ? `the day the principal was paid` : satsDate.satsOn === "principal-paid" ? `the principal is not yet paid: the calculation day` : `the day charged`;
  const parts = [
    `${heavy ? "tungt" : "lett"} salær ${formatHundredths(factor)} × inkassosats ${formatDecimal(sats.amount)} (${satsOn}, ${satsWhy})`,
    business ? `× ${formatHundredths(business.hundredths)} outside consumer relations` : null,
    vat ? `+ ${formatHundredths(vat.basisPoints)} % MVA (the claim does not stem from VAT-liable business)` : null,
  ].filter((p) => p !== null);
  const bandText = band.upTo ? `claim ≤ ${formatDecimal(band.upTo)}` : "the top band";
  const rows = [table, satsDate, sats, ...(business ? [business] : []), ...(vat ? [vat] : [])];
  return {
    amount,
    base,
    vatAddOn: { amount: amount.amount - base.amount, currency },
    band: { upTo: band.upTo },
    factor: formatHundredths(factor),
    businessMultiplier: business ? formatHundredths(business.hundredths) : null,
    vatRatePercent: vat ? formatHundredths(vat.basisPoints) : null,
    vatAddOnBasis: basis,
    inkassosats: sats.amount,
    inkassosatsOn: satsOn,
    inkassosatsDate: satsDate.satsOn,
    rule: `inkassoforskriften ch. 2 (table for claims due from ${table.validFrom}), ${bandText}: ${parts.join(" ")} = ${formatDecimal(amount)} (a maximum, rounded toward zero)`,
    source: joinSources(...rows.map((r) => r.source)),
    citation: joinCitations(...rows.map((r) => r.citation)),
    confidence: weakestConfidence(table.confidence, ...rows.map((r) => r.confidence)),
    note: [...new Set(rows.map((r) => r.note).filter((n) => n !== null))].join(" ") || null,
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

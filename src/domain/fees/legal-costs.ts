import type { LocalDate } from "../calendar/local-date.js";
import { DomainError } from "../errors.js";
import { type Citation, joinCitations } from "../jurisdictions/citation.js";
import { type Confidence, weakestConfidence } from "../jurisdictions/confidence.js";
import { joinSources, rowOn } from "../jurisdictions/dated-row.js";
import { formatHundredths } from "../jurisdictions/json-reader.js";
import { LEGAL_STEPS, type LegalStep, type NorwegianRuleSet } from "../jurisdictions/no/no-rule-set.js";
import { formatDecimal, type Money } from "../money.js";
import { capFraction, downToWholeUnit } from "./cap-rounding.js";

/**
 * The court/enforcement fee of a legal step: a multiple of the rettsgebyr in force on the day the
 * step is taken, both dated rows — forliksklage (rettsgebyrloven § 7) 1.1 × R since 2022 (1.15 × R
 * before, from 2019 at the latest); begjæring om utlegg (§ 14) 1.21 × R since 2022 (1.25 × R in
 * 2021, 1.7 × R 2016–2020, 1.85 × R in 2015). The product is rounded as the `legalCostRounding`
 * row says: down to the whole krone (rettsgebyrloven § 6 a), so the charge never exceeds the fee
 * actually paid.
 *
 * A year whose rettsgebyr or factor is uncertain (2026, 2027; forliksklage from 2024-07-01) gives
 * a result with confidence "uncertain" and the row's note. A date with no row at all (2028) throws
 * DomainError("date_outside_rule_table", field "on"): an amount is never guessed.
 */
export interface LegalCost {
  readonly step: LegalStep;
  readonly amount: Money;
  readonly rettsgebyr: Money;
  /** "1.21" */
  readonly factor: string;
  readonly rule: string;
  readonly source: string;
  /** The legal basis for people, nb and en. */
  readonly citation: Citation | null;
  readonly confidence: Confidence;
  readonly note: string | null;
}

export function legalCosts({ step, on, rules }: { step: LegalStep; on: LocalDate; rules: NorwegianRuleSet }): LegalCost {
  if (!LEGAL_STEPS.includes(step)) {
    throw new DomainError("invalid_input", `unknown legal step "${step}" (known: ${LEGAL_STEPS.join(", ")})`, "step");
  }
  const gebyr = rowOn(rules.rettsgebyr, on, "rettsgebyr", "on");
  const factor = rowOn(rules.legalCostFactors[step], on, `${step} factor`, "on");
  const rounding = rowOn(rules.legalCostRounding, on, "rounding rule for legal costs", "on");
  const exact = capFraction(gebyr.amount, BigInt(factor.hundredths), 100n);
  const amount = rounding.rounding === "down-to-whole-krone" ? downToWholeUnit(exact) : exact;
  const roundingText = rounding.rounding === "down-to-whole-krone" ? ", rounded down to the whole krone (rettsgebyrloven § 6 a)" : "";
  const rows = [factor, gebyr, rounding];
  return {
    step,
    amount,
    rettsgebyr: gebyr.amount,
    factor: formatHundredths(factor.hundredths),
    rule: `${step}: ${formatHundredths(factor.hundredths)} × rettsgebyr ${formatDecimal(gebyr.amount)} (${on.year}) = ${formatDecimal(amount)}${roundingText}`,
    source: joinSources(...rows.map((r) => r.source)),
    citation: joinCitations(...rows.map((r) => r.citation)),
    confidence: weakestConfidence(factor.confidence, gebyr.confidence, rounding.confidence),
    note: [gebyr.note, factor.note, rounding.note].filter((n) => n !== null).join(" ") || null,
  };
}

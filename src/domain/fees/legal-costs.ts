import type { LocalDate } from "../calendar/local-date.js";
import { DomainError } from "../errors.js";
import { type Confidence, weakestConfidence } from "../jurisdictions/confidence.js";
import { joinSources, rowOn } from "../jurisdictions/dated-row.js";
import { formatHundredths } from "../jurisdictions/json-reader.js";
import { LEGAL_STEPS, type LegalStep, type NorwegianRuleSet } from "../jurisdictions/no/no-rule-set.js";
import { formatDecimal, type Money, multiplyFraction } from "../money.js";

/**
 * The court/enforcement fee of a legal step, as a multiple of the rettsgebyr in force on the day
 * the step is taken (nordic-rules.md N4): forliksklage 1 × R; begjæring om utlegg 1.7 × R since
 * 2016 (1.85 × R before).
 *
 * A year whose rettsgebyr is only approximately known (2022) gives a result with confidence
 * "uncertain" and a note. A date with no rettsgebyr row at all (2026 is not in the sources) throws
 * DomainError("date_outside_rule_table", field "on"): an amount is never guessed.
 */
export interface LegalCost {
  readonly step: LegalStep;
  readonly amount: Money;
  readonly rettsgebyr: Money;
  /** "1.70" */
  readonly factor: string;
  readonly rule: string;
  readonly source: string;
  readonly confidence: Confidence;
  readonly note: string | null;
}

export function legalCosts({ step, on, rules }: { step: LegalStep; on: LocalDate; rules: NorwegianRuleSet }): LegalCost {
  if (!LEGAL_STEPS.includes(step)) {
    throw new DomainError("invalid_input", `unknown legal step "${step}" (known: ${LEGAL_STEPS.join(", ")})`, "step");
  }
  const gebyr = rowOn(rules.rettsgebyr, on, "rettsgebyr", "on");
  const factor = rowOn(rules.legalCostFactors[step], on, `${step} factor`, "on");
  const amount = multiplyFraction(gebyr.amount, BigInt(factor.hundredths), 100n);
  return {
    step,
    amount,
    rettsgebyr: gebyr.amount,
    factor: formatHundredths(factor.hundredths),
    rule: `${step}: ${formatHundredths(factor.hundredths)} × rettsgebyr ${formatDecimal(gebyr.amount)} (${on.year}) = ${formatDecimal(amount)}`,
    source: joinSources(factor.source, gebyr.source),
    confidence: weakestConfidence(factor.confidence, gebyr.confidence),
    note: [gebyr.note, factor.note].filter((n) => n !== null).join(" ") || null,
  };
}

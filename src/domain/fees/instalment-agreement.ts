import type { LocalDate } from "../calendar/local-date.js";
import { rowOn } from "../jurisdictions/dated-row.js";
import type { NorwegianRuleSet } from "../jurisdictions/no/no-rule-set.js";
import { formatDecimal, type Money } from "../money.js";
import { capFraction } from "./cap-rounding.js";

/**
 * The cost of an instalment agreement (avdragsordning), inkassoforskriften § 2-4 første ledd: the
 * maximum rates of §§ 2-2 and 2-3 (the salær) are raised when a payment plan of more than four
 * instalments is agreed. So it is allowed only
 *
 * - for more than four instalments, and
 * - on a case that is charged salær at all (the raise is of the salær's maxima: before the payment
 *   demand's salær there is nothing to raise).
 *
 * The amount: the 1996 text raised the maxima by 1.5 × rettsgebyret (Justisdepartementets
 * tolkningsuttalelse 22.01.1996, regjeringen.no id454710); the rates have since been tied to the
 * inkassosats, and today's raise is reported as 1.5 × inkassosats. No primary text of the current
 * § 2-4 was found: the result is **uncertain** and a creditor charges it only by its setting
 * (`paymentPlan.chargeInstalmentCost`, off by default). The same statement says an agency that
 * agrees a plan without telling the debtor the cost rises has waived it: the plan confirmation
 * states the cost.
 */
export type InstalmentCostDecision =
  | { readonly allowed: false; readonly reason: string }
  | { readonly allowed: true; readonly amount: Money; readonly rule: string; readonly source: string; readonly confidence: "uncertain" };

export const INSTALMENT_COST_SOURCE = "inkassoforskriften § 2-4 første ledd (1.5 × the rate; Justisdepartementet 22.01.1996, regjeringen.no id454710); current amount UNCERTAIN";

export function instalmentAgreementCost(input: { instalments: number; salaryChargedMinor: number; on: LocalDate; rules: NorwegianRuleSet }): InstalmentCostDecision {
  if (input.instalments <= 4) return { allowed: false, reason: "inkassoforskriften § 2-4: only a plan of more than four instalments raises the maxima" };
  if (input.salaryChargedMinor <= 0) return { allowed: false, reason: "inkassoforskriften § 2-4 raises the salær's maxima (§§ 2-2, 2-3): no salær is charged on the case" };
  const sats = rowOn(input.rules.inkassosats, input.on, "inkassosats", "on");
  const amount = capFraction(sats.amount, 150n, 100n);
  return {
    allowed: true,
    amount,
    rule: `A payment plan of ${input.instalments} instalments (more than four): the salær maxima raised by 1.5 × inkassosats ${formatDecimal(sats.amount)} = ${formatDecimal(amount)}`,
    source: INSTALMENT_COST_SOURCE,
    confidence: "uncertain",
  };
}

import type { LocalDate } from "../calendar/local-date.js";
import type { Citation } from "../jurisdictions/citation.js";
import type { Confidence } from "../jurisdictions/confidence.js";
import { rowOn } from "../jurisdictions/dated-row.js";
import type { NorwegianRuleSet } from "../jurisdictions/no/no-rule-set.js";

/**
 * May inkassosalær be claimed for this betalingsoppfordring? Inkassoloven LOV-1988-05-13-26:
 * - § 9: first an inkassovarsel with a deadline of at least 14 days from sending;
 * - § 10: the betalingsoppfordring only after that deadline has expired, with at least 14 days
 *   to pay or object;
 * - § 17: no vederlag when the debtor pays within the inkassovarsel deadline.
 * A notice without a recorded deadline is taken to have the shortest lawful one (sentOn + 14:
 * the last day is the same weekday, not extended over holidays, Ot.prp. nr. 2 (1997–98) s. 114).
 * "Expired" means the demand is sent after the deadline's last day.
 */
export interface SentLetter {
  readonly sentOn: LocalDate;
  readonly deadline?: LocalDate | null;
}

export type SalaryReasonCode =
  | "salary_allowed"
  | "no_collection_notice"
  | "notice_deadline_too_short"
  | "notice_deadline_not_expired"
  | "payment_demand_deadline_too_short";

export interface SalaryEligibility {
  readonly allowed: boolean;
  readonly rule: string;
  readonly source: string;
  readonly citation: Citation | null;
  readonly confidence: Confidence;
  readonly reason: { readonly code: SalaryReasonCode; readonly text: { readonly nb: string; readonly en: string } };
}

export function salaryEligibility(input: { paymentDemand: SentLetter; collectionNotices: readonly SentLetter[]; rules: NorwegianRuleSet }): SalaryEligibility {
  const demand = input.paymentDemand;
  const step = rowOn(input.rules.collectionSteps, demand.sentOn, "collection-step rule", "sentOn");
  const decide = (code: SalaryReasonCode, rule: string, nb: string, en: string): SalaryEligibility => ({
    allowed: code === "salary_allowed",
    rule,
    source: step.source,
    citation: step.citation,
    confidence: step.confidence,
    reason: { code, text: { nb, en } },
  });
  const minNotice = step.noticeMinDeadlineDays;
  const notices = input.collectionNotices.filter((n) => n.sentOn.isBefore(demand.sentOn));
  if (notices.length === 0) {
    return decide(
      "no_collection_notice",
      "inkassoloven § 9: an inkassovarsel must precede any collection step",
      "Det er ikke sendt inkassovarsel før betalingsoppfordringen.",
      "No collection notice was sent before the payment demand.",
    );
  }
  const deadlineOf = (n: SentLetter) => n.deadline ?? n.sentOn.plusDays(minNotice);
  const lawful = notices.filter((n) => n.sentOn.daysUntil(deadlineOf(n)) >= minNotice);
  if (lawful.length === 0) {
    return decide(
      "notice_deadline_too_short",
      `inkassoloven § 9: the inkassovarsel deadline must be at least ${minNotice} days from sending`,
      `Inkassovarselet hadde kortere frist enn ${minNotice} dager.`,
      `The collection notice gave less than ${minNotice} days to pay.`,
    );
  }
  if (!lawful.some((n) => demand.sentOn.isAfter(deadlineOf(n)))) {
    return decide(
      "notice_deadline_not_expired",
      "inkassoloven § 10: the betalingsoppfordring only after the inkassovarsel deadline has expired",
      `Betalingsoppfordringen er sendt før fristen i inkassovarselet (${deadlineOf(lawful[0]!)}) var ute.`,
      `The payment demand was sent before the collection notice's deadline (${deadlineOf(lawful[0]!)}) had passed.`,
    );
  }
  const minDemand = step.paymentDemandMinDeadlineDays;
  if (demand.deadline && demand.sentOn.daysUntil(demand.deadline) < minDemand) {
    return decide(
      "payment_demand_deadline_too_short",
      `inkassoloven § 10: the betalingsoppfordring must give at least ${minDemand} days to pay or object`,
      `Betalingsoppfordringen ga kortere frist enn ${minDemand} dager.`,
      `The payment demand gave less than ${minDemand} days to pay or object.`,
    );
  }
  return decide(
    "salary_allowed",
    "inkassoloven §§ 9, 10: inkassovarsel deadline expired before the betalingsoppfordring was sent",
    "Vilkårene for inkassosalær er oppfylt.",
    "The conditions for collection salary are met.",
  );
}

import type { LocalDate } from "../calendar/local-date.js";
import { DomainError } from "../errors.js";
import { type Citation, joinCitations } from "../jurisdictions/citation.js";
import { type Confidence, weakestConfidence } from "../jurisdictions/confidence.js";
import { joinSources, rowOn } from "../jurisdictions/dated-row.js";
import { FEE_LETTERS, type FeeLetter, type Fraction, type NorwegianRuleSet } from "../jurisdictions/no/no-rule-set.js";
import { formatDecimal, type Money } from "../money.js";
import { capFraction } from "./cap-rounding.js";

/**
 * May the creditor charge a fee for this reminder, collection notice or own payment demand, and
 * how much? Inkassoforskriften §§ 1-2, 1-3 (docs/RULES.md § 5):
 * - a fee only for a letter sent at least 14 days after the due date;
 * - at most 2 purringer + 1 betalingsoppfordring, or 1 purring + 1 inkassovarsel + 1
 *   betalingsoppfordring per claim (any number may be sent; only these may be charged);
 * - the 2nd fee (2nd purring or the inkassovarsel) only if the debtor missed a deadline of at
 *   least 14 days set in the first: we read "the first" as the letter that carried the first fee,
 *   which is never more generous than reading it as the first letter sent;
 * - the creditor's own betalingsoppfordring only after the debtor missed a deadline of at least
 *   14 days set in a purring or inkassovarsel;
 * - the fee is a fraction of the inkassosats: the fraction by the claim's DUE date (1/10 and 3/10
 *   for claims due ≤ 2020-09-30, 1/20 and 3/20 after), the inkassosats by the SENDING date.
 * "Missed" means the letter is sent after the deadline's last day.
 * The fee is a maximum: an exact fraction rounded toward zero (cap-rounding.ts).
 */
export interface PreviousLetter {
  readonly letter: FeeLetter;
  readonly sentOn: LocalDate;
  readonly deadline?: LocalDate | null;
  readonly feeCharged: boolean;
}

export interface LetterFeeInput {
  readonly letter: FeeLetter;
  readonly sentOn: LocalDate;
  readonly claimDueDate: LocalDate;
  readonly previousLetters: readonly PreviousLetter[];
  readonly rules: NorwegianRuleSet;
}

export type LetterFeeReasonCode = "fee_allowed" | "sent_too_soon_after_due" | "fee_limit_reached" | "no_missed_deadline";

export interface LetterFeeDecision {
  readonly allowed: boolean;
  /** Zero when refused. */
  readonly amount: Money;
  readonly rule: string;
  readonly source: string;
  /** The legal basis for people, nb and en. */
  readonly citation: Citation | null;
  readonly confidence: Confidence;
  readonly note: string | null;
  readonly reason: { readonly code: LetterFeeReasonCode; readonly text: { readonly nb: string; readonly en: string } };
}

export function chargeableLetterFee({ letter, sentOn, claimDueDate, previousLetters, rules }: LetterFeeInput): LetterFeeDecision {
  if (!FEE_LETTERS.includes(letter)) {
    throw new DomainError("invalid_input", `unknown letter "${letter}" (known: ${FEE_LETTERS.join(", ")})`, "letter");
  }
  if (sentOn.isBefore(claimDueDate)) {
    throw new DomainError("invalid_input", `the letter is sent ${sentOn}, before the claim falls due ${claimDueDate}`, "sentOn");
  }
  previousLetters.forEach((p, i) => {
    if (p.sentOn.isAfter(sentOn)) {
      throw new DomainError("invalid_input", `a previous letter sent ${p.sentOn} is after this letter (${sentOn})`, `previousLetters[${i}].sentOn`);
    }
    if (p.deadline && p.deadline.isBefore(p.sentOn)) {
      throw new DomainError("invalid_input", `the deadline ${p.deadline} is before the letter was sent (${p.sentOn})`, `previousLetters[${i}].deadline`);
    }
  });

  const regime = rowOn(rules.letterFeeRegimes, claimDueDate, "letter-fee regime", "claimDueDate");
  const sats = rowOn(rules.inkassosats, sentOn, "inkassosats", "sentOn");
  const limits = rowOn(rules.letterFeeLimits, sentOn, "letter-fee limit", "sentOn");
  const fraction: Fraction = letter === "payment-demand-by-creditor" ? regime.paymentDemandByCreditorFee : regime.reminderFee;
  const fee = capFraction(sats.amount, BigInt(fraction.numerator), BigInt(fraction.denominator));
  const source = joinSources(limits.source, regime.source, sats.source);
  const citation = joinCitations(limits.citation, regime.citation, sats.citation);
  const confidence = weakestConfidence(limits.confidence, regime.confidence, sats.confidence);
  const note = [limits.note, regime.note, sats.note].filter((n) => n !== null).join(" ") || null;
  const feeText = `${fraction.numerator}/${fraction.denominator} × inkassosats ${formatDecimal(sats.amount)} (sent ${sentOn}) = ${formatDecimal(fee)}`;

  const refuse = (code: LetterFeeReasonCode, rule: string, nb: string, en: string): LetterFeeDecision => ({
    allowed: false,
    amount: { amount: 0, currency: fee.currency },
    rule,
    source,
    citation,
    confidence,
    note,
    reason: { code, text: { nb, en } },
  });

  const daysAfterDue = claimDueDate.daysUntil(sentOn);
  if (daysAfterDue < limits.minDaysAfterDue) {
    return refuse(
      "sent_too_soon_after_due",
      `inkassoforskriften §§ 1-2, 1-3: a fee only for a letter sent at least ${limits.minDaysAfterDue} days after the due date`,
      `Brevet er sendt ${daysAfterDue} dager etter forfall; gebyr kan bare kreves når det sendes minst ${limits.minDaysAfterDue} dager etter forfall.`,
      `The letter is sent ${daysAfterDue} days after the due date; a fee needs at least ${limits.minDaysAfterDue} days.`,
    );
  }

  const charged = previousLetters.filter((p) => p.feeCharged);
  const counts = { reminder: 0, "collection-notice": 0, "payment-demand-by-creditor": 0 };
  for (const p of charged) counts[p.letter] += 1;
  counts[letter] += 1;
  const fits = limits.maxFeeCombinations.some((max) => FEE_LETTERS.every((l) => counts[l] <= max[l]));
  if (!fits) {
    const combos = limits.maxFeeCombinations.map(describeCombination).join(" or ");
    return refuse(
      "fee_limit_reached",
      `inkassoforskriften § 1-2: at most ${combos} may carry a fee per claim`,
      `Maksimalt antall gebyrer for kravet er nådd (${charged.length} gebyr er allerede krevd).`,
      `The claim already carries the most fees allowed (${charged.length} charged): ${combos}.`,
    );
  }

  const minDeadline = limits.minDeadlineDays;
  const missedLongDeadline = (p: PreviousLetter) => !!p.deadline && p.sentOn.daysUntil(p.deadline) >= minDeadline && sentOn.isAfter(p.deadline);
  if (letter === "payment-demand-by-creditor") {
    const noticed = previousLetters.filter((p) => p.letter !== "payment-demand-by-creditor");
    if (!noticed.some(missedLongDeadline)) {
      return refuse(
        "no_missed_deadline",
        `inkassoforskriften § 1-3: a fee for the creditor's own betalingsoppfordring only after the debtor missed a deadline of at least ${minDeadline} days in a purring or inkassovarsel`,
        `Skyldneren har ikke oversittet en frist på minst ${minDeadline} dager i en purring eller et inkassovarsel.`,
        `The debtor has not missed a deadline of at least ${minDeadline} days set in a reminder or collection notice.`,
      );
    }
  } else {
    const firstFee = charged.filter((p) => p.letter !== "payment-demand-by-creditor").sort((a, b) => a.sentOn.compare(b.sentOn))[0];
    if (firstFee && !missedLongDeadline(firstFee)) {
      return refuse(
        "no_missed_deadline",
        `inkassoforskriften § 1-2: the 2nd fee only if the debtor missed a deadline of at least ${minDeadline} days set in the first letter that carried a fee`,
        `Andre gebyr kan bare kreves når skyldneren har oversittet en frist på minst ${minDeadline} dager i første purring (sendt ${firstFee.sentOn}).`,
        `A 2nd fee needs the debtor to have missed a deadline of at least ${minDeadline} days set in the first letter with a fee (sent ${firstFee.sentOn}).`,
      );
    }
  }

  return {
    allowed: true,
    amount: fee,
    rule: `inkassoforskriften §§ 1-2, 1-3: ${feeText}; fraction by the claim's due date ${claimDueDate}, inkassosats by the sending date`,
    source,
    citation,
    confidence,
    note,
    reason: {
      code: "fee_allowed",
      text: {
        nb: `Gebyr ${formatDecimal(fee)} kr kan kreves (${fraction.numerator}/${fraction.denominator} av inkassosatsen).`,
        en: `A fee of NOK ${formatDecimal(fee)} may be charged (${fraction.numerator}/${fraction.denominator} of the inkassosats).`,
      },
    },
  };
}

function describeCombination(max: Readonly<Record<FeeLetter, number>>): string {
  return FEE_LETTERS.filter((l) => max[l] > 0)
    .map((l) => `${max[l]} ${l}`)
    .join(" + ");
}

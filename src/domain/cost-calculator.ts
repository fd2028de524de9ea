import type { LocalDate } from "./calendar/local-date.js";
import { DomainError } from "./errors.js";
import { type CollectionSalary, heavySalaryApplies, maxCollectionSalary } from "./fees/collection-salary.js";
import { type LegalCost, legalCosts } from "./fees/legal-costs.js";
import { chargeableLetterFee, type LetterFeeDecision, type PreviousLetter } from "./fees/letter-fee.js";
import { salaryEligibility, type SalaryEligibility } from "./fees/salary-eligibility.js";
import type { VatAddOnBasis } from "./fees/vat-add-on.js";
import { joinCitations } from "./jurisdictions/citation.js";
import { computeInterest, type InterestPeriod } from "./interest/compute-interest.js";
import { type Confidence, weakestConfidence } from "./jurisdictions/confidence.js";
import { joinSources } from "./jurisdictions/dated-row.js";
import { LEGAL_STEPS, type LegalStep, type NorwegianRuleSet } from "./jurisdictions/no/no-rule-set.js";
import { rulesFor } from "./jurisdictions/rule-set.js";
import { type Money, sum } from "./money.js";

/**
 * What a Norwegian claim costs the debtor on a date: late interest on the principal from the due
 * date, the fees the creditor may charge for its letters, the maximum inkassosalær after a
 * payment demand and the fees of legal steps — each item with its rule, source and confidence.
 * One pure function for the CLI (`fordring calc`) and the HTTP cost calculator.
 *
 * Not applied (UNCERTAIN, docs/RULES.md § 5): the set-off of purregebyr against salær when a case
 * goes to inkasso; the raised salær for payment plans over 4 instalments (§ 2-4); B2B
 * standardkompensasjon (forsinkelsesrenteloven § 3a), which is not cumulative with these fees.
 */
export type CalculatorLetter = "reminder" | "collection-notice" | "payment-demand";
const CALCULATOR_LETTERS: readonly CalculatorLetter[] = ["reminder", "collection-notice", "payment-demand"];

export interface CostCalculationInput {
  readonly jurisdiction: string;
  readonly principal: Money;
  /** Already moved off weekends and holidays (gjeldsbrevloven § 5). */
  readonly dueDate: LocalDate;
  readonly debtor: "consumer" | "business";
  readonly creditorVatRegistered: boolean;
  /** Where the claim stems from, for the salær's VAT add-on (inkassoforskriften § 2-2); by default from the creditor's registration. */
  readonly vatAddOnBasis?: VatAddOnBasis | null;
  /** In the order they were sent. `payment-demand` is the agency's betalingsoppfordring. */
  readonly letters: readonly { readonly letter: CalculatorLetter; readonly sentOn: LocalDate; readonly deadline?: LocalDate | null }[];
  /** The calculation date, or the date the principal is paid. */
  readonly on: LocalDate;
  /** Force lett (false) or tungt (true) salær; by default derived from the payment demand's deadline. */
  readonly heavy?: boolean;
  readonly legalSteps?: readonly { readonly step: LegalStep; readonly on: LocalDate }[];
  /** A deployment's rule set; the shipped one by default. */
  readonly rules?: NorwegianRuleSet;
}

export interface FeeItem extends LetterFeeDecision {
  readonly letter: "reminder" | "collection-notice";
  readonly sentOn: LocalDate;
}

export interface SalaryItem extends CollectionSalary {
  readonly allowed: boolean;
  readonly heavy: boolean;
  readonly heavyRule: string;
  readonly reason: SalaryEligibility["reason"];
}

export interface CostCalculation {
  readonly jurisdiction: "NO";
  readonly on: LocalDate;
  readonly interest: {
    readonly total: Money;
    readonly from: LocalDate;
    readonly until: LocalDate;
    readonly periods: readonly InterestPeriod[];
    readonly rule: string;
    readonly confidence: Confidence;
  };
  readonly fees: readonly FeeItem[];
  /** null until a payment demand has been sent. */
  readonly salary: SalaryItem | null;
  readonly legalCosts: readonly LegalCost[];
  readonly total: { readonly principal: Money; readonly interest: Money; readonly costs: Money; readonly total: Money };
  /** The weakest confidence of everything that went into the total. */
  readonly confidence: Confidence;
  readonly notes: readonly string[];
}

export function calculateCosts(input: CostCalculationInput): CostCalculation {
  const rules = rulesOf(input);
  const { principal, dueDate, on } = input;
  if (!Number.isSafeInteger(principal.amount) || principal.amount < 0) {
    throw new DomainError("invalid_amount", `${principal.amount} is not a whole, non-negative number of minor units`, "principal");
  }
  if (principal.currency !== rules.currency) {
    throw new DomainError("currency_mismatch", `the principal is in ${principal.currency}; Norwegian claims are in ${rules.currency}`, "principal");
  }
  if (on.isBefore(dueDate)) throw new DomainError("invalid_input", `${on} is before the due date ${dueDate}`, "on");
  checkLetters(input);

  const interest = relabel({ from: "dueDate", until: "on" }, () => computeInterest({ principal, from: dueDate, until: on, rates: rules.lateInterest }));

  const fees: FeeItem[] = [];
  const previous: PreviousLetter[] = [];
  input.letters.forEach((l, i) => {
    if (l.letter === "payment-demand") return;
    const letter = l.letter;
    const decision = relabel({ sentOn: `letters[${i}].sentOn`, claimDueDate: "dueDate" }, () =>
      chargeableLetterFee({ letter, sentOn: l.sentOn, claimDueDate: dueDate, previousLetters: previous, rules }),
    );
    fees.push({ ...decision, letter, sentOn: l.sentOn });
    previous.push({ letter, sentOn: l.sentOn, deadline: l.deadline ?? null, feeCharged: decision.allowed });
  });

  const salary = salaryItem(input, rules);
  const legal = (input.legalSteps ?? []).map((s, i) => relabel({ on: `legalSteps[${i}].on` }, () => legalCosts({ step: s.step, on: s.on, rules })));

  const currency = rules.currency;
  const costs = sum(currency, [...fees.map((f) => f.amount), ...(salary?.allowed ? [salary.amount] : []), ...legal.map((c) => c.amount)]);
  const notes: string[] = [];
  if (salary?.allowed && fees.some((f) => f.allowed)) {
    notes.push("Purregebyr may have to be set off against salær once the case is in collection (fair.no [S], paragraph UNCERTAIN); not deducted here.");
  }
  const confidences = [
    interest.confidence,
    ...fees.filter((f) => f.allowed).map((f) => f.confidence),
    ...(salary?.allowed ? [salary.confidence] : []),
    ...legal.map((c) => c.confidence),
  ];
  return {
    jurisdiction: "NO",
    on,
    interest: { total: interest.interest, from: dueDate, until: on, periods: interest.periods, rule: interest.rule, confidence: interest.confidence },
    fees,
    salary,
    legalCosts: legal,
    total: { principal, interest: interest.interest, costs, total: sum(currency, [principal, interest.interest, costs]) },
    confidence: weakestConfidence(interest.confidence, ...confidences),
    notes,
  };
}

function rulesOf(input: CostCalculationInput): NorwegianRuleSet {
  if (input.jurisdiction === "NO") return input.rules ?? rulesFor("NO");
  const known = rulesFor(input.jurisdiction); // throws unknown_jurisdiction for a code we do not know
  throw new DomainError("unsupported_jurisdiction", `the cost calculator covers NO only; ${known.jurisdiction} has interest rates but no fee rules yet`, "jurisdiction");
}

function checkLetters({ letters, dueDate, on, legalSteps }: CostCalculationInput): void {
  letters.forEach((l, i) => {
    if (!CALCULATOR_LETTERS.includes(l.letter)) {
      throw new DomainError("invalid_input", `unknown letter "${l.letter}" (known: ${CALCULATOR_LETTERS.join(", ")})`, `letters[${i}].letter`);
    }
    const field = `letters[${i}].sentOn`;
    if (l.sentOn.isBefore(dueDate)) throw new DomainError("invalid_input", `${l.sentOn} is before the due date ${dueDate}`, field);
    if (l.sentOn.isAfter(on)) throw new DomainError("invalid_input", `${l.sentOn} is after the calculation date ${on}`, field);
    const before = letters[i - 1];
    if (before && l.sentOn.isBefore(before.sentOn)) throw new DomainError("invalid_input", `letters must be in the order sent; ${l.sentOn} is before ${before.sentOn}`, field);
    if (l.deadline && l.deadline.isBefore(l.sentOn)) {
      throw new DomainError("invalid_input", `the deadline ${l.deadline} is before the letter was sent (${l.sentOn})`, `letters[${i}].deadline`);
    }
  });
  (legalSteps ?? []).forEach((s, i) => {
    if (!LEGAL_STEPS.includes(s.step)) throw new DomainError("invalid_input", `unknown legal step "${s.step}"`, `legalSteps[${i}].step`);
    if (s.on.isBefore(dueDate) || s.on.isAfter(on)) {
      throw new DomainError("invalid_input", `${s.on} is not between the due date ${dueDate} and the calculation date ${on}`, `legalSteps[${i}].on`);
    }
  });
}

function salaryItem(input: CostCalculationInput, rules: NorwegianRuleSet): SalaryItem | null {
  const index = input.letters.findIndex((l) => l.letter === "payment-demand");
  const demand = input.letters[index];
  if (!demand) return null;
  const eligibility = relabel({ sentOn: `letters[${index}].sentOn` }, () =>
    salaryEligibility({ paymentDemand: demand, collectionNotices: input.letters.filter((l) => l.letter === "collection-notice"), rules }),
  );
  let heavy = input.heavy ?? false;
  let heavyRule = "tungt salær as given by the caller";
  if (input.heavy === undefined) {
    if (demand.deadline) {
      heavy = heavySalaryApplies({ paymentDemandDeadline: demand.deadline, today: input.on, rules });
      heavyRule = `inkassoforskriften § 2-3: tungt salær when the payment demand's deadline ${demand.deadline} is overrun by more than 28 days on ${input.on}`;
    } else {
      heavyRule = "lett salær: the payment demand's deadline is not given, so an overrun cannot be shown (inkassoforskriften § 2-3)";
    }
  }
  const salary = relabel({ claimDueDate: "dueDate", claim: "principal" }, () =>
    maxCollectionSalary({
      // "krav" = principal + interest accrued before the due date; late interest only runs after it.
      claim: input.principal,
      debtor: input.debtor,
      heavy,
      creditorVatRegistered: input.creditorVatRegistered,
      vatAddOnBasis: input.vatAddOnBasis ?? null,
      claimDueDate: input.dueDate,
      on: input.on,
      rules,
    }),
  );
  const zero = { amount: 0, currency: salary.amount.currency };
  const amounts = eligibility.allowed ? {} : { amount: zero, base: zero, vatAddOn: zero };
  return {
    ...salary,
    ...amounts,
    rule: `${eligibility.rule}; ${salary.rule}`,
    source: joinSources(eligibility.source, salary.source),
    citation: joinCitations(eligibility.citation, salary.citation),
    confidence: weakestConfidence(eligibility.confidence, salary.confidence),
    allowed: eligibility.allowed,
    heavy,
    heavyRule,
    reason: eligibility.reason,
  };
}

/** Runs `fn`, renaming the `field` of a DomainError to the caller's name for that input. */
function relabel<T>(fields: Readonly<Record<string, string>>, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof DomainError && e.field !== undefined && fields[e.field] !== undefined) {
      throw new DomainError(e.code, e.message.replace(`${e.field}: `, ""), fields[e.field]);
    }
    throw e;
  }
}

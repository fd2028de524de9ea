import { calendarFor } from "../../domain/calendar/business-calendar.js";
import { DUE_DATE_RULES } from "../../domain/calendar/due-date.js";
import { LocalDate } from "../../domain/calendar/local-date.js";
import { calculateCosts, type CalculatorLetter } from "../../domain/cost-calculator.js";
import { DomainError } from "../../domain/errors.js";
import { maxCollectionSalary } from "../../domain/fees/collection-salary.js";
import { computeInterest } from "../../domain/interest/compute-interest.js";
import type { LegalStep } from "../../domain/jurisdictions/no/no-rule-set.js";
import { isJurisdiction, type Jurisdiction } from "../../domain/jurisdictions/rule-set.js";
import { parseCurrency, parseMoney, parseNonNegativeMoney, type Currency } from "../../domain/money.js";
import type { RuleBook } from "../../platform/rule-book.js";
import { toWire } from "../../platform/wire.js";

/**
 * The calculator use cases behind `fordring calc …` and `/v1/calculator/…`: wire input
 * (decimal strings, ISO dates) in, the rule core's answer with every source out.
 */
function jurisdictionOf(code: string | undefined, field = "jurisdiction"): Jurisdiction {
  const j = (code ?? "NO").toUpperCase();
  if (!isJurisdiction(j)) throw new DomainError("unknown_jurisdiction", `unknown jurisdiction "${code}" (known: NO, SE, FI)`, field);
  return j;
}

/** The currency asked for, else the jurisdiction's own (its rule set's). */
function currencyOf(code: string | undefined, j: Jurisdiction, rules: RuleBook): Currency {
  return code === undefined ? rules[j].currency : parseCurrency(code);
}

/** The due date from which interest runs (gjeldsbrevloven § 5 for NO), with what it skipped. */
export function dueDateQuote(input: { date: string; jurisdiction?: string }) {
  const j = jurisdictionOf(input.jurisdiction);
  const date = LocalDate.parse(input.date, "date");
  const calendar = calendarFor(j);
  const due = calendar.nextBusinessDay(date);
  const skipped: { date: string; why: string }[] = [];
  for (let d = date; d.isBefore(due); d = d.plusDays(1)) {
    const h = calendar.holidayName(d);
    skipped.push({ date: d.toString(), why: h ? h.en : d.dayOfWeek === 6 ? "Saturday" : "Sunday" });
  }
  const rule = DUE_DATE_RULES[j];
  return { due: due.toString(), moved: !due.equals(date), skipped, rule: rule.rule, source: rule.source };
}

export interface InterestQuoteInput {
  principal: string;
  due: string;
  until: string;
  jurisdiction?: string;
  currency?: string;
}

export function interestQuote(input: InterestQuoteInput, rules: RuleBook) {
  const j = jurisdictionOf(input.jurisdiction);
  const currency = currencyOf(input.currency, j, rules);
  const principal = parseNonNegativeMoney(input.principal, currency, "principal");
  const agreedDue = LocalDate.parse(input.due, "due");
  const until = LocalDate.parse(input.until, "until");
  const from = calendarFor(j).nextBusinessDay(agreedDue);
  if (until.isBefore(from)) throw new DomainError("invalid_period", `until ${until} is before the due date ${from}`, "until");
  const result = relabelFields({ from: "due", until: "until", principal: "principal" }, () =>
    computeInterest({ principal, from, until, rates: rules[j].lateInterest }),
  );
  return toWire({
    jurisdiction: j,
    currency,
    principal,
    from,
    until,
    ...(from.equals(agreedDue) ? {} : { dueMovedFrom: agreedDue, dueRule: DUE_DATE_RULES[j].source }),
    interest: result.interest,
    days: from.daysUntil(until),
    periods: result.periods,
    confidence: result.confidence,
    rule: result.rule,
  });
}

export interface SalaryQuoteInput {
  principal: string;
  debtor: string;
  heavy?: boolean;
  notVatRegistered?: boolean;
  on: string;
  due?: string;
}

export function salaryQuote(input: SalaryQuoteInput, rules: RuleBook) {
  if (input.debtor !== "consumer" && input.debtor !== "business") {
    throw new DomainError("invalid_input", `"${input.debtor}" is not a debtor type (consumer or business)`, "debtor");
  }
  // Salær is Norwegian (inkassoforskriften ch. 2): the claim is in the Norwegian rule set's currency.
  const claim = parseNonNegativeMoney(input.principal, rules.NO.currency, "principal");
  const on = LocalDate.parse(input.on, "on");
  const claimDueDate = input.due ? LocalDate.parse(input.due, "due") : on;
  const salary = relabelFields({ on: "on", claimDueDate: "due", claim: "principal" }, () =>
    maxCollectionSalary({ claim, debtor: input.debtor as "consumer" | "business", heavy: !!input.heavy, creditorVatRegistered: !input.notVatRegistered, claimDueDate, on, rules: rules.NO }),
  );
  return toWire({ jurisdiction: "NO" as const, currency: rules.NO.currency, debtor: input.debtor, heavy: !!input.heavy, creditorVatRegistered: !input.notVatRegistered, ...salary });
}

export interface CostQuoteInput {
  jurisdiction?: string;
  principal: string;
  currency?: string;
  dueDate: string;
  debtor: "consumer" | "business";
  creditorVatRegistered: boolean;
  letters: { letter: CalculatorLetter; sentOn: string; deadline?: string | null }[];
  legalSteps?: { step: LegalStep; on: string }[];
  on: string;
  heavy?: boolean;
}

export function costQuote(input: CostQuoteInput, rules: RuleBook) {
  const j = jurisdictionOf(input.jurisdiction);
  const currency = currencyOf(input.currency, j, rules);
  const principal = parseMoney(input.principal, currency, "principal");
  const agreedDue = LocalDate.parse(input.dueDate, "dueDate");
  const dueDate = calendarFor(j).nextBusinessDay(agreedDue);
  const calc = calculateCosts({
    jurisdiction: j,
    principal,
    dueDate,
    debtor: input.debtor,
    creditorVatRegistered: input.creditorVatRegistered,
    letters: input.letters.map((l, i) => ({
      letter: l.letter,
      sentOn: LocalDate.parse(l.sentOn, `letters[${i}].sentOn`),
      deadline: l.deadline ? LocalDate.parse(l.deadline, `letters[${i}].deadline`) : null,
    })),
    legalSteps: (input.legalSteps ?? []).map((s, i) => ({ step: s.step, on: LocalDate.parse(s.on, `legalSteps[${i}].on`) })),
    on: LocalDate.parse(input.on, "on"),
    ...(input.heavy === undefined ? {} : { heavy: input.heavy }),
    ...(j === "NO" ? { rules: rules.NO } : {}),
  });
  return toWire({ currency, ...(dueDate.equals(agreedDue) ? {} : { dueMovedFrom: agreedDue }), dueDate, ...calc });
}

/** Renames the `field` of a DomainError thrown inside, so errors speak the caller's names. */
function relabelFields<T>(names: Record<string, string>, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof DomainError && e.field && names[e.field] && names[e.field] !== e.field) {
      throw new DomainError(e.code, e.message.replace(/^[^:]+: /, ""), names[e.field]);
    }
    throw e;
  }
}

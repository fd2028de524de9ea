import { LocalDate } from "../calendar/local-date.js";
import { DomainError, invalidInput } from "../errors.js";
import { type Citation, joinCitations } from "../jurisdictions/citation.js";
import { type Confidence, weakestConfidence } from "../jurisdictions/confidence.js";
import { joinSources, rowOn } from "../jurisdictions/dated-row.js";
import type { SwedishFee, SwedishRuleSet } from "../jurisdictions/se/se-rule-set.js";
import type { Money } from "../money.js";
import { type CollectionDemandLetter, validateCollectionDemand } from "./collection-demand.js";
import { decimal, kronor, reason, type SwedishReason } from "./reason.js";

/**
 * May the creditor charge this Swedish collection fee, and how much? Lag (1981:739) om ersättning
 * för inkassokostnader m.m. (amounts in 4 § since SFS 2013:56, as dated rows of `se-rules.json`):
 *
 * - **påminnelseavgift** (2 §, 4 § 1; max 60 kr): for a written payment reminder, only if the fee
 *   was agreed at the latest when the debt arose ("senast i samband med skuldens uppkomst"). The
 *   statute asks for an agreement, not a written one; the product records it as
 *   `reminderFeeAgreed` (issue 16 item 5: "agreed in writing before the debt arose"), because the
 *   creditor must be able to prove it;
 * - **inkassoersättning** (3 § 1, 4 § 2; max 180 kr): for a demand formed as inkassolagen
 *   (1974:182) 5 § says and handed over or sent to the debtor (`validateCollectionDemand`);
 * - **amorteringsplan** (3 § 2, 4 § 3; max 170 kr): for a complete plan for the whole remaining
 *   debt, made in consultation with the debtor, in writing and handed over or sent;
 * - 4 § first paragraph: only costs "skäligen påkallade"; how many of each one claim may carry is
 *   not in the statute — `feeLimits` (uncertain) says one of each;
 * - **combinations**: a påminnelseavgift, an inkassoersättning and an amorteringsplan fee may all
 *   be charged on one claim (they are separate grounds, 2 § and 3 § 1–2). Between businesses,
 *   where the creditor has dröjsmålsränta and so förseningsersättning (4 a §, 450 kr), the §§ 2–3
 *   fees are charged only as far as together they exceed the förseningsersättning (the fixed sum
 *   already compensates the recovery costs; Directive 2011/7/EU art. 6) — with today's amounts
 *   (60 + 180 + 170 = 410 < 450) nothing more. That offset is our reading and marked uncertain.
 *
 * A fee is never charged for a letter sent before the claim fell due. The amount is the row's
 * maximum (4 §: "med högst"); it is never exceeded.
 */
export type SwedishFeeKind = "reminder" | "collection-demand" | "payment-plan";
export const SWEDISH_FEE_KINDS: readonly SwedishFeeKind[] = ["reminder", "collection-demand", "payment-plan"];

const ROW_OF: Readonly<Record<SwedishFeeKind, SwedishFee>> = {
  reminder: "reminder",
  "collection-demand": "collectionDemand",
  "payment-plan": "paymentPlan",
};

/** A fee an earlier decision allowed on this claim (refused ones are not listed). */
export interface PreviousSwedishFee {
  readonly fee: SwedishFeeKind;
  readonly on: LocalDate;
  /** What was actually charged: the maximum, or less (0) when the förseningsersättning absorbed it. */
  readonly amount: Money;
}

/** An amorteringsplan as 1981:739 3 § 2 describes it. */
export interface PaymentPlanFacts {
  /** Covers the whole remaining debt ("fullständig plan för amortering av återstående del av skulden"). */
  readonly coversWholeRemainingDebt: boolean;
  /** Made in consultation with the debtor ("tillkommit i samråd med gäldenären"). */
  readonly agreedWithDebtor: boolean;
  /** Set up in writing and handed over or sent to the debtor. */
  readonly writtenAndSent: boolean;
}

export interface SwedishFeeInput {
  readonly fee: SwedishFeeKind;
  /** The day the letter or plan is sent. */
  readonly on: LocalDate;
  readonly claimDueDate: LocalDate;
  readonly debtorType: "consumer" | "business";
  /** 2 §: a påminnelseavgift was agreed at the latest when the debt arose. */
  readonly reminderFeeAgreed?: boolean;
  /** When known: the day it was agreed and the day the debt arose (agreed later → no fee). */
  readonly reminderFeeAgreedOn?: LocalDate | null;
  readonly debtAroseOn?: LocalDate | null;
  /** The inkassokrav, for an inkassoersättning (3 § 1 needs a demand formed per inkassolagen 5 §). */
  readonly collectionDemand?: CollectionDemandLetter | null;
  /** The plan, for an amorteringsplan fee (3 § 2). */
  readonly paymentPlan?: PaymentPlanFacts | null;
  /** Business debtor: förseningsersättning (4 a §) is charged on this claim. */
  readonly lateCompensationCharged?: boolean;
  readonly previousFees: readonly PreviousSwedishFee[];
  readonly rules: SwedishRuleSet;
}

export type SwedishFeeReasonCode =
  | "fee_allowed"
  | "fee_reduced_by_late_compensation"
  | "not_overdue"
  | "reminder_fee_not_agreed"
  | "reminder_fee_agreed_too_late"
  | "collection_demand_incomplete"
  | "payment_plan_incomplete"
  | "fee_limit_reached"
  | "absorbed_by_late_compensation";

export interface SwedishFeeDecision {
  readonly fee: SwedishFeeKind;
  readonly allowed: boolean;
  /** Zero when refused. */
  readonly amount: Money;
  /** The statutory maximum on the day. */
  readonly maximum: Money;
  readonly rule: string;
  readonly source: string;
  /** The legal basis for people, nb, en and sv. */
  readonly citation: Citation | null;
  readonly confidence: Confidence;
  readonly note: string | null;
  readonly reason: SwedishReason<SwedishFeeReasonCode>;
}

const FEE_NAMES: Readonly<Record<SwedishFeeKind, { sv: string; en: string; paragraph: string }>> = {
  reminder: { sv: "påminnelseavgift", en: "reminder fee", paragraph: "2 §, 4 § 1" },
  "collection-demand": { sv: "inkassoersättning", en: "collection fee", paragraph: "3 § 1, 4 § 2" },
  "payment-plan": { sv: "ersättning för amorteringsplan", en: "payment-plan fee", paragraph: "3 § 2, 4 § 3" },
};

export function chargeableSwedishFee(input: SwedishFeeInput): SwedishFeeDecision {
  const { fee, on, claimDueDate, rules } = input;
  if (!SWEDISH_FEE_KINDS.includes(fee)) throw invalidInput("fee", `unknown fee "${String(fee)}" (known: ${SWEDISH_FEE_KINDS.join(", ")})`);
  if (!(on instanceof LocalDate)) throw invalidInput("on", "is not a date");
  if (!(claimDueDate instanceof LocalDate)) throw invalidInput("claimDueDate", "is not a date");
  if (input.debtorType !== "consumer" && input.debtorType !== "business") throw invalidInput("debtorType", `"${String(input.debtorType)}" is not consumer or business`);
  input.previousFees.forEach((p, i) => {
    if (!SWEDISH_FEE_KINDS.includes(p.fee)) throw invalidInput(`previousFees[${i}].fee`, `unknown fee "${String(p.fee)}"`);
    if (p.on.isAfter(on)) throw invalidInput(`previousFees[${i}].on`, `a previous fee on ${p.on} is after this one (${on})`);
    if (p.amount.currency !== rules.currency) throw new DomainError("currency_mismatch", `a previous fee in ${p.amount.currency} on a ${rules.currency} claim`, `previousFees[${i}].amount`);
  });

  const row = rowOn(rules.fees[ROW_OF[fee]], on, FEE_NAMES[fee].en, "on");
  const limits = rowOn(rules.feeLimits, on, "fee limits", "on");
  const maximum = row.amount;
  const name = FEE_NAMES[fee];
  const base = {
    fee,
    maximum,
    source: joinSources(row.source, limits.source),
    citation: joinCitations(row.citation, limits.citation),
    confidence: weakestConfidence(row.confidence, limits.confidence),
    note: [row.note, limits.note].filter((n) => n !== null).join(" ") || null,
  };
  const zero: Money = { amount: 0, currency: maximum.currency };
  const refuse = (code: SwedishFeeReasonCode, rule: string, sv: string, en: string): SwedishFeeDecision => ({
    ...base,
    allowed: false,
    amount: zero,
    rule,
    reason: reason(code, sv, en),
  });

  if (!on.isAfter(claimDueDate)) {
    return refuse("not_overdue", `lag (1981:739) 1 §: costs for measures to have a debt paid once it has fallen due`, `Skulden förföll ${claimDueDate}; ingen ${name.sv} för ett brev som skickas ${on}.`, `The debt fell due ${claimDueDate}; no ${name.en} for a letter sent ${on}.`);
  }

  if (fee === "reminder") {
    if (input.reminderFeeAgreed !== true) {
      return refuse("reminder_fee_not_agreed", "lag (1981:739) 2 §: a påminnelseavgift only if agreed at the latest when the debt arose", "Påminnelseavgift har inte avtalats senast när skulden uppkom.", "A reminder fee was not agreed at the latest when the debt arose.");
    }
    const agreedOn = input.reminderFeeAgreedOn ?? null;
    const aroseOn = input.debtAroseOn ?? null;
    if (agreedOn && aroseOn && agreedOn.isAfter(aroseOn)) {
      return refuse("reminder_fee_agreed_too_late", "lag (1981:739) 2 §: the agreement must be made at the latest when the debt arose", `Avgiften avtalades ${agreedOn}, efter att skulden uppkom ${aroseOn}.`, `The fee was agreed ${agreedOn}, after the debt arose ${aroseOn}.`);
    }
  }
  if (fee === "collection-demand") {
    const letter = input.collectionDemand;
    const verdict = letter ? validateCollectionDemand(letter, rules) : null;
    if (!verdict || !verdict.valid) {
      const missing = verdict ? verdict.defects.filter((d) => d.severity === "required").map((d) => d.code).join(", ") : "no inkassokrav given";
      return refuse("collection_demand_incomplete", "lag (1981:739) 3 § 1: inkassoersättning only for a demand formed as inkassolagen (1974:182) 5 § says", `Inkassokravet uppfyller inte 5 § inkassolagen (${missing}).`, `The collection demand does not meet inkassolagen 5 § (${missing}).`);
    }
  }
  if (fee === "payment-plan") {
    const plan = input.paymentPlan;
    if (!plan || !plan.coversWholeRemainingDebt || !plan.agreedWithDebtor || !plan.writtenAndSent) {
      return refuse("payment_plan_incomplete", "lag (1981:739) 3 § 2: a complete plan for the whole remaining debt, made with the debtor, in writing and sent", "Amorteringsplanen är inte fullständig, gjord i samråd med gäldenären och skickad skriftligt.", "The payment plan is not complete, agreed with the debtor and sent in writing.");
    }
  }

  const allowedCount = fee === "reminder" ? limits.reminderFeesPerClaim : fee === "collection-demand" ? limits.collectionDemandFeesPerClaim : limits.paymentPlanFeesPerClaim;
  const charged = input.previousFees.filter((p) => p.fee === fee).length;
  if (charged >= allowedCount) {
    return refuse("fee_limit_reached", `lag (1981:739) 4 § ("skäligen påkallade"); feeLimits: at most ${allowedCount} ${name.en} per claim`, `Kravet bär redan ${charged} ${name.sv}; högst ${allowedCount} tas ut.`, `The claim already carries ${charged} ${name.en}; at most ${allowedCount} is charged.`);
  }

  if (input.debtorType === "business" && input.lateCompensationCharged === true) {
    const compensation = rowOn(rules.fees.lateCompensation, on, "förseningsersättning", "on");
    // The 2–3 §§ fees are owed only beyond the förseningsersättning: what the fees earned so far
    // plus this one's maximum exceed it by, less what was already charged.
    const earnedBefore = input.previousFees.reduce((a, p) => a + rowOn(rules.fees[ROW_OF[p.fee]], p.on, FEE_NAMES[p.fee].en, "previousFees.on").amount.amount, 0);
    const chargedBefore = input.previousFees.reduce((a, p) => a + p.amount.amount, 0);
    const beyond = Math.min(maximum.amount, Math.max(0, earnedBefore + maximum.amount - compensation.amount.amount - chargedBefore));
    const offset = {
      ...base,
      source: joinSources(base.source, compensation.source),
      citation: joinCitations(base.citation, compensation.citation),
      confidence: weakestConfidence(base.confidence, "uncertain"),
      note: [base.note, "The offset of the 2–3 §§ fees against the förseningsersättning (4 a §) is our reading of the statute and Directive 2011/7/EU art. 6; the statute's wording was not checked."].filter((n) => n !== null).join(" "),
    };
    const rule = `lag (1981:739) 4 a §: förseningsersättning ${kronor(compensation.amount.amount)} kr covers the recovery costs; the ${name.sv} only as far as the fees exceed it`;
    if (beyond === 0) {
      return { ...offset, allowed: false, amount: zero, rule, reason: reason("absorbed_by_late_compensation", `${name.sv} ingår i förseningsersättningen (${kronor(compensation.amount.amount)} kr).`, `The ${name.en} is covered by the late-payment compensation (SEK ${decimal(compensation.amount.amount)}).`) };
    }
    return { ...offset, allowed: true, amount: { amount: beyond, currency: maximum.currency }, rule, reason: reason("fee_reduced_by_late_compensation", `${kronor(beyond)} kr av ${name.sv} överstiger förseningsersättningen och kan tas ut.`, `SEK ${decimal(beyond)} of the ${name.en} exceeds the late-payment compensation and may be charged.`) };
  }

  return {
    ...base,
    allowed: true,
    amount: maximum,
    rule: `lag (1981:739) ${name.paragraph}: at most ${kronor(maximum.amount)} kr (row from ${row.validFrom})`,
    reason: reason("fee_allowed", `${name.sv[0]!.toUpperCase()}${name.sv.slice(1)} ${kronor(maximum.amount)} kr kan tas ut.`, `A ${name.en} of SEK ${decimal(maximum.amount)} may be charged.`),
  };
}

export interface LateCompensationDecision {
  readonly allowed: boolean;
  readonly amount: Money;
  readonly rule: string;
  readonly source: string;
  readonly citation: Citation | null;
  readonly confidence: Confidence;
  readonly reason: SwedishReason<"late_compensation_due" | "consumer_debtor" | "no_late_interest" | "already_charged">;
}

/**
 * Förseningsersättning (lag (1981:739) 4 a §, 450 kr): between businesses (or a business and an
 * authority) when the creditor has the right to dröjsmålsränta on a payment for goods or services;
 * once per claim.
 */
export function chargeableLateCompensation(input: { on: LocalDate; debtorType: "consumer" | "business"; lateInterestAccrues: boolean; alreadyCharged: boolean; rules: SwedishRuleSet }): LateCompensationDecision {
  const row = rowOn(input.rules.fees.lateCompensation, input.on, "förseningsersättning", "on");
  const base = { source: row.source, citation: row.citation, confidence: row.confidence, rule: `lag (1981:739) 4 a §: ${kronor(row.amount.amount)} kr between businesses when dröjsmålsränta accrues` };
  const no = (code: "consumer_debtor" | "no_late_interest" | "already_charged", sv: string, en: string): LateCompensationDecision => ({ ...base, allowed: false, amount: { amount: 0, currency: row.amount.currency }, reason: reason(code, sv, en) });
  if (input.debtorType !== "business") return no("consumer_debtor", "Förseningsersättning tas inte ut av en konsument.", "No late-payment compensation from a consumer.");
  if (!input.lateInterestAccrues) return no("no_late_interest", "Borgenären har ännu inte rätt till dröjsmålsränta.", "The creditor has no right to late interest yet.");
  if (input.alreadyCharged) return no("already_charged", "Förseningsersättning är redan uttagen för fordran.", "Late-payment compensation is already charged on the claim.");
  return { ...base, allowed: true, amount: row.amount, reason: reason("late_compensation_due", `Förseningsersättning ${kronor(row.amount.amount)} kr.`, `Late-payment compensation of SEK ${decimal(row.amount.amount)}.`) };
}

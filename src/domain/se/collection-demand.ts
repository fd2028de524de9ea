import { calendarFor } from "../calendar/business-calendar.js";
import { LocalDate } from "../calendar/local-date.js";
import { DomainError, invalidInput } from "../errors.js";
import { type Citation, joinCitations } from "../jurisdictions/citation.js";
import { type Confidence, weakestConfidence } from "../jurisdictions/confidence.js";
import { joinSources, rowOn } from "../jurisdictions/dated-row.js";
import type { SwedishRuleSet } from "../jurisdictions/se/se-rule-set.js";
import type { Money } from "../money.js";
import { decimal, kronor, reason, type SwedishReason } from "./reason.js";

/**
 * The Swedish inkassokrav (the scenario's `collection-notice`): what it must say and the deadline
 * it must give.
 *
 * **Content** — inkassolagen (1974:182) 5 §: the demand is in writing; it states clearly the
 * creditor's name and what the claim rests on; principal, interest and costs are stated each for
 * itself; for interest, the interest accrued, the rate, and the period and principal it is
 * computed on; and a reasonable time within which the debtor is to pay or say that he objects.
 * IMY (god inkassosed) adds that the letter should say what happens if the debtor neither pays nor
 * objects; that is checked as a recommendation. A demand formed this way is also what entitles the
 * creditor to inkassoersättning (lag (1981:739) 3 § 1) — `fees.ts` asks this validator.
 *
 * **Deadline** — god inkassosed (IMY): not shorter than 8 days from the day the demand is sent,
 * and the debtor should have at least 4 bank days after the presumed receipt. Both figures and the
 * presumed days of delivery are dated rows of `se-rules.json` (`collectionDemandDeadline`,
 * `presumedReceipt`; the latter is an assumption marked uncertain). Bank days are Swedish business
 * days (`holidays-se.ts`: no weekends, allmänna helgdagar, midsommarafton, julafton, nyårsafton).
 * A last day that is not a bank day moves to the next one (lag (1930:173) 2 §, by analogy), so the
 * debtor never has fewer days than the rule gives. Only after the deadline may the agency apply
 * for betalningsföreläggande.
 */
const SE = calendarFor("SE");

export type DeliveryChannel = "post" | "digital";
export const DELIVERY_CHANNELS: readonly DeliveryChannel[] = ["post", "digital"];

/**
 * The bank day a letter sent on `sentOn` is presumed to reach the debtor (`presumedReceipt` rows:
 * an assumption, marked uncertain). A påminnelse or inkassokrav interrupts preskription from this
 * day (preskriptionslagen 5 § 2: a demand the debtor *receives*).
 */
export function presumedReceipt({ sentOn, channel = "post", rules }: { sentOn: LocalDate; channel?: DeliveryChannel; rules: SwedishRuleSet }): LocalDate {
  if (!(sentOn instanceof LocalDate)) throw invalidInput("sentOn", "is not a date");
  if (!DELIVERY_CHANNELS.includes(channel)) throw invalidInput("channel", `"${String(channel)}" is not one of ${DELIVERY_CHANNELS.join(", ")}`);
  const row = rowOn(rules.presumedReceipt, sentOn, "presumed receipt", "sentOn");
  return SE.addBusinessDays(sentOn, channel === "post" ? row.postBankDays : row.digitalBankDays);
}

export interface CollectionDemandDeadline {
  readonly deadline: LocalDate;
  /** The earliest deadline god inkassosed allows for this sending date and channel. */
  readonly earliestAllowed: LocalDate;
  /** The bank day the debtor is presumed to have the letter. */
  readonly presumedReceipt: LocalDate;
  readonly rule: string;
  readonly source: string;
  readonly citation: Citation | null;
  readonly confidence: Confidence;
  readonly note: string | null;
}

export interface CollectionDemandDeadlineInput {
  readonly sentOn: LocalDate;
  readonly channel?: DeliveryChannel;
  /** Days from sending the creditor wants to give; at least the rule's minimum. Default: the minimum. */
  readonly days?: number;
  readonly rules: SwedishRuleSet;
}

export function collectionDemandDeadline({ sentOn, channel = "post", days, rules }: CollectionDemandDeadlineInput): CollectionDemandDeadline {
  if (!(sentOn instanceof LocalDate)) throw invalidInput("sentOn", "is not a date");
  if (!DELIVERY_CHANNELS.includes(channel)) throw invalidInput("channel", `"${String(channel)}" is not one of ${DELIVERY_CHANNELS.join(", ")}`);
  const limits = rowOn(rules.collectionDemandDeadline, sentOn, "inkassokrav deadline rule", "sentOn");
  const receiptRow = rowOn(rules.presumedReceipt, sentOn, "presumed receipt", "sentOn");
  const wanted = days ?? limits.minDaysFromSending;
  if (!Number.isSafeInteger(wanted)) throw invalidInput("days", `${wanted} is not a whole number of days`);
  if (wanted < limits.minDaysFromSending) {
    throw new DomainError("deadline_too_short", `a deadline of ${wanted} days is shorter than the ${limits.minDaysFromSending} days god inkassosed requires (IMY)`, "days");
  }
  const transit = channel === "post" ? receiptRow.postBankDays : receiptRow.digitalBankDays;
  const presumedReceipt = SE.addBusinessDays(sentOn, transit);
  const afterReceipt = SE.addBusinessDays(presumedReceipt, limits.minBankDaysAfterReceipt);
  const latest = (a: LocalDate, b: LocalDate) => (a.isAfter(b) ? a : b);
  const earliestAllowed = SE.nextBusinessDay(latest(sentOn.plusDays(limits.minDaysFromSending), afterReceipt));
  const deadline = SE.nextBusinessDay(latest(sentOn.plusDays(wanted), afterReceipt));
  return {
    deadline,
    earliestAllowed,
    presumedReceipt,
    rule:
      `at least ${limits.minDaysFromSending} days from sending (${sentOn}) and ${limits.minBankDaysAfterReceipt} bank days after the presumed receipt ` +
      `(${presumedReceipt}, ${transit} bank days by ${channel}); ${wanted} days asked; a last day off moves to the next bank day`,
    source: joinSources(limits.source, receiptRow.source, "lag (1930:173) om beräkning av lagstadgad tid 2 § (by analogy)"),
    citation: joinCitations(limits.citation, receiptRow.citation),
    confidence: weakestConfidence(limits.confidence, receiptRow.confidence),
    note: [limits.note, receiptRow.note].filter((n) => n !== null).join(" ") || null,
  };
}

/** The letter model's fields the law asks for (a subset of what the letter shows). */
export interface CollectionDemandLetter {
  readonly sentOn: LocalDate;
  readonly channel?: DeliveryChannel;
  /** Borgenären: the creditor's name (not only the agency's). */
  readonly creditorName: string;
  /** The agency sending the demand on the creditor's behalf, if any, and how to reach it. */
  readonly agency?: { readonly name: string; readonly contact: string } | null;
  /** What the claim rests on: "faktura 10023 av 2025-03-01 för konsulttjänster", not "tjänster". */
  readonly claimBasis: string;
  readonly principal: Money;
  /** Accrued interest stated on its own; zero when none is claimed yet. */
  readonly interest: Money;
  /** How the interest was computed; required when interest is claimed. */
  readonly interestBasis?: {
    readonly ratePercent: string;
    readonly from: LocalDate;
    readonly to: LocalDate;
    readonly principal: Money;
  } | null;
  /** Each cost on its own line (påminnelseavgift, inkassoersättning, …). */
  readonly costs: readonly { readonly label: string; readonly amount: Money }[];
  /** The total the letter asks for, if it states one: must be principal + interest + costs. */
  readonly total?: Money | null;
  /** The last day to pay or object. */
  readonly deadline: LocalDate;
  /** How and where the debtor objects (bestrider) the claim. */
  readonly objectionInstruction: string;
  /** What happens if the debtor neither pays nor objects (IMY: should be said). */
  readonly consequences?: string | null;
}

export type CollectionDemandDefectCode =
  | "creditor_missing"
  | "claim_basis_missing"
  | "currency_mismatch"
  | "negative_amount"
  | "cost_label_missing"
  | "total_wrong"
  | "interest_basis_missing"
  | "interest_basis_invalid"
  | "deadline_too_short"
  | "objection_instruction_missing"
  | "consequences_missing";

export interface CollectionDemandDefect {
  readonly code: CollectionDemandDefectCode;
  /** The letter model's field. */
  readonly field: string;
  /** `required` by inkassolagen 5 §; `recommended` by god inkassosed. */
  readonly severity: "required" | "recommended";
  readonly source: string;
  readonly reason: SwedishReason<CollectionDemandDefectCode>;
}

export interface CollectionDemandVerdict {
  /** No required content is missing: the demand meets inkassolagen 5 § (and so 1981:739 3 § 1). */
  readonly valid: boolean;
  readonly defects: readonly CollectionDemandDefect[];
  /** The earliest deadline god inkassosed allows for this letter. */
  readonly earliestDeadline: CollectionDemandDeadline;
}

const SOURCE_5 = "inkassolagen (1974:182) 5 §";
const SOURCE_IMY = "god inkassosed (imy.se: what an inkassokrav should say)";

export function validateCollectionDemand(letter: CollectionDemandLetter, rules: SwedishRuleSet): CollectionDemandVerdict {
  const defects: CollectionDemandDefect[] = [];
  const add = (code: CollectionDemandDefectCode, field: string, sv: string, en: string, severity: "required" | "recommended" = "required") =>
    defects.push({ code, field, severity, source: severity === "recommended" ? SOURCE_IMY : code === "deadline_too_short" ? `${SOURCE_5} ("viss skälig tid"); ${SOURCE_IMY}` : SOURCE_5, reason: reason(code, sv, en) });
  const blank = (s: string | null | undefined) => s === null || s === undefined || s.trim() === "";

  if (blank(letter.creditorName)) add("creditor_missing", "creditorName", "Borgenärens namn saknas.", "The creditor's name is missing.");
  if (blank(letter.claimBasis)) add("claim_basis_missing", "claimBasis", "Det framgår inte vad fordringen grundar sig på.", "The letter does not say what the claim rests on.");

  const currency = letter.principal.currency;
  const amounts: [string, Money][] = [
    ["principal", letter.principal],
    ["interest", letter.interest],
    ...letter.costs.map((c, i): [string, Money] => [`costs[${i}].amount`, c.amount]),
    ...(letter.total ? [["total", letter.total] as [string, Money]] : []),
  ];
  for (const [field, m] of amounts) {
    if (!Number.isSafeInteger(m.amount)) throw new DomainError("invalid_amount", `${m.amount} is not a whole number of minor units`, field);
    if (m.currency !== currency) add("currency_mismatch", field, `Beloppet är i ${m.currency}, kapitalbeloppet i ${currency}.`, `The amount is in ${m.currency}, the principal in ${currency}.`);
    else if (m.amount < 0) add("negative_amount", field, "Beloppet är negativt.", "The amount is negative.");
  }
  letter.costs.forEach((c, i) => {
    if (blank(c.label)) add("cost_label_missing", `costs[${i}].label`, "En kostnad saknar beskrivning; kostnader ska anges var för sig.", "A cost has no label; costs are to be stated each for itself.");
  });
  if (letter.total) {
    const expected = letter.principal.amount + letter.interest.amount + letter.costs.reduce((a, c) => a + c.amount.amount, 0);
    if (letter.total.amount !== expected) {
      add("total_wrong", "total", `Totalbeloppet ${kronor(letter.total.amount)} stämmer inte med delbeloppen (${kronor(expected)}).`, `The total ${decimal(letter.total.amount)} is not the sum of the parts (${decimal(expected)}).`);
    }
  }

  if (letter.interest.amount > 0) {
    const basis = letter.interestBasis;
    if (!basis) {
      add("interest_basis_missing", "interestBasis", "Ränta krävs men räntesats, tid och kapitalbelopp för beräkningen saknas.", "Interest is claimed but the rate, period and principal it is computed on are missing.");
    } else if (!/^\d{1,3}(\.\d{1,2})?$/.test(basis.ratePercent) || !basis.to.isAfter(basis.from) || basis.principal.amount <= 0 || basis.principal.currency !== currency) {
      add("interest_basis_invalid", "interestBasis", "Underlaget för räntan är ofullständigt (räntesats, period eller kapitalbelopp).", "The interest basis is incomplete (rate, period or principal).");
    }
  }

  const earliestDeadline = collectionDemandDeadline({ sentOn: letter.sentOn, channel: letter.channel ?? "post", rules });
  if (letter.deadline.isBefore(earliestDeadline.deadline)) {
    add(
      "deadline_too_short",
      "deadline",
      `Betalningstiden går ut ${letter.deadline}; god inkassosed kräver minst till ${earliestDeadline.deadline}.`,
      `The deadline ${letter.deadline} is too short; good debt-collection practice needs at least ${earliestDeadline.deadline}.`,
    );
  }
  if (blank(letter.objectionInstruction)) {
    add("objection_instruction_missing", "objectionInstruction", "Det framgår inte hur gäldenären anmäler invändningar mot kravet.", "The letter does not say how the debtor objects to the claim.");
  }
  if (blank(letter.consequences)) {
    add("consequences_missing", "consequences", "Det framgår inte vad som händer om gäldenären varken betalar eller bestrider.", "The letter does not say what happens if the debtor neither pays nor objects.", "recommended");
  }
  return { valid: defects.every((d) => d.severity !== "required"), defects, earliestDeadline };
}

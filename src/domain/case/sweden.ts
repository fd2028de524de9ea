import { calendarFor } from "../calendar/business-calendar.js";
import { LocalDate } from "../calendar/local-date.js";
import type { CaseEvent, CaseState } from "../case-lifecycle/index.js";
import { DomainError } from "../errors.js";
import { covers } from "../jurisdictions/dated-row.js";
import { formatHundredths } from "../jurisdictions/json-reader.js";
import type { RateTable } from "../jurisdictions/rate-table.js";
import type { SwedishRuleSet } from "../jurisdictions/se/se-rule-set.js";
import { limitationDate } from "../limitation.js";
import {
  collectionDemandDeadline,
  presumedReceipt,
  chargeableLateCompensation,
  chargeableSwedishFee,
  paymentOrderCosts,
  scheduledSwedishEvents,
  swedishInterestStart,
  swedishLimitation,
  transitionSE,
  SWEDISH_EVENT_TYPES,
  type CollectionDemandLetter,
  type PreviousSwedishFee,
  type SwedishCaseEvent,
  type SwedishCaseState,
  type SwedishEffect,
  type SwedishInterruptionKind,
  type SwedishStage,
} from "../se/index.js";
import { SWEDISH_STAGES } from "../se/lifecycle/case-state.js";
import { openBalance, type CaseAccount } from "./account.js";
import type { CasePlan, ChargePlan, LetterPlan } from "./plan.js";
import type { CaseCreditor, PlanContext } from "./terms.js";

/**
 * The case module's Swedish branch: a case of a Swedish creditor runs through the Swedish table
 * (`se/lifecycle`) with the Swedish fee, cost, deadline and preskription rules, while the plan,
 * the account, the allocation and the case store are the ones Norway uses. A Swedish case is
 * stored as a `CaseState` (the Swedish stages are a subset of the Norwegian names; the
 * Norwegian-only fields stay null); the presumed receipts of its letters are derived from their
 * sending days, so nothing Swedish needs a column of its own.
 */
export function isSwedish(creditor: CaseCreditor): boolean {
  return creditor.jurisdiction === "SE";
}

export function swedishRulesOf(ctx: Pick<PlanContext, "swedishRules">): SwedishRuleSet {
  if (!ctx.swedishRules) throw new DomainError("missing_rules", "a Swedish case needs the Swedish rule set (rules.SE)", "rules");
  return ctx.swedishRules;
}

/** The late-interest table of the case's country: dröjsmålsränta (räntelagen 6 §) or forsinkelsesrente. */
export function lateInterestTable(ctx: Pick<PlanContext, "creditor" | "rules" | "swedishRules">): RateTable {
  return isSwedish(ctx.creditor) ? swedishRulesOf(ctx).lateInterest : ctx.rules.lateInterest;
}

/**
 * The limitation date after an interruption on `on`: foreldelsesloven (NO), or preskriptionslagen
 * 5–6 §§ (SE: a new period of 3 years for a consumer's claim, else 10, from the interruption).
 */
export function limitationAfter(ctx: Pick<PlanContext, "creditor">, state: CaseState, on: LocalDate, kind: "part-payment" | "forliksklage" | "utlegg" | SwedishInterruptionKind): LocalDate {
  if (isSwedish(ctx.creditor)) {
    const k: SwedishInterruptionKind = kind === "forliksklage" || kind === "utlegg" ? "payment-order-application" : kind;
    return swedishLimitation({ aroseOn: state.dueDate, aroseOnIsEstimate: true, consumerClaim: state.debtorType === "consumer", interruptions: [{ on, kind: k }] }).date;
  }
  if (kind !== "part-payment" && kind !== "forliksklage" && kind !== "utlegg") throw new DomainError("invalid_input", `${kind} is not a Norwegian interruption`, "kind");
  return limitationDate({ dueDate: state.dueDate, interruptions: [{ on, kind }] }).date;
}

/** The limitation date of a claim just opened (SE: from the due date as the stand-in for the claim's tillkomst — uncertain, see docs/RULES.md). */
export function swedishLimitationAtOpening(dueDate: LocalDate, debtorType: "consumer" | "business"): LocalDate {
  return swedishLimitation({ aroseOn: dueDate, aroseOnIsEstimate: true, consumerClaim: debtorType === "consumer", interruptions: [] }).date;
}

export function toSwedishState(s: CaseState, rules: SwedishRuleSet): SwedishCaseState {
  if (!(SWEDISH_STAGES as readonly string[]).includes(s.stage)) throw new DomainError("invalid_input", `"${s.stage}" is not a stage of a Swedish case`, "stage");
  return {
    stage: s.stage as SwedishStage,
    hold: s.hold,
    debtorType: s.debtorType,
    openedOn: s.openedOn,
    dueDate: s.dueDate,
    respiteUntil: s.respiteUntil,
    reminderSentOn: s.reminderSentOn,
    reminderDeadline: s.reminderDeadline,
    reminderReceivedOn: s.reminderSentOn ? presumedReceipt({ sentOn: s.reminderSentOn, rules }) : null,
    noticeSentOn: s.noticeSentOn,
    noticeDeadline: s.noticeDeadline,
    noticeReceivedOn: s.noticeSentOn ? presumedReceipt({ sentOn: s.noticeSentOn, rules }) : null,
    paymentPlanOn: null,
    legalApprovedOn: s.legalApprovedOn,
    legalOn: s.legalOn,
    surveillanceOn: s.surveillanceOn,
    closedOn: s.closedOn,
    closeReason: s.closeReason,
    closedFromStage: s.closedFromStage as SwedishStage | null,
    ...(s.disputedDays !== undefined ? { disputedDays: s.disputedDays } : {}),
  };
}

/** The Swedish state back in the stored shape; the Norwegian-only fields are kept as they were (null on a Swedish case). */
export function fromSwedishState(se: SwedishCaseState, before: CaseState): CaseState {
  const { reminderReceivedOn: _r, noticeReceivedOn: _n, paymentPlanOn: _p, ...shared } = se;
  return { ...before, ...shared };
}

/** The scheduler of a Swedish case (`scheduledSwedishEvents`) on the stored state. */
export function swedishScheduled(state: CaseState, ctx: Pick<PlanContext, "creditor" | "swedishRules">): { event: string; on: LocalDate }[] {
  const s = ctx.creditor.settings;
  return scheduledSwedishEvents(toSwedishState(state, swedishRulesOf(ctx)), { firstLetter: s.firstStep, surveillanceAfterMonths: s.surveillanceAfterMonths });
}

/**
 * A letter event of a Swedish case with its deadline and presumed receipt for a letter sent
 * today (by post): a påminnelse gets the creditor's reminder days (no statutory minimum), moved
 * to the next bank day; an inkassokrav the creditor's days, never shorter than god inkassosed's
 * ≥ 8 days and ≥ 4 bank days after presumed receipt (`collectionDemandDeadline`).
 */
export function swedishEventFor(type: string, today: LocalDate, ctx: Pick<PlanContext, "creditor" | "swedishRules">): SwedishCaseEvent {
  const rules = swedishRulesOf(ctx);
  const s = ctx.creditor.settings;
  const receipt = presumedReceipt({ sentOn: today, rules });
  if (type === "send-reminder") return { type, deadline: calendarFor("SE").nextBusinessDay(today.plusDays(s.reminderDeadlineDays)), presumedReceipt: receipt };
  if (type === "send-collection-notice") {
    const d = collectionDemandDeadline({ sentOn: today, rules, ...(s.collectionDemandDeadlineDays ? { days: s.collectionDemandDeadlineDays } : {}) });
    return { type, deadline: d.deadline, presumedReceipt: d.presumedReceipt };
  }
  return { type } as SwedishCaseEvent;
}

/** A Norwegian-shaped event (a person's action, the scheduler's type) as the Swedish table's event; null when Sweden has no such event. */
function swedishEvent(event: CaseEvent | { readonly type: "agree-payment-plan" }, today: LocalDate, ctx: PlanContext): SwedishCaseEvent | null {
  if (!(SWEDISH_EVENT_TYPES as readonly string[]).includes(event.type)) return null;
  switch (event.type) {
    case "send-reminder":
    case "send-collection-notice": {
      const made = swedishEventFor(event.type, today, ctx) as Extract<SwedishCaseEvent, { type: "send-reminder" | "send-collection-notice" }>;
      return event.deadline ? { ...made, deadline: event.deadline } : made;
    }
    case "legal-step-recorded":
      // In Sweden the legal step is the application for betalningsföreläggande, whatever step was named.
      return { type: "legal-step-recorded", step: "betalningsforelaggande" };
    default:
      return event as SwedishCaseEvent;
  }
}

export type SwedishOutcome = { ok: true; state: CaseState; effects: readonly SwedishEffect[] } | { ok: false; code: string; text: { nb: string; en: string; sv: string } };

/** One event through the Swedish table; a refusal in Swedish and English (the Norwegian slot carries the English). */
export function swedishTransition(before: CaseState, event: CaseEvent | { readonly type: "agree-payment-plan" }, account: CaseAccount, ctx: PlanContext, extraBalance: number): SwedishOutcome {
  const rules = swedishRulesOf(ctx);
  const se = toSwedishState(before, rules);
  const e = swedishEvent(event, ctx.today, ctx);
  if (!e) {
    const en = `"${event.type}" is a step of Norwegian collection; a Swedish case has no such step`;
    return { ok: false, code: "event_not_allowed", text: { nb: en, en, sv: `"${event.type}" finns inte i svensk inkasso` } };
  }
  const s = ctx.creditor.settings;
  const result = transitionSE(se, e, {
    today: ctx.today,
    balanceMinor: openBalance(account).amount + extraBalance,
    rules,
    channel: "post",
    gates: { approveBeforeLegal: s.approveBeforeLegal },
    surveillanceAfterMonths: s.surveillanceAfterMonths,
    freeWithdrawalDays: s.freeWithdrawalDays,
  });
  if (!result.ok) return { ok: false, code: result.reason.code, text: { nb: result.reason.text.en, en: result.reason.text.en, sv: result.reason.text.sv } };
  return { ok: true, state: fromSwedishState(result.state, before), effects: result.effects };
}

/**
 * What the inkassokrav the agency sends says, as inkassolagen (1974:182) 5 § asks (the letter
 * template prints these very texts): checked by `validateCollectionDemand` before the
 * inkassoersättning is charged (lag (1981:739) 3 § 1).
 */
export const INKASSOKRAV_OBJECTION_SV = "Om du anser att kravet är felaktigt ska du inom betalningstiden skriftligen bestrida det och ange skälen, till oss på adressen ovan.";
export const INKASSOKRAV_CONSEQUENCES_SV = "Betalar du inte och bestrider du inte kravet inom betalningstiden kan vi ansöka om betalningsföreläggande hos Kronofogden, vilket kan leda till ytterligare kostnader och en betalningsanmärkning.";

function inkassokravFacts(account: CaseAccount, after: CaseState, ctx: PlanContext, costs: { label: string; amount: number }[]): CollectionDemandLetter {
  const currency = account.currency;
  const m = (amount: number) => ({ amount, currency });
  const interest = account.charged.interest.amount - account.paid.interest.amount;
  return {
    sentOn: ctx.today,
    channel: "post",
    creditorName: ctx.creditor.name ?? "",
    agency: ctx.creditor.agencyName ? { name: ctx.creditor.agencyName, contact: "the agency's address and telephone on the letter" } : null,
    claimBasis: ctx.creditor.claimBasis ?? "the creditor's invoice named on the letter",
    principal: m(account.charged.principal.amount - account.paid.principal.amount),
    interest: m(Math.max(0, interest)),
    interestBasis: interest > 0 ? { ratePercent: rateOn(swedishRulesOf(ctx), ctx.today), from: account.interest.startsOn instanceof LocalDate ? account.interest.startsOn : after.dueDate, to: ctx.today, principal: m(account.charged.principal.amount) } : null,
    costs: costs.map((c) => ({ label: c.label, amount: m(c.amount) })),
    deadline: after.noticeDeadline!,
    objectionInstruction: INKASSOKRAV_OBJECTION_SV,
    consequences: INKASSOKRAV_CONSEQUENCES_SV,
  };
}

/** The dröjsmålsränta in force on the day, "11.00" (räntelagen 6 §: referensränta + 8 percentage points). */
export function rateOn(rules: SwedishRuleSet, on: LocalDate): string {
  const period = rules.lateInterest.periods.find((p) => covers(p, on));
  if (!period) throw new DomainError("date_outside_rate_table", `no dröjsmålsränta in the Swedish table for ${on}`, "on");
  return formatHundredths(period.basisPoints);
}

/** The earlier Swedish fees on the case (the table sends one påminnelse and one inkassokrav per case). */
function previousFees(before: CaseState, account: CaseAccount, earlier: readonly ChargePlan[]): PreviousSwedishFee[] {
  const out: PreviousSwedishFee[] = [];
  const currency = account.currency;
  const charged = (kind: ChargePlan["kind"], fallback: boolean) => earlier.some((c) => c.kind === kind) || fallback;
  // The ledger's own påminnelse before the transfer counts too (its fee, when the creditor gave one: settings.ledgerReminderFee).
  for (const l of account.ledgerLetters ?? []) if (l.letter === "reminder" && (l.fee === null || l.fee.amount > 0)) out.push({ fee: "reminder", on: l.sentOn, amount: { amount: l.fee?.amount ?? 0, currency } });
  if (before.reminderSentOn && charged("reminder-fee", account.charged.fees.amount > 0)) out.push({ fee: "reminder", on: before.reminderSentOn, amount: { amount: 0, currency } });
  if (before.noticeSentOn && charged("collection-fee", true)) out.push({ fee: "collection-demand", on: before.noticeSentOn, amount: { amount: 0, currency } });
  return out;
}

/** A Swedish effect's charge, by the fee rules of lag (1981:739) and Kronofogden's ansökningsavgift. */
export function swedishChargeFor(e: SwedishEffect, before: CaseState, after: CaseState, account: CaseAccount, ctx: PlanContext, earlier: readonly ChargePlan[]): ChargePlan[] {
  if (e.kind !== "charge") return [];
  const rules = swedishRulesOf(ctx);
  const money = (amount: number) => ({ amount, currency: account.currency });
  const { today } = ctx;
  const lateCompensation = lateCompensationFor(after, account, ctx, earlier);
  const compensated = lateCompensation !== null || (after.debtorType === "business" && ctx.creditor.settings.lateCompensation === true && interestAccrues(account, today));
  const base = { on: today, claimDueDate: after.dueDate, debtorType: after.debtorType, previousFees: previousFees(before, account, earlier), rules, lateCompensationCharged: compensated };
  const withCompensation = (charges: ChargePlan[]): ChargePlan[] => (lateCompensation ? [lateCompensation, ...charges] : charges);
  if (e.what === "reminder-fee") {
    const d = chargeableSwedishFee({ ...base, fee: "reminder", reminderFeeAgreed: (account.reminderFeeAgreed ?? ctx.creditor.settings.reminderFeeAgreed) === true });
    if (!d.allowed || d.amount.amount === 0) return withCompensation([]);
    return withCompensation([{ key: "reminder-fee", kind: "reminder-fee", bucket: "fees", amount: money(d.amount.amount), rule: d.rule, source: d.source, confidence: d.confidence, payer: "debtor" }]);
  }
  if (e.what === "collection-fee") {
    const fee = rules.fees.collectionDemand.find((r) => !r.validFrom.isAfter(today) && (r.validTo === null || !r.validTo.isBefore(today)));
    const reminderFee = earlier.filter((c) => c.kind === "reminder-fee").reduce((a, c) => a + c.amount.amount, 0);
    const costs = [...(reminderFee > 0 ? [{ label: "Påminnelseavgift", amount: reminderFee }] : []), { label: "Inkassoavgift", amount: fee?.amount.amount ?? 0 }];
    const d = chargeableSwedishFee({ ...base, fee: "collection-demand", collectionDemand: inkassokravFacts(account, after, ctx, costs) });
    if (!d.allowed || d.amount.amount === 0) return withCompensation([]);
    return withCompensation([{ key: "collection-fee", kind: "collection-fee", bucket: "fees", amount: money(d.amount.amount), rule: d.rule, source: d.source, confidence: d.confidence, payer: "debtor" }]);
  }
  if (e.what === "payment-plan-fee") {
    const d = chargeableSwedishFee({ ...base, fee: "payment-plan", paymentPlan: { coversWholeRemainingDebt: true, agreedWithDebtor: true, writtenAndSent: true } });
    if (!d.allowed || d.amount.amount === 0) return withCompensation([]);
    return withCompensation([{ key: `payment-plan-fee:${today}`, kind: "payment-plan-fee", bucket: "fees", amount: money(d.amount.amount), rule: d.rule, source: d.source, confidence: d.confidence, payer: "debtor" }]);
  }
  const cost = paymentOrderCosts({ on: today, rules });
  return withCompensation([{ key: `legal-costs:betalningsforelaggande:${today}`, kind: "legal-costs", bucket: "legal-costs", amount: money(cost.amount.amount), rule: cost.rule, source: cost.source, confidence: cost.confidence, payer: "debtor" }]);
}

/** Dröjsmålsränta runs on the day: from the due date, or from the räntelagen 4 § start once it has come. */
function interestAccrues(account: CaseAccount, on: LocalDate): boolean {
  const start = account.interest.startsOn;
  return start === undefined ? on.isAfter(account.state.dueDate) : start !== "awaiting-demand" && !start.isAfter(on);
}

/**
 * Förseningsersättning (lag (1981:739) 4 a §, 450 kr) with the first charge of a business debtor's
 * case once dröjsmålsränta accrues, when the creditor's `lateCompensation` says so; once per claim
 * (the charge key is fixed, and a case that carries the row is known by it through the store's
 * unique key). The 2–3 §§ fees already charged count toward it (owed only as far as together
 * they exceed it), so the debtor never pays more than the larger of the two — our reading, uncertain.
 */
function lateCompensationFor(after: CaseState, account: CaseAccount, ctx: PlanContext, earlier: readonly ChargePlan[]): ChargePlan | null {
  if (ctx.creditor.settings.lateCompensation !== true || after.debtorType !== "business") return null;
  if (earlier.some((c) => c.kind === "late-compensation")) return null;
  const d = chargeableLateCompensation({ on: ctx.today, debtorType: after.debtorType, lateInterestAccrues: interestAccrues(account, ctx.today), alreadyCharged: false, rules: swedishRulesOf(ctx) });
  if (!d.allowed) return null;
  const feesSoFar = account.charged.fees.amount + earlier.filter((c) => c.bucket === "fees").reduce((a, c) => a + c.amount.amount, 0);
  const amount = Math.max(0, d.amount.amount - feesSoFar);
  if (amount === 0) return null;
  const rule = feesSoFar > 0 ? `${d.rule}; the ${(feesSoFar / 100).toFixed(2)} kr of 2–3 §§ fees already charged count toward it` : d.rule;
  return { key: "late-compensation", kind: "late-compensation", bucket: "fees", amount: { amount, currency: account.currency }, rule, source: `${d.source}; prop. 2012/13:36 (Snabbare betalningar)`, confidence: feesSoFar > 0 ? "uncertain" : d.confidence, payer: "debtor" };
}

/**
 * The ersättning för amorteringsplan an amorteringsplan agreed today would carry (lag (1981:739)
 * 3 § 2, 4 § 3: 170 kr; less or none between businesses where förseningsersättning is charged,
 * 4 a §), as the engine will charge it: for a plan's total before it is agreed. Null: no fee.
 */
export function swedishPaymentPlanFee(account: CaseAccount, ctx: PlanContext): ChargePlan | null {
  return swedishChargeFor({ kind: "charge", what: "payment-plan-fee" }, account.state, account.state, account, ctx, [])[0] ?? null;
}

/** The letters a Swedish transition sends (a letter without a deadline of its own — the application, the plan — carries the day it is made). */
export function swedishLetters(effects: readonly SwedishEffect[], ctx: PlanContext, firstInstalmentOn?: LocalDate): LetterPlan[] {
  return effects
    .filter((e): e is Extract<SwedishEffect, { kind: "send-letter" }> => e.kind === "send-letter")
    // The amorteringsplan's first instalment: 14 days on, on a bank day (the agency's default plan); the application is dated the day it is made.
    .map((e) => ({ id: ctx.newId(), kind: e.letter, deadline: e.deadline ?? (e.letter === "payment-plan" ? (firstInstalmentOn ?? calendarFor("SE").nextBusinessDay(ctx.today.plusDays(14))) : ctx.today) }));
}

/**
 * räntelagen (1975:635) 4 §: on a claim whose due date was not fixed in advance, interest starts
 * 30 days (or one month, when longer — `swedishInterestStart`, uncertain) after the creditor sent
 * a demand stating the amount and that not paying makes interest payable. The inkassokrav says so
 * (`letter-texts-sv.ts`: "Dröjsmålsräntan är … och räknas från …"); the påminnelse does not. When
 * this plan sends the case's first inkassokrav and the claim awaits its demand, the start is set
 * on the plan (and its account, so later steps of the same plan see it). Returns the start for the
 * timeline, or null when nothing changed.
 */
export function startSwedishInterest(plan: CasePlan, letters: readonly LetterPlan[], ctx: PlanContext): { date: string; basis: string; rule: string; source: string; confidence: string } | null {
  if (plan.account.interest.startsOn !== "awaiting-demand") return null;
  if (!letters.some((l) => l.kind === "collection-notice")) return null;
  const start = swedishInterestStart({ dueDate: plan.state.dueDate, dueDateAgreedInAdvance: false, demandWithInterestNoticeSentOn: ctx.today });
  plan.interestFrom = start.date;
  plan.account = { ...plan.account, interest: { ...plan.account.interest, startsOn: start.date } };
  return { date: start.date.toString(), basis: start.basis, rule: start.rule, source: start.source, confidence: start.confidence };
}

/** The latest limitation date the Swedish interruptions of this transition give (preskriptionslagen 5 § 2–3, 6 §). */
export function swedishLimitationOn(plan: CasePlan, effects: readonly SwedishEffect[], ctx: PlanContext): LocalDate | null {
  let current = plan.limitationOn;
  for (const e of effects) {
    if (e.kind !== "record-limitation-interruption") continue;
    const date = limitationAfter(ctx, plan.state, e.on, e.interruption);
    if (!current || date.isAfter(current)) current = date;
  }
  return current;
}

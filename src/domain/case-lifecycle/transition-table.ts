import { type CloseReason, OPEN_STAGES, type Stage } from "./case-state.js";
import type { Charge, Letter } from "./effects.js";
import type { EventType } from "./events.js";
import type { ConditionName, GuardName } from "./guards.js";
import { type TableOutcome, type TableRule, tableIndex } from "./table.js";

/**
 * The Norwegian case lifecycle as one table (STYLE habit 5): stage × event → guards, then the
 * first outcome whose condition holds → next stage + effects. A (stage, event) pair without a
 * row is refused. Plain data, so documentation can be generated from it.
 */
export type EffectSpec = (
  | { readonly kind: "send-letter"; readonly letter: Letter }
  | { readonly kind: "charge"; readonly what: Charge }
  | { readonly kind: "request-approval"; readonly gate: "payment-demand" | "legal" }
  | { readonly kind: "notify-creditor"; readonly topic: "stop-list" | "dispute" }
  | { readonly kind: "stop-costs" | "resume-costs" | "record-limitation-interruption" | "register-payment-remark" | "delete-payment-remark" | "start-surveillance" | "waive-costs" }
  | { readonly kind: "invoice-creditor"; readonly what: "incurred-fees-and-interest" }
) & { readonly when?: ConditionName };

/** An outcome of the Norwegian table (the shared shape: `table.ts`). */
export type Outcome = TableOutcome<Stage, ConditionName, EffectSpec, CloseReason>;

/** A row of the Norwegian table (the shared shape: `table.ts`). */
export type TransitionRule = TableRule<Stage, EventType, GuardName, ConditionName, EffectSpec, CloseReason>;

const letter = (l: Letter): EffectSpec => ({ kind: "send-letter", letter: l });
const charge = (what: Charge): EffectSpec => ({ kind: "charge", what });
const STOP: EffectSpec = { kind: "stop-costs" };
const DELETE_REMARK: EffectSpec = { kind: "delete-payment-remark", when: "remark-registered" };
const INVOICE_CREDITOR: EffectSpec = { kind: "invoice-creditor", what: "incurred-fees-and-interest", when: "costs-incurred" };

const PAYMENT_DEMAND_SENT: Outcome = { to: "payment-demand", effects: [letter("payment-demand"), charge("light-salary")] };
const PAYMENT_DEMAND_DUE: readonly Outcome[] = [
  { when: "payment-demand-gate-closed", to: "awaiting-payment-demand-approval", effects: [{ kind: "request-approval", gate: "payment-demand" }] },
  PAYMENT_DEMAND_SENT,
];

const LEGAL_STEP_TAKEN: Outcome = { to: "legal", effects: [charge("legal-costs"), { kind: "record-limitation-interruption" }] };
const LEGAL_FROM: readonly Stage[] = ["awaiting-legal-approval", "ordinary-collection", "legal", "surveillance"];

const AFTER_DEMAND: readonly Stage[] = ["payment-demand", "awaiting-legal-approval", "ordinary-collection", "legal", "surveillance"];

function rows(from: readonly Stage[], event: EventType, guards: readonly GuardName[], outcomes: readonly Outcome[], source: string): TransitionRule[] {
  return from.map((stage) => ({ from: stage, event, guards, outcomes, source }));
}

export const TRANSITIONS: readonly TransitionRule[] = [
  ...rows(["opened"], "send-reminder", ["not-on-hold", "overdue", "respite-over", "letter-deadline-after-today"],
    [{ to: "reminder", effects: [letter("reminder"), charge("reminder-fee")] }],
    "inkassoforskriften § 1-2: a reminder fee only when sent ≥ 14 days after due (the fee rules decide)"),
  ...rows(["opened"], "send-collection-notice", ["not-on-hold", "notice-not-before-14-days", "respite-over", "deadline-at-least-14-days"],
    [{ to: "collection-notice", effects: [letter("collection-notice"), charge("notice-fee")] }],
    "inkassoloven § 9: notice after due with ≥ 14 days; inkassoforskriften § 1-2 and the agency's practice (docs/CASES.md): no earlier than 14 days after due"),
  ...rows(["reminder"], "send-collection-notice", ["not-on-hold", "notice-not-before-14-days", "reminder-deadline-passed", "deadline-at-least-14-days"],
    [{ to: "collection-notice", effects: [letter("collection-notice"), charge("notice-fee")] }],
    "inkassoloven § 9; inkassoforskriften § 1-2 (one reminder + one notice may carry fees)"),
  ...rows(["collection-notice"], "notice-deadline-passed", ["not-on-hold", "notice-deadline-passed"],
    [{ to: "stop-window", effects: [{ kind: "notify-creditor", topic: "stop-list" }] }],
    "Visma Amili (seeds/002): the collection list on the first Tuesday after the notice's deadline; cases are stopped there"),
  ...rows(["opened"], "send-payment-demand", ["not-on-hold", "ledger-notice-expired", "deadline-at-least-14-days"], PAYMENT_DEMAND_DUE,
    "inkassoloven § 10: after the deadline of a notice (here the ledger's own) has passed, with ≥ 14 days"),
  ...rows(["stop-window"], "send-payment-demand", ["not-on-hold", "stop-window-over", "deadline-at-least-14-days"], PAYMENT_DEMAND_DUE,
    "inkassoloven § 10; approval gate: Procountor 'Godkänn ärenden före det att betalningskrav skickas' (off by default)"),
  ...rows(["awaiting-payment-demand-approval"], "approve-payment-demand", ["not-on-hold", "deadline-at-least-14-days"], [PAYMENT_DEMAND_SENT],
    "inkassoloven § 10; the creditor approved"),
  ...rows(["payment-demand"], "payment-demand-deadline-passed", ["not-on-hold", "payment-demand-deadline-passed"],
    [
      { when: "legal-gate-closed", to: "awaiting-legal-approval", effects: [{ kind: "request-approval", gate: "legal" }] },
      { to: "ordinary-collection", effects: [] },
    ],
    "docs/CASES.md: legal steps by default only after the creditor approves (Procountor: 'Som standard krävs alltid ditt godkännande')"),
  ...rows(AFTER_DEMAND, "heavy-salary-due", ["not-on-hold", "heavy-salary-due"], [{ to: "same", effects: [charge("heavy-salary")] }],
    "inkassoforskriften § 2-3: heavy salary when the payment demand's deadline is overrun by more than 28 days"),
  ...rows(["awaiting-legal-approval"], "approve-legal", ["not-on-hold"], [{ to: "ordinary-collection", effects: [] }], "the creditor approved legal steps"),
  ...rows(["surveillance"], "approve-legal", ["not-on-hold"], [{ to: "same", effects: [] }],
    "the creditor approved legal steps for a case in surveillance (its economy improved)"),
  ...rows(LEGAL_FROM, "legal-step-recorded", ["not-on-hold", "legal-allowed", "renewed-demand-deadline-passed", "renewed-demand-deadline-lawful"],
    [
      { when: "payment-demand-stale", to: "same", effects: [letter("payment-demand")] },
      LEGAL_STEP_TAKEN,
    ],
    "forliksklage / begjæring om utlegg; they interrupt foreldelse (foreldelsesloven §§ 15, 17); more than six months after the payment demand a new one goes first and the step waits for its deadline (inkassoloven § 11)"),
  ...rows(LEGAL_FROM, "take-pending-legal-step", ["not-on-hold", "legal-allowed", "pending-legal-step-due"], [LEGAL_STEP_TAKEN],
    "inkassoloven § 11: the legal step asked for, taken once the renewed payment demand's deadline has passed"),
  ...rows(AFTER_DEMAND, "register-payment-remark", ["not-on-hold", "remark-allowed"], [{ to: "same", effects: [{ kind: "register-payment-remark" }] }],
    "kredittopplysning practice (legal basis UNCERTAIN); Amili: businesses on day 30 after the payment demand, consumers after legal steps; never while disputed"),
  ...rows(["awaiting-legal-approval", "ordinary-collection", "legal"], "move-to-surveillance", ["not-on-hold", "twelve-months-of-collection"],
    [{ to: "surveillance", effects: [{ kind: "start-surveillance" }] }],
    "Visma Amili (seeds/002), 'Overvåk': unresolved after 12 months of ordinary or legal collection"),
  ...rows(["payment-demand", "awaiting-legal-approval", "ordinary-collection", "legal"], "to-surveillance", ["not-on-hold"],
    [{ to: "surveillance", effects: [{ kind: "start-surveillance" }] }],
    "Visma Amili (seeds/002), 'Overvåk': a claim that cannot be collected now (no means, written off by the creditor, legal steps without result) is watched instead of closed; only after the payment demand (inkassoloven § 10)"),
  ...rows(OPEN_STAGES, "insolvency", ["not-insolvent"], [{ to: "same", effects: [STOP] }],
    "konkursloven § 117 a (no enforcement against the estate; the claim is lodged with the bostyrer), gjeldsordningsloven § 3-2 (no enforcement once debt negotiations open), a dødsbo (the claim is reported to the estate): ordinary collection stops — legal bases UNCERTAIN, docs/CASES.md"),
  ...rows(OPEN_STAGES, "insolvency-ended", ["is-insolvent"], [{ to: "same", effects: [{ kind: "resume-costs" }] }],
    "the bankruptcy or debt settlement ended (or was set aside) without covering the claim: collection may resume"),
  ...rows(OPEN_STAGES, "pause", ["pause-allowed"], [{ to: "same", effects: [] }],
    "AutoCollect 'sette faktura på pause' (seeds/002); an end date resumes it automatically (scheduledEvents)"),
  ...rows(OPEN_STAGES, "resume", ["is-paused"], [{ to: "same", effects: [] }], "AutoCollect 'oppheve pause' (seeds/002)"),
  ...rows(OPEN_STAGES, "dispute", ["dispute-allowed"], [{ to: "same", effects: [STOP, { kind: "notify-creditor", topic: "dispute" }] }],
    "inkassoloven § 17: no costs while the debtor has objections that reasonably need assessment"),
  ...rows(OPEN_STAGES, "dispute-resolved", ["is-disputed"], [{ to: "same", effects: [{ kind: "resume-costs" }] }],
    "the objection was assessed and the claim stands; a claim found wrong is credited or withdrawn instead"),
  ...rows(["opened", "reminder", "collection-notice", "payment-demand"], "postpone-due-date", ["postpone-later"], [{ to: "same", effects: [] }],
    "AutoCollect 'gi beskjed om utsatt forfallsdato' (seeds/002): moves the running letter's deadline"),
  ...rows(OPEN_STAGES, "payment-received", [],
    [
      { when: "balance-settled", to: "closed", closeReason: "paid", effects: [STOP, DELETE_REMARK] },
      { to: "same", effects: [] },
    ],
    "docs/CASES.md (Money on a case): payments reduce the case or close it"),
  ...rows(OPEN_STAGES, "paid-in-full", ["balance-settled"], [{ to: "closed", closeReason: "paid", effects: [STOP, DELETE_REMARK] }],
    "docs/CASES.md; Amili: a payment remark is deleted when the case is paid"),
  ...rows(OPEN_STAGES, "credited-in-full", [], [{ to: "closed", closeReason: "credited", effects: [STOP, INVOICE_CREDITOR, DELETE_REMARK] }],
    "a claim credited in full was never owed: the debtor owes nothing (credit-note.ts); the costs incurred follow the creditor's agreement (withdrawal rule), never the debtor (inkassoloven § 17)"),
  ...rows(OPEN_STAGES, "withdraw", [], [{ to: "closed", closeReason: "withdrawn", effects: [STOP, INVOICE_CREDITOR, DELETE_REMARK] }],
    "Visma Amili (seeds/002): free within 10 days of the collection notice, otherwise incurred fees and interest are invoiced"),
  ...rows(OPEN_STAGES, "write-off", [], [{ to: "closed", closeReason: "written-off", effects: [STOP] }], "docs/CASES.md"),
  ...rows(OPEN_STAGES, "waive-costs", ["waiver-reason"], [{ to: "same", effects: [{ kind: "waive-costs" }] }],
    "inkassoloven § 17: costs cannot be claimed from a debtor whose objection reasonably needed assessment, 'selv om kostnadene påløp før innsigelsene ble satt fram'; the case handler waives them with a reason"),
  ...rows(OPEN_STAGES, "agree-payment-plan", ["not-on-hold"],
    [{ to: "same", effects: [{ kind: "charge", what: "instalment-agreement", when: "instalment-cost-allowed" }] }],
    "betalingsavtale: the case is held while the plan holds (no letters or legal steps); inkassoforskriften § 2-4 første ledd: the salær maxima are raised when more than four instalments are agreed"),
  ...rows(OPEN_STAGES, "end-payment-plan", ["on-payment-plan"], [{ to: "same", effects: [] }],
    "a payment plan completed, broken by a missed instalment past its grace period, or cancelled: the case resumes where it stood"),
  ...rows(["closed"], "reopen", ["reopenable", "balance-open"], [{ to: "stage-before-close", effects: [{ kind: "resume-costs" }] }],
    "docs/CASES.md: a payment or credit reversed in the ledger reaches the case"),
];

const INDEX = tableIndex<Stage, EventType, TransitionRule>(TRANSITIONS);

export function ruleFor(stage: Stage, event: EventType): TransitionRule | undefined {
  return INDEX(stage, event);
}

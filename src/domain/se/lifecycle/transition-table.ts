import type { CloseReason } from "../../case-lifecycle/case-state.js";
import { type TableOutcome, type TableRule, tableIndex } from "../../case-lifecycle/table.js";
import type { SwedishInterruptionKind } from "../limitation.js";
import { SWEDISH_OPEN_STAGES, type SwedishStage } from "./case-state.js";
import type { SwedishCharge, SwedishLetter } from "./effects.js";
import type { SwedishEventType } from "./events.js";
import type { SwedishConditionName, SwedishGuardName } from "./guards.js";

/**
 * The Swedish case lifecycle as one table of the shared shape (`case-lifecycle/table.ts`):
 * påminnelse (optional) → inkassokrav → deadline passed → the creditor's approval gate →
 * betalningsföreläggande → surveillance, with holds, payments, credits, withdrawal and reopening
 * as in Norway. A (stage, event) pair without a row is refused. Plain data, so docs/RULES.md can
 * list it.
 */
export type SwedishEffectSpec = (
  | { readonly kind: "send-letter"; readonly letter: SwedishLetter }
  | { readonly kind: "charge"; readonly what: SwedishCharge }
  | { readonly kind: "request-approval"; readonly gate: "legal" }
  | { readonly kind: "notify-creditor"; readonly topic: "dispute" }
  | { readonly kind: "stop-costs" | "resume-costs" | "start-surveillance" }
  | { readonly kind: "record-limitation-interruption"; readonly interruption: SwedishInterruptionKind }
  | { readonly kind: "invoice-creditor"; readonly what: "incurred-fees-and-interest" }
) & { readonly when?: SwedishConditionName };

export type SwedishOutcome = TableOutcome<SwedishStage, SwedishConditionName, SwedishEffectSpec, CloseReason>;
export type SwedishTransitionRule = TableRule<SwedishStage, SwedishEventType, SwedishGuardName, SwedishConditionName, SwedishEffectSpec, CloseReason>;

const letter = (l: SwedishLetter): SwedishEffectSpec => ({ kind: "send-letter", letter: l });
const charge = (what: SwedishCharge): SwedishEffectSpec => ({ kind: "charge", what });
const interrupts = (interruption: SwedishInterruptionKind): SwedishEffectSpec => ({ kind: "record-limitation-interruption", interruption });
const STOP: SwedishEffectSpec = { kind: "stop-costs" };
const INVOICE_CREDITOR: SwedishEffectSpec = { kind: "invoice-creditor", what: "incurred-fees-and-interest", when: "costs-incurred" };

const INKASSOKRAV: SwedishOutcome = { to: "collection-notice", effects: [letter("collection-notice"), charge("collection-fee"), interrupts("collection-demand-received")] };
const AFTER_DEADLINE: readonly SwedishStage[] = ["awaiting-legal-approval", "ordinary-collection", "legal", "surveillance"];

function rows(from: readonly SwedishStage[], event: SwedishEventType, guards: readonly SwedishGuardName[], outcomes: readonly SwedishOutcome[], source: string): SwedishTransitionRule[] {
  return from.map((stage) => ({ from: stage, event, guards, outcomes, source }));
}

export const SWEDISH_TRANSITIONS: readonly SwedishTransitionRule[] = [
  ...rows(["opened"], "send-reminder", ["not-on-hold", "overdue", "respite-over", "letter-deadline-after-today", "receipt-not-before-sending"],
    [{ to: "reminder", effects: [letter("reminder"), charge("reminder-fee"), interrupts("reminder-received")] }],
    "no duty to send a påminnelse before the inkassokrav (Finansinspektionen FAQ); påminnelseavgift only if agreed when the debt arose (lag (1981:739) 2 §; the fee rules decide); a written reminder received interrupts preskription (preskriptionslagen 5 § 2)"),
  ...rows(["opened"], "send-collection-notice", ["not-on-hold", "overdue", "respite-over", "receipt-not-before-sending", "collection-demand-deadline-lawful"], [INKASSOKRAV],
    "inkassolagen (1974:182) 5 §; deadline ≥ 8 days and ≥ 4 bank days after presumed receipt (god inkassosed, IMY); inkassoersättning lag (1981:739) 3 § 1; a demand received interrupts preskription (preskriptionslagen 5 § 2)"),
  ...rows(["reminder"], "send-collection-notice", ["not-on-hold", "reminder-deadline-passed", "receipt-not-before-sending", "collection-demand-deadline-lawful"], [INKASSOKRAV],
    "inkassolagen (1974:182) 5 §, after the påminnelse's deadline; god inkassosed (IMY); lag (1981:739) 3 § 1; preskriptionslagen 5 § 2"),
  ...rows(["collection-notice"], "notice-deadline-passed", ["not-on-hold", "notice-deadline-passed"],
    [
      { when: "legal-gate-closed", to: "awaiting-legal-approval", effects: [{ kind: "request-approval", gate: "legal" }] },
      { to: "ordinary-collection", effects: [] },
    ],
    "god inkassosed: betalningsföreläggande only after the inkassokrav's deadline; by default only after the creditor approves (Procountor: 'Som standard krävs alltid ditt godkännande')"),
  ...rows(["awaiting-legal-approval"], "approve-legal", ["not-on-hold"], [{ to: "ordinary-collection", effects: [] }], "the creditor approved the application for betalningsföreläggande"),
  ...rows(["surveillance"], "approve-legal", ["not-on-hold"], [{ to: "same", effects: [] }], "the creditor approved legal steps for a case in surveillance"),
  ...rows(AFTER_DEADLINE, "legal-step-recorded", ["not-on-hold", "legal-allowed"],
    [{ to: "legal", effects: [letter("payment-order-application"), charge("legal-costs"), interrupts("payment-order-application")] }],
    "lag (1990:746) om betalningsföreläggande och handräckning; ansökningsavgift förordning (1992:1094), recoverable; the application interrupts preskription (preskriptionslagen 5 § 3)"),
  ...rows(SWEDISH_OPEN_STAGES, "end-payment-plan", ["on-payment-plan"], [{ to: "same", effects: [] }],
    "the amorteringsplan completed, broken by a missed instalment past its grace period, or cancelled: the case resumes where it stood"),
  ...rows(["collection-notice", ...AFTER_DEADLINE], "agree-payment-plan", ["not-on-hold", "balance-open"],
    [{ to: "same", effects: [letter("payment-plan"), charge("payment-plan-fee"), interrupts("acknowledgement")] }],
    "lag (1981:739) 3 § 2: a complete written plan made with the debtor (the fee rules decide the fee); agreeing to pay acknowledges the claim (preskriptionslagen 5 § 1)"),
  ...rows(["awaiting-legal-approval", "ordinary-collection", "legal"], "move-to-surveillance", ["not-on-hold", "twelve-months-of-collection"],
    [{ to: "surveillance", effects: [{ kind: "start-surveillance" }] }],
    "bevakning: unresolved 12 months after the inkassokrav (product choice, as for Norway)"),
  ...rows(SWEDISH_OPEN_STAGES, "pause", ["pause-allowed"], [{ to: "same", effects: [] }], "a pause with a reason; an end date resumes it"),
  ...rows(SWEDISH_OPEN_STAGES, "resume", ["is-paused"], [{ to: "same", effects: [] }], "the pause is lifted"),
  ...rows(SWEDISH_OPEN_STAGES, "dispute", ["dispute-allowed"], [{ to: "same", effects: [STOP, { kind: "notify-creditor", topic: "dispute" }] }],
    "god inkassosed: a disputed claim is not pursued with collection measures; the creditor decides whether to take it to court [K]"),
  ...rows(SWEDISH_OPEN_STAGES, "dispute-resolved", ["is-disputed"], [{ to: "same", effects: [{ kind: "resume-costs" }] }],
    "the objection was assessed and the claim stands; a claim found wrong is credited or withdrawn instead"),
  ...rows(["opened", "reminder", "collection-notice"], "postpone-due-date", ["postpone-later"], [{ to: "same", effects: [] }], "the creditor gave the debtor more time"),
  ...rows(SWEDISH_OPEN_STAGES, "payment-received", [],
    [
      { when: "balance-settled", to: "closed", closeReason: "paid", effects: [STOP] },
      { to: "same", effects: [] },
    ],
    "payments reduce the case or close it"),
  ...rows(SWEDISH_OPEN_STAGES, "paid-in-full", ["balance-settled"], [{ to: "closed", closeReason: "paid", effects: [STOP] }], "paid in full"),
  ...rows(SWEDISH_OPEN_STAGES, "credited-in-full", [], [{ to: "closed", closeReason: "credited", effects: [STOP, INVOICE_CREDITOR] }],
    "a full credit ends the case; the creditor ended it, so costs follow the withdrawal rule (as for Norway)"),
  ...rows(SWEDISH_OPEN_STAGES, "withdraw", [], [{ to: "closed", closeReason: "withdrawn", effects: [STOP, INVOICE_CREDITOR] }],
    "free within 10 days of the first letter, otherwise incurred fees and interest are invoiced to the creditor (as for Norway)"),
  ...rows(SWEDISH_OPEN_STAGES, "write-off", [], [{ to: "closed", closeReason: "written-off", effects: [STOP] }], "written off"),
  ...rows(["closed"], "reopen", ["reopenable", "balance-open"], [{ to: "stage-before-close", effects: [{ kind: "resume-costs" }] }],
    "a payment or credit reversed in the ledger reaches the case"),
];

const INDEX = tableIndex<SwedishStage, SwedishEventType, SwedishTransitionRule>(SWEDISH_TRANSITIONS);

export function swedishRuleFor(stage: SwedishStage, event: SwedishEventType): SwedishTransitionRule | undefined {
  return INDEX(stage, event);
}

import type { SwedishCharge, SwedishLetter } from "./lifecycle/effects.js";
import type { SwedishEventType, SwedishLegalStep } from "./lifecycle/events.js";
import type { SwedishFeeKind } from "./fees.js";

/**
 * How the scenario file's words (issue 16 item 5: the same file shape and event types as Norway)
 * map onto the Swedish domain, so wiring `fordring scenario run` for `"jurisdiction": "SE"` is a
 * lookup, not a decision:
 *
 * - creditor `firstStep`: `reminder` = a påminnelse (`send-reminder`), `collection-notice` = an
 *   inkassokrav (`send-collection-notice`);
 * - event `legal-step` = an application for betalningsföreläggande (`legal-step-recorded`, step
 *   optional in a Swedish file);
 * - `reminderFeeAgreed: true` (creditor or invoice) = `SwedishFeeInput.reminderFeeAgreed`;
 * - `approve-payment-demand` has no Swedish counterpart (no betalingsoppfordring): refuse it.
 */
export const SWEDISH_FIRST_STEPS = {
  reminder: { event: "send-reminder", sv: "påminnelse" },
  "collection-notice": { event: "send-collection-notice", sv: "inkassokrav" },
} as const satisfies Record<string, { event: SwedishEventType; sv: string }>;

export type ScenarioEventType =
  | "pause"
  | "resume"
  | "dispute"
  | "dispute-resolved"
  | "withdraw"
  | "write-off"
  | "postpone"
  | "approve-payment-demand"
  | "approve-legal"
  | "legal-step";

/** A scenario event's case event in a Swedish file; null: not possible in Sweden (with the reason). */
export const SWEDISH_SCENARIO_EVENTS: Readonly<Record<ScenarioEventType, { event: SwedishEventType; step?: SwedishLegalStep } | { event: null; reason: string }>> = {
  pause: { event: "pause" },
  resume: { event: "resume" },
  dispute: { event: "dispute" },
  "dispute-resolved": { event: "dispute-resolved" },
  withdraw: { event: "withdraw" },
  "write-off": { event: "write-off" },
  postpone: { event: "postpone-due-date" },
  "approve-payment-demand": { event: null, reason: "Swedish collection has no betalingsoppfordring: the inkassokrav is the only demand before betalningsföreläggande" },
  "approve-legal": { event: "approve-legal" },
  "legal-step": { event: "legal-step-recorded", step: "betalningsforelaggande" },
};

/** Which rule prices a charge effect: a fee of lag (1981:739), or Kronofogden's ansökningsavgift. */
export const SWEDISH_CHARGE_RULES: Readonly<Record<SwedishCharge, SwedishFeeKind | "payment-order-application">> = {
  "reminder-fee": "reminder",
  "collection-fee": "collection-demand",
  "payment-plan-fee": "payment-plan",
  "legal-costs": "payment-order-application",
};

/** The Swedish names of the letters, for the timeline and the letter templates. */
export const SWEDISH_LETTER_NAMES: Readonly<Record<SwedishLetter, { sv: string; en: string }>> = {
  reminder: { sv: "Betalningspåminnelse", en: "Payment reminder" },
  "collection-notice": { sv: "Inkassokrav", en: "Collection demand" },
  "payment-plan": { sv: "Amorteringsplan", en: "Payment plan" },
  "payment-order-application": { sv: "Ansökan om betalningsföreläggande", en: "Application for a payment order" },
};

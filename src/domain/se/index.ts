/**
 * The Swedish collection process in the domain (issue 16 item 1), beside the Norwegian one. One
 * folder per jurisdiction's *process*: what is Swedish law lives here; what both countries share
 * stays where it was and is used from here — money, LocalDate and the Swedish business calendar
 * (`calendar/`), dated rule rows with source, confidence and citation (`jurisdictions/`, the
 * Swedish data in `jurisdictions/se/se-rules.json`), the exact interest engine (`interest/`), and
 * the lifecycle table's shape and planner (`case-lifecycle/table.ts`).
 */
export {
  type CollectionDemandDeadline,
  type CollectionDemandDefect,
  type CollectionDemandDefectCode,
  type CollectionDemandLetter,
  type CollectionDemandVerdict,
  type DeliveryChannel,
  DELIVERY_CHANNELS,
  collectionDemandDeadline,
  presumedReceipt,
  validateCollectionDemand,
} from "./collection-demand.js";
export {
  type LateCompensationDecision,
  type PaymentPlanFacts,
  type PreviousSwedishFee,
  type SwedishFeeDecision,
  type SwedishFeeInput,
  type SwedishFeeKind,
  type SwedishFeeReasonCode,
  SWEDISH_FEE_KINDS,
  chargeableLateCompensation,
  chargeableSwedishFee,
} from "./fees.js";
export { type SwedishInterestStart, type SwedishInterestStartBasis, type SwedishInterestStartInput, type SwedishLateInterest, swedishInterestStart, swedishLateInterest } from "./late-interest.js";
export { type SwedishLegalCost, paymentOrderCosts } from "./legal-costs.js";
export { type SwedishInterruption, type SwedishInterruptionKind, type SwedishLimitation, type SwedishLimitationInput, SWEDISH_INTERRUPTION_KINDS, swedishLimitation } from "./limitation.js";
export { type SwedishReason } from "./reason.js";
export { SWEDISH_CHARGE_RULES, SWEDISH_FIRST_STEPS, SWEDISH_LETTER_NAMES, SWEDISH_SCENARIO_EVENTS, type ScenarioEventType } from "./scenario-vocabulary.js";
export { type SwedishCaseState, type SwedishGates, type SwedishStage, DEFAULT_SWEDISH_GATES, SWEDISH_OPEN_STAGES, SWEDISH_STAGES, openSwedishCase } from "./lifecycle/case-state.js";
export type { SwedishCharge, SwedishEffect, SwedishEffectKind, SwedishLetter } from "./lifecycle/effects.js";
export { type SwedishCaseEvent, type SwedishEventType, type SwedishLegalStep, SWEDISH_EVENT_TYPES } from "./lifecycle/events.js";
export { type SwedishConditionName, type SwedishGuardName, type SwedishTransitionContext, SWEDISH_CONDITIONS, SWEDISH_GUARDS } from "./lifecycle/guards.js";
export { type SwedishRefusal, type SwedishRefusalCode, SWEDISH_REFUSAL_CODES } from "./lifecycle/refusals.js";
export { type SwedishScheduleOptions, type SwedishScheduledEvent, scheduledSwedishEvents } from "./lifecycle/schedule.js";
export { type SwedishEffectSpec, type SwedishOutcome, type SwedishTransitionRule, SWEDISH_TRANSITIONS, swedishRuleFor } from "./lifecycle/transition-table.js";
export { type SwedishTransitionResult, allowedSwedishEvents, transitionSE } from "./lifecycle/transition.js";

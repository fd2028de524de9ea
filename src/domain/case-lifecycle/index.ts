export {
  type CaseState,
  type CloseReason,
  type DebtorType,
  type Gates,
  type Hold,
  type LegalStep,
  type Stage,
  CLOSE_REASONS,
  DEFAULT_GATES,
  OPEN_STAGES,
  STAGES,
  heavySalaryFrom,
} from "./case-state.js";
export type { Charge, Effect, EffectKind, Letter } from "./effects.js";
export { type CaseEvent, type EventType, EVENT_TYPES } from "./events.js";
export { type ConditionName, type GuardName, type TransitionContext, CONDITIONS, GUARDS } from "./guards.js";
export {
  type LedgerNoticeDefect,
  type LedgerNoticeDefectCode,
  type LedgerNoticeVerdict,
  type OpenCaseInput,
  judgeLedgerNotice,
  NOTICE_MIN_DAYS_AFTER_DUE,
  NOTICE_MIN_DEADLINE_DAYS,
  openCase,
} from "./open-case.js";
export { type Refusal, type RefusalCode, REFUSAL_CODES } from "./refusals.js";
export { type ScheduleOptions, type ScheduledEvent, scheduledEvents } from "./schedule.js";
export { type StopWindowPolicy, AMILI_STOP_WINDOW, DEFAULT_STOP_WINDOW, stopWindow, stopWindowDaysAfterDeadline } from "./stop-window.js";
export { type EffectSpec, type Outcome, type TransitionRule, TRANSITIONS, ruleFor } from "./transition-table.js";
export { type StagedCase, type TableOutcome, type TableRule, moveTo, planTransition, tableIndex } from "./table.js";
export { type TransitionResult, allowedEvents, transition } from "./transition.js";

import type { LocalDate } from "../../calendar/local-date.js";
import type { SwedishInterruptionKind } from "../limitation.js";

/**
 * What a Swedish transition asks the case engine to do, as data (the Norwegian `Effect`'s shape).
 * The lifecycle says *that* a fee is due; `fees.ts` decides whether it may be charged and how much,
 * `legal-costs.ts` what the application costs.
 */
export type SwedishLetter = "reminder" | "collection-notice" | "payment-plan" | "payment-order-application";
export type SwedishCharge = "reminder-fee" | "collection-fee" | "payment-plan-fee" | "legal-costs";

export type SwedishEffect =
  | { readonly kind: "send-letter"; readonly letter: SwedishLetter; readonly deadline: LocalDate | null }
  | { readonly kind: "charge"; readonly what: SwedishCharge }
  | { readonly kind: "request-approval"; readonly gate: "legal" }
  | { readonly kind: "notify-creditor"; readonly topic: "dispute"; readonly on: LocalDate }
  | { readonly kind: "stop-costs" }
  | { readonly kind: "resume-costs" }
  | { readonly kind: "invoice-creditor"; readonly what: "incurred-fees-and-interest" }
  /** preskriptionslagen 5 §: the act interrupts preskription on `on` (see limitation.ts). */
  | { readonly kind: "record-limitation-interruption"; readonly interruption: SwedishInterruptionKind; readonly on: LocalDate }
  | { readonly kind: "start-surveillance" };

export type SwedishEffectKind = SwedishEffect["kind"];

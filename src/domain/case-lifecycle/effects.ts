import type { LocalDate } from "../calendar/local-date.js";
import type { LegalStep } from "./case-state.js";

/**
 * What a transition asks the case engine to do, as data. The lifecycle says *that* a fee or
 * salary is due; the fee rules (`fees/`) decide whether it may be charged and how much.
 */
export type Letter = "reminder" | "collection-notice" | "payment-demand";
export type Charge = "reminder-fee" | "notice-fee" | "light-salary" | "heavy-salary" | "legal-costs" | "instalment-agreement";

export type Effect =
  | { readonly kind: "send-letter"; readonly letter: Letter; readonly deadline: LocalDate }
  | { readonly kind: "charge"; readonly what: Charge }
  | { readonly kind: "request-approval"; readonly gate: "payment-demand" | "legal" }
  | { readonly kind: "notify-creditor"; readonly topic: "stop-list" | "dispute"; readonly on: LocalDate }
  /** No further costs or interest accrue on the case's account (dispute, close). */
  | { readonly kind: "stop-costs" }
  | { readonly kind: "resume-costs" }
  /** Withdrawn after the free period: the incurred fees and interest are invoiced to the creditor. */
  | { readonly kind: "invoice-creditor"; readonly what: "incurred-fees-and-interest" }
  /** The debtor's fees, salær and legal costs charged so far come off the balance; what was paid toward them becomes credit (inkassoloven § 17). */
  | { readonly kind: "waive-costs" }
  /** A legal step interrupts foreldelse (foreldelsesloven §§ 15, 17; see limitation.ts). */
  | { readonly kind: "record-limitation-interruption"; readonly interruption: LegalStep }
  | { readonly kind: "register-payment-remark" }
  | { readonly kind: "delete-payment-remark" }
  | { readonly kind: "start-surveillance" };

export type EffectKind = Effect["kind"];

import { calendarFor } from "../../domain/calendar/business-calendar.js";
import type { LocalDate } from "../../domain/calendar/local-date.js";
import {
  evaluateEligibility,
  isPresetName,
  settingsFromPreset,
  type Decision,
  type EligibilityCustomer,
  type EligibilityInvoice,
  type EligibilitySettings,
  type InvoiceStatus,
} from "../../domain/eligibility/index.js";
import { isCurrency } from "../../domain/money.js";
import type { LedgerCustomer, LedgerInvoice } from "../ledger-connector.js";
import { withMainGroups, type TransferPolicy } from "../../collection/transfer-policy.js";

/**
 * Whether an invoice the creditor approved in the ledger may become a case, by the eligibility
 * rules (src/domain/eligibility): address present, not time-barred, not a duplicate invoice
 * number, customer not marked "do not transfer", something open, … An approved invoice was put
 * on the draft list and approved by a person, so it is judged as a manual transfer.
 */
export const DEFAULT_TRANSFER_PRESET = "poweroffice-modhi";

/** The creditor's transfer settings: `creditors.settings.transfer.preset`, PowerOffice's own rules by default. */
export function transferSettings(creditorSettings: unknown): EligibilitySettings {
  const preset = (creditorSettings as { transfer?: { preset?: unknown } } | null)?.transfer?.preset;
  return settingsFromPreset(typeof preset === "string" && isPresetName(preset) ? preset : DEFAULT_TRANSFER_PRESET);
}

export function decideTransfer(
  invoice: LedgerInvoice,
  openMinor: number,
  customer: LedgerCustomer,
  settings: EligibilitySettings,
  context: { today: LocalDate; registeredInvoiceNumbers: ReadonlySet<string> },
): Decision {
  return evaluate(invoice, openMinor, customer, settings, context, true);
}

function evaluate(
  invoice: LedgerInvoice,
  openMinor: number,
  customer: LedgerCustomer,
  settings: EligibilitySettings,
  context: { today: LocalDate; registeredInvoiceNumbers: ReadonlySet<string> },
  manual: boolean,
): Decision {
  const currency = isCurrency(invoice.currency) ? invoice.currency : settings.creditorCurrency;
  const open = Math.max(0, openMinor);
  const status: InvoiceStatus = open === 0 ? "paid" : open < invoice.amountMinor ? "partly-paid" : "sent";
  const letter = invoice.lastLetter;
  const eligibilityInvoice: EligibilityInvoice = {
    invoiceNumber: invoice.invoiceNumber,
    invoiceDate: invoice.invoiceDate,
    dueDate: invoice.dueDate,
    openAmount: { amount: open, currency },
    status,
    ...(invoice.excludeFromDunning ? { excludeFromDunning: true } : {}),
    ...(invoice.financed ? { factored: true } : {}),
    ledgerLetters: letter
      ? { reminderDueOn: letter.kind === "reminder" ? letter.dueOn : null, collectionNoticeDueOn: letter.kind === "collection-notice" ? letter.dueOn : null }
      : null,
  };
  const a = customer.address;
  const eligibilityCustomer: EligibilityCustomer = {
    name: customer.name,
    address: a ? { street: a.line1, postcode: a.postcode, city: a.city, country: a.country } : null,
    doNotTransfer: customer.doNotTransfer,
    groups: customer.groups ?? [],
  };
  const calendar = calendarFor(settings.jurisdiction);
  return evaluateEligibility(eligibilityInvoice, eligibilityCustomer, settings, {
    today: context.today,
    manual,
    registeredInvoiceNumbers: context.registeredInvoiceNumbers,
    adjustDueDate: (d) => calendar.nextBusinessDay(d),
  });
}

/**
 * What the sync does with an invoice the creditor sent to collection in the ledger, under the
 * creditor's transfer policy (transfer-policy.ts), kept on its claim (`transfer_state`):
 * - `blocked`: the eligibility rules refuse it (rejected in the ledger, reasons kept);
 * - `waiting`: not yet — on `eligibleOn` it goes (or becomes a draft) without anyone acting;
 * - `draft`: it may go, but a person approves it first (manual mode, or held back in automatic
 *   mode by the minimum amount, an excluded customer group or the activation choice);
 * - `transfer`: a case is opened now.
 * The base decision is the manual one (a person sent it in the ledger); automatic mode asks the
 * eligibility rules' automatic route only for what holds an invoice back or delays it.
 */
export type JudgedState = "blocked" | "waiting" | "draft" | "transfer";

export interface StoredReason {
  readonly code: string;
  readonly text: { readonly nb: string; readonly sv: string; readonly en: string };
  readonly blocking: boolean;
  readonly changesOn?: string;
}

export interface Judgement {
  readonly state: JudgedState;
  /** The eligibility rules' status: a draft is `eligible`. */
  readonly status: "eligible" | "waiting" | "blocked";
  readonly eligibleOn: LocalDate | null;
  readonly reasons: readonly StoredReason[];
  /** The manual decision (its blocking reasons go with a rejection). */
  readonly decision: Decision;
}

/** Automatic-route reasons that send an invoice to the draft list instead. */
const HOLD_BACK = new Set(["auto_below_minimum", "auto_excluded_group", "auto_overdue_at_activation", "auto_ledger_reminder_sent", "auto_other_currency", "financed_manual_only"]);

const MANUAL_MODE: StoredReason = {
  code: "manual_approval",
  text: { nb: "Venter på godkjenning: kreditor godkjenner overføringer selv", sv: "Väntar på godkännande: borgenären godkänner överföringar själv", en: "Waits for approval: the creditor approves transfers" },
  blocking: false,
};

export function judgeTransfer(
  invoice: LedgerInvoice,
  openMinor: number,
  customer: LedgerCustomer,
  settings: EligibilitySettings,
  policy: TransferPolicy,
  context: { today: LocalDate; registeredInvoiceNumbers: ReadonlySet<string>; activatedOn: LocalDate | null },
): Judgement {
  // A main group covers its customer groups: the customer is in it too (transfer-policy.ts).
  customer = { ...customer, groups: withMainGroups(customer.groups ?? [], policy.customerMainGroups ?? {}) };
  const decision = evaluate(invoice, openMinor, customer, settings, context, true);
  const base = { status: decision.status, eligibleOn: decision.eligibleOn, reasons: decision.reasons.map(stored), decision };
  if (decision.status === "blocked") return { ...base, state: "blocked" };
  if (decision.status === "waiting") return { ...base, state: "waiting" };
  if (policy.mode === "manual") return { ...base, state: "draft", reasons: [...base.reasons, MANUAL_MODE] };

  const auto = evaluate(invoice, openMinor, customer, withAutomatic(settings, policy, context.activatedOn), context, false);
  const held = auto.reasons.filter((r) => HOLD_BACK.has(r.code));
  if (held.length > 0) return { ...base, state: "draft", reasons: held.map(stored) };
  if (policy.delayDays === null) return { ...base, state: "transfer" };
  const timing = auto.reasons.filter((r) => !r.blocking).map(stored);
  if (auto.status === "eligible") return { ...base, state: "transfer", reasons: timing };
  return { ...base, state: "waiting", status: "waiting", eligibleOn: auto.eligibleOn, reasons: timing };
}

function withAutomatic(settings: EligibilitySettings, policy: TransferPolicy, activatedOn: LocalDate | null): EligibilitySettings {
  return {
    ...settings,
    automatic: {
      ...settings.automatic,
      enabled: true,
      minimumAmount: policy.minimumAmountMinor > 0 ? { amount: policy.minimumAmountMinor, currency: settings.creditorCurrency } : null,
      delayDaysAfterDue: policy.delayDays ?? 0,
      excludedGroups: policy.excludedCustomerGroups,
      activatedOn,
      includeOverdueAtActivation: policy.transferAlreadyOverdue,
    },
  };
}

function stored(r: Decision["reasons"][number]): StoredReason {
  return { code: r.code, text: r.text, blocking: r.blocking, ...(r.changesOn ? { changesOn: r.changesOn.toString() } : {}) };
}

/** The reasons that block, as kept with a rejection and shown to the creditor. */
export function blockingReasons(decision: Decision): { code: string; text: { nb: string; sv: string; en: string }; rule: string }[] {
  return decision.reasons.filter((r) => r.blocking).map((r) => ({ code: r.code, text: r.text, rule: r.rule }));
}

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
    ledgerLetters: letter
      ? { reminderDueOn: letter.kind === "reminder" ? letter.dueOn : null, collectionNoticeDueOn: letter.kind === "collection-notice" ? letter.dueOn : null }
      : null,
  };
  const a = customer.address;
  const eligibilityCustomer: EligibilityCustomer = {
    name: customer.name,
    address: a ? { street: a.line1, postcode: a.postcode, city: a.city, country: a.country } : null,
    doNotTransfer: customer.doNotTransfer,
  };
  const calendar = calendarFor(settings.jurisdiction);
  return evaluateEligibility(eligibilityInvoice, eligibilityCustomer, settings, {
    today: context.today,
    manual: true,
    registeredInvoiceNumbers: context.registeredInvoiceNumbers,
    adjustDueDate: (d) => calendar.nextBusinessDay(d),
  });
}

/** The reasons that block, as kept with a rejection and shown to the creditor. */
export function blockingReasons(decision: Decision): { code: string; text: { nb: string; en: string }; rule: string }[] {
  return decision.reasons.filter((r) => r.blocking).map((r) => ({ code: r.code, text: r.text, rule: r.rule }));
}

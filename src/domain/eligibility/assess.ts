import { LocalDate } from "../calendar/local-date.js";
import { DomainError } from "../errors.js";
import { type EligibilityCustomer, type EligibilityInvoice, type Jurisdiction, hasPostalAddress, ledgerSentReminder } from "./invoice.js";
import { TRANSFER_MINIMUMS, type TransferMinimum } from "./legal-minimums.js";
import { BIT, CODE_INDEX } from "./reason-codes.js";
import type { EligibilitySettings } from "./settings.js";

/**
 * The hot path of the eligibility rules: integer day comparisons and a bit per reason, no
 * strings. `evaluate-eligibility.ts` turns an Assessment into a Decision with texts.
 */
export interface EligibilityContext {
  readonly today: LocalDate;
  /** A user asked to move this invoice to the draft list by hand. */
  readonly manual?: boolean;
  /** Invoice numbers already registered as cases for this creditor. */
  readonly registeredInvoiceNumbers?: ReadonlySet<string>;
  /** Moves a due date off weekends and holidays (gjeldsbrevloven § 5); identity when absent. */
  readonly adjustDueDate?: (d: LocalDate) => LocalDate;
  /** The law the case would run under (the debtor's country); the settings' jurisdiction when absent. */
  readonly jurisdiction?: Jurisdiction;
}

/** "No date": the decision waits for something whose date is not known yet. */
export const UNKNOWN_DAY = -0x7fffffff;

export interface Assessment {
  /** Bits of blocking reasons (REASON_CODES order). */
  block: number;
  /** Bits of non-blocking information reasons. */
  info: number;
  /** Index of the timing reason, -1 when there is no due date. */
  timing: number;
  /** Epoch day the invoice becomes transferable by its route, or UNKNOWN_DAY. */
  eligibleOn: number;
  autoTransfer: boolean;
  /** The business-day adjusted due date, UNKNOWN_DAY when there is none. */
  dueOn: number;
  /** Days after due used by the timing rule (draft list or automatic delay). */
  days: number;
  /** Due date of the ledger letter the timing waits for, or UNKNOWN_DAY. */
  letterDueOn: number;
  limitationOn: number;
  minimum: TransferMinimum;
}

export function assess(
  invoice: EligibilityInvoice,
  customer: EligibilityCustomer,
  settings: EligibilitySettings,
  context: EligibilityContext,
): Assessment {
  const amount = invoice.openAmount.amount;
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new DomainError("invalid_amount", `${amount} is not a whole, non-negative number of minor units`, "invoice.openAmount");
  }
  const minimum = TRANSFER_MINIMUMS[context.jurisdiction ?? settings.jurisdiction];
  if (minimum === undefined) {
    throw new DomainError("invalid_input", `"${String(context.jurisdiction)}" is not a jurisdiction (known: NO, SE, FI)`, "jurisdiction");
  }
  const today = context.today.epochDay;
  const a: Assessment = {
    block: 0,
    info: 0,
    timing: -1,
    eligibleOn: UNKNOWN_DAY,
    autoTransfer: false,
    dueOn: UNKNOWN_DAY,
    days: 0,
    letterDueOn: UNKNOWN_DAY,
    limitationOn: UNKNOWN_DAY,
    minimum,
  };

  // Blockers, in REASON_CODES order.
  if (invoice.dueDate === null) a.block |= BIT.no_due_date;
  if (invoice.status !== "sent" && invoice.status !== "partly-paid") a.block |= BIT.status_not_sent;
  if (amount === 0) a.block |= BIT.nothing_open;
  if (customer.doNotTransfer === true) a.block |= BIT.customer_do_not_transfer;
  if (invoice.excludeFromDunning === true) a.block |= BIT.excluded_from_dunning;
  if (firstShared(customer.groups, settings.excludedGroups) !== null) a.block |= BIT.customer_in_excluded_group;
  if (invoice.factored === true) {
    if (settings.financedInvoices === "block") a.block |= BIT.factored_or_financed;
    else a.info |= BIT.financed_manual_only;
  }
  if (invoice.atOtherAgency === true) a.block |= BIT.at_other_agency;
  if (!hasPostalAddress(customer)) a.block |= BIT.missing_debtor_address;
  const sameCurrency = invoice.openAmount.currency === settings.creditorCurrency;
  if (!sameCurrency) a.info |= BIT.currency_differs;
  else if (settings.minimumAmount !== null && amount < settings.minimumAmount.amount) a.block |= BIT.below_minimum_amount;
  if (context.registeredInvoiceNumbers !== undefined && context.registeredInvoiceNumbers.has(invoice.invoiceNumber)) {
    a.block |= BIT.duplicate_invoice_number;
  }
  if (invoice.dueDate === null) return a;

  const adjust = context.adjustDueDate;
  const dueOn = adjust ? adjust(invoice.dueDate).epochDay : invoice.dueDate.epochDay;
  a.dueOn = dueOn;
  // Foreldelse: 3 years from due (foreldelsesloven §§ 2–3); a last day on a holiday moves on (§ 29).
  // Three years are never fewer than 1095 days, so younger invoices skip the calendar arithmetic.
  if (today - dueOn >= 1095) {
    const end = LocalDate.ofEpochDay(dueOn).plusYears(3);
    a.limitationOn = adjust ? adjust(end).epochDay : end.epochDay;
    if (today > a.limitationOn) a.block |= BIT.time_barred;
  }

  // The draft-list route (also what a manual approval of the draft list waits for).
  if (context.manual === true) {
    a.timing = CODE_INDEX.manual_move;
    a.days = 1;
    a.eligibleOn = dueOn + 1;
  } else {
    draftListDate(a, invoice, settings, dueOn);
  }
  const draftOn = a.eligibleOn;
  const draftTiming = a.timing;

  // Sweden: approving a transfer by hand needs 8 days since the invoice date and 4 since due.
  const manualRule = minimum.manual;
  if (manualRule !== null && a.eligibleOn !== UNKNOWN_DAY) {
    const earliest = Math.max(invoice.invoiceDate.epochDay + manualRule.minDaysAfterInvoiceDate, dueOn + manualRule.minDaysAfterDue);
    if (earliest > a.eligibleOn) {
      a.eligibleOn = earliest;
      a.timing = CODE_INDEX.se_manual_minimum;
    }
  }

  if (settings.automatic.enabled && context.manual !== true && a.block === 0) {
    automaticRoute(a, invoice, customer, settings, sameCurrency, draftOn, draftTiming);
  }
  return a;
}

function draftListDate(a: Assessment, invoice: EligibilityInvoice, settings: EligibilitySettings, dueOn: number): void {
  const ticked = settings.ledgerDunning;
  if (ticked.collectionNotice || ticked.reminder) {
    // The ledger's last ticked letter: the invoice goes the first day after that letter's due date.
    const letters = invoice.ledgerLetters;
    const letterDue = ticked.collectionNotice ? letters?.collectionNoticeDueOn : letters?.reminderDueOn;
    if (letterDue) {
      a.letterDueOn = letterDue.epochDay;
      a.timing = CODE_INDEX.draft_after_ledger_letter;
      a.eligibleOn = Math.max(letterDue.epochDay, dueOn) + 1;
    } else {
      a.timing = CODE_INDEX.awaiting_ledger_letter;
      a.eligibleOn = UNKNOWN_DAY;
    }
    return;
  }
  const soft = ticked.softReminder;
  a.timing = soft ? CODE_INDEX.draft_soft_reminder : CODE_INDEX.draft_nothing_ticked;
  // Only overdue invoices are transferred, so never before the day after due.
  a.days = Math.max(1, soft ? settings.draftList.softReminderDaysAfterDue : settings.draftList.nothingTickedDaysAfterDue);
  a.eligibleOn = dueOn + a.days;
}

function automaticRoute(
  a: Assessment,
  invoice: EligibilityInvoice,
  customer: EligibilityCustomer,
  settings: EligibilitySettings,
  sameCurrency: boolean,
  draftOn: number,
  draftTiming: number,
): void {
  const auto = settings.automatic;
  const before = a.info;
  if (auto.minimumAmount !== null) {
    // A minimum in another currency cannot be compared without a rate: a person decides.
    if (!sameCurrency) a.info |= BIT.auto_other_currency;
    // Procountor: "Alla fakturor som överstiger beloppet omfattas av automation" (exceeds, strictly).
    else if (invoice.openAmount.amount <= auto.minimumAmount.amount) a.info |= BIT.auto_below_minimum;
  }
  if (firstShared(customer.groups, auto.excludedGroups) !== null) a.info |= BIT.auto_excluded_group;
  if (auto.activatedOn !== null && !auto.includeOverdueAtActivation && a.dueOn < auto.activatedOn.epochDay) {
    a.info |= BIT.auto_overdue_at_activation;
  }
  if (auto.skipWhenLedgerReminderSent && ledgerSentReminder(invoice)) a.info |= BIT.auto_ledger_reminder_sent;
  if (a.info !== before || (a.info & BIT.financed_manual_only) !== 0) return;

  let delay = auto.delayDaysAfterDue;
  if (delay < a.minimum.autoMinDaysAfterDue) {
    a.info |= BIT.auto_delay_raised_to_legal_minimum;
    delay = a.minimum.autoMinDaysAfterDue;
  }
  const autoOn = a.dueOn + delay;
  a.autoTransfer = true;
  // Automatic transfer counts from due only (Procountor: the invoice date does not matter), and
  // never overtakes a letter the ledger still has running.
  if (draftOn === UNKNOWN_DAY) {
    a.eligibleOn = UNKNOWN_DAY;
    a.timing = draftTiming;
  } else if (draftTiming === CODE_INDEX.draft_after_ledger_letter && draftOn > autoOn) {
    a.eligibleOn = draftOn;
    a.timing = draftTiming;
  } else {
    a.eligibleOn = autoOn;
    a.days = delay;
    a.timing = CODE_INDEX.automatic_transfer;
  }
}

/** The first of `groups` that is also in `excluded`, or null. Both lists are short. */
export function firstShared(groups: readonly string[] | undefined, excluded: readonly string[]): string | null {
  if (groups === undefined || groups.length === 0 || excluded.length === 0) return null;
  for (const g of groups) if (excluded.includes(g)) return g;
  return null;
}

export type EligibilityStatus = "eligible" | "waiting" | "blocked";

export function statusOf(a: Assessment, today: number): EligibilityStatus {
  if (a.block !== 0) return "blocked";
  return a.eligibleOn !== UNKNOWN_DAY && today >= a.eligibleOn ? "eligible" : "waiting";
}

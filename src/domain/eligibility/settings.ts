import type { LocalDate } from "../calendar/local-date.js";
import { DomainError } from "../errors.js";
import { type Currency, type Money, isCurrency } from "../money.js";
import { JURISDICTIONS, type Jurisdiction } from "./invoice.js";

/**
 * A creditor's transfer settings. Presets (`presets.ts`) fill them from documented product
 * behaviour; a creditor overrides single fields.
 */

/** What is ticked in the ledger's dunning settings (PowerOffice Meny > Innstillinger > Purring og inkasso). */
export interface LedgerDunning {
  /** Påminnelse: a soft reminder without a fee. */
  readonly softReminder: boolean;
  /** Purring sent by the ledger. */
  readonly reminder: boolean;
  /** Inkassovarsel sent by the ledger. */
  readonly collectionNotice: boolean;
}

/** When an invoice lands in the draft list when the ledger sends no reminder or notice itself. */
export interface DraftListRule {
  /** Nothing ticked: PowerOffice 14, Amili 1. */
  readonly nothingTickedDaysAfterDue: number;
  /** Only a soft reminder ticked: 14 in both. */
  readonly softReminderDaysAfterDue: number;
  readonly source: string;
}

export interface AutomaticTransfer {
  readonly enabled: boolean;
  /** Only invoices whose open amount exceeds this go automatically (Procountor "Lägsta fakturabelopp"). */
  readonly minimumAmount: Money | null;
  /** Raised to the jurisdiction's legal minimum when lower (`legal-minimums.ts`). */
  readonly delayDaysAfterDue: number;
  /** Customers in these groups are never transferred automatically (Procountor "Förhindra automatisk överföring"). */
  readonly excludedGroups: readonly string[];
  /** The day automatic transfer was switched on. */
  readonly activatedOn: LocalDate | null;
  /** The one-time choice at activation: do invoices already overdue then go automatically too? */
  readonly includeOverdueAtActivation: boolean;
  /** Procountor: invoices the ledger sent a reminder for are not transferred automatically. */
  readonly skipWhenLedgerReminderSent: boolean;
  readonly source: string;
}

export interface EligibilitySettings {
  readonly preset: string;
  readonly source: string;
  readonly jurisdiction: Jurisdiction;
  readonly creditorCurrency: Currency;
  readonly ledgerDunning: LedgerDunning;
  readonly draftList: DraftListRule;
  /** Below this open amount nothing is transferred, by hand or automatically. */
  readonly minimumAmount: Money | null;
  /** Customers in these groups are never transferred. */
  readonly excludedGroups: readonly string[];
  /** `block`: never (PowerOffice); `manual-only`: by hand but not automatically (Procountor). */
  readonly financedInvoices: "block" | "manual-only";
  readonly automatic: AutomaticTransfer;
}

export interface SettingsOverrides {
  readonly jurisdiction?: Jurisdiction;
  readonly creditorCurrency?: Currency;
  readonly ledgerDunning?: Partial<LedgerDunning>;
  readonly draftList?: Partial<DraftListRule>;
  readonly minimumAmount?: Money | null;
  readonly excludedGroups?: readonly string[];
  readonly financedInvoices?: "block" | "manual-only";
  readonly automatic?: Partial<AutomaticTransfer>;
}

export function applyOverrides(base: EligibilitySettings, o: SettingsOverrides | undefined): EligibilitySettings {
  if (!o) return base;
  return {
    ...base,
    ...pick(o, ["jurisdiction", "creditorCurrency", "minimumAmount", "excludedGroups", "financedInvoices"]),
    ledgerDunning: { ...base.ledgerDunning, ...o.ledgerDunning },
    draftList: { ...base.draftList, ...o.draftList },
    automatic: { ...base.automatic, ...o.automatic },
  };
}

function pick<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

/** Throws a `DomainError` naming the first field that is wrong. */
export function validateSettings(s: EligibilitySettings): EligibilitySettings {
  if (!JURISDICTIONS.includes(s.jurisdiction)) {
    throw new DomainError("invalid_input", `"${String(s.jurisdiction)}" is not a jurisdiction (known: ${JURISDICTIONS.join(", ")})`, "jurisdiction");
  }
  if (!isCurrency(s.creditorCurrency)) {
    throw new DomainError("unknown_currency", `unknown currency "${String(s.creditorCurrency)}"`, "creditorCurrency");
  }
  days(s.draftList.nothingTickedDaysAfterDue, "draftList.nothingTickedDaysAfterDue");
  days(s.draftList.softReminderDaysAfterDue, "draftList.softReminderDaysAfterDue");
  days(s.automatic.delayDaysAfterDue, "automatic.delayDaysAfterDue");
  amount(s.minimumAmount, s.creditorCurrency, "minimumAmount");
  amount(s.automatic.minimumAmount, s.creditorCurrency, "automatic.minimumAmount");
  if (s.financedInvoices !== "block" && s.financedInvoices !== "manual-only") {
    throw new DomainError("invalid_input", `"${String(s.financedInvoices)}" is not one of block, manual-only`, "financedInvoices");
  }
  return s;
}

function days(n: number, field: string): void {
  if (!Number.isSafeInteger(n) || n < 0 || n > 3650) {
    throw new DomainError("invalid_input", `${n} is not a whole number of days from 0 to 3650`, field);
  }
}

function amount(m: Money | null, currency: Currency, field: string): void {
  if (m === null) return;
  if (!Number.isSafeInteger(m.amount) || m.amount < 0) {
    throw new DomainError("invalid_amount", `${m.amount} is not a whole, non-negative number of minor units`, field);
  }
  if (m.currency !== currency) {
    throw new DomainError("currency_mismatch", `the minimum is in ${m.currency} but the creditor's currency is ${currency}`, field);
  }
}

import { LocalDate } from "../calendar/local-date.js";
import type { Currency } from "../money.js";
import type { EligibilityCustomer, EligibilityInvoice, InvoiceStatus, PostalAddress } from "./invoice.js";
import { settingsFromPreset } from "./presets.js";
import type { EligibilitySettings, SettingsOverrides } from "./settings.js";

/**
 * Builders for eligibility tests (a test names only what it is about): `anInvoice().dueOn("2025-01-31").amount(1_000_00)`.
 * Each call returns a new builder, so a base can be shared between tests.
 */
const d = (text: string, field: string): LocalDate => LocalDate.parse(text, field);

export class InvoiceBuilder {
  constructor(private readonly v: EligibilityInvoice) {}
  private with(patch: Partial<EligibilityInvoice>): InvoiceBuilder {
    return new InvoiceBuilder({ ...this.v, ...patch });
  }
  numbered(invoiceNumber: string): InvoiceBuilder {
    return this.with({ invoiceNumber });
  }
  invoicedOn(date: string): InvoiceBuilder {
    return this.with({ invoiceDate: d(date, "invoice.invoiceDate") });
  }
  dueOn(date: string | null): InvoiceBuilder {
    return this.with({ dueDate: date === null ? null : d(date, "invoice.dueDate") });
  }
  /** Open amount in minor units: `amount(1_000_00)` is 1 000,00. */
  amount(minor: number, currency: Currency = this.v.openAmount.currency): InvoiceBuilder {
    return this.with({ openAmount: { amount: minor, currency } });
  }
  status(status: InvoiceStatus): InvoiceBuilder {
    return this.with({ status });
  }
  excludedFromDunning(): InvoiceBuilder {
    return this.with({ excludeFromDunning: true });
  }
  factored(): InvoiceBuilder {
    return this.with({ factored: true });
  }
  atOtherAgency(): InvoiceBuilder {
    return this.with({ atOtherAgency: true });
  }
  ledgerSoftReminderSent(): InvoiceBuilder {
    return this.with({ ledgerLetters: { ...this.v.ledgerLetters, softReminderSent: true } });
  }
  ledgerReminderDueOn(date: string): InvoiceBuilder {
    return this.with({ ledgerLetters: { ...this.v.ledgerLetters, reminderDueOn: d(date, "reminderDueOn") } });
  }
  ledgerNoticeDueOn(date: string): InvoiceBuilder {
    return this.with({ ledgerLetters: { ...this.v.ledgerLetters, collectionNoticeDueOn: d(date, "collectionNoticeDueOn") } });
  }
  build(): EligibilityInvoice {
    return this.v;
  }
}

export function anInvoice(): InvoiceBuilder {
  return new InvoiceBuilder({
    invoiceNumber: "10001",
    invoiceDate: d("2025-01-17", "invoice.invoiceDate"),
    dueDate: d("2025-01-31", "invoice.dueDate"),
    openAmount: { amount: 1_000_00, currency: "NOK" },
    status: "sent",
  });
}

export class CustomerBuilder {
  constructor(private readonly v: EligibilityCustomer) {}
  private with(patch: Partial<EligibilityCustomer>): CustomerBuilder {
    return new CustomerBuilder({ ...this.v, ...patch });
  }
  named(name: string): CustomerBuilder {
    return this.with({ name });
  }
  livingAt(address: PostalAddress | null): CustomerBuilder {
    return this.with({ address });
  }
  doNotTransfer(): CustomerBuilder {
    return this.with({ doNotTransfer: true });
  }
  inGroups(...groups: string[]): CustomerBuilder {
    return this.with({ groups });
  }
  build(): EligibilityCustomer {
    return this.v;
  }
}

export function aCustomer(): CustomerBuilder {
  return new CustomerBuilder({
    name: "Kari Nordmann",
    address: { street: "Storgata 1", postcode: "0155", city: "Oslo", country: "NO" },
  });
}

export function settings(preset = "fordring-default", overrides?: SettingsOverrides): EligibilitySettings {
  return settingsFromPreset(preset, overrides);
}

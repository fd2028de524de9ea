import { describe, expect, it } from "vitest";
import { LocalDate } from "../../domain/calendar/local-date.js";
import type { LedgerCustomer, LedgerInvoice } from "../ledger-connector.js";
import { blockingReasons, decideTransfer, transferSettings } from "./transfer-decision.js";

const d = (s: string) => LocalDate.parse(s);
const invoice: LedgerInvoice = {
  id: "5c2f3e1a-0d4b-4c7e-9a51-2b7e6c1d0f11",
  customerRef: "10001",
  invoiceNumber: "1001",
  invoiceDate: d("2025-01-02"),
  dueDate: d("2025-01-16"),
  currency: "NOK",
  amountMinor: 1_000_00,
  openMinor: 1_000_00,
  kid: "100010010013",
  lastChanged: null,
  lastLetter: null,
};
const customer: LedgerCustomer = {
  ref: "10001",
  name: "Bjørnstad Rør AS",
  isPerson: false,
  orgNumber: "974760673",
  birthDate: null,
  email: null,
  phone: null,
  address: { line1: "Strandgata 5", postcode: "9008", city: "TROMSØ", country: "NO" },
  doNotTransfer: false,
};
const settings = transferSettings({});
const today = d("2025-03-01");
const none = new Set<string>();
const codes = (inv: LedgerInvoice, c: LedgerCustomer, open = inv.openMinor, registered = none) =>
  blockingReasons(decideTransfer(inv, open, c, settings, { today, registeredInvoiceNumbers: registered })).map((r) => r.code);

describe("transfer decision for an invoice approved in the ledger", () => {
  it("takes an overdue invoice with an addressed debtor", () => {
    expect(decideTransfer(invoice, invoice.openMinor, customer, settings, { today, registeredInvoiceNumbers: none }).status).toBe("eligible");
  });

  it("blocks with reasons: no address, do not transfer, duplicate number, time-barred, nothing open", () => {
    expect(codes(invoice, { ...customer, address: null })).toEqual(["missing_debtor_address"]);
    expect(codes(invoice, { ...customer, doNotTransfer: true })).toEqual(["customer_do_not_transfer"]);
    expect(codes(invoice, customer, invoice.openMinor, new Set(["1001"]))).toEqual(["duplicate_invoice_number"]);
    expect(codes({ ...invoice, invoiceDate: d("2021-11-01"), dueDate: d("2021-11-15") }, customer)).toEqual(["time_barred"]);
    expect(codes(invoice, customer, 0)).toEqual(["status_not_sent", "nothing_open"]);
    expect(codes({ ...invoice, dueDate: null }, customer)).toEqual(["no_due_date"]);
  });

  it("uses the creditor's preset, PowerOffice's by default", () => {
    expect(transferSettings({}).preset).toBe("poweroffice-modhi");
    expect(transferSettings({ transfer: { preset: "poweroffice-amili" } }).preset).toBe("poweroffice-amili");
    expect(transferSettings({ transfer: { preset: "nonsense" } }).preset).toBe("poweroffice-modhi");
  });
});

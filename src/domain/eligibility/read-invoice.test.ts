import { describe, expect, it } from "vitest";
import { LocalDate } from "../calendar/local-date.js";
import { DomainError } from "../errors.js";
import { evaluateEligibility } from "./evaluate-eligibility.js";
import { type InvoiceInput, readInvoice } from "./invoice.js";
import { settingsFromPreset } from "./presets.js";
import { aCustomer } from "./test-builders.js";

const wire: InvoiceInput = {
  invoiceNumber: "10001",
  invoiceDate: "2025-01-17",
  dueDate: "2025-01-31",
  openAmount: "1250.00",
  currency: "NOK",
  status: "partly-paid",
  ledgerLetters: { reminderDueOn: "2025-02-20" },
};

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.field;
    throw e;
  }
  throw new Error("expected a DomainError");
}

describe("readInvoice (the wire form)", () => {
  it("parses dates and the amount exactly", () => {
    const invoice = readInvoice(wire);
    expect(invoice.dueDate?.toString()).toBe("2025-01-31");
    expect(invoice.openAmount).toEqual({ amount: 1_250_00, currency: "NOK" });
    expect(invoice.ledgerLetters?.reminderDueOn?.toString()).toBe("2025-02-20");
    expect(invoice.ledgerLetters?.collectionNoticeDueOn).toBeNull();
    expect(invoice.factored).toBe(false);
  });

  it("an unparseable date is a DomainError naming the field", () => {
    expect(fieldOf(() => readInvoice({ ...wire, dueDate: "2025-02-30" }))).toBe("invoice.dueDate");
    expect(fieldOf(() => readInvoice({ ...wire, invoiceDate: "17.01.2025" }))).toBe("invoice.invoiceDate");
    expect(fieldOf(() => readInvoice({ ...wire, ledgerLetters: { collectionNoticeDueOn: "soon" } }))).toBe("invoice.ledgerLetters.collectionNoticeDueOn");
  });

  it("a negative or malformed amount, an unknown currency or status is a DomainError naming the field", () => {
    expect(fieldOf(() => readInvoice({ ...wire, openAmount: "-10.00" }))).toBe("invoice.openAmount");
    expect(fieldOf(() => readInvoice({ ...wire, openAmount: "10.001" }))).toBe("invoice.openAmount");
    expect(fieldOf(() => readInvoice({ ...wire, currency: "DKK" }))).toBe("invoice.currency");
    expect(fieldOf(() => readInvoice({ ...wire, status: "overdue" }))).toBe("invoice.status");
    expect(fieldOf(() => readInvoice({ ...wire, invoiceNumber: "" }))).toBe("invoice.invoiceNumber");
  });

  it("a missing due date is no error: the decision is blocked", () => {
    const invoice = readInvoice({ ...wire, dueDate: null });
    const d = evaluateEligibility(invoice, aCustomer().build(), settingsFromPreset("fordring-default"), { today: LocalDate.parse("2025-03-01") });
    expect(d.status).toBe("blocked");
    expect(d.reasons.map((r) => r.code)).toEqual(["no_due_date"]);
  });
});

import { LocalDate } from "../src/domain/calendar/local-date.js";
import { adjustDueDateNO } from "../src/domain/calendar/due-date.js";
import { evaluateEligibility, evaluateEligibilityStatus, settingsFromPreset, type EligibilityContext } from "../src/domain/eligibility/index.js";
import type { EligibilityCustomer, EligibilityInvoice, InvoiceStatus } from "../src/domain/eligibility/invoice.js";
import { measure, prng, report } from "./harness.js";

/**
 * Transfer eligibility over N generated invoices (a realistic mix of states, flags and customers):
 * the full decision with reasons, and the status-only variant the daily cycle uses, against a loop
 * that reads the same inputs.
 */
export function benchEligibility(n = 1_000_000): void {
  const rnd = prng(7);
  const today = LocalDate.parse("2025-06-02");
  const statuses: InvoiceStatus[] = ["sent", "sent", "sent", "partly-paid", "paid", "draft"];
  const customers: EligibilityCustomer[] = Array.from({ length: 1000 }, (_, i) => ({
    name: `Kunde ${i}`,
    address: i % 50 === 0 ? null : { street: `Storgata ${i}`, postcode: "0155", city: "Oslo", country: "NO" },
    doNotTransfer: i % 97 === 0,
    groups: i % 13 === 0 ? ["offentlig"] : [],
  }));
  const invoices: EligibilityInvoice[] = [];
  const customerOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const invoiceDate = today.minusDays(Math.floor(rnd() * 1400));
    invoices.push({
      invoiceNumber: String(100_000 + i),
      invoiceDate,
      dueDate: i % 200 === 0 ? null : invoiceDate.plusDays(14),
      openAmount: { amount: Math.floor(rnd() * 5_000_000), currency: "NOK" },
      status: statuses[i % statuses.length]!,
      excludeFromDunning: i % 151 === 0,
      factored: i % 173 === 0,
    });
    customerOf[i] = Math.floor(rnd() * customers.length);
  }
  const settings = settingsFromPreset("poweroffice-modhi");
  const context: EligibilityContext = { today, adjustDueDate: adjustDueDateNO, registeredInvoiceNumbers: new Set(["100007", "100042"]) };

  const baseline = measure("baseline (read inputs)", n, () => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const inv = invoices[i]!;
      const c = customers[customerOf[i]!]!;
      s += inv.openAmount.amount + (inv.dueDate?.epochDay ?? 0) + inv.invoiceDate.epochDay + inv.status.length + c.name.length;
    }
    return s;
  });
  const status = measure("evaluateEligibilityStatus", n, () => {
    let s = 0;
    for (let i = 0; i < n; i++) s += evaluateEligibilityStatus(invoices[i]!, customers[customerOf[i]!]!, settings, context).status.length;
    return s;
  });
  const full = measure("evaluateEligibility (with reasons)", n, () => {
    let s = 0;
    for (let i = 0; i < n; i++) s += evaluateEligibility(invoices[i]!, customers[customerOf[i]!]!, settings, context).reasons.length;
    return s;
  });
  report(`eligibility: ${n.toLocaleString("en")} invoices, status only (daily cycle)`, status, baseline, 500_000);
  report(`eligibility: ${n.toLocaleString("en")} invoices, full decision with reasons (portal, API)`, full, baseline, 500_000);
}

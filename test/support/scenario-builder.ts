/** Builds scenario files for tests: `aScenario().invoice(...).event(...).build()`. */
export interface ScenarioInvoice {
  id: string;
  amount?: string;
  due?: string;
  issued?: string;
  type?: "consumer" | "business";
  name?: string;
}

export function aScenario(start = "2025-01-01", days = 120) {
  const creditor: Record<string, unknown> = { vatRegistered: true, firstStep: "collection-notice", approveBeforePaymentDemand: false, approveBeforeLegal: true };
  const invoices: unknown[] = [];
  const events: unknown[] = [];
  const b = {
    creditor(settings: Record<string, unknown>) {
      Object.assign(creditor, settings);
      return b;
    },
    invoice(i: ScenarioInvoice) {
      invoices.push({
        id: i.id,
        debtor: { type: i.type ?? "consumer", name: i.name ?? "Kari Nordmann", address: { line1: "Storgata 1", postcode: "0155", city: "Oslo", country: "NO" } },
        amount: i.amount ?? "1500.00",
        currency: "NOK",
        issued: i.issued ?? "2024-11-20",
        due: i.due ?? "2024-12-04",
      });
      return b;
    },
    event(e: Record<string, unknown>) {
      events.push(e);
      return b;
    },
    build: () => ({ jurisdiction: "NO", start, days, creditor, invoices, events }),
  };
  return b;
}

/** The Norwegian status text shown in the creditor's ledger for each stage (PowerOffice UpdateStatus.statusText). */
const TEXTS: Record<string, string> = {
  opened: "Mottatt til inkasso",
  reminder: "Purring sendt",
  "collection-notice": "Inkassovarsel sendt",
  "stop-window": "Varselfrist utløpt – kan stoppes",
  "awaiting-payment-demand-approval": "Venter på godkjenning av betalingsoppfordring",
  "payment-demand": "Betalingsoppfordring sendt",
  "awaiting-legal-approval": "Venter på godkjenning av rettslig inndrivelse",
  "ordinary-collection": "Under inkasso",
  legal: "Rettslig inndrivelse",
  surveillance: "Overvåking",
  closed: "Avsluttet",
};

export function statusText(stage: string): string {
  return TEXTS[stage] ?? stage;
}

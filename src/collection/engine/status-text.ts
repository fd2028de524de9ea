/**
 * The status text shown in the creditor's ledger for each stage (PowerOffice UpdateStatus.statusText,
 * Procountor's invoice notes), in the language of the case's country: Norwegian, or Swedish for a
 * Swedish case (its stages are `SWEDISH_STAGES`).
 */
const NO_TEXTS: Record<string, string> = {
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

const SE_TEXTS: Record<string, string> = {
  opened: "Mottaget för inkasso",
  reminder: "Påminnelse skickad",
  "collection-notice": "Inkassokrav skickat",
  "awaiting-legal-approval": "Väntar på godkännande av ansökan om betalningsföreläggande",
  "ordinary-collection": "Under inkasso",
  legal: "Betalningsföreläggande ansökt hos Kronofogden",
  surveillance: "Bevakning",
  closed: "Avslutat",
};

export function statusText(stage: string, jurisdiction: "NO" | "SE" = "NO"): string {
  return (jurisdiction === "SE" ? SE_TEXTS : NO_TEXTS)[stage] ?? stage;
}

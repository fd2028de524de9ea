import { SOURCES } from "./sources.js";
import type { Jurisdiction } from "./invoice.js";

/**
 * The earliest an invoice may go to the agency, per the debtor's jurisdiction. These are rule
 * data with their source and confidence (shown wherever the value is used, docs/RULES.md § 8), not
 * settings: a creditor's delay below the minimum is raised to it and the decision says so.
 */
export interface TransferMinimum {
  readonly jurisdiction: Jurisdiction;
  /** Automatic transfer (no person approves) never before due date + this many days. */
  readonly autoMinDaysAfterDue: number;
  /** A short citation for texts, e.g. "inkassoforskriften § 1-2". */
  readonly autoLabel: string;
  readonly autoSource: string;
  /** A manual transfer (approving the draft list) needs both to have passed; null: any overdue invoice. */
  readonly manual: { readonly minDaysAfterInvoiceDate: number; readonly minDaysAfterDue: number } | null;
  readonly manualSource: string | null;
  readonly confidence: "high" | "medium" | "low";
}

export const TRANSFER_MINIMUMS: Readonly<Record<Jurisdiction, TransferMinimum>> = {
  // The notice itself may go the day after due (inkassoloven § 9), but an automatic transfer
  // makes the agency send a notice carrying a fee, and that fee is only lawful when the notice is
  // sent ≥ 14 days after due (inkassoforskriften § 1-2). Products follow it: AutoCollect transfers
  // automatically "så snart faktura er forfalt med 14 dager"; Visma.net: "I henhold til norsk lov
  // må det gå 14 dager før første purringen kan sendes fra innfordringsselskapet".
  NO: {
    jurisdiction: "NO",
    autoMinDaysAfterDue: 14,
    autoLabel: "inkassoforskriften § 1-2",
    autoSource: `${SOURCES.inkassoforskriften12}; ${SOURCES.amili}; ${SOURCES.vismaNet}`,
    manual: null,
    manualSource: null,
    confidence: "medium",
  },
  // No statutory wait before a betalningspåminnelse (Finansinspektionen FAQ; inkassolagen (1974:182)),
  // so the floor is the first day after due. Procountor's own default ("minimivärde i enlighet med
  // lag och god praxis") is not stated on the page; the procountor-kravia preset uses 4 days.
  // Manual transfer: "8 dagar har passerat sedan fakturadatum och 4 dagar sedan förfallodagen".
  SE: {
    jurisdiction: "SE",
    autoMinDaysAfterDue: 1,
    autoLabel: "no statutory wait before a betalningspåminnelse",
    autoSource: "Finansinspektionen FAQ: no duty or waiting period before a betalningspåminnelse",
    manual: { minDaysAfterInvoiceDate: 8, minDaysAfterDue: 4 },
    manualSource: SOURCES.procountor,
    confidence: "low",
  },
  // A chargeable maksumuistutus may be sent at the earliest 14 days after due (perintälaki 10 b §,
  // as reported by ikassa.fi and yrittajat.fi; the 10 b values are UNCERTAIN until read in Finlex).
  FI: {
    jurisdiction: "FI",
    autoMinDaysAfterDue: 14,
    autoLabel: "perintälaki 10 b §",
    autoSource: "perintälaki (513/1999) 10 b §: maksumuistutus with costs at the earliest 14 days after due (secondary sources; UNCERTAIN)",
    manual: null,
    manualSource: null,
    confidence: "low",
  },
};

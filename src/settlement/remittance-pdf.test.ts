import { describe, expect, it } from "vitest";
import { agencyFromEnv } from "../collection/agency.js";
import { flat, readPdf } from "../collection/letters/pdf-text.fixture.js";
import { renderRemittancePdf, type RemittanceInput } from "./remittance-pdf.js";

/**
 * The remittance summary adds up on its face (issue #20): the demo's November settlement for
 * Nordlys set off 75.00 of costs the debtor paid straight to the creditor, and the summary had
 * no line for it — the payout did not follow from the lines above it, and the agency's share
 * (2 100,00) differed from the 2 175,00 posted.
 */
const settlement: RemittanceInput["settlement"] = {
  settlementId: "3abe88bf-5727-4881-8ca4-36867dfca1b8",
  currency: "NOK",
  period: { from: "2026-11-01", to: "2026-11-30" },
  settledOn: "2026-12-01",
  lines: [
    { caseNumber: "NORDLYS-100075", invoiceNumber: "100025", receivedTotal: "1108.40", creditorShare: "808.40", agencyShareOfReceived: "300.00", commission: "0.00", commissionVat: "0.00", net: "808.40" },
    { caseNumber: "NORDLYS-100089", invoiceNumber: "100060", receivedTotal: "8092.28", creditorShare: "6292.28", agencyShareOfReceived: "1800.00", commission: "0.00", commissionVat: "0.00", net: "6217.28" },
  ],
  totals: { receivedByAgency: "9200.68", creditorShare: "7100.68", agencyTotal: "2175.00", commission: "0.00", commissionVat: "0.00", withdrawalCosts: "0.00", owedFromDirect: "75.00", net: "7025.68" },
  payout: "7025.68",
  invoiceToCreditor: "0.00",
  outcome: "payout",
  notes: [],
};

describe("the remittance summary", () => {
  it("goes line by line from money paid in to the payout, the set-off a line of its own", async () => {
    const text = flat((await readPdf(await renderRemittancePdf({ agency: agencyFromEnv({}), creditor: { name: "Nordlys Nettbutikk AS" }, settlement, voucher: { lines: [] } }))).text);
    const order = [
      /Innbetalt til byrået\s*kr 9\s200,68/,
      /− Byråets andel av innbetalt \(gebyr, salær, rettslige kostnader\)\s*kr 2\s100,00/,
      /= Kreditors andel \(hovedstol og renter\)\s*kr 7\s100,68/,
      /− Provisjon\s*kr 0,00/,
      /− Merverdiavgift på provisjon\s*kr 0,00/,
      /− Trekkostnader belastet kreditor\s*kr 0,00/,
      /− Motregnet: kostnader skyldner betalte direkte til kreditor\s*kr 75,00/,
      /= Til utbetaling\s*kr 7\s025,68/,
      /Byrået får i alt kr 2\s175,00/,
    ];
    let at = 0;
    for (const re of order) {
      const m = re.exec(text.slice(at));
      expect(m, String(re)).not.toBeNull();
      at += m!.index + m![0].length;
    }
  });
});

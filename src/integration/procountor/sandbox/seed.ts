import type { LedgerSide } from "./ledger-side.js";

/**
 * A Swedish company's customer ledger for the demo and the CLI: customers with Swedish
 * addresses (one without), invoices in SEK around `today` — overdue, just due, old, financed,
 * sent as e-invoice, with product rows and the seller's note — and one partly paid.
 */
export interface SeedResult {
  readonly partners: number;
  readonly invoices: number;
  readonly payments: number;
}

export function seedSwedishLedger(ledger: LedgerSide, today: string, o: { invoices?: number } = {}): SeedResult {
  const day = (offset: number) => addDays(today, offset);
  const partners = [
    ledger.addPartner({ name: "Fjällström Måleri AB", customerNumber: "1001", identifier: "556123-4567", address: { street: "Kungsgatan 4", zip: "111 43", city: "Stockholm", country: "SWEDEN" }, email: "info@fjallstrom.example", groups: ["Företag"] }),
    ledger.addPartner({ name: "Åsa Lindqvist", customerNumber: "1002", isPerson: true, identifier: "197805172389", address: { street: "Björkvägen 7", zip: "752 36", city: "Uppsala", country: "SWEDEN" }, groups: ["Privat"] }),
    ledger.addPartner({ name: "Öberg & Söner HB", customerNumber: "1003", identifier: "969612-3456", address: { street: "Hamngatan 21", zip: "211 22", city: "Malmö", country: "SWEDEN" }, groups: ["Företag", "Koncern"] }),
    ledger.addPartner({ name: "Adresslös Handel AB", customerNumber: "1004", identifier: "556999-0001" }),
  ];
  const rows = [
    { product: "Målning fasad", quantity: 1, unitPriceMinor: 12_000_00, comment: "Enligt offert 2291" },
    { product: "Ställning, hyra per vecka", quantity: 2, unitPriceMinor: 1_750_00 },
  ];
  const specs = [
    { p: 0, sum: 15_500_00, date: day(-45), due: day(-15), rows, notes: "Kunden har lovat betala i slutet av månaden.", channel: "ELECTRONIC_INVOICE" as const },
    { p: 1, sum: 2_450_00, date: day(-40), due: day(-10) },
    { p: 2, sum: 8_900_00, date: day(-60), due: day(-30), original: "EXT-7781" },
    { p: 3, sum: 1_200_00, date: day(-50), due: day(-20) },
    { p: 0, sum: 4_000_00, date: day(-20), due: day(-2) },
    { p: 1, sum: 650_00, date: day(-4 * 365), due: day(-4 * 365 + 30) },
    { p: 2, sum: 30_000_00, date: day(-50), due: day(-20), factoring: 77 },
  ];
  const extra = Math.max(0, (o.invoices ?? specs.length) - specs.length);
  let number = 5001;
  for (const s of specs) {
    ledger.addInvoice({
      partnerId: partners[s.p]!.id,
      invoiceNumber: number++,
      date: s.date,
      dueDate: s.due,
      sumMinor: s.sum,
      ...("rows" in s ? { rows: s.rows } : {}),
      ...("notes" in s ? { notes: s.notes } : {}),
      ...("channel" in s ? { channel: s.channel } : {}),
      ...("original" in s ? { originalInvoiceNumber: s.original } : {}),
      ...("factoring" in s ? { factoringContractId: s.factoring } : {}),
    });
  }
  for (let n = 0; n < extra; n++) {
    ledger.addInvoice({ partnerId: partners[n % 3]!.id, invoiceNumber: number++, date: day(-40 - (n % 20)), dueDate: day(-10 - (n % 20)), sumMinor: 500_00 + 25 * n });
  }
  ledger.referencePayment(ledger.invoiceByNumber(5002).id, { amountMinor: 450_00, date: day(-3) });
  return { partners: partners.length, invoices: specs.length + extra, payments: 1 };
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

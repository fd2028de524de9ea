import { describe, expect, it } from "vitest";
import { invoicePdf } from "./invoice-pdf.js";
import type { Customer, Invoice } from "./model.js";

const invoice: Invoice = {
  id: "00000000-0000-4000-8000-000000000001",
  customerCode: 10001,
  invoiceNo: 1234,
  invoiceDate: 19_723,
  dueDate: 19_737,
  amountMinor: 1_250_50,
  remainingMinor: 1_250_50,
  currencyCode: "NOK",
  cid: "1000100012344",
  dcStatus: 3,
  ledgerEntryId: 1,
  createdAt: 0,
  lastChanged: 0,
};
const customer: Customer = {
  id: 1,
  code: 10001,
  name: "Bjørn (Rør) Ærlig AS",
  isPerson: false,
  mailAddress: { address1: "Strandgata 5", zipCode: "9008", city: "Tromsø", countryCode: "NO" },
  transferToDebtCollectionAgency: true,
  createdAt: 0,
  lastChanged: 0,
};

describe("invoicePdf", () => {
  const pdf = invoicePdf(invoice, customer, "Demo Kreditor AS");
  const text = pdf.toString("latin1");

  it("is a PDF whose xref offsets point at its objects", () => {
    expect(text.startsWith("%PDF-1.4\n")).toBe(true);
    expect(text.endsWith("%%EOF\n")).toBe(true);
    const startxref = Number(/startxref\n(\d+)\n%%EOF/.exec(text)![1]);
    expect(text.slice(startxref, startxref + 4)).toBe("xref");
    const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(offsets).toHaveLength(5);
    offsets.forEach((offset, i) => expect(text.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));
  });

  it("declares the content stream's true length", () => {
    const m = /<< \/Length (\d+) >>\nstream\n/.exec(text)!;
    const start = m.index + m[0].length;
    expect(text.slice(start + Number(m[1]), start + Number(m[1]) + "\nendstream".length)).toBe("\nendstream");
  });

  it("writes the invoice facts, Norwegian letters as WinAnsi bytes and parentheses escaped", () => {
    expect(text).toContain("(Faktura 1234)");
    expect(text).toContain("(KID: 1000100012344)");
    expect(text).toContain("(Beløp: 1250.50 NOK)");
    expect(pdf.includes(Buffer.from("Troms\xf8", "latin1"))).toBe(true);
    expect(text).toContain("Bjørn \\(Rør\\) Ærlig AS");
  });
});

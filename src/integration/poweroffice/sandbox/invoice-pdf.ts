import type { Customer, Invoice } from "./model.js";
import { decimal, formatDate } from "./wire-values.js";

/**
 * GET DebtCollection/GetInvoicePdf/{id}/ answers the invoice as a file (route page: `Content-Type:
 * <content type>`, `<body data>`). The sandbox writes a small, valid one-page PDF 1.4 by hand:
 * Helvetica with WinAnsiEncoding (æøå are Latin-1 bytes), a correct xref table.
 */
export function invoicePdf(invoice: Invoice, customer: Customer | undefined, creditorName: string): Buffer {
  const lines = [
    `Faktura ${invoice.invoiceNo}`,
    creditorName,
    "",
    `Kunde: ${customer?.name ?? invoice.customerCode} (kundenr. ${invoice.customerCode})`,
    ...(customer?.mailAddress ? [customer.mailAddress.address1, `${customer.mailAddress.zipCode} ${customer.mailAddress.city}`] : []),
    "",
    `Fakturadato: ${formatDate(invoice.invoiceDate)}`,
    `Forfallsdato: ${formatDate(invoice.dueDate)}`,
    `Beløp: ${decimal(invoice.amountMinor).toText()} ${invoice.currencyCode}`,
    `KID: ${invoice.cid}`,
  ];
  const text = lines.map((l, i) => `BT /F1 ${i === 0 ? 18 : 11} Tf 56 ${780 - i * 18} Td (${escapePdf(l)}) Tj ET`).join("\n");
  const content = Buffer.from(text, "latin1");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
  ].map((body) => Buffer.from(body, "latin1"));
  const parts: Buffer[] = [Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  const push = (b: Buffer) => {
    parts.push(b);
    length += b.length;
  };
  objects.forEach((body, i) => {
    offsets.push(length);
    push(Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from("\nendobj\n")]));
  });
  offsets.push(length);
  push(Buffer.concat([Buffer.from(`5 0 obj\n<< /Length ${content.length} >>\nstream\n`), content, Buffer.from("\nendstream\nendobj\n")]));
  const xrefAt = length;
  const xref = ["xref", `0 ${offsets.length + 1}`, "0000000000 65535 f ", ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n `)].join("\n");
  push(Buffer.from(`${xref}\ntrailer\n<< /Size ${offsets.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`, "latin1"));
  return Buffer.concat(parts);
}

/** Escapes a PDF string literal; characters outside Latin-1 become "?". */
function escapePdf(s: string): string {
  return s.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\xff]/g, "?");
}

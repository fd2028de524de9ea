/**
 * The seller's notes of a Procountor invoice (Invoice.notes: "not visible on the invoice",
 * writable "regardless of the invoice status" through PUT /invoices/{id}/notes) carry what the
 * agency writes back: one line with its case number and link, one with the case's status, or one
 * saying the invoice will not be taken. The creditor's own text stays as it was, above ours.
 *
 * Also what the agency carries from the invoice onto the case (Procountor Inkasso's help page):
 * the seller's note, the e-invoice flag, financing, the original invoice number, and the first ten
 * product lines within 1000 characters.
 */
export type NoteLineKind = "case" | "status" | "reject";

const PATTERNS: Readonly<Record<NoteLineKind, RegExp>> = {
  case: /^Inkasso \([^)]*\): ärende /,
  status: /^Inkasso \([^)]*\) status: /,
  reject: /^Inkasso \([^)]*\): överförs inte – /,
};

/** The notes with `line` as the one line of its kind (added at the end, or replacing the old one). */
export function withNoteLine(notes: string, kind: NoteLineKind, line: string): string {
  if (line.includes("\n")) throw new Error("a note line must be one line");
  const lines = notes === "" ? [] : notes.split("\n");
  const at = lines.findIndex((l) => PATTERNS[kind].test(l));
  if (at >= 0) lines[at] = line;
  else lines.push(line);
  return lines.join("\n");
}

export interface InvoiceDetails {
  /** Our case number, when the notes carry our case line. */
  readonly caseNumber: string | null;
  /** The notes carry our case line or our refusal: not available for transfer again. */
  readonly agencyLine: boolean;
  /** The creditor's own notes (ours taken out); null when there are none. */
  readonly sellerNote: string | null;
  readonly eInvoice: boolean;
  /** Financed (factoring): transferred only by hand. */
  readonly financed: boolean;
  readonly originalInvoiceNumber: string | null;
  /** "Product – comment" of the first ten rows, cut at 1000 characters together. */
  readonly productLines: readonly string[];
  readonly additionalInformation: string | null;
}

export const MAX_PRODUCT_LINES = 10;
export const MAX_PRODUCT_TEXT = 1000;

/** The seller's notes of an invoice as Procountor answers it ("" when it has none), and the `version` a write of them must send. */
export function sellerNotes(invoice: Record<string, unknown>): { notes: string; version: string | undefined } {
  return { notes: typeof invoice["notes"] === "string" ? invoice["notes"] : "", version: typeof invoice["version"] === "string" ? invoice["version"] : undefined };
}

export function invoiceDetails(invoice: Record<string, unknown>): InvoiceDetails {
  const { notes } = sellerNotes(invoice);
  const lines = notes === "" ? [] : notes.split("\n");
  const ours = (l: string) => Object.values(PATTERNS).some((p) => p.test(l));
  const caseLine = lines.find((l) => PATTERNS.case.test(l));
  const own = lines.filter((l) => !ours(l)).join("\n").trim();
  const rows = Array.isArray(invoice["invoiceRows"]) ? (invoice["invoiceRows"] as Record<string, unknown>[]) : [];
  const productLines: string[] = [];
  let used = 0;
  for (const r of rows.slice(0, MAX_PRODUCT_LINES)) {
    const product = typeof r["product"] === "string" ? r["product"] : "";
    const comment = typeof r["comment"] === "string" && r["comment"] !== "" ? ` – ${r["comment"]}` : "";
    const full = `${product}${comment}`;
    if (used + full.length > MAX_PRODUCT_TEXT) {
      if (MAX_PRODUCT_TEXT - used > 0) productLines.push(full.slice(0, MAX_PRODUCT_TEXT - used));
      break;
    }
    productLines.push(full);
    used += full.length;
  }
  const original = invoice["originalInvoiceNumber"];
  const info = invoice["additionalInformation"];
  return {
    caseNumber: caseLine ? (/ärende (\S+)/.exec(caseLine)?.[1] ?? null) : null,
    agencyLine: lines.some((l) => PATTERNS.case.test(l) || PATTERNS.reject.test(l)),
    sellerNote: own === "" ? null : own,
    eInvoice: invoice["invoiceChannel"] === "ELECTRONIC_INVOICE",
    financed: typeof invoice["factoringContractId"] === "number",
    originalInvoiceNumber: typeof original === "string" && original !== "" ? original : null,
    productLines,
    additionalInformation: typeof info === "string" && info !== "" ? info : null,
  };
}

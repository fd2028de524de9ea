import type { Queryable } from "../../platform/db/database.js";
import { BOLD, REGULAR, renderA4 } from "../letters/letter-fonts.js";
import type { PdfDocument } from "../letters/pdf-document.js";

/**
 * A document the case handler's work produces beside the collection letters — a payment plan's
 * confirmation and breach notice, a filing to the forliksråd or the namsmann, a loss confirmation
 * for the creditor, a claim notice to a bankruptcy estate — as plain data, rendered to a PDF with
 * the bundled DejaVu fonts and kept with the case (`case_documents`, with the data it was made
 * from). The renderer only lays the model out; every figure and date is computed by the caller.
 */
export interface DocumentModel {
  readonly title: string;
  /** The document's language (a debtor's letter: the debtor's; a filing: nb). */
  readonly language: "nb" | "en";
  /** YYYY-MM-DD: the date printed, and the PDF's creation date (fixed dates give identical bytes). */
  readonly issuedOn: string;
  readonly author: string;
  /** The sender's lines (name, org. no., address). */
  readonly from: readonly string[];
  /** The recipient's lines. */
  readonly to: readonly string[];
  readonly intro: readonly string[];
  /** Labelled facts: "Saksnummer: 2025-000123". */
  readonly fields: readonly { readonly label: string; readonly value: string }[];
  readonly table?: { readonly columns: readonly string[]; readonly rows: readonly (readonly string[])[]; readonly rightAligned?: readonly number[] };
  readonly closing: readonly string[];
}

const MARGIN = 56;
const WIDTH = 595.28 - 2 * MARGIN;
const BOTTOM = 780;

export function renderDocumentPdf(model: DocumentModel): Promise<Buffer> {
  const meta = { title: model.title, author: model.author, subject: model.title, lang: model.language === "nb" ? "nb-NO" : "en-GB", isoDate: model.issuedOn, margin: MARGIN };
  return renderA4(meta, (d) => draw(d, model));
}

function draw(doc: PdfDocument, m: DocumentModel): void {
  let y = MARGIN;
  const ensure = (h: number) => {
    if (y + h > BOTTOM) {
      doc.addPage();
      y = MARGIN;
    }
  };
  const text = (t: string, o: { bold?: boolean; size?: number; x?: number; width?: number; align?: "left" | "right" } = {}) => {
    const width = o.width ?? WIDTH;
    doc.font(o.bold ? BOLD : REGULAR).fontSize(o.size ?? 10);
    const h = doc.heightOfString(t, { width });
    return { h, put: () => doc.text(t, o.x ?? MARGIN, y, { width, align: o.align ?? "left" }) };
  };
  const block = (t: string, o: Parameters<typeof text>[1] = {}, gap = 4) => {
    const b = text(t, o);
    ensure(b.h);
    b.put();
    y += b.h + gap;
  };
  m.from.forEach((l, i) => block(l, { bold: i === 0, size: i === 0 ? 11 : 9 }, 1));
  y += 8;
  block(m.issuedOn, { size: 9, align: "right" });
  m.to.forEach((l) => block(l, { size: 10 }, 1));
  y += 18;
  block(m.title, { bold: true, size: 14 }, 10);
  for (const p of m.intro) block(p, {}, 8);
  for (const f of m.fields) {
    const label = text(`${f.label}:`, { bold: true, width: 170 });
    const value = text(f.value, { x: MARGIN + 175, width: WIDTH - 175 });
    const h = Math.max(label.h, value.h);
    ensure(h);
    label.put();
    value.put();
    y += h + 3;
  }
  if (m.table) {
    y += 8;
    const n = m.table.columns.length;
    const w = WIDTH / n;
    const row = (cells: readonly string[], bold: boolean) => {
      const parts = cells.map((c, i) => text(c, { bold, x: MARGIN + i * w, width: w - 6, align: m.table!.rightAligned?.includes(i) ? "right" : "left" }));
      const h = Math.max(...parts.map((p) => p.h));
      ensure(h);
      parts.forEach((p) => p.put());
      y += h + 3;
    };
    row(m.table.columns, true);
    for (const r of m.table.rows) row(r, false);
  }
  y += 10;
  for (const p of m.closing) block(p, {}, 8);
}

/** Keeps a rendered document with its case: one per (case, kind), so writing it again changes nothing. Returns its id. */
export async function storeCaseDocument(tx: Queryable, d: { creditorId: string; caseId: string; kind: string; pdf: Buffer; data: unknown; source: string }): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `insert into case_documents (creditor_id, case_id, kind, content_type, content, source, data) values ($1, $2, $3, 'application/pdf', $4, $5, $6)
     on conflict (case_id, kind) do update set kind = excluded.kind returning id`,
    [d.creditorId, d.caseId, d.kind, d.pdf, d.source, JSON.stringify(d.data)],
  );
  return row!.id;
}

/** The parties' lines a case document is addressed with: the case, its debtor, its creditor. */
export interface CaseParties {
  caseId: string;
  creditorId: string;
  caseNumber: string;
  kid: string;
  invoiceNumber: string;
  debtor: { name: string; type: string; orgNumber: string | null; birthDate: string | null; address: { line1?: string; line2?: string; postcode?: string; city?: string; country?: string } | null; language: "nb" | "en" };
  creditor: { name: string; orgNumber: string | null; address: { line1?: string; postcode?: string; city?: string } | null };
}

export async function caseParties(tx: Queryable, caseId: string): Promise<CaseParties> {
  const [r] = await tx.query<{ id: string; creditor_id: string; case_number: string; kid: string; invoice_number: string; d_name: string; d_type: string; d_org: string | null; d_birth: string | null; d_address: CaseParties["debtor"]["address"]; d_language: string; c_name: string; c_org: string | null; c_address: CaseParties["creditor"]["address"] }>(
    `select c.id, c.creditor_id, c.case_number, c.kid, cl.invoice_number, d.name as d_name, d.type as d_type, d.org_number as d_org, d.birth_date::text as d_birth, d.address as d_address, d.language as d_language,
            cr.name as c_name, cr.org_number as c_org, cr.address as c_address
       from cases c join claims cl on cl.id = c.claim_id join debtors d on d.id = c.debtor_id join creditors cr on cr.id = c.creditor_id where c.id = $1`,
    [caseId],
  );
  if (!r) throw new Error(`no case ${caseId}`);
  return {
    caseId: r.id, creditorId: r.creditor_id, caseNumber: r.case_number, kid: r.kid, invoiceNumber: r.invoice_number,
    debtor: { name: r.d_name, type: r.d_type, orgNumber: r.d_org, birthDate: r.d_birth, address: r.d_address, language: r.d_language === "en" ? "en" : "nb" },
    creditor: { name: r.c_name, orgNumber: r.c_org, address: r.c_address },
  };
}

/** An address as lines: "Storgata 1", "0155 Oslo". */
export function addressLines(a: { line1?: string; line2?: string; postcode?: string; city?: string } | null): string[] {
  if (!a) return [];
  return [a.line1, a.line2, [a.postcode, a.city].filter(Boolean).join(" ")].filter((l): l is string => !!l && l.trim() !== "");
}

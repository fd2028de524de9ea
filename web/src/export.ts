import { strToU8, zipSync } from "fflate";
import { toCsv } from "./csv";

/**
 * Lists as files for a spreadsheet: CSV (`csv.ts`) and XLSX — the smallest Office Open XML
 * workbook a spreadsheet opens (content types, relationships, a workbook with one sheet), zipped by
 * fflate (plain JavaScript, no native code). Text cells are inline strings, so a debtor named
 * "=SUM(…)" stays text; amounts ("1250.00", as the API sends them) become number cells.
 */
export type Cell = string | number | null | undefined;
export interface Column {
  header: string;
  /** Amounts as decimal strings: number cells in XLSX, as they are in CSV. */
  kind?: "text" | "amount";
}

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
// Characters XML 1.0 does not allow (control characters other than tab and line ends).
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const xml = (s: string) => s.replace(NOT_XML, "").replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);

/** A column's letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

const AMOUNT = /^-?\d+(\.\d+)?$/;

function cellXml(ref: string, value: Cell, kind: Column["kind"], header: boolean): string {
  if (value === null || value === undefined || value === "") return "";
  if (!header && (typeof value === "number" || (kind === "amount" && AMOUNT.test(value)))) return `<c r="${ref}"><v>${String(value)}</v></c>`;
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xml(String(value))}</t></is></c>`;
}

/** The sheet's XML: the header row, then one row per item. */
export function sheetXml(columns: readonly Column[], rows: readonly (readonly Cell[])[]): string {
  const rowXml = (cells: readonly Cell[], r: number, header: boolean) =>
    `<row r="${r}">${cells.map((v, i) => cellXml(`${columnName(i)}${r}`, v, columns[i]?.kind, header)).join("")}</row>`;
  const body = [rowXml(columns.map((c) => c.header), 1, true), ...rows.map((cells, i) => rowXml(cells, i + 2, false))].join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
}

/** A workbook with one sheet named `sheetName` (at most 31 characters, none of []:*?/\). */
export function toXlsx(sheetName: string, columns: readonly Column[], rows: readonly (readonly Cell[])[]): Uint8Array {
  const name = xml(sheetName.replace(/[[\]:*?/\\]/g, " ").slice(0, 31) || "Sheet1");
  const files: Record<string, string> = {
    "[Content_Types].xml":
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    "_rels/.rels":
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels":
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    "xl/worksheets/sheet1.xml": sheetXml(columns, rows),
  };
  return zipSync(Object.fromEntries(Object.entries(files).map(([path, text]) => [path, strToU8(text)])), { level: 6 });
}

/**
 * A CSV cell a spreadsheet will not run as a formula: text starting with = + - @ (or a tab or
 * carriage return) gets a leading apostrophe; amounts keep their minus sign.
 */
export function csvSafe(value: Cell, kind: Column["kind"]): Cell {
  if (typeof value !== "string" || (kind === "amount" && AMOUNT.test(value))) return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function tableCsv(columns: readonly Column[], rows: readonly (readonly Cell[])[]): string {
  return toCsv(
    columns.map((c) => c.header),
    rows.map((r) => r.map((v, i) => csvSafe(v, columns[i]?.kind))),
  );
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const CSV_TYPE = "text/csv;charset=utf-8";

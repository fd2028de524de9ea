import { createRequire } from "node:module";

/**
 * The narrow part of pdfkit the letters use, typed here because pdfkit 0.20 publishes no type
 * declarations (and no @types package is installed). Loaded through `createRequire` so that no
 * ambient `declare module "pdfkit"` leaks into the rest of the project. Coordinates are points
 * (1/72 inch) from the top-left corner of the page.
 */

/** Raw TTF bytes, or a font object pdfkit has already parsed (pdfkit ≥ 0.20 accepts both). */
export type PdfFontSource = Uint8Array | { readonly layout: (...args: never[]) => unknown };

export interface PdfDocumentOptions {
  readonly size: "A4";
  readonly margin: number;
  readonly autoFirstPage: boolean;
  /** Keep every page in memory so page numbers ("1 of 3") can be written at the end. */
  readonly bufferPages: boolean;
  /** The document's initial font; given so that pdfkit never loads its built-in Helvetica. */
  readonly font: PdfFontSource;
  readonly lang: string;
  readonly displayTitle: boolean;
  /** PDF/A-2b (archival): pdfkit adds the XMP identification and an sRGB output intent. */
  readonly subset?: "PDF/A-2b";
  readonly pdfVersion?: "1.7";
  readonly info: {
    readonly Title: string;
    readonly Author: string;
    readonly Subject: string;
    readonly Creator: string;
    readonly Producer: string;
    /** Also the seed of the file identifier: fixed dates give identical bytes. */
    readonly CreationDate: Date;
    readonly ModDate: Date;
  };
}

export interface PdfTextOptions {
  readonly width?: number;
  readonly align?: "left" | "right" | "center" | "justify";
  readonly lineGap?: number;
}

export interface PdfDocument {
  registerFont(name: string, source: PdfFontSource): this;
  font(name: string): this;
  fontSize(size: number): this;
  fillColor(color: string): this;
  strokeColor(color: string): this;
  lineWidth(width: number): this;
  text(text: string, x: number, y: number, options?: PdfTextOptions): this;
  heightOfString(text: string, options?: PdfTextOptions): number;
  widthOfString(text: string): number;
  rect(x: number, y: number, width: number, height: number): this;
  moveTo(x: number, y: number): this;
  lineTo(x: number, y: number): this;
  fill(color?: string): this;
  stroke(): this;
  addPage(): this;
  bufferedPageRange(): { start: number; count: number };
  switchToPage(index: number): unknown;
  on(event: "data", listener: (chunk: Uint8Array) => void): this;
  on(event: "end", listener: () => void): this;
  on(event: "error", listener: (error: unknown) => void): this;
  end(): void;
}

type PdfDocumentConstructor = new (options: PdfDocumentOptions) => PdfDocument;

const require = createRequire(import.meta.url);
const PDFDocument = require("pdfkit") as PdfDocumentConstructor;

export function createPdfDocument(options: PdfDocumentOptions): PdfDocument {
  return new PDFDocument(options);
}

/** Draws with `draw`, ends the document and resolves with its bytes. */
export function pdfBytes(doc: PdfDocument, draw: (doc: PdfDocument) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    doc.on("data", (chunk) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    try {
      draw(doc);
      doc.end();
    } catch (error) {
      reject(error);
    }
  });
}

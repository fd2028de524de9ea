import { inflateSync } from "node:zlib";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

/** Reads a rendered letter back the way a PDF viewer does (pdfjs-dist), for assertions in tests. */
export interface ReadPdf {
  /** Text per page, whitespace collapsed to single spaces. */
  readonly pages: readonly string[];
  /** All pages' text, joined by a space. */
  readonly text: string;
  /** [width, height] of each page in points. */
  readonly pageSizes: readonly (readonly [number, number])[];
  readonly info: Readonly<Record<string, unknown>>;
}

export async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  // pdfjs takes ownership of (detaches) the buffer it is given: pass a copy.
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    const pageSizes: [number, number][] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
      pageSizes.push([x1 - x0, y1 - y0]);
      const content = await page.getTextContent();
      const strings = content.items.map((item) => ("str" in item ? item.str : ""));
      pages.push(flat(strings.join(" ")));
    }
    const { info } = await pdf.getMetadata();
    return { pages, text: pages.join(" "), pageSizes, info: info as Record<string, unknown> };
  } finally {
    await pdf.destroy();
  }
}

/**
 * pdfjs reports the no-break space as a plain space, so text assertions compare with spaces;
 * `flat` does the same to expected strings built with the real formatters.
 */
export function flat(text: string): string {
  return text.replace(/[\s\u00a0]+/g, " ").trim();
}

/**
 * The decompressed content of every stream in the file (page contents, the fonts' ToUnicode
 * maps), for checks below the text layer, e.g. that U+00A0 was drawn with its own glyph.
 */
export function inflatedStreams(bytes: Uint8Array): string {
  const raw = Buffer.from(bytes);
  const out: string[] = [];
  let at = raw.indexOf("stream\n");
  while (at !== -1) {
    const start = at + "stream\n".length;
    const end = raw.indexOf("\nendstream", start);
    if (end === -1) break;
    try {
      out.push(inflateSync(raw.subarray(start, end)).toString("latin1"));
    } catch {
      out.push(raw.subarray(start, end).toString("latin1"));
    }
    at = raw.indexOf("stream\n", end + "\nendstream".length);
  }
  return out.join("\n");
}

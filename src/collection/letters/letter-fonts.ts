import { readFile } from "node:fs/promises";
import { type PdfDocument, type PdfFontSource, createPdfDocument, pdfBytes } from "./pdf-document.js";

/**
 * The bundled DejaVu Sans (assets/fonts, licence beside it): every glyph a Nordic letter needs
 * (æ ø å Æ Ø Å §, the no-break space). pdfkit's built-in Helvetica is never used.
 *
 * Loaded once per process. Beyond the bytes, the parsed font is cached too: parsing the 750 kB
 * TTF costs about 20 ms, several times the rest of a letter. pdfkit ≥ 0.20 accepts an already
 * parsed font in `registerFont`, and it only reads from it (each document builds its own subset),
 * so one parse can serve every letter. The parse is pdfkit's own (its fontkit is not a direct
 * dependency of the project); if a pdfkit version no longer exposes it, the bytes are used.
 */
export interface LetterFonts {
  readonly regular: PdfFontSource;
  readonly bold: PdfFontSource;
}

export const REGULAR = "DejaVuSans";
export const BOLD = "DejaVuSans-Bold";

const REGULAR_URL = new URL("../../../assets/fonts/DejaVuSans.ttf", import.meta.url);
const BOLD_URL = new URL("../../../assets/fonts/DejaVuSans-Bold.ttf", import.meta.url);

let loading: Promise<LetterFonts> | undefined;

export function letterFonts(): Promise<LetterFonts> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined; // a failed read (e.g. a missing asset) is retried on the next letter
    throw error;
  });
  return loading;
}

async function load(): Promise<LetterFonts> {
  const [regular, bold] = await Promise.all([readFile(REGULAR_URL), readFile(BOLD_URL)]);
  const fonts = { regular: parsedOnce(regular), bold: parsedOnce(bold) };
  decodeGlyphsOnce(fonts.regular);
  decodeGlyphsOnce(fonts.bold);
  return fonts;
}

/**
 * Each letter embeds the subset of the font it uses, and building it decodes every glyph it
 * includes from the font's `glyf` table again — a sixth of a letter's cost. The decoded glyph is
 * the same for every letter (DejaVu Sans has no variations; pdfkit and fontkit only read it), so
 * each glyph of the parsed font decodes once per process. fontkit internals (`getGlyph`,
 * `_decode`); without them nothing changes.
 */
function decodeGlyphsOnce(font: PdfFontSource): void {
  const f = font as unknown as { getGlyph?: (id: number, ...rest: unknown[]) => object; _variationProcessor?: unknown; variationAxes?: Record<string, unknown> };
  if (typeof f.getGlyph !== "function" || (f.variationAxes && Object.keys(f.variationAxes).length > 0)) return;
  const getGlyph = f.getGlyph.bind(font);
  const patched = new WeakSet<object>();
  f.getGlyph = (id: number, ...rest: unknown[]) => {
    const glyph = getGlyph(id, ...rest) as { _decode?: () => unknown };
    if (typeof glyph._decode === "function" && !patched.has(glyph)) {
      patched.add(glyph);
      const decode = glyph._decode.bind(glyph);
      let decoded: unknown;
      let done = false;
      glyph._decode = () => {
        if (!done) {
          decoded = decode();
          done = true;
        }
        return decoded;
      };
    }
    return glyph;
  };
}

function parsedOnce(bytes: Uint8Array): PdfFontSource {
  const probe = createPdfDocument({
    size: "A4",
    margin: 0,
    autoFirstPage: false,
    bufferPages: false,
    font: bytes,
    lang: "und",
    displayTitle: false,
    info: { Title: "", Author: "", Subject: "", Creator: "", Producer: "", CreationDate: new Date(0), ModDate: new Date(0) },
  });
  // pdfkit keeps the parsed font of the current font on `_font.font` (not public API).
  const parsed = (probe as unknown as { _font?: { font?: unknown } })._font?.font;
  return isParsedFont(parsed) ? parsed : bytes;
}

function isParsedFont(value: unknown): value is PdfFontSource {
  return typeof value === "object" && value !== null && typeof (value as { layout?: unknown }).layout === "function";
}

/**
 * A simple A4 document with the bundled fonts registered (REGULAR, BOLD), dated `isoDate` at noon
 * UTC so the same content gives the same bytes; drawn by `draw`, resolved as its bytes. For the
 * documents that are not collection letters (remittances, case documents).
 */
export async function renderA4(meta: { title: string; author: string; subject: string; lang: string; isoDate: string; margin: number }, draw: (doc: PdfDocument) => void): Promise<Buffer> {
  const fonts = await letterFonts();
  const at = new Date(`${meta.isoDate}T12:00:00Z`);
  const doc = createPdfDocument({
    size: "A4",
    margin: meta.margin,
    autoFirstPage: true,
    bufferPages: false,
    font: fonts.regular,
    lang: meta.lang,
    displayTitle: true,
    info: { Title: meta.title, Author: meta.author, Subject: meta.subject, Creator: "Fordring", Producer: "Fordring", CreationDate: at, ModDate: at },
  });
  doc.registerFont(REGULAR, fonts.regular).registerFont(BOLD, fonts.bold);
  return pdfBytes(doc, draw);
}

/**
 * Shaping a word (fontkit's OpenType layout: GSUB/GPOS lookups) is most of a letter's cost, and
 * pdfkit caches it per document only: a new letter shapes "Betalingsfrist" again. The words'
 * shapes are the same in every letter set in the same font, so the two letter fonts of `doc`
 * share one cache across documents (bounded: cleared when it grows past `SHARED_LAYOUT_LIMIT`
 * words). pdfkit scales a run once when it is made and never changes it afterwards (a justified
 * line copies the positions it widens), so a cached run can serve every document. Uses pdfkit's
 * internals (`_font`, `layoutCached`); if a version no longer has them, each document keeps its own cache.
 */
const SHARED_LAYOUT_LIMIT = 50_000;
const sharedLayouts = new WeakMap<object, Map<string, unknown>>();

export function shareLetterFontLayouts(doc: PdfDocument): void {
  for (const name of [REGULAR, BOLD]) {
    doc.font(name);
    const embedded = (doc as unknown as { _font?: { font?: object; layoutCache?: unknown; layoutRun?: (text: string) => unknown; layoutCached?: unknown } })._font;
    if (!embedded?.font || !embedded.layoutCache || typeof embedded.layoutRun !== "function") continue;
    let cache = sharedLayouts.get(embedded.font);
    if (!cache) sharedLayouts.set(embedded.font, (cache = new Map()));
    const shared = cache;
    const run = embedded.layoutRun.bind(embedded);
    embedded.layoutCached = (text: string) => {
      let hit = shared.get(text);
      if (hit === undefined) {
        if (shared.size >= SHARED_LAYOUT_LIMIT) shared.clear();
        hit = run(text);
        shared.set(text, hit);
      }
      return hit;
    };
  }
}

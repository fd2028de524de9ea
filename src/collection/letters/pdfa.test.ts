import { describe, expect, it } from "vitest";
import { aLetter } from "./letter-model.fixture.js";
import { inflatedStreams } from "./pdf-text.fixture.js";
import { renderLetterPdf, renderLettersPdf } from "./render-letter.js";

/**
 * Letters are archival PDFs, PDF/A-2b (ISO 19005-2, level B), as pdfkit writes them: PDF 1.7, the
 * XMP identification, an sRGB output intent with its ICC profile, every font embedded. (Checked
 * here by structure; a full validation needs a validator such as veraPDF, not run in the tests.)
 */
describe("letters as PDF/A-2b", () => {
  it("declares PDF/A-2b in the XMP metadata, on PDF 1.7, with an sRGB output intent and a document id", async () => {
    for (const pdf of [await renderLetterPdf(aLetter("collection-notice")), (await renderLettersPdf([aLetter("reminder"), aLetter("payment-demand")], "batch")).pdf]) {
      const raw = pdf.toString("latin1");
      expect(raw.startsWith("%PDF-1.7")).toBe(true);
      const xmp = raw + inflatedStreams(pdf);
      expect(xmp).toMatch(/<pdfaid:part>2<\/pdfaid:part>\s*<pdfaid:conformance>B<\/pdfaid:conformance>/);
      expect(raw).toMatch(/\/OutputIntents \[\d+ 0 R\]/);
      expect(raw).toMatch(/\/S \/GTS_PDFA1/);
      expect(raw).toMatch(/\/DestOutputProfile \d+ 0 R/);
      expect(raw).toMatch(/\/ID \[<[0-9a-f]+> <[0-9a-f]+>\]/);
    }
  });

  it("embeds every font it uses (no standard font a PDF/A reader would have to supply)", async () => {
    const raw = (await renderLetterPdf(aLetter("payment-demand"))).toString("latin1");
    const fonts = raw.match(/\/Type \/FontDescriptor/g) ?? [];
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    expect(raw.match(/\/FontFile2 \d+ 0 R/g)?.length).toBe(fonts.length);
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);
  });
});

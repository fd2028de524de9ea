import { GREY, type LetterCursor, PAGE } from "./letter-cursor.js";
import { formatOrgNumber } from "./letter-format.js";
import type { LetterModel } from "./letter-model.js";
import type { LabelTexts } from "./letter-texts.js";
import { oneLineAddress } from "./postal-address.js";

/**
 * Footer on every page ("Side 1 av 3") and, from page 2, a running header naming the letter and
 * the case, so that a loose page can be matched to its case. Drawn last, when the page count is
 * known (the document buffers its pages).
 */
export function drawPageFrames(cursor: LetterCursor, model: LetterModel, labels: LabelTexts, title: string, firstPage?: number): void {
  const doc = cursor.doc;
  const range = doc.bufferedPageRange();
  // In a print batch several letters share one document: this letter's pages are firstPage onwards.
  const start = firstPage ?? range.start;
  const count = range.start + range.count - start;
  const footer = `${model.agency.name} · ${labels.orgNumber} ${formatOrgNumber(model.agency.orgNumber)} · ${oneLineAddress(model.agency.address)}`;
  const pageWidth = 70;
  for (let i = 0; i < count; i++) {
    doc.switchToPage(start + i);
    cursor.style({ size: 7, color: GREY });
    doc.lineWidth(0.5).strokeColor(GREY).moveTo(PAGE.left, PAGE.footerY - 4).lineTo(PAGE.right, PAGE.footerY - 4).stroke();
    doc.text(footer, PAGE.left, PAGE.footerY, { width: PAGE.contentWidth - pageWidth });
    doc.text(labels.page(i + 1, count), PAGE.right - pageWidth, PAGE.footerY, { width: pageWidth, align: "right" });
    if (i > 0) {
      doc.text(`${title} · ${labels.caseNumber} ${model.caseNumber} · ${model.debtor.name}`, PAGE.left, PAGE.headerY, { width: PAGE.contentWidth });
    }
  }
}

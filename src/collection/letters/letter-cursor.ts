import { BOLD, REGULAR } from "./letter-fonts.js";
import type { PdfDocument } from "./pdf-document.js";

/** Points per millimetre (a point is 1/72 inch). */
export const MM = 72 / 25.4;

/**
 * A4 geometry of a letter, in points from the top-left corner. The body runs between `top` (on
 * continuation pages; page 1 starts below the title) and `bottom`, leaving room for the running
 * header and the footer drawn at the end.
 */
export const PAGE = {
  width: 595.28,
  height: 841.89,
  left: 20 * MM,
  right: 595.28 - 20 * MM,
  contentWidth: 595.28 - 40 * MM,
  top: 26 * MM,
  bottom: 841.89 - 19 * MM,
  headerY: 12 * MM,
  footerY: 841.89 - 14 * MM,
} as const;

export const GREY = "#555555";
export const BLACK = "#000000";

export interface TextStyle {
  readonly bold?: boolean;
  readonly size: number;
  readonly color?: string;
}

/** The writing position in the body: `y` moves down; a new page starts when the next block does not fit. */
export class LetterCursor {
  y: number;

  constructor(
    readonly doc: PdfDocument,
    startY: number,
  ) {
    this.y = startY;
  }

  style(style: TextStyle): PdfDocument {
    return this.doc
      .font(style.bold === true ? BOLD : REGULAR)
      .fontSize(style.size)
      .fillColor(style.color ?? BLACK);
  }

  /** Starts a new page if `height` does not fit on this one; true when it did. */
  ensureSpace(height: number): boolean {
    if (this.y + height <= PAGE.bottom) return false;
    this.doc.addPage();
    this.y = PAGE.top;
    return true;
  }

  /** Height of `text` wrapped to `width` in `style`. */
  measure(text: string, style: TextStyle, width: number): number {
    return this.style(style).heightOfString(text, { width });
  }

  /** A paragraph across the body width, kept whole on one page, followed by `gap` points. */
  paragraph(text: string, style: TextStyle, gap: number): void {
    const height = this.measure(text, style, PAGE.contentWidth);
    this.ensureSpace(height);
    this.style(style).text(text, PAGE.left, this.y, { width: PAGE.contentWidth });
    this.y += height + gap;
  }
}

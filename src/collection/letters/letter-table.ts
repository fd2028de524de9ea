import { GREY, type LetterCursor, PAGE, type TextStyle } from "./letter-cursor.js";

export interface TableColumn {
  readonly header: string;
  readonly width: number;
  readonly align: "left" | "right";
}

export interface TableRow {
  readonly cells: readonly string[];
  readonly bold?: boolean;
  /** A rule above the row, for subtotals and the total. */
  readonly ruleAbove?: boolean;
}

export interface TableOptions {
  readonly fontSize: number;
  /** False for a label/amount list that needs no column headers. */
  readonly showHeader: boolean;
  /** Start on a new page rather than split the table, if it fits on one page (e.g. the summary). */
  readonly keepTogether?: boolean;
  /** A heading above the table, never left alone at the foot of a page. */
  readonly title?: string;
}

const PAD_X = 3;
/** Extra room in a fitted column, so that adjacent right-aligned amounts stay apart. */
const FIT_SLACK = 6;
const PAD_Y = 2;
const HEADER_FILL = "#e8e8e8";
const TITLE: TextStyle = { bold: true, size: 10 };
const TITLE_GAP = 4;

/**
 * A table across the body width. Cells wrap inside their column; a row is never split, and the
 * header row is repeated at the top of every page the table continues on.
 */
export function drawTable(cursor: LetterCursor, columns: readonly TableColumn[], rows: readonly TableRow[], options: TableOptions): void {
  const headerStyle: TextStyle = { bold: true, size: options.fontSize };
  const header: TableRow = { cells: columns.map((c) => c.header), bold: true };
  const headerHeight = options.showHeader ? rowHeight(cursor, columns, header, headerStyle) : 0;

  const drawHeader = (): void => {
    if (!options.showHeader) return;
    cursor.doc.rect(PAGE.left, cursor.y, PAGE.contentWidth, headerHeight).fill(HEADER_FILL);
    drawCells(cursor, columns, header, headerStyle);
    cursor.y += headerHeight;
  };

  const title = options.title ?? "";
  const titleHeight = title === "" ? 0 : cursor.measure(title, TITLE, PAGE.contentWidth) + TITLE_GAP;
  const heights = rows.map((row) => rowHeight(cursor, columns, row, styleOf(row, options)));
  const whole = titleHeight + headerHeight + heights.reduce((a, b) => a + b, 0);
  const keep = options.keepTogether === true && whole <= PAGE.bottom - PAGE.top;
  cursor.ensureSpace(keep ? whole : titleHeight + headerHeight + (heights[0] ?? 0));
  if (title !== "") {
    cursor.style(TITLE).text(title, PAGE.left, cursor.y, { width: PAGE.contentWidth });
    cursor.y += titleHeight;
  }
  drawHeader();
  rows.forEach((row, i) => {
    const style = styleOf(row, options);
    const height = heights[i] ?? 0;
    if (cursor.ensureSpace(height)) drawHeader();
    if (row.ruleAbove === true) {
      cursor.doc.lineWidth(0.5).strokeColor(GREY).moveTo(PAGE.left, cursor.y).lineTo(PAGE.right, cursor.y).stroke();
    }
    drawCells(cursor, columns, row, style);
    cursor.y += height;
  });
}

/** The width a column needs to show its header and every value on one line. */
export function fitWidth(cursor: LetterCursor, header: string, values: readonly string[], fontSize: number): number {
  let widest = cursor.style({ bold: true, size: fontSize }).widthOfString(header);
  const doc = cursor.style({ size: fontSize });
  for (const value of values) widest = Math.max(widest, doc.widthOfString(value));
  return Math.ceil(widest) + 2 * PAD_X + FIT_SLACK;
}

function styleOf(row: TableRow, options: TableOptions): TextStyle {
  return { bold: row.bold === true, size: options.fontSize };
}

function rowHeight(cursor: LetterCursor, columns: readonly TableColumn[], row: TableRow, style: TextStyle): number {
  let tallest = 0;
  columns.forEach((column, i) => {
    const text = row.cells[i] ?? "";
    if (text !== "") tallest = Math.max(tallest, cursor.measure(text, style, column.width - 2 * PAD_X));
  });
  return tallest + 2 * PAD_Y;
}

function drawCells(cursor: LetterCursor, columns: readonly TableColumn[], row: TableRow, style: TextStyle): void {
  const doc = cursor.style(style);
  let x = PAGE.left;
  columns.forEach((column, i) => {
    const text = row.cells[i] ?? "";
    if (text !== "") doc.text(text, x + PAD_X, cursor.y + PAD_Y, { width: column.width - 2 * PAD_X, align: column.align });
    x += column.width;
  });
}

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
}

const PAD_X = 3;
const PAD_Y = 2.5;
const HEADER_FILL = "#e8e8e8";

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

  const first = rows[0];
  const firstHeight = first === undefined ? 0 : rowHeight(cursor, columns, first, styleOf(first, options));
  cursor.ensureSpace(headerHeight + firstHeight);
  drawHeader();
  for (const row of rows) {
    const style = styleOf(row, options);
    const height = rowHeight(cursor, columns, row, style);
    if (cursor.ensureSpace(height)) drawHeader();
    if (row.ruleAbove === true) {
      cursor.doc.lineWidth(0.5).strokeColor(GREY).moveTo(PAGE.left, cursor.y).lineTo(PAGE.right, cursor.y).stroke();
    }
    drawCells(cursor, columns, row, style);
    cursor.y += height;
  }
}

/** The width a column needs to show its header and every value on one line. */
export function fitWidth(cursor: LetterCursor, header: string, values: readonly string[], fontSize: number): number {
  let widest = cursor.style({ bold: true, size: fontSize }).widthOfString(header);
  const doc = cursor.style({ size: fontSize });
  for (const value of values) widest = Math.max(widest, doc.widthOfString(value));
  return Math.ceil(widest) + 2 * PAD_X + 1;
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

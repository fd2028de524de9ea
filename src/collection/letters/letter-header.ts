import { BLACK, GREY, type LetterCursor, MM, PAGE } from "./letter-cursor.js";
import { formatDate, formatOrgNumber } from "./letter-format.js";
import type { LetterModel } from "./letter-model.js";
import type { LabelTexts } from "./letter-texts.js";
import { oneLineAddress, postalAddressLines } from "./postal-address.js";

/**
 * The top of page 1: the agency's letterhead, the debtor's address in the envelope window and the
 * reference block beside it.
 *
 * Window: Norwegian C5 and C4/EC4 left-window envelopes open 15 mm from the left edge, from 42–44 mm
 * down, 35–40 mm high and 100–105 mm wide. The address is set 20 mm in and 51–75 mm down, inside
 * every one of them, with the return address on one small line above it.
 */
const WINDOW_X = 20 * MM;
const RETURN_Y = 46 * MM;
const ADDRESS_Y = 51 * MM;
const WINDOW_WIDTH = 85 * MM;
const REFERENCE_X = 118 * MM;
const REFERENCE_LABEL_WIDTH = 30 * MM;

export function drawLetterhead(cursor: LetterCursor, model: LetterModel, labels: LabelTexts): void {
  const { agency } = model;
  const doc = cursor.doc;
  const top = 15 * MM;
  cursor.style({ bold: true, size: 14 }).text(agency.name, PAGE.left, top, { width: 100 * MM });

  const left = [oneLineAddress(agency.address), `${labels.orgNumber} ${formatOrgNumber(agency.orgNumber)}`];
  if (agency.licence !== undefined) left.push(agency.licence);
  cursor.style({ size: 8, color: GREY });
  left.forEach((line, i) => doc.text(line, PAGE.left, top + 20 + i * 10, { width: 100 * MM }));

  const right: string[] = [];
  if (agency.phone !== undefined) right.push(`${labels.phone} ${agency.phone}`);
  if (agency.email !== undefined) right.push(`${labels.email} ${agency.email}`);
  if (agency.website !== undefined) right.push(agency.website);
  right.forEach((line, i) => doc.text(line, PAGE.right - 60 * MM, top + 2 + i * 10, { width: 60 * MM, align: "right" }));
}

export function drawWindowAddress(cursor: LetterCursor, model: LetterModel): void {
  const { agency, debtor } = model;
  cursor.style({ size: 6.5, color: GREY }).text(`${agency.name}, ${oneLineAddress(agency.address)}`, WINDOW_X, RETURN_Y, { width: WINDOW_WIDTH });
  const style = { size: 10, color: BLACK };
  let y = ADDRESS_Y;
  for (const line of postalAddressLines(debtor.name, debtor.address, agency.address.country)) {
    cursor.style(style).text(line, WINDOW_X, y, { width: WINDOW_WIDTH });
    y += cursor.measure(line, style, WINDOW_WIDTH);
  }
}

/** Case number, letter number, dates and customer number: what the debtor quotes when calling. */
export function drawReferenceBlock(cursor: LetterCursor, model: LetterModel, labels: LabelTexts): number {
  const lang = model.language;
  const rows: [string, string, boolean][] = [
    [labels.sentOn, formatDate(model.sentOn, lang), false],
    [labels.caseNumber, model.caseNumber, false],
  ];
  // Only what the debtor can quote: the short letter number, never the internal id.
  if (model.letterNumber !== undefined) rows.push([labels.letterId, model.letterNumber, false]);
  if (model.debtor.customerNumber !== undefined) rows.push([labels.customerNumber, model.debtor.customerNumber, false]);
  rows.push([labels.creditor, model.creditor.name, false]);
  rows.push([labels.deadline, formatDate(model.deadline, lang), true]);

  const valueX = REFERENCE_X + REFERENCE_LABEL_WIDTH;
  const valueWidth = PAGE.right - valueX;
  let y = RETURN_Y;
  for (const [label, value, strong] of rows) {
    cursor.style({ size: 8, color: GREY }).text(label, REFERENCE_X, y + 1, { width: REFERENCE_LABEL_WIDTH - 4 });
    const valueStyle = { bold: strong, size: 9 };
    cursor.style(valueStyle).text(value, valueX, y, { width: valueWidth });
    y += Math.max(12, cursor.measure(value, valueStyle, valueWidth) + 2);
  }
  return y;
}

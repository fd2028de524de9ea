import { formatNoAccountNumber } from "../../domain/identifiers/index.js";
import { GREY, type LetterCursor, PAGE } from "./letter-cursor.js";
import { formatAmount, formatDate, formatIban } from "./letter-format.js";
import type { LetterModel } from "./letter-model.js";
import type { LabelTexts } from "./letter-texts.js";

const PAD = 8;
const CELL_HEIGHT = 23;
const COLUMNS = 3;
const HEADING = { bold: true, size: 10 } as const;
const LABEL = { size: 7.5, color: GREY } as const;
const VALUE = { bold: true, size: 10.5 } as const;

/**
 * What the debtor needs to pay, in one framed box kept whole on one page: the agency's account,
 * the KID (which matches the payment to the case), the amount and the deadline; IBAN and BIC for
 * payments from abroad when the agency has them.
 */
export function drawPaymentBox(cursor: LetterCursor, model: LetterModel, labels: LabelTexts): void {
  const lang = model.language;
  // A SEK claim is paid to the agency's Bankgiro with the OCR reference (Bankgirot); NOK to its account with the KID.
  const bankgiro = model.total.currency === "SEK" ? model.agency.bankgiro : undefined;
  const swedishLabels = lang === "sv" || lang === "en-SE"; // their labels name the Bankgiro and the OCR reference
  const cells: [string, string][] = [
    bankgiro !== undefined ? [swedishLabels ? labels.toAccount : "Bankgiro", bankgiro] : [labels.toAccount, formatNoAccountNumber(model.agency.accountNumber, "agency.accountNumber")],
    [bankgiro !== undefined && !swedishLabels ? "OCR" : labels.kid, model.kid],
    [labels.amount, formatAmount(model.total, lang)],
  ];
  if (model.agency.iban !== undefined) cells.push([labels.iban, formatIban(model.agency.iban)]);
  if (model.agency.bic !== undefined) cells.push([labels.bic, model.agency.bic]);
  cells.push([labels.payBy, formatDate(model.deadline, lang)]);

  const rows = Math.ceil(cells.length / COLUMNS);
  const headingHeight = cursor.measure(labels.paymentHeading, HEADING, PAGE.contentWidth) + 6;
  const height = PAD + headingHeight + rows * CELL_HEIGHT + PAD / 2;
  cursor.ensureSpace(height);

  const top = cursor.y;
  const doc = cursor.doc;
  doc.lineWidth(1).strokeColor("#000000").rect(PAGE.left, top, PAGE.contentWidth, height).stroke();
  cursor.style(HEADING).text(labels.paymentHeading, PAGE.left + PAD, top + PAD, { width: PAGE.contentWidth - 2 * PAD });

  const cellWidth = (PAGE.contentWidth - 2 * PAD) / COLUMNS;
  cells.forEach(([label, value], i) => {
    const x = PAGE.left + PAD + (i % COLUMNS) * cellWidth;
    const y = top + PAD + headingHeight + Math.floor(i / COLUMNS) * CELL_HEIGHT;
    cursor.style(LABEL).text(label, x, y, { width: cellWidth - PAD });
    cursor.style(VALUE).text(value, x, y + 9, { width: cellWidth - PAD });
  });
  cursor.y = top + height + 12;
}

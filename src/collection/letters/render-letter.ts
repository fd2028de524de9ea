import { drawClaimsTable, drawSummaryTable } from "./claim-tables.js";
import { LetterCursor, MM, PAGE } from "./letter-cursor.js";
import { BOLD, REGULAR, letterFonts, shareLetterFontLayouts } from "./letter-fonts.js";
import { formatAmount, formatDate, formatRate } from "./letter-format.js";
import { drawLetterhead, drawReferenceBlock, drawWindowAddress } from "./letter-header.js";
import type { LetterModel } from "./letter-model.js";
import { LETTER_TEXTS, type Statement, type StatementParams } from "./letter-texts.js";
import { drawPageFrames } from "./page-frame.js";
import { drawPaymentBox } from "./payment-box.js";
import { createPdfDocument, pdfBytes, type PdfDocument, type PdfDocumentOptions, type PdfFontSource } from "./pdf-document.js";
import { validateLetterModel } from "./validate-letter-model.js";

const BODY = { size: 9.5 } as const;
const TITLE = { bold: true, size: 15 } as const;
const TITLE_Y = 80 * MM;

/**
 * Renders a letter as an A4 PDF in the debtor's language. Validates the model first (throws the
 * `DomainError` of `validateLetterModel`), so an inconsistent or unlawful letter is never drawn.
 * Deterministic: the document's dates are the sending date, so one model gives one byte sequence.
 */
export async function renderLetterPdf(model: LetterModel): Promise<Buffer> {
  validateLetterModel(model);
  const fonts = await letterFonts();
  const { labels, kinds } = LETTER_TEXTS[model.language];
  const texts = kinds[model.kind];
  const doc = createPdfDocument(documentOptions(model, fonts.regular, {
    Title: `${texts.title} ${model.caseNumber}`,
    // No internal id, even in the metadata: the short letter number when there is one.
    Subject: `${labels.caseNumber} ${model.caseNumber}${model.letterNumber !== undefined ? `, ${labels.letterId} ${model.letterNumber}` : ""}`,
    lang: labels.languageTag,
  }));
  return pdfBytes(doc, () => {
    doc.registerFont(REGULAR, fonts.regular).registerFont(BOLD, fonts.bold);
    shareLetterFontLayouts(doc);
    drawLetter(doc, model, 0);
  });
}

/**
 * Several letters in one PDF, each starting on a new page (the print house's batch): the same
 * drawing as `renderLetterPdf`, each letter's page numbers counted within the letter. Returns the
 * bytes and each letter's first page (0-based) and page count.
 */
export async function renderLettersPdf(models: readonly LetterModel[], title: string): Promise<{ pdf: Buffer; pages: { first: number; count: number }[] }> {
  const [first] = models;
  if (!first) throw new Error("a batch needs at least one letter");
  for (const m of models) validateLetterModel(m);
  const fonts = await letterFonts();
  const doc = createPdfDocument(documentOptions(first, fonts.regular, { Title: title, Subject: title, lang: LETTER_TEXTS[first.language].labels.languageTag }));
  const pages: { first: number; count: number }[] = [];
  const pdf = await pdfBytes(doc, () => {
    doc.registerFont(REGULAR, fonts.regular).registerFont(BOLD, fonts.bold);
    shareLetterFontLayouts(doc);
    models.forEach((model, i) => {
      if (i > 0) doc.addPage();
      const start = doc.bufferedPageRange().count - 1;
      drawLetter(doc, model, start);
      pages.push({ first: start, count: doc.bufferedPageRange().count - start });
    });
  });
  return { pdf, pages };
}

function documentOptions(model: LetterModel, font: PdfFontSource, t: { Title: string; Subject: string; lang: string }): PdfDocumentOptions {
  const sentAt = new Date(Date.UTC(model.sentOn.year, model.sentOn.month - 1, model.sentOn.day));
  return {
    size: "A4",
    margin: 0,
    autoFirstPage: true,
    bufferPages: true,
    font,
    lang: t.lang,
    displayTitle: true,
    // Archival PDF (archives and Digipost expect it): PDF/A-2b, on PDF 1.7. Fonts are embedded already.
    subset: "PDF/A-2b",
    pdfVersion: "1.7",
    info: {
      Title: t.Title,
      Author: model.agency.name,
      Subject: t.Subject,
      Creator: "Fordring",
      Producer: "Fordring (pdfkit)",
      CreationDate: sentAt,
      ModDate: sentAt,
    },
  };
}

/** Draws one letter from the current page on; its page frames count from `firstPage`. */
function drawLetter(doc: PdfDocument, model: LetterModel, firstPage: number): void {
  const { labels, kinds } = LETTER_TEXTS[model.language];
  const texts = kinds[model.kind];
  const cursor = new LetterCursor(doc, PAGE.top);
  drawLetterhead(cursor, model, labels);
  drawWindowAddress(cursor, model);
  const referenceEnd = drawReferenceBlock(cursor, model, labels);

  cursor.y = Math.max(TITLE_Y, referenceEnd + 4 * MM);
  cursor.paragraph(texts.title, TITLE, 8);
  const params = statementParams(model);
  paragraphs(cursor, texts.before, params);
  cursor.y += 4;
  drawClaimsTable(cursor, model, labels);
  drawSummaryTable(cursor, model, labels);
  paragraphs(cursor, texts.after, params);
  cursor.y += 4;
  cursor.ensureSpace(36); // the greeting and the signature stay together
  cursor.paragraph(labels.regards, BODY, 2);
  cursor.paragraph(model.agency.name, { ...BODY, bold: true }, 8);
  drawPaymentBox(cursor, model, labels);
  drawPageFrames(cursor, model, labels, texts.title, firstPage);
}

function paragraphs(cursor: LetterCursor, statements: readonly Statement[], params: StatementParams): void {
  for (const statement of statements) {
    const text = statement(params);
    if (text !== null) cursor.paragraph(text, BODY, 4);
  }
}

function statementParams(model: LetterModel): StatementParams {
  const lang = model.language;
  const periods = model.interest.periods ?? [];
  return {
    creditor: model.creditor.name,
    total: formatAmount(model.total, lang),
    sentOn: formatDate(model.sentOn, lang),
    deadline: formatDate(model.deadline, lang),
    deadlineDays: model.sentOn.daysUntil(model.deadline),
    interestRate: formatRate(model.interest.ratePercent, lang),
    interestFrom: formatDate(model.interest.from, lang),
    rateChanged: new Set(periods.map((p) => p.ratePercent)).size > 1,
    claimCount: model.claims.length,
    // Trailing full stops dropped: the statement ends the sentence itself.
    concerns: [...new Set(model.claims.map((c) => c.description.trim().replace(/\.+$/, "")))],
    costs: model.costs.map((c) => ({ label: c.label[lang] ?? c.label.en, amount: formatAmount(c.amount, lang) })),
  };
}

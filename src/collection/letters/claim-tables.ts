import { type Money, add, subtract, sum } from "../../domain/money.js";
import { type LetterCursor, PAGE } from "./letter-cursor.js";
import { formatAmountNumber, formatDate, formatRate } from "./letter-format.js";
import type { LetterModel } from "./letter-model.js";
import { type TableColumn, type TableRow, drawTable, fitWidth } from "./letter-table.js";
import type { LabelTexts } from "./letter-texts.js";

/*
 * The two tables of a letter: the claims one by one, and the summary that keeps the principal
 * apart from the additional claims (inkassoloven § 10 c). The subtotals printed here are sums of
 * the model's validated integers; the total is the model's own.
 */

const TABLE_FONT = 8;
const DESCRIPTION = 3;
const SUMMARY_FONT = 8.5;

export function drawClaimsTable(cursor: LetterCursor, model: LetterModel, labels: LabelTexts): void {
  const lang = model.language;
  const c = labels.columns;
  const cells = model.claims.map((claim) => [
    claim.invoiceNumber,
    formatDate(claim.invoiceDate, lang),
    formatDate(claim.dueDate, lang),
    claim.description,
    formatAmountNumber(claim.principal, lang),
    formatAmountNumber(claim.paid, lang),
    formatAmountNumber(subtract(claim.principal, claim.paid), lang),
  ]);
  const headers = [c.invoiceNumber, c.invoiceDate, c.dueDate, c.description, c.principal, c.paid, c.outstanding];
  // Every column but the description is as wide as its widest entry; the description takes the rest and wraps.
  const widths = headers.map((header, i) => (i === DESCRIPTION ? 0 : fitWidth(cursor, header, cells.map((row) => row[i] ?? ""), TABLE_FONT)));
  widths[DESCRIPTION] = PAGE.contentWidth - widths.reduce((a, b) => a + b, 0);
  const columns: TableColumn[] = headers.map((header, i) => ({ header, width: widths[i] ?? 0, align: i >= 4 ? "right" : "left" }));
  const rows: TableRow[] = cells.map((row) => ({ cells: row }));
  const title = `${labels.claimsHeading} (${labels.amountsIn(model.total.currency)})`;
  drawTable(cursor, columns, rows, { fontSize: TABLE_FONT, showHeader: true, title });
  cursor.y += 8;
}

export function drawSummaryTable(cursor: LetterCursor, model: LetterModel, labels: LabelTexts): void {
  const lang = model.language;
  const currency = model.total.currency;
  const amount = (m: Money): string => formatAmountNumber(m, lang);
  const principal = sum(currency, model.claims.map((c) => c.principal));
  const paid = sum(currency, model.claims.map((c) => c.paid));

  const rows: TableRow[] = [{ cells: [labels.principal, amount(principal)] }];
  if (paid.amount > 0) {
    rows.push({ cells: [labels.paid, amount({ amount: -paid.amount, currency })] });
    rows.push({ cells: [labels.principalOutstanding, amount(subtract(principal, paid))], ruleAbove: true });
  }
  // inkassoloven § 10 d: the rate and the period, per period when the rate changed.
  const interest = model.interest;
  const periods = interest.periods !== undefined && interest.periods.length > 0 ? interest.periods : [{ ...interest, to: interest.until }];
  for (const p of periods) {
    const label = labels.interest(formatRate(p.ratePercent, lang), formatDate(p.from, lang), formatDate(p.to, lang));
    rows.push({ cells: [label, amount(p.amount)] });
  }
  for (const cost of model.costs) rows.push({ cells: [cost.label[lang] ?? cost.label.en, amount(cost.amount)] });
  const additional = add(interest.amount, sum(currency, model.costs.map((c) => c.amount)));
  rows.push({ cells: [labels.additionalTotal, amount(additional)], ruleAbove: true });
  rows.push({ cells: [labels.total, amount(model.total)], bold: true, ruleAbove: true });

  const title = `${labels.summaryHeading} (${labels.amountsIn(currency)})`;
  const columns: TableColumn[] = [
    { header: "", width: PAGE.contentWidth - 100, align: "left" },
    { header: "", width: 100, align: "right" },
  ];
  drawTable(cursor, columns, rows, { fontSize: SUMMARY_FONT, showHeader: false, keepTogether: true, title });
  cursor.y += 8;
}

import { formatDecimal, formatNorwegian, parseMoney, sum, type Currency } from "../domain/money.js";
import { norwegianDate } from "../domain/calendar/local-date.js";
import { currencyUnit } from "../collection/letters/letter-format.js";
import { BOLD, REGULAR, renderA4 } from "../collection/letters/letter-fonts.js";
import type { PdfDocument } from "../collection/letters/pdf-document.js";
import type { LetterAgency } from "../collection/letters/letter-model.js";

/**
 * The remittance report (remisse) of a settlement, in Norwegian: per case what was collected,
 * the creditor's and the agency's share, commission and VAT, and the totals with the payout or the
 * amount the creditor owes, then the posting proposal's lines. Rendered from the stored settlement
 * (wire form: amounts as decimal strings) — it adds nothing up itself. Deterministic for the same
 * input (document dates from the settlement date).
 */
export interface RemittanceInput {
  agency: LetterAgency;
  creditor: { name: string; orgNumber?: string | null };
  settlement: {
    settlementId: string;
    /** The currency every amount of the settlement is in. */
    currency: Currency;
    period: { from: string; to: string };
    settledOn: string;
    lines: readonly { caseNumber: string; invoiceNumber: string; receivedTotal: string; creditorShare: string; agencyShareOfReceived: string; commission: string; commissionVat: string; net: string }[];
    totals: { receivedByAgency: string; creditorShare: string; agencyTotal: string; commission: string; commissionVat: string; withdrawalCosts: string; net: string; owedFromDirect?: string };
    payout: string;
    invoiceToCreditor: string;
    outcome: string;
    notes: readonly string[];
  };
  voucher: { lines: readonly { accountCode: string; amount: string; description: string }[] };
}

const MARGIN = 50;
const WIDTH = 595.28 - 2 * MARGIN;
/** "1250.00" → "1 250,00" (`formatNorwegian`), in the settlement's currency. */
const nb = (amount: string, currency: Currency) => formatNorwegian(parseMoney(amount, currency));
/** Decimal strings ("1537.50") summed exactly in minor units (øre). */
const sumDecimal = (amounts: readonly string[], currency: Currency): string => formatDecimal(sum(currency, amounts.map((a) => parseMoney(a, currency))));

export function renderRemittancePdf(input: RemittanceInput): Promise<Buffer> {
  const meta = { title: `Avregning ${input.settlement.settlementId}`, author: input.agency.name, subject: "Avregning og remisse", lang: "nb-NO", isoDate: input.settlement.settledOn, margin: MARGIN };
  return renderA4(meta, (d) => draw(d, input));
}

function draw(doc: PdfDocument, input: RemittanceInput): void {
  const s = input.settlement;
  let y = MARGIN;
  const line = (text: string, opts: { bold?: boolean; size?: number; x?: number; width?: number; align?: "left" | "right" } = {}) => {
    doc.font(opts.bold ? BOLD : REGULAR).fontSize(opts.size ?? 9);
    doc.text(text, opts.x ?? MARGIN, y, { width: opts.width ?? WIDTH, align: opts.align ?? "left" });
  };
  const next = (h = 14) => {
    y += h;
    if (y > 780) {
      doc.addPage();
      y = MARGIN;
    }
  };
  line(input.agency.name, { bold: true, size: 12 });
  next(16);
  line(`Org.nr. ${input.agency.orgNumber} · ${input.agency.address.line1}, ${input.agency.address.postcode} ${input.agency.address.city}`);
  next(28);
  const title = `Avregning og remisse til ${input.creditor.name}${input.creditor.orgNumber ? ` (org.nr. ${input.creditor.orgNumber})` : ""}`;
  line(title, { bold: true, size: 13 });
  next(doc.font(BOLD).fontSize(13).heightOfString(title, { width: WIDTH }) + 4);
  line(`Periode ${norwegianDate(s.period.from)}–${norwegianDate(s.period.to)} · avregnet ${norwegianDate(s.settledOn)} · avregning ${s.settlementId}`);
  next(24);

  const cols = [
    { title: "Sak", x: 0, w: 94 },
    { title: "Faktura", x: 94, w: 46 },
    { title: "Innbetalt", x: 140, w: 65, right: true },
    { title: "Kreditor", x: 205, w: 65, right: true },
    { title: "Byrå", x: 270, w: 60, right: true },
    { title: "Provisjon", x: 330, w: 60, right: true },
    { title: "Mva", x: 390, w: 45, right: true },
    { title: "Netto", x: 435, w: 60, right: true },
  ];
  const row = (cells: string[], bold = false) => {
    cols.forEach((c, i) => line(cells[i] ?? "", { bold, x: MARGIN + c.x, width: c.w, align: c.right ? "right" : "left" }));
    next();
  };
  row(cols.map((c) => c.title), true);
  for (const l of s.lines) row([l.caseNumber, l.invoiceNumber, nb(l.receivedTotal, s.currency), nb(l.creditorShare, s.currency), nb(l.agencyShareOfReceived, s.currency), nb(l.commission, s.currency), nb(l.commissionVat, s.currency), nb(l.net, s.currency)]);
  next(8);

  const total = (label: string, amount: string, bold = false) => {
    line(label, { bold, width: 300 });
    line(`${currencyUnit(s.currency, "nb")} ${nb(amount, s.currency)}`, { bold, x: MARGIN + 300, width: WIDTH - 300, align: "right" });
    next();
  };
  // Line by line from what was paid in to what is paid out, each subtraction a line of its own
  // (issue #20: a set-off had no line, and the agency's share differed from the posted amount).
  total("Innbetalt til byrået", s.totals.receivedByAgency);
  // The agency's share of what was paid in (the column's sum); costs charged to the creditor are set off below, not counted twice.
  total("− Byråets andel av innbetalt (gebyr, salær, rettslige kostnader)", sumDecimal(s.lines.map((l) => l.agencyShareOfReceived), s.currency));
  total("= Kreditors andel (hovedstol og renter)", s.totals.creditorShare, true);
  total("− Provisjon", s.totals.commission);
  total("− Merverdiavgift på provisjon", s.totals.commissionVat);
  total("− Trekkostnader belastet kreditor", s.totals.withdrawalCosts);
  total("− Motregnet: kostnader skyldner betalte direkte til kreditor", s.totals.owedFromDirect ?? "0.00");
  if (s.outcome === "invoice") total("= Kreditor skylder byrået (faktureres)", s.invoiceToCreditor, true);
  else total("= Til utbetaling", s.payout, true);
  next(4);
  line(`Byrået får i alt ${currencyUnit(s.currency, "nb")} ${nb(s.totals.agencyTotal, s.currency)}: sin andel av innbetalt og det som er motregnet, slik bilaget viser.`, { width: WIDTH });
  next(22);
  // (The settlement's notes are the rule core's explanation in English; the figures above say the same in Norwegian.)
  next(16);
  line("Konteringsforslag", { bold: true, size: 11 });
  next(18);
  if (input.voucher.lines.length === 0) line("Ingen posteringer: oppgjøret endrer ikke kreditors regnskap, og det sendes ikke noe bilag.");
  for (const v of input.voucher.lines) {
    line(v.accountCode, { width: 70 });
    line(v.description, { x: MARGIN + 70, width: 330 });
    line(nb(v.amount, s.currency), { x: MARGIN + 400, width: WIDTH - 400, align: "right" });
    next(Math.max(14, doc.heightOfString(v.description, { width: 330 }) + 2));
  }
}

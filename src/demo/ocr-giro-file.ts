import type { LocalDate } from "../domain/calendar/local-date.js";

/**
 * Writes a Nets OCR giro file (incoming KID payments to the agency's account) to the record
 * layouts of "System specification OCR giro" (Nets, v2.0 of 11.08.03; the reader is
 * src/collection/bank-files/ocr-giro.ts): 10 start transmission, 20 start assignment, per payment
 * an amount item 1 (30) and 2 (31), 88 end assignment and 89 end transmission, 80 characters each,
 * with the transaction count, record count and total in øre the reader checks.
 */
export interface OcrPayment {
  readonly kid: string;
  readonly amountMinor: number;
  readonly paidOn: LocalDate;
  /** The payer's account (item 2, pos 48–58). */
  readonly fromAccount: string;
  /** The bank's archive reference (item 2, pos 26–34): unique per payment, at most 9 digits. */
  readonly archiveReference: number;
}

export interface OcrFile {
  /** Nets' data transmitter and the agency as data recipient (8 digits each). */
  readonly transmitter: string;
  readonly recipient: string;
  /** Unique per file: the file id the importer reads is transmitter-number-recipient. */
  readonly transmissionNumber: number;
  readonly agreementId: string;
  /** The agency's account the payments reached (11 digits). */
  readonly account: string;
  readonly createdOn: LocalDate;
  readonly payments: readonly OcrPayment[];
}

/** §2.4 field 3: 10 = giro debited account (a payment from the payer's online bank). */
const GIRO_DEBITED_ACCOUNT = "10";

export function writeOcrGiroFile(f: OcrFile): string {
  if (f.payments.length === 0) throw new Error("an OCR giro file needs at least one payment");
  const lines = [
    record(`NY000010${digits(f.transmitter, 8)}${num(f.transmissionNumber, 7)}${digits(f.recipient, 8)}`),
    record(`NY090020${digits(f.agreementId, 9)}${num(f.transmissionNumber, 7)}${digits(f.account, 11)}`),
  ];
  let total = 0;
  f.payments.forEach((p, i) => {
    if (!Number.isSafeInteger(p.amountMinor) || p.amountMinor <= 0) throw new Error(`payment ${i + 1}: ${p.amountMinor} is not a positive amount in øre`);
    if (!/^\d{2,25}$/.test(p.kid)) throw new Error(`payment ${i + 1}: "${p.kid}" is not a KID`);
    const no = num(i + 1, 7);
    const date = ddmmyy(p.paidOn);
    // Centre id, day code (the day of the month), partial settlement number, serial number, sign.
    const item1 = `NY09${GIRO_DEBITED_ACCOUNT}30${no}${date}01${num(p.paidOn.day, 2)}1${num(i + 1, 5)}0${num(p.amountMinor, 17)}${p.kid.padStart(25, " ")}`;
    const item2 = `NY09${GIRO_DEBITED_ACCOUNT}31${no}${num(0, 10)}${num(p.archiveReference, 9)}${num(0, 7)}${date}${digits(p.fromAccount, 11)}`;
    lines.push(record(item1), record(item2));
    total += p.amountMinor;
  });
  const first = f.payments.reduce((d, p) => (p.paidOn.isBefore(d) ? p.paidOn : d), f.payments[0]!.paidOn);
  const last = f.payments.reduce((d, p) => (p.paidOn.isAfter(d) ? p.paidOn : d), f.payments[0]!.paidOn);
  const n = f.payments.length;
  // §2.5: the assignment's records are its 20, the transactions' records and the 88 itself; §2.6 adds 10 and 89.
  lines.push(record(`NY090088${num(n, 8)}${num(2 * n + 2, 8)}${num(total, 17)}${ddmmyy(f.createdOn)}${ddmmyy(first)}${ddmmyy(last)}`));
  lines.push(record(`NY000089${num(n, 8)}${num(2 * n + 4, 8)}${num(total, 17)}${ddmmyy(f.createdOn)}`));
  return lines.join("\n") + "\n";
}

function record(start: string): string {
  if (start.length > 80) throw new Error(`an OCR giro record is 80 characters, this one ${start.length}: ${start}`);
  return start.padEnd(80, "0");
}

function num(n: number, width: number): string {
  const s = String(n);
  if (!/^\d+$/.test(s) || s.length > width) throw new Error(`${n} does not fit ${width} digits`);
  return s.padStart(width, "0");
}

function digits(s: string, width: number): string {
  if (!/^\d+$/.test(s) || s.length > width) throw new Error(`"${s}" is not at most ${width} digits`);
  return s.padStart(width, "0");
}

function ddmmyy(d: LocalDate): string {
  return `${num(d.day, 2)}${num(d.month, 2)}${num(d.year % 100, 2)}`;
}

import type { LocalDate } from "../domain/calendar/local-date.js";

/**
 * A BgMax file (Bankgirot, "Bankgiro Inbetalningar — Teknisk manual", section 3) as the agency's
 * bank would deliver it for payments to its Bankgiro: TK01 start, TK05 opening with the payee's
 * Bankgiro and the currency, one TK20 per payment with its OCR reference (reference code 2: an OCR
 * reference Bankgirot checked) and TK26 payer name, TK15 deposit with the section's total and
 * count, TK70 end. 80 characters a record, CRLF. For the demo's simulated Swedish payments and the
 * tests; the importer (`bank-files/bgmax.ts`) reads it like any bank's.
 */
export interface BgMaxPayment {
  /** The case's OCR reference (`se-ocr`). */
  readonly reference: string;
  /** Öre. */
  readonly amountMinor: number;
  readonly payer: string;
  /** The payer's own Bankgiro, if any. */
  readonly senderBankgiro?: string;
}

const pad = (s: string, n: number) => s.slice(0, n).padEnd(n, " ");
const num = (v: number | bigint | string, n: number) => String(v).padStart(n, "0");

export function writeBgMaxFile(input: { bankgiro: string; paymentDate: LocalDate; createdAt: string; payments: readonly BgMaxPayment[]; currency?: "SEK" | "EUR"; test?: boolean }): string {
  const currency = input.currency ?? "SEK";
  const ymd = input.paymentDate.toString().replaceAll("-", "");
  const bg = input.bankgiro.replace(/\D/g, "");
  const records: string[] = [];
  // TK01: "BGMAX", version 01, timestamp (20 digits), test or production mark.
  records.push(pad(`01${pad("BGMAX", 20)}01${num(input.createdAt.replace(/\D/g, "").slice(0, 20), 20)}${input.test ? "T" : "P"}`, 80));
  // TK05: payee bankgiro pos 3–12, plusgiro 13–22 (blank), currency 23–25.
  records.push(pad(`05${num(bg, 10)}${pad("", 10)}${currency}`, 80));
  let sum = 0;
  input.payments.forEach((p, i) => {
    if (!Number.isSafeInteger(p.amountMinor) || p.amountMinor <= 0) throw new Error(`payment ${i}: the amount must be a positive whole number of öre`);
    sum += p.amountMinor;
    // TK20: sender bankgiro 3–12, reference 13–37, amount 38–55, reference code 56 (2: OCR checked), channel 57 (1: bank), BGC serial 58–69, image mark 70.
    records.push(pad(`20${num((p.senderBankgiro ?? "").replace(/\D/g, "") || "0", 10)}${pad(p.reference, 25)}${num(p.amountMinor, 18)}21${num(`${ymd.slice(2)}${num(i + 1, 6)}`, 12)}0`, 80));
    records.push(pad(`26${pad(p.payer, 35)}`, 80));
  });
  // TK15: payee account 3–37, payment date 38–45, deposit serial 46–50, amount 51–68, currency 69–71, count 72–79, deposit type 80.
  records.push(pad(`15${num(bg, 35)}${ymd}${num(1, 5)}${num(sum, 18)}${currency}${num(input.payments.length, 8)}K`, 80));
  // TK70: TK20 count 3–10, TK21 11–18, TK22/23 19–26, TK15 27–34.
  records.push(pad(`70${num(input.payments.length, 8)}${num(0, 8)}${num(0, 8)}${num(1, 8)}`, 80));
  return records.map((r) => `${r}\r\n`).join("");
}

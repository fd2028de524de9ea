import { isDigits } from "../../domain/identifiers/digits.js";
import { digitsField, field, unpadded } from "./fixed-width.js";
import { type PaymentReference, NO_REFERENCE, freeTextReference, structuredReference } from "./incoming-payment.js";

/**
 * Record layouts of Bankgirot's BgMax file ("Bankgiro Inbetalningar — Teknisk manual", Bankgirot,
 * section 3 "Post- och filbeskrivning för BgMax-filen"). 80 characters per record, ISO-8859-1,
 * positions 1-based and inclusive as in the manual; the transaction code (TK) is pos 1–2.
 * Trailing blanks are often stripped by the tools a file passes through, so short records are
 * padded with blanks; a longer record, or one holding a tab, is broken.
 */
export const RECORD_LENGTH = 80;

/** Payment channel code, pos 57 of TK 20–23. */
export const BGMAX_CHANNELS: Readonly<Record<string, string>> = {
  "1": "electronic payment from a bank",
  "2": "electronic payment from Leverantörsbetalningar (LB)",
  "3": "form (blankett) payment",
  "4": "electronic payment from Autogiro (AG)",
};

/**
 * Returns the record padded to 80 characters, or why it cannot be read by position. Characters
 * past position 80 are accepted only when blank (filler). A tab or a C1 control character
 * (U+0080–U+009F, which ISO-8859-1 text never holds but UTF-8 bytes read as ISO-8859-1 do) means
 * the positions cannot be trusted.
 */
export function normalizeRecord(text: string): { record: string } | { problem: string } {
  if (text.includes("\t")) return { problem: "contains a tab character, so its fixed positions cannot be trusted" };
  const c1 = /[\u0080-\u009f]/.exec(text);
  if (c1 !== null) {
    const code = c1[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
    return { problem: `contains the control character U+${code}: BgMax is ISO-8859-1 text and this looks like UTF-8, so its fixed positions cannot be trusted` };
  }
  if (text.length > RECORD_LENGTH && text.slice(RECORD_LENGTH).trim() !== "") return { problem: `is ${text.length} characters, longer than ${RECORD_LENGTH}` };
  return { record: text.slice(0, RECORD_LENGTH).padEnd(RECORD_LENGTH, " ") };
}

/** TK01 start record: layout name pos 3–22, version 23–24, timestamp 25–44, test mark 45 (T/P). */
export interface StartRecord {
  readonly version: string;
  readonly timestamp: string;
  readonly test: boolean;
}

export function readStartRecord(record: string): StartRecord | null {
  if (field(record, 1, 2) !== "01" || field(record, 3, 22).trim() !== "BGMAX") return null;
  const timestamp = digitsField(record, 25, 44);
  const mark = field(record, 45, 45);
  if (timestamp === null || (mark !== "T" && mark !== "P")) return null;
  return { version: field(record, 23, 24), timestamp, test: mark === "T" };
}

/** TK05 opening record: payee bankgiro pos 3–12, payee plusgiro 13–22, currency 23–25. */
export interface OpeningRecord {
  readonly bankgiro: string;
  readonly currency: string;
}

export function readOpeningRecord(record: string): OpeningRecord | null {
  const bankgiro = digitsField(record, 3, 12);
  if (bankgiro === null) return null;
  return { bankgiro: unpadded(bankgiro), currency: field(record, 23, 25) };
}

/**
 * TK20 payment, TK21 deduction, TK22/23 extra reference (plus/minus): sender bankgiro pos 3–12,
 * reference 13–37, amount in öre 38–55, reference code 56, channel code 57, BGC serial number
 * 58–69, image mark 70; TK21 adds the deduction code in pos 71.
 */
export interface AmountRecord {
  readonly senderBankgiro?: string;
  readonly reference: PaymentReference;
  readonly referenceCode: string;
  readonly amount: bigint | null;
  readonly channel?: { readonly code: string; readonly name: string };
  readonly serialNumber?: string;
  readonly imageAvailable: boolean;
  readonly deductionCode?: string;
  readonly problems: readonly string[];
}

export function readAmountRecord(record: string): AmountRecord {
  const problems: string[] = [];
  const sender = digitsField(record, 3, 12);
  const amountDigits = digitsField(record, 38, 55);
  if (amountDigits === null) problems.push(`amount "${field(record, 38, 55)}" is not numeric (pos 38–55)`);
  const referenceCode = field(record, 56, 56);
  const reference = bgmaxReference(referenceCode, field(record, 13, 37).trim());
  if (reference === null) problems.push(`reference code "${referenceCode}" is not one of 0–5 (pos 56)`);
  const channelCode = field(record, 57, 57);
  const channelName = BGMAX_CHANNELS[channelCode];
  const serial = field(record, 58, 69).trim();
  const deductionCode = field(record, 1, 2) === "21" ? field(record, 71, 71).trim() : "";
  return {
    ...(sender !== null && !/^0+$/.test(sender) ? { senderBankgiro: unpadded(sender) } : {}),
    reference: reference ?? NO_REFERENCE,
    referenceCode,
    amount: amountDigits === null ? null : BigInt(amountDigits),
    ...(channelName !== undefined ? { channel: { code: channelCode, name: channelName } } : {}),
    ...(serial !== "" ? { serialNumber: serial } : {}),
    imageAvailable: field(record, 70, 70) === "1",
    ...(deductionCode !== "" ? { deductionCode } : {}),
    problems,
  };
}

/**
 * Reference code (pos 56): 0 and 1 no reference; 2 an OCR reference Bankgirot found correct;
 * 3 one or more references in free form; 4 a reference without OCR control; 5 a reference that
 * failed OCR control. OCR references are checked again here (Luhn, `checkOcr` hard control).
 */
function bgmaxReference(code: string, value: string): PaymentReference | null {
  switch (code) {
    case "0":
    case "1":
      return NO_REFERENCE;
    case "3":
      return freeTextReference(value);
    case "2":
    case "4":
    case "5":
      if (value === "") return NO_REFERENCE;
      return isDigits(value) ? structuredReference("ocr", value) : freeTextReference(value);
    default:
      return null;
  }
}

/**
 * TK15 deposit: payee bank account pos 3–37, payment date 38–45 (YYYYMMDD), deposit serial number
 * 46–50, deposit amount 51–68, currency 69–71, number of payments 72–79, deposit type 80.
 */
export interface DepositRecord {
  readonly account: string;
  readonly paymentDate: string;
  readonly serialNumber: string;
  readonly amount: bigint;
  readonly currency: string;
  readonly count: bigint;
}

export function readDepositRecord(record: string): DepositRecord | null {
  const amount = digitsField(record, 51, 68);
  const count = digitsField(record, 72, 79);
  if (amount === null || count === null) return null;
  return {
    account: field(record, 3, 37).trim().replace(/^0+/, ""),
    paymentDate: field(record, 38, 45),
    serialNumber: field(record, 46, 50).trim(),
    amount: BigInt(amount),
    currency: field(record, 69, 71),
    count: BigInt(count),
  };
}

/** TK70 end record: number of TK20 pos 3–10, TK21 11–18, TK22+23 19–26, TK15 27–34. */
export interface EndRecord {
  readonly payments: bigint;
  readonly deductions: bigint;
  readonly extraReferences: bigint;
  readonly deposits: bigint;
}

export function readEndRecord(record: string): EndRecord | null {
  const values = [digitsField(record, 3, 10), digitsField(record, 11, 18), digitsField(record, 19, 26), digitsField(record, 27, 34)];
  if (values.some((v) => v === null)) return null;
  const [payments, deductions, extraReferences, deposits] = values.map((v) => BigInt(v!)) as [bigint, bigint, bigint, bigint];
  return { payments, deductions, extraReferences, deposits };
}

/** TK26 name pos 3–37 and extra name 38–72; TK27 address 3–37, postcode 38–46; TK28 town 3–37, country 38–72, country code 73–74; TK29 organisation number 3–14; TK25 information text 3–52. */
export const text = {
  name: (r: string) => [field(r, 3, 37).trim(), field(r, 38, 72).trim()].filter((s) => s !== "").join(" "),
  street: (r: string) => field(r, 3, 37).trim(),
  postcode: (r: string) => field(r, 38, 46).trim(),
  town: (r: string) => field(r, 3, 37).trim(),
  country: (r: string) => field(r, 38, 72).trim(),
  countryCode: (r: string) => field(r, 73, 74).trim(),
  organisationNumber: (r: string) => field(r, 3, 14).trim().replace(/^0+/, ""),
  information: (r: string) => field(r, 3, 52).trim(),
};

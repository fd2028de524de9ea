import type { LocalDate } from "../../domain/calendar/local-date.js";
import { digitsField, field, parseDdMmYy } from "./fixed-width.js";

/**
 * Record layouts of the Nets OCR giro file ("System specification OCR giro", Nets, v2.0 of
 * 11.08.03; the manual's section numbers are cited per record). Every record is 80 characters;
 * positions are 1-based and inclusive, as in the manual. Fields the manual calls filler are not
 * checked: the Nets sample data uses some of them.
 */
export const RECORD_LENGTH = 80;

/** Manual §2.4 field 3: transaction types of the OCR giro service. */
export const OCR_TRANSACTION_TYPES: Readonly<Record<number, string>> = {
  10: "giro debited account",
  11: "standing order",
  12: "direct remittance",
  13: "Business Terminal Giro (BTG)",
  14: "counter giro",
  15: "AvtaleGiro",
  16: "telegiro",
  17: "giro paid in cash",
  18: "reversing with KID (terminal/internet)",
  19: "purchase with KID (terminal/internet)",
  20: "reversing with free text (terminal/internet)",
  21: "purchase with free text (terminal/internet)",
};
/** §2.1: types 18 and 20 are reversals. */
export const REVERSAL_TYPES: ReadonlySet<number> = new Set([18, 20]);

/** Format code (pos 1–2) and record type (pos 7–8), the two fields every record has. */
export function recordTypeOf(record: string): string | null {
  if (field(record, 1, 2) !== "NY") return null;
  return digitsField(record, 7, 8);
}

/** §2.2 start record for transmission (record type 10). */
export interface TransmissionStart {
  readonly dataTransmitter: string; // pos 9–16
  readonly transmissionNumber: string; // pos 17–23
  readonly dataRecipient: string; // pos 24–31
}

export function readTransmissionStart(record: string): TransmissionStart | null {
  if (record.length !== RECORD_LENGTH || field(record, 1, 8) !== "NY000010") return null;
  const dataTransmitter = digitsField(record, 9, 16);
  const transmissionNumber = digitsField(record, 17, 23);
  const dataRecipient = digitsField(record, 24, 31);
  if (dataTransmitter === null || transmissionNumber === null || dataRecipient === null) return null;
  return { dataTransmitter, transmissionNumber, dataRecipient };
}

/** §2.3 start record for the assignment (record type 20). Service code 09 is OCR giro. */
export interface AssignmentStart {
  readonly serviceCode: string; // pos 3–4
  readonly assignmentType: string; // pos 5–6
  readonly agreementId: string; // pos 9–17
  readonly assignmentNumber: string; // pos 18–24
  readonly account: string; // pos 25–35
}

export function readAssignmentStart(record: string): AssignmentStart | null {
  if (record.length !== RECORD_LENGTH || recordTypeOf(record) !== "20") return null;
  const serviceCode = digitsField(record, 3, 4);
  const assignmentType = digitsField(record, 5, 6);
  const agreementId = digitsField(record, 9, 17);
  const assignmentNumber = digitsField(record, 18, 24);
  const account = digitsField(record, 25, 35);
  if (serviceCode === null || assignmentType === null || agreementId === null || assignmentNumber === null || account === null) return null;
  return { serviceCode, assignmentType, agreementId, assignmentNumber, account };
}

/** §2.5 end record for assignment (88) and §2.6 end record for the transmission (89): same control fields. */
export interface EndRecord {
  readonly serviceCode: string; // pos 3–4
  readonly transactions: bigint; // pos 9–16
  readonly records: bigint; // pos 17–24
  readonly totalAmount: bigint; // pos 25–41, øre
  readonly netsDate: LocalDate | null; // pos 42–47
}

export function readEndRecord(record: string, recordType: "88" | "89"): EndRecord | null {
  if (record.length !== RECORD_LENGTH || recordTypeOf(record) !== recordType) return null;
  const serviceCode = digitsField(record, 3, 4);
  const transactions = digitsField(record, 9, 16);
  const records = digitsField(record, 17, 24);
  const totalAmount = digitsField(record, 25, 41);
  if (serviceCode === null || transactions === null || records === null || totalAmount === null) return null;
  return {
    serviceCode,
    transactions: BigInt(transactions),
    records: BigInt(records),
    totalAmount: BigInt(totalAmount),
    netsDate: parseDdMmYy(field(record, 42, 47)),
  };
}

/**
 * A transaction record field by field. Each reader returns what it could read plus `problems`:
 * a field the manual does not allow makes the transaction an error, but a readable amount still
 * counts towards the control totals.
 */
interface TransactionFields {
  readonly serviceCode: string | null; // pos 3–4
  readonly transactionType: number | null; // pos 5–6
  readonly transactionNumber: string | null; // pos 9–15
  readonly problems: string[];
}

function commonFields(record: string, recordType: string, serviceCode: string): TransactionFields {
  const problems: string[] = [];
  if (record.length !== RECORD_LENGTH) problems.push(`record is ${record.length} characters, not ${RECORD_LENGTH}`);
  const service = digitsField(record, 3, 4);
  if (service !== serviceCode) problems.push(`service code "${field(record, 3, 4)}" is not ${serviceCode} (pos 3–4)`);
  const typeDigits = digitsField(record, 5, 6);
  const transactionType = typeDigits === null ? null : Number(typeDigits);
  if (transactionType === null || OCR_TRANSACTION_TYPES[transactionType] === undefined) {
    problems.push(`transaction type "${field(record, 5, 6)}" is not one of 10–21 (pos 5–6)`);
  }
  if (recordTypeOf(record) !== recordType) problems.push(`record type is not ${recordType} (pos 7–8)`);
  const transactionNumber = digitsField(record, 9, 15);
  if (transactionNumber === null) problems.push(`transaction number "${field(record, 9, 15)}" is not numeric (pos 9–15)`);
  return { serviceCode: service, transactionType, transactionNumber, problems };
}

/** §2.4 A, amount item 1 (record type 30). */
export interface AmountItem1 extends TransactionFields {
  readonly netsDate: LocalDate | null; // pos 16–21, DDMMYY
  readonly negative: boolean; // pos 32, "-" when the agreement allows credit notes
  readonly amount: bigint | null; // pos 33–49, øre
  readonly kid: string; // pos 50–74, right-aligned, blank-padded
}

export function readAmountItem1(record: string, serviceCode: string): AmountItem1 {
  const common = commonFields(record, "30", serviceCode);
  const problems = common.problems;
  const netsDate = parseDdMmYy(field(record, 16, 21));
  if (netsDate === null) problems.push(`Nets date "${field(record, 16, 21)}" is not a date DDMMYY (pos 16–21)`);
  for (const [from, to, name] of [[22, 23, "centre id"], [24, 25, "day code"], [26, 26, "partial settlement number"], [27, 31, "serial number"]] as const) {
    if (digitsField(record, from, to) === null) problems.push(`${name} "${field(record, from, to)}" is not numeric (pos ${from}–${to})`);
  }
  const sign = field(record, 32, 32);
  if (sign !== "0" && sign !== "-") problems.push(`sign "${sign}" is neither 0 nor - (pos 32)`);
  const amountDigits = digitsField(record, 33, 49);
  if (amountDigits === null) problems.push(`amount "${field(record, 33, 49)}" is not numeric (pos 33–49)`);
  return {
    ...common,
    netsDate,
    negative: sign === "-",
    amount: amountDigits === null ? null : BigInt(amountDigits),
    kid: field(record, 50, 74).trim(),
  };
}

/** §2.4 B, amount item 2 (record type 31). */
export interface AmountItem2 extends TransactionFields {
  readonly formNumber: string; // pos 16–25
  readonly archiveReference: string; // pos 26–34: agreement id / archive reference / BAX + session
  readonly bankDate: LocalDate | null; // pos 42–47, DDMMYY; null when zero-filled
  readonly debitAccount: string; // pos 48–58; zero-filled when unknown
}

export function readAmountItem2(record: string, serviceCode: string): AmountItem2 {
  const common = commonFields(record, "31", serviceCode);
  const problems = common.problems;
  const formNumber = field(record, 16, 25);
  const archiveReference = field(record, 26, 34);
  const debitAccount = field(record, 48, 58);
  for (const [text, from, to, name] of [[formNumber, 16, 25, "form number"], [archiveReference, 26, 34, "archive reference"], [debitAccount, 48, 58, "debit account"]] as const) {
    if (digitsField(record, from, to) === null) problems.push(`${name} "${text}" is not numeric (pos ${from}–${to})`);
  }
  const bankDateText = field(record, 42, 47);
  const bankDate = bankDateText === "000000" ? null : parseDdMmYy(bankDateText);
  if (bankDateText !== "000000" && bankDate === null) problems.push(`bank date "${bankDateText}" is not a date DDMMYY (pos 42–47)`);
  return { ...common, formNumber, archiveReference, bankDate, debitAccount };
}

/** §2.4 C, amount item 3 (record type 32), only for transaction types 20 and 21. */
export interface AmountItem3 extends TransactionFields {
  readonly freeText: string; // pos 16–55
}

export function readAmountItem3(record: string, serviceCode: string): AmountItem3 {
  const common = commonFields(record, "32", serviceCode);
  return { ...common, freeText: field(record, 16, 55).trim() };
}

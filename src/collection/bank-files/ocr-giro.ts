import { createReadStream } from "node:fs";
import type { LocalDate } from "../../domain/calendar/local-date.js";
import { money } from "../../domain/money.js";
import { BankFileError } from "./bank-file-error.js";
import { type BankFileEvent, type BankFileSummary, type ByteSource, type ParsedBankFile, EventTally, collectBankFile } from "./bank-file.js";
import { type IncomingPayment, NO_REFERENCE, freeTextReference, structuredReference } from "./incoming-payment.js";
import { BrokenLines } from "./broken-lines.js";
import { type SourceLine, readLines } from "./line-reader.js";
import {
  type AmountItem1,
  type AmountItem2,
  type AmountItem3,
  type AssignmentStart,
  OCR_TRANSACTION_TYPES,
  REVERSAL_TYPES,
  readAmountItem1,
  readAmountItem2,
  readAmountItem3,
  readAssignmentStart,
  readEndRecord,
  readTransmissionStart,
  recordTypeOf,
} from "./ocr-giro-records.js";

/**
 * Nets OCR giro file (incoming KID payments, Norway), "System specification OCR giro".
 *
 * Structure (manual §3): 10 start transmission, then per assignment 20 start, transactions of
 * 30 + 31 (+ 32 for types 20/21) and 88 end, then 89 end transmission. The 88 and 89 records
 * carry the number of transactions, the number of records and the total in øre; all are checked.
 * As the manual says (§2.5 field 7), the totals add the amounts of reversals (types 18 and 20)
 * rather than subtract them; in the payments a reversal, like an amount signed "-", is negative.
 *
 * Broken records: a line inside an assignment counts as a record whatever it holds, a 30 record
 * counts as a transaction and its amount counts if it is readable. A transaction with a broken
 * record becomes an `error` event; if the totals still reconcile the rest of the file stands,
 * otherwise the file is rejected and the message names the broken lines. Blank lines are not
 * records (a notice is given); a blanked-out record therefore fails the record count.
 * Assignments of other services (AvtaleGiro agreements, service 21) are counted and skipped.
 * The file is read as ISO-8859-1 (only the free text of record 32 can hold non-ASCII letters).
 */
export interface OcrGiroPayment extends IncomingPayment {
  /** §2.4 field 3, e.g. `{ code: 15, name: "AvtaleGiro" }`. */
  readonly transactionType: { readonly code: number; readonly name: string };
  readonly reversal: boolean;
  readonly transactionNumber: string;
  /** Item 2 field 9: the date the payer's bank handled the payment, when given. */
  readonly bankDate?: LocalDate;
  readonly formNumber?: string;
  /** The assignment's agreement id (§2.3 field 5). */
  readonly agreementId: string;
}

export interface OcrGiroAssignment {
  readonly lineRef: string;
  readonly serviceCode: string;
  readonly agreementId: string;
  readonly assignmentNumber: string;
  readonly account: string;
  readonly transactions: number;
  readonly totalAmount: number;
}

export interface OcrGiroSummary extends BankFileSummary {
  readonly format: "nets-ocr-giro";
  readonly dataTransmitter: string;
  readonly transmissionNumber: string;
  readonly dataRecipient: string;
  readonly assignments: readonly OcrGiroAssignment[];
}

interface PendingTransaction {
  readonly lines: SourceLine[];
  readonly item1: AmountItem1;
  item2?: AmountItem2;
  item3?: AmountItem3;
}

interface OpenAssignment {
  readonly start: AssignmentStart;
  readonly line: SourceLine;
  records: number;
  transactions: number;
  sum: bigint;
  readonly brokenLines: BrokenLines;
}

export async function* parseOcrGiro(source: ByteSource): AsyncGenerator<BankFileEvent<OcrGiroPayment, OcrGiroSummary>, void, undefined> {
  const tally = new EventTally();
  let header: ReturnType<typeof readTransmissionStart> = null;
  let assignment: OpenAssignment | null = null;
  let pending: PendingTransaction | null = null;
  let ended = false;
  let records = 0;
  let transactions = 0n;
  let sum = 0n;
  const assignments: OcrGiroAssignment[] = [];

  const flush = function* (): Generator<BankFileEvent<OcrGiroPayment, OcrGiroSummary>> {
    if (pending === null || assignment === null) return;
    const done = pending;
    pending = null;
    const result = toPayment(done, assignment.start);
    yield "lineRef" in result ? tally.payment(result) : tally.error(result.error);
  };

  for await (const line of readLines(source, "latin1", 1024)) {
    const text = line.text;
    if (text.trim() === "") {
      if (!ended) yield tally.notice({ lineRef: `line ${line.number}`, message: "blank line ignored; it is not a record" });
      continue;
    }
    if (ended) throw new BankFileError("malformed_structure", "data after the end-transmission record (89)", `line ${line.number}`);
    const type = recordTypeOf(text);
    records++;

    if (header === null) {
      header = readTransmissionStart(text);
      if (header === null) throw new BankFileError("unrecognised_format", `not a Nets OCR giro file: the first record must be a start-transmission record "NY000010…" (manual §2.2), got "${text.slice(0, 8)}"`, `line ${line.number}`);
      continue;
    }

    if (assignment === null) {
      if (type === "20") {
        const start = readAssignmentStart(text);
        if (start === null) throw new BankFileError("malformed_structure", "unreadable start-assignment record (manual §2.3)", `line ${line.number}`);
        assignment = { start, line, records: 1, transactions: 0, sum: 0n, brokenLines: new BrokenLines() };
        continue;
      }
      if (type === "89") {
        const end = readEndRecord(text, "89");
        if (end === null) throw new BankFileError("malformed_structure", "unreadable end-transmission record (manual §2.6)", `line ${line.number}`);
        checkControl("transmission (89)", end, { transactions, records: BigInt(records), sum }, line, new BrokenLines());
        ended = true;
        yield { type: "end", summary: summary(header, assignments, end, tally) };
        continue;
      }
      throw new BankFileError("malformed_structure", `record type "${text.slice(6, 8)}" outside an assignment; expected 20 (start assignment) or 89 (end transmission)`, `line ${line.number}`);
    }

    assignment.records++;
    if (type === "88") {
      yield* flush();
      const end = readEndRecord(text, "88");
      if (end === null) throw new BankFileError("malformed_structure", "unreadable end-assignment record (manual §2.5)", `line ${line.number}`);
      const a = assignment;
      if (end.serviceCode !== a.start.serviceCode) {
        throw new BankFileError("malformed_structure", `end-assignment record has service code ${end.serviceCode}, its start record (line ${a.line.number}) ${a.start.serviceCode}`, `line ${line.number}`);
      }
      if (a.start.serviceCode === "09") {
        checkControl(`assignment ${a.start.assignmentNumber} (88)`, end, { transactions: BigInt(a.transactions), records: BigInt(a.records), sum: a.sum }, line, a.brokenLines);
      } else {
        checkControl(`assignment ${a.start.assignmentNumber} (88)`, end, { transactions: end.transactions, records: BigInt(a.records), sum: end.totalAmount }, line, a.brokenLines);
        yield tally.notice({ lineRef: `line ${a.line.number}`, message: `assignment with service code ${a.start.serviceCode} is not OCR giro (service 09); its ${a.records} records are counted and skipped` });
      }
      transactions += end.transactions;
      sum += end.totalAmount;
      assignments.push({
        lineRef: `line ${a.line.number}`,
        serviceCode: a.start.serviceCode,
        agreementId: a.start.agreementId,
        assignmentNumber: a.start.assignmentNumber,
        account: a.start.account,
        transactions: Number(end.transactions),
        totalAmount: Number(end.totalAmount),
      });
      assignment = null;
      continue;
    }
    if (assignment.start.serviceCode !== "09") continue;

    const service = assignment.start.serviceCode;
    if (type === "30") {
      yield* flush();
      const item1 = readAmountItem1(text, service);
      assignment.transactions++;
      if (item1.amount !== null) assignment.sum += item1.amount;
      else assignment.brokenLines.add(line.number);
      pending = { lines: [line], item1 };
      continue;
    }
    const current = pending as PendingTransaction | null;
    if (type === "31" && current !== null && current.item2 === undefined && current.lines.length === 1) {
      current.item2 = readAmountItem2(text, service);
      current.lines.push(line);
      continue;
    }
    if (type === "32" && current !== null && current.item2 !== undefined && current.item3 === undefined) {
      current.item3 = readAmountItem3(text, service);
      current.lines.push(line);
      continue;
    }
    assignment.brokenLines.add(line.number);
    const why = type === null ? "unreadable record (format code and record type, pos 1–2 and 7–8)" : `record type ${type} out of place`;
    yield tally.error({ lineRef: `line ${line.number}`, message: `${why}; expected 30, 31, 32 or 88`, raw: text });
  }

  if (!ended) {
    const where = assignment !== null ? `assignment starting on line ${assignment.line.number} has no end record (88)` : "no end-transmission record (89)";
    throw new BankFileError("missing_trailer", `file is incomplete: ${where}`, "end of file");
  }
}

function toPayment(tx: PendingTransaction, assignment: AssignmentStart): OcrGiroPayment | { error: ReturnType<typeof issue> } {
  const { item1, item2, item3 } = tx;
  const problems = [...item1.problems];
  if (item2 === undefined) problems.push("amount item 2 (record type 31) is missing");
  else {
    problems.push(...item2.problems.map((p) => `item 2: ${p}`));
    if (item2.transactionNumber !== item1.transactionNumber) problems.push(`item 2 has transaction number ${item2.transactionNumber}, item 1 has ${item1.transactionNumber}`);
    if (item2.transactionType !== item1.transactionType) problems.push(`item 2 has transaction type ${item2.transactionType}, item 1 has ${item1.transactionType}`);
  }
  if (item3 !== undefined) {
    problems.push(...item3.problems.map((p) => `item 3: ${p}`));
    if (item3.transactionNumber !== item1.transactionNumber) problems.push(`item 3 has transaction number ${item3.transactionNumber}, item 1 has ${item1.transactionNumber}`);
  }
  const amount = item1.amount !== null && item1.amount <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(item1.amount) : null;
  if (item1.amount !== null && amount === null) problems.push("amount is too large");
  const type = item1.transactionType;
  const reversal = type !== null && REVERSAL_TYPES.has(type);
  const signed = amount === null ? null : money(item1.negative || reversal ? -amount : amount, "NOK");
  const raw = tx.lines.map((l) => l.text).join("\n");
  const lineRef = `line ${tx.lines[0]!.number}`;
  if (problems.length > 0 || item2 === undefined || item1.netsDate === null || type === null || signed === null || item1.transactionNumber === null) {
    return { error: issue(lineRef, `transaction ${item1.transactionNumber ?? "?"} cannot be read: ${problems.join("; ")}`, raw, signed) };
  }
  const freeText = item3?.freeText ?? "";
  const payment: OcrGiroPayment = {
    lineRef,
    reference: item1.kid !== "" ? structuredReference("kid", item1.kid) : freeText !== "" ? freeTextReference(freeText) : NO_REFERENCE,
    amount: signed,
    bookedOn: item1.netsDate,
    creditorAccount: assignment.account,
    raw,
    transactionType: { code: type, name: OCR_TRANSACTION_TYPES[type]! },
    reversal,
    transactionNumber: item1.transactionNumber,
    agreementId: assignment.agreementId,
  };
  return {
    ...payment,
    ...(freeText !== "" ? { message: freeText } : {}),
    ...(/^0+$/.test(item2.debitAccount) ? {} : { payer: { account: item2.debitAccount } }),
    ...(/^0+$/.test(item2.archiveReference) ? {} : { bankReference: item2.archiveReference }),
    ...(/^0+$/.test(item2.formNumber) ? {} : { formNumber: item2.formNumber }),
    ...(item2.bankDate !== null ? { bankDate: item2.bankDate } : {}),
  };
}

function issue(lineRef: string, message: string, raw: string, amount: ReturnType<typeof money> | null) {
  return amount === null ? { lineRef, message, raw } : { lineRef, message, raw, amount };
}

/** Compares an 88/89 record with what was read; a mismatch rejects the whole file. */
function checkControl(
  what: string,
  end: { transactions: bigint; records: bigint; totalAmount: bigint },
  read: { transactions: bigint; records: bigint; sum: bigint },
  line: SourceLine,
  brokenLines: BrokenLines,
): void {
  const broken = brokenLines.describe();
  const where = `line ${line.number}`;
  if (end.records !== read.records) {
    throw new BankFileError("record_count_mismatch", `${what}: trailer says ${end.records} records, the file has ${read.records}${broken}`, where);
  }
  if (end.transactions !== read.transactions) {
    throw new BankFileError("record_count_mismatch", `${what}: trailer says ${end.transactions} transactions, the file has ${read.transactions}${broken}`, where);
  }
  if (end.totalAmount !== read.sum) {
    throw new BankFileError("control_total_mismatch", `${what}: trailer says a total of ${end.totalAmount} øre, the transactions add up to ${read.sum} øre${broken}`, where);
  }
}

function summary(
  header: NonNullable<ReturnType<typeof readTransmissionStart>>,
  assignments: readonly OcrGiroAssignment[],
  end: { transactions: bigint; totalAmount: bigint },
  tally: EventTally,
): OcrGiroSummary {
  const ocrAccounts = new Set(assignments.filter((a) => a.serviceCode === "09").map((a) => a.account));
  if (end.totalAmount > BigInt(Number.MAX_SAFE_INTEGER)) throw new BankFileError("malformed_structure", "transmission total is too large", "end of file");
  return {
    format: "nets-ocr-giro",
    fileId: `${header.dataTransmitter}-${header.transmissionNumber}-${header.dataRecipient}`,
    ...(ocrAccounts.size === 1 ? { creditorAccount: [...ocrAccounts][0]! } : {}),
    totals: [{ count: Number(end.transactions), amount: money(Number(end.totalAmount), "NOK") }],
    paymentCount: tally.paymentCount,
    errorCount: tally.errorCount,
    noticeCount: tally.noticeCount,
    dataTransmitter: header.dataTransmitter,
    transmissionNumber: header.transmissionNumber,
    dataRecipient: header.dataRecipient,
    assignments,
  };
}

export function parseOcrGiroString(text: string): Promise<ParsedBankFile<OcrGiroPayment, OcrGiroSummary>> {
  return collectBankFile(parseOcrGiro([text]));
}

/** Streams the file from disk; holds all payments in the result (use `parseOcrGiro` for large files). */
export function parseOcrGiroFile(path: string): Promise<ParsedBankFile<OcrGiroPayment, OcrGiroSummary>> {
  return collectBankFile(parseOcrGiro(createReadStream(path)));
}

import { createReadStream } from "node:fs";
import type { LocalDate } from "../../domain/calendar/local-date.js";
import { type Currency, type Money, isCurrency, money } from "../../domain/money.js";
import { BankFileError } from "./bank-file-error.js";
import { type BankFileEvent, type BankFileSummary, type ByteSource, type LineIssue, type ParsedBankFile, EventTally, collectBankFile } from "./bank-file.js";
import {
  type AmountRecord,
  type OpeningRecord,
  type StartRecord,
  normalizeRecord,
  readAmountRecord,
  readDepositRecord,
  readEndRecord,
  readOpeningRecord,
  readStartRecord,
  text as textOf,
} from "./bgmax-records.js";
import { parseYyyyMmDd } from "./fixed-width.js";
import type { IncomingPayment, PaymentReference } from "./incoming-payment.js";
import { BrokenLines } from "./broken-lines.js";
import { type SourceLine, readLines } from "./line-reader.js";

/**
 * Bankgirot BgMax (Swedish incoming bankgiro payments), ISO-8859-1 fixed-width records.
 *
 * A file is TK01, then sections — TK05 opening, payments (TK20, or TK21 deduction, each followed
 * by its TK22/23 extra references, TK25 information and TK26–29 name, address and organisation
 * number), TK15 deposit — then TK70. Controls: each TK15 states the number of TK20+TK21 records
 * and the deposit amount, Σ TK20 − Σ TK21; TK70 states the number of TK20, TK21, TK22+23 and TK15
 * records. A mismatch rejects the whole file.
 *
 * The payment date is only in TK15, after the section's payments. Read in one pass, a section's
 * payments are therefore held until its TK15 has been checked (memory grows with the largest
 * section). `parseVerified` avoids that: its second pass knows every deposit date from the first.
 *
 * A TK21 deduction is a payment with a negative amount. A payment one of whose records is broken
 * (a tab, an unreadable amount or reference code) is an `error` event with all its records.
 */
export interface BgMaxPayment extends IncomingPayment {
  readonly deduction: boolean;
  /** Pos 56: how Bankgirot classed the reference (see `bgmaxReference`). */
  readonly referenceCode: string;
  readonly channel?: { readonly code: string; readonly name: string };
  readonly imageAvailable: boolean;
  readonly deductionCode?: string;
  /** The TK22/23 records: each reference with its amount (negative for TK23). */
  readonly referenceRecords: readonly { readonly lineRef: string; readonly reference: PaymentReference; readonly amount: Money }[];
  readonly payerOrganisationNumber?: string;
  readonly payerAddress?: { readonly street?: string; readonly postcode?: string; readonly town?: string; readonly country?: string; readonly countryCode?: string };
  readonly depositSerialNumber: string;
}

export interface BgMaxDeposit {
  readonly lineRef: string;
  readonly bankgiro: string;
  readonly account: string;
  readonly paymentDate: LocalDate;
  readonly serialNumber: string;
  readonly count: number;
  readonly amount: Money;
}

export interface BgMaxSummary extends BankFileSummary {
  readonly format: "bgmax";
  /** TK01 pos 45 = "T": a test file from Bankgirot; its payments are not real. */
  readonly testFile: boolean;
  readonly deposits: readonly BgMaxDeposit[];
}

interface PendingPayment {
  readonly lines: SourceLine[];
  readonly deduction: boolean;
  readonly record: AmountRecord | null;
  readonly problems: string[];
  readonly extra: { line: SourceLine; record: AmountRecord; negative: boolean }[];
  readonly info: string[];
  readonly parts: Map<string, string>;
}

interface OpenSection {
  readonly opening: OpeningRecord;
  readonly currency: Currency;
  readonly line: SourceLine;
  readonly held: PendingPayment[];
  records: number;
  sum: bigint;
  readonly brokenLines: BrokenLines;
}

export async function* parseBgMax(source: ByteSource, firstPass?: BgMaxSummary): AsyncGenerator<BankFileEvent<BgMaxPayment, BgMaxSummary>, void, undefined> {
  const tally = new EventTally();
  const counts = { payments: 0n, deductions: 0n, extraReferences: 0n, deposits: 0n };
  const deposits: BgMaxDeposit[] = [];
  let start: StartRecord | null = null;
  let section: OpenSection | null = null;
  let current: PendingPayment | null = null;
  let ended = false;

  const emit = (p: PendingPayment, s: OpenSection, deposit: { date: LocalDate; serial: string }) => {
    const result = toPayment(p, s, deposit);
    return "referenceCode" in result ? tally.payment(result) : tally.error(result);
  };
  const close = function* (): Generator<BankFileEvent<BgMaxPayment, BgMaxSummary>> {
    if (current === null || section === null) return;
    const known = firstPass?.deposits[deposits.length];
    if (known !== undefined) yield emit(current, section, { date: known.paymentDate, serial: known.serialNumber });
    else section.held.push(current);
    current = null;
  };

  for await (const line of readLines(source, "latin1", 1024)) {
    if (line.text.trim() === "") {
      if (!ended) yield tally.notice({ lineRef: `line ${line.number}`, message: "blank line ignored; it is not a record" });
      continue;
    }
    if (ended) throw new BankFileError("malformed_structure", "data after the end record (TK70)", `line ${line.number}`);
    const tk = line.text.slice(0, 2);
    const normal = normalizeRecord(line.text);
    if (start === null) {
      start = "record" in normal ? readStartRecord(normal.record) : null;
      if (start === null) throw new BankFileError("unrecognised_format", `not a BgMax file: the first record must be TK01 "01BGMAX…", got "${line.text.slice(0, 7)}"`, `line ${line.number}`);
      if (start.test) yield tally.notice({ lineRef: `line ${line.number}`, message: "test file (TK01 pos 45 = T): its payments are not real money" });
      continue;
    }
    if (tk === "05" || tk === "70") {
      if (section !== null) throw new BankFileError("malformed_structure", `TK${tk} before the deposit record (TK15) that ends the section opened on line ${section.line.number}`, `line ${line.number}`);
    } else if (section === null) {
      throw new BankFileError("malformed_structure", `TK${tk} outside a section; expected TK05 (opening) or TK70 (end)`, `line ${line.number}`);
    }
    if (!("record" in normal)) {
      if (tk === "20" || tk === "21") {
        yield* close();
        counts[tk === "20" ? "payments" : "deductions"]++;
        section!.records++;
        section!.brokenLines.add(line.number);
        current = newPending(line, tk === "21", null, [`line ${line.number} ${normal.problem}`]);
        continue;
      }
      if (tk === "22" || tk === "23") counts.extraReferences++;
      if (current !== null && ["22", "23", "25", "26", "27", "28", "29"].includes(tk)) {
        (current as PendingPayment).lines.push(line);
        (current as PendingPayment).problems.push(`line ${line.number} (TK${tk}) ${normal.problem}`);
        continue;
      }
      if (["05", "15", "70"].includes(tk)) throw new BankFileError("malformed_structure", `TK${tk} record ${normal.problem}`, `line ${line.number}`);
      section?.brokenLines.add(line.number);
      yield tally.error({ lineRef: `line ${line.number}`, message: `record ${normal.problem}`, raw: line.text });
      continue;
    }
    const record = normal.record;
    const s = section;

    if (tk === "05") {
      const opening = readOpeningRecord(record);
      if (opening === null) throw new BankFileError("malformed_structure", "unreadable opening record (TK05): payee bankgiro pos 3–12 is not numeric", `line ${line.number}`);
      if (!isCurrency(opening.currency) || opening.currency === "NOK") throw new BankFileError("malformed_structure", `currency "${opening.currency}" (TK05 pos 23–25) is not SEK or EUR`, `line ${line.number}`);
      section = { opening, currency: opening.currency, line, held: [], records: 0, sum: 0n, brokenLines: new BrokenLines() };
    } else if (tk === "20" || tk === "21") {
      yield* close();
      const amountRecord = readAmountRecord(record);
      counts[tk === "20" ? "payments" : "deductions"]++;
      s!.records++;
      if (amountRecord.amount === null) s!.brokenLines.add(line.number);
      else s!.sum += tk === "20" ? amountRecord.amount : -amountRecord.amount;
      current = newPending(line, tk === "21", amountRecord, amountRecord.problems.map((p) => `line ${line.number}: ${p}`));
    } else if (tk === "22" || tk === "23") {
      counts.extraReferences++;
      const extra = readAmountRecord(record);
      if (current === null) {
        yield tally.error({ lineRef: `line ${line.number}`, message: `extra reference record (TK${tk}) without a payment before it`, raw: line.text });
        continue;
      }
      const pending = current as PendingPayment;
      pending.lines.push(line);
      pending.extra.push({ line, record: extra, negative: tk === "23" });
      pending.problems.push(...extra.problems.map((p) => `line ${line.number} (TK${tk}): ${p}`));
    } else if (["25", "26", "27", "28", "29"].includes(tk)) {
      if (current === null) {
        yield tally.error({ lineRef: `line ${line.number}`, message: `TK${tk} without a payment before it`, raw: line.text });
        continue;
      }
      const pending = current as PendingPayment;
      pending.lines.push(line);
      if (tk === "25") pending.info.push(textOf.information(record));
      else if (tk === "26") pending.parts.set("name", textOf.name(record));
      else if (tk === "27") pending.parts.set("street", textOf.street(record)).set("postcode", textOf.postcode(record));
      else if (tk === "28") pending.parts.set("town", textOf.town(record)).set("country", textOf.country(record)).set("countryCode", textOf.countryCode(record));
      else pending.parts.set("organisationNumber", textOf.organisationNumber(record));
    } else if (tk === "15") {
      yield* close();
      const deposit = checkDeposit(record, s!, line);
      counts.deposits++;
      deposits.push({ ...deposit, bankgiro: s!.opening.bankgiro });
      for (const held of s!.held) yield emit(held, s!, { date: deposit.paymentDate, serial: deposit.serialNumber });
      section = null;
    } else if (tk === "70") {
      const end = readEndRecord(record);
      if (end === null) throw new BankFileError("malformed_structure", "unreadable end record (TK70)", `line ${line.number}`);
      for (const [key, label] of [["payments", "payment (TK20)"], ["deductions", "deduction (TK21)"], ["extraReferences", "extra reference (TK22/23)"], ["deposits", "deposit (TK15)"]] as const) {
        if (end[key] !== counts[key]) throw new BankFileError("record_count_mismatch", `TK70 says ${end[key]} ${label} records, the file has ${counts[key]}`, `line ${line.number}`);
      }
      ended = true;
      yield { type: "end", summary: summary(start, deposits, tally) };
    } else {
      s?.brokenLines.add(line.number);
      yield tally.error({ lineRef: `line ${line.number}`, message: `unknown transaction code "${tk}"`, raw: line.text });
    }
  }
  if (!ended) throw new BankFileError("missing_trailer", "file is incomplete: no end record (TK70)", "end of file");
}

function newPending(line: SourceLine, deduction: boolean, record: AmountRecord | null, problems: string[]): PendingPayment {
  return { lines: [line], deduction, record, problems, extra: [], info: [], parts: new Map() };
}

function checkDeposit(record: string, s: OpenSection, line: SourceLine): Omit<BgMaxDeposit, "bankgiro"> {
  const where = `line ${line.number}`;
  const deposit = readDepositRecord(record);
  if (deposit === null) throw new BankFileError("malformed_structure", "unreadable deposit record (TK15): amount pos 51–68 or count pos 72–79 is not numeric", where);
  const paymentDate = parseYyyyMmDd(deposit.paymentDate);
  if (paymentDate === null) throw new BankFileError("malformed_structure", `payment date "${deposit.paymentDate}" (TK15 pos 38–45) is not a date`, where);
  const broken = s.brokenLines.describe();
  if (deposit.currency !== s.currency) throw new BankFileError("control_total_mismatch", `deposit currency ${deposit.currency} differs from the section's ${s.currency} (TK05 line ${s.line.number})`, where);
  if (deposit.count !== BigInt(s.records)) throw new BankFileError("record_count_mismatch", `TK15 says ${deposit.count} payments, the section has ${s.records} TK20/TK21 records${broken}`, where);
  if (deposit.amount !== s.sum) throw new BankFileError("control_total_mismatch", `TK15 says a deposit of ${deposit.amount} öre, the payments less deductions add up to ${s.sum} öre${broken}`, where);
  if (deposit.amount > BigInt(Number.MAX_SAFE_INTEGER)) throw new BankFileError("malformed_structure", "deposit amount is too large", where);
  return { lineRef: where, account: deposit.account, paymentDate, serialNumber: deposit.serialNumber, count: Number(deposit.count), amount: money(Number(deposit.amount), s.currency) };
}

function toPayment(p: PendingPayment, s: OpenSection, deposit: { date: LocalDate; serial: string }): BgMaxPayment | LineIssue {
  const lineRef = `line ${p.lines[0]!.number}`;
  const raw = p.lines.map((l) => l.text).join("\n");
  const r = p.record;
  const amount = r?.amount != null && r.amount <= BigInt(Number.MAX_SAFE_INTEGER) ? money(Number(r.amount) * (p.deduction ? -1 : 1), s.currency) : null;
  const problems = [...p.problems, ...p.extra.filter((e) => e.record.amount === null).map((e) => `line ${e.line.number}: extra reference amount is unreadable`)];
  if (r === null || amount === null || problems.length > 0) {
    const what = p.deduction ? "deduction" : "payment";
    const base = { lineRef, message: `${what} cannot be read: ${problems.join("; ") || "amount is too large"}`, raw };
    return amount === null ? base : { ...base, amount };
  }
  const part = (key: string) => {
    const value = p.parts.get(key);
    return value !== undefined && value !== "" ? { [key]: value } : {};
  };
  const address = { ...part("street"), ...part("postcode"), ...part("town"), ...part("country"), ...part("countryCode") };
  const name = p.parts.get("name");
  const payer = { ...(name ? { name } : {}), ...(r.senderBankgiro !== undefined ? { account: r.senderBankgiro } : {}) };
  const referenceRecords = p.extra.map((e) => ({
    lineRef: `line ${e.line.number}`,
    reference: e.record.reference,
    amount: money(Number(e.record.amount!) * (e.negative ? -1 : 1), s.currency),
  }));
  return {
    lineRef,
    reference: r.reference,
    amount,
    bookedOn: deposit.date,
    ...(Object.keys(payer).length > 0 ? { payer } : {}),
    ...(r.serialNumber !== undefined ? { bankReference: r.serialNumber } : {}),
    creditorAccount: s.opening.bankgiro,
    ...(referenceRecords.length > 0 ? { extraReferences: referenceRecords.map((e) => e.reference) } : {}),
    ...(p.info.length > 0 ? { message: p.info.join("\n") } : {}),
    raw,
    deduction: p.deduction,
    referenceCode: r.referenceCode,
    ...(r.channel !== undefined ? { channel: r.channel } : {}),
    imageAvailable: r.imageAvailable,
    ...(r.deductionCode !== undefined ? { deductionCode: r.deductionCode } : {}),
    referenceRecords,
    ...(p.parts.get("organisationNumber") ? { payerOrganisationNumber: p.parts.get("organisationNumber")! } : {}),
    ...(Object.keys(address).length > 0 ? { payerAddress: address } : {}),
    depositSerialNumber: deposit.serial,
  };
}

function summary(start: StartRecord, deposits: readonly BgMaxDeposit[], tally: EventTally): BgMaxSummary {
  const totals = new Map<Currency, { count: number; amount: number }>();
  for (const d of deposits) {
    const t = totals.get(d.amount.currency) ?? { count: 0, amount: 0 };
    totals.set(d.amount.currency, { count: t.count + d.count, amount: t.amount + d.amount.amount });
  }
  const bankgiros = new Set(deposits.map((d) => d.bankgiro));
  return {
    format: "bgmax",
    fileId: start.timestamp,
    ...(bankgiros.size === 1 ? { creditorAccount: [...bankgiros][0]! } : {}),
    totals: [...totals].map(([currency, t]) => ({ count: t.count, amount: money(t.amount, currency) })),
    paymentCount: tally.paymentCount,
    errorCount: tally.errorCount,
    noticeCount: tally.noticeCount,
    testFile: start.test,
    deposits,
  };
}

export function parseBgMaxString(text: string): Promise<ParsedBankFile<BgMaxPayment, BgMaxSummary>> {
  return collectBankFile(parseBgMax([text]));
}

/** Reads the file as ISO-8859-1 bytes; holds all payments in the result (use `parseBgMax` for large files). */
export function parseBgMaxFile(path: string): Promise<ParsedBankFile<BgMaxPayment, BgMaxSummary>> {
  return collectBankFile(parseBgMax(createReadStream(path)));
}

import { readFile } from "node:fs/promises";
import { type Currency, formatDecimal, isCurrency, money } from "../../domain/money.js";
import { BankFileError } from "./bank-file-error.js";
import { type BankFileEvent, type BankFileSummary, type ByteSource, type ParsedBankFile, EventTally, collectBankFile } from "./bank-file.js";
import { type Camt054Version, type CamtMessage, camtNamespace, validateCamt } from "./camt054-schema.js";
import {
  type Camt054Payment,
  type EntryContext,
  CONTROL_SCALE,
  accountId,
  bankTransactionCodeOf,
  dateOf,
  decimalToScaled,
  moneyOf,
  renderNode,
  toCamtPayment,
  transactionAmount,
} from "./camt054-transaction.js";
import type { StructuredReferenceKind } from "./incoming-payment.js";
import { type XmlNode, first, streamXml, textAt } from "./xml-stream.js";

export type { Camt054Payment } from "./camt054-transaction.js";

/**
 * ISO 20022 camt.054 BankToCustomerDebitCreditNotification, versions .001.02, .001.04, .001.08 —
 * and camt.053 BankToCustomerStatement of the same versions, whose statements (Stmt) hold entries
 * of the same structure as the notifications (Ntfctn); its balances (Bal) are not payments.
 *
 * Before anything is read the document is refused if it has a DOCTYPE and validated against the
 * official XSD with xmllint-wasm (camt054-schema.ts). xmllint needs the whole document, so
 * `parseCamt054` holds the file's bytes (not its payments) in memory; the reading itself streams
 * one TxDtls at a time.
 *
 * Payments: booked (Sts BOOK) credit entries (CdtDbtInd CRDT), one payment per TxDtls — or one for
 * the entry when it has no details. Debit entries and entries not booked are `notice` events.
 * Controls that reject the whole file: Btch/NbOfTxs and Btch/TtlAmt against the transactions of
 * that NtryDtls, and Ntfctn/TxsSummry (number and sum of all, credit and debit entries, net).
 * A mismatch between an entry's amount and the sum of its transactions (e.g. charges) is a notice.
 */
export interface Camt054Summary extends BankFileSummary {
  readonly format: CamtMessage;
  readonly version: Camt054Version;
}

export interface Camt054Options {
  /** How a SCOR creditor reference (or an all-digit Ustrd) is checked: KID (default), Swedish OCR or Finnish reference. */
  readonly referenceKind?: StructuredReferenceKind;
}

const CONTAINERS = new Set(["Document", "BkToCstmrDbtCdtNtfctn", "BkToCstmrStmt", "Ntfctn", "Stmt", "Ntry", "NtryDtls"]);
/** The message element and the element of each notification or statement, by message. */
const ELEMENTS: Record<CamtMessage, { message: string; section: string }> = { "camt.054": { message: "BkToCstmrDbtCdtNtfctn", section: "Ntfctn" }, "camt.053": { message: "BkToCstmrStmt", section: "Stmt" } };

interface Tally {
  count: number;
  sum: bigint;
}

export async function* parseCamt054(
  source: ByteSource,
  _firstPass?: Camt054Summary,
  options: Camt054Options = {},
): AsyncGenerator<BankFileEvent<Camt054Payment, Camt054Summary>, void, undefined> {
  const bytes = await readAll(source);
  const { message, version } = await validateCamt(bytes);
  yield* readCamt054(bytes, message, version, options.referenceKind ?? "kid");
}

async function* readCamt054(bytes: Buffer, message: CamtMessage, version: Camt054Version, referenceKind: StructuredReferenceKind): AsyncGenerator<BankFileEvent<Camt054Payment, Camt054Summary>, void, undefined> {
  const { message: messageElement, section } = ELEMENTS[message];
  const tally = new EventTally();
  const totals = new Map<Currency, { count: number; amount: number }>();
  const accounts = new Set<string>();
  let fileId = "";
  let n = { ntfctn: 0, ntry: 0, dtls: 0, tx: 0 };
  let account: string | undefined;
  let txsSummary: XmlNode | undefined;
  let perNotification = { all: zero(), credit: zero(), debit: zero() };
  let entry: { ref: string; header: XmlNode; context?: EntryContext; credit?: boolean; booked?: boolean; txCount: number; creditTxCount: number; txSum: bigint | null; held?: { tx: XmlNode; lineRef: string } } | null = null;
  let dtls: { ref: string; btch?: XmlNode; txCount: number; net: bigint | null; currency?: string } | null = null;

  const context = (e: NonNullable<typeof entry>): EntryContext => {
    if (e.context === undefined) {
      const h = e.header;
      const ref = textAt(h, "AcctSvcrRef");
      const code = bankTransactionCodeOf(h);
      e.context = { lineRef: e.ref, bookedOn: dateOf(first(h, "BookgDt")), valueOn: dateOf(first(h, "ValDt")), ...(ref !== undefined ? { accountServicerReference: ref } : {}), ...(account !== undefined ? { creditorAccount: account } : {}), ...(code !== undefined ? { bankTransactionCode: code } : {}) };
      e.credit = textAt(h, "CdtDbtInd") === "CRDT";
      e.booked = (textAt(h, "Sts") ?? textAt(h, "Sts/Cd")) === "BOOK";
    }
    return e.context;
  };
  const settle = (p: Camt054Payment | { lineRef: string; message: string }) => ("reference" in p ? tally.payment(p) : tally.error(p));

  for await (const event of streamXml(chunked(bytes), CONTAINERS)) {
    if (event.kind === "open") {
      const node = event.node;
      if (node.name === "Document" && node.namespace !== camtNamespace(message, version)) {
        throw new BankFileError("unrecognised_format", `root element is not in the ${message}.${version} namespace`, `line ${node.line}`);
      } else if (node.name === section) {
        n = { ntfctn: n.ntfctn + 1, ntry: 0, dtls: 0, tx: 0 };
        account = undefined;
        txsSummary = undefined;
        perNotification = { all: zero(), credit: zero(), debit: zero() };
      } else if (node.name === "Ntry") {
        n.ntry++;
        n.dtls = 0;
        entry = { ref: `${section}[${n.ntfctn}]/Ntry[${n.ntry}]`, header: node, txCount: 0, creditTxCount: 0, txSum: 0n };
      } else if (node.name === "NtryDtls" && entry !== null) {
        n.dtls++;
        n.tx = 0;
        dtls = { ref: `${entry.ref}/NtryDtls[${n.dtls}]`, txCount: 0, net: 0n };
      }
      continue;
    }

    if (event.kind === "child") {
      const node = event.node;
      if (event.parent === messageElement && node.name === "GrpHdr") fileId = textAt(node, "MsgId") ?? "";
      else if (event.parent === section && node.name === "Acct") {
        account = accountId(node);
        if (account !== undefined) accounts.add(account);
      } else if (event.parent === section && node.name === "TxsSummry") txsSummary = node;
      else if (event.parent === "Ntry" && entry !== null) entry.header.children.push(node);
      else if (event.parent === "NtryDtls" && dtls !== null && entry !== null && node.name === "Btch") dtls.btch = node;
      else if (event.parent === "NtryDtls" && dtls !== null && entry !== null && node.name === "TxDtls") {
        const e = entry;
        const ctx = context(e);
        n.tx++;
        dtls.txCount++;
        e.txCount++;
        const lineRef = `${dtls.ref}/TxDtls[${n.tx}]`;
        const amount = transactionAmount(node);
        const txCredit = (textAt(node, "CdtDbtInd") ?? textAt(e.header, "CdtDbtInd")) === "CRDT";
        const scaled = amount === undefined ? null : decimalToScaled(amount.text, CONTROL_SCALE);
        dtls.currency ??= amount?.attributes["Ccy"];
        dtls.net = dtls.net === null || scaled === null || amount?.attributes["Ccy"] !== dtls.currency ? null : dtls.net + (txCredit ? scaled : -scaled);
        e.txSum = e.txSum === null || scaled === null || amount?.attributes["Ccy"] !== first(e.header, "Amt")?.attributes["Ccy"] ? null : e.txSum + (txCredit === e.credit ? scaled : -scaled);
        if (!e.credit || !e.booked) continue; // reported once for the whole entry when it closes
        if (e.held !== undefined) {
          yield tally.error({ lineRef: e.held.lineRef, message: "the transaction has no amount of its own and the entry holds more than one transaction", raw: renderNode(e.held.tx) });
          e.held = undefined;
        }
        if (!txCredit) {
          yield tally.notice({ lineRef, message: `debit transaction inside a credit entry (line ${node.line}): not an incoming payment`, raw: renderNode(node) });
          continue;
        }
        e.creditTxCount++;
        if (amount === undefined) {
          if (e.txCount === 1) e.held = { tx: node, lineRef };
          else yield tally.error({ lineRef, message: "the transaction has no amount of its own and the entry holds more than one transaction", raw: renderNode(node) });
          continue;
        }
        yield settle(toCamtPayment(node, amount, ctx, lineRef, referenceKind, renderNode(node)));
      }
      continue;
    }

    // close
    if (event.name === "NtryDtls" && dtls !== null) {
      checkBatch(dtls);
      dtls = null;
    } else if (event.name === "Ntry" && entry !== null) {
      const e = entry;
      const ctx = context(e);
      const amt = first(e.header, "Amt");
      if (amt === undefined) throw new BankFileError("malformed_structure", "entry without Amt", e.ref);
      const scaled = decimalToScaled(amt.text, CONTROL_SCALE) ?? 0n;
      add(perNotification.all, scaled);
      add(e.credit ? perNotification.credit : perNotification.debit, scaled);
      const what = `${formatAmount(amt)} entry (line ${e.header.line})`;
      if (!e.credit || !e.booked) {
        const why = !e.credit ? `debit ${what}${textAt(e.header, "RvslInd") === "true" ? " reversing an earlier credit" : ""}: only credits are incoming payments` : `${what} has status ${textAt(e.header, "Sts") ?? textAt(e.header, "Sts/Cd")}, not BOOK: not booked, so not a payment yet`;
        yield tally.notice({ lineRef: e.ref, message: e.txCount === 0 ? why : `${why} (${e.txCount} transaction details ignored)` });
      } else {
        if (e.txCount === 0) {
          yield settle(toCamtPayment(e.header, amt, ctx, e.ref, referenceKind, renderNode(e.header)));
        } else if (e.held !== undefined) {
          yield settle(toCamtPayment(e.held.tx, amt, ctx, e.held.lineRef, referenceKind, renderNode(e.held.tx)));
        } else if (e.txSum !== null && e.txSum !== scaled) {
          yield tally.notice({ lineRef: e.ref, message: `the ${what} differs from the sum of its transactions (${formatScaled(e.txSum)}); charges may have been deducted` });
        }
        const value = moneyOf(amt);
        if (typeof value !== "string" && isCurrency(value.currency)) {
          const t = totals.get(value.currency) ?? { count: 0, amount: 0 };
          totals.set(value.currency, { count: t.count + Math.max(1, e.creditTxCount), amount: t.amount + value.amount });
        }
      }
      entry = null;
    } else if (event.name === section) {
      checkSummary(txsSummary, perNotification, `${section}[${n.ntfctn}]/TxsSummry`);
    } else if (event.name === "Document") {
      const summary: Camt054Summary = {
        format: message,
        version,
        fileId,
        ...(accounts.size === 1 ? { creditorAccount: [...accounts][0]! } : {}),
        totals: [...totals].map(([currency, t]) => ({ count: t.count, amount: money(t.amount, currency) })),
        paymentCount: tally.paymentCount,
        errorCount: tally.errorCount,
        noticeCount: tally.noticeCount,
      };
      yield { type: "end", summary };
    }
  }
}

/** NtryDtls/Btch: NbOfTxs must equal the TxDtls that follow; TtlAmt (signed by Btch/CdtDbtInd) their net amount. */
function checkBatch(dtls: { ref: string; btch?: XmlNode; txCount: number; net: bigint | null; currency?: string }): void {
  const btch = dtls.btch;
  if (btch === undefined) return;
  const where = `${dtls.ref}/Btch (line ${btch.line})`;
  const count = textAt(btch, "NbOfTxs");
  if (count !== undefined && BigInt(count) !== BigInt(dtls.txCount)) {
    throw new BankFileError("record_count_mismatch", `Btch/NbOfTxs says ${count} transactions, the entry details hold ${dtls.txCount}`, where);
  }
  const total = first(btch, "TtlAmt");
  if (total === undefined || dtls.net === null || total.attributes["Ccy"] !== dtls.currency) return;
  const stated = (decimalToScaled(total.text, CONTROL_SCALE) ?? 0n) * (textAt(btch, "CdtDbtInd") === "DBIT" ? -1n : 1n);
  const net = textAt(btch, "CdtDbtInd") === undefined && dtls.net < 0n ? -dtls.net : dtls.net;
  if (stated !== net) {
    throw new BankFileError("control_total_mismatch", `Btch/TtlAmt says ${total.text.trim()} ${total.attributes["Ccy"]}, the transactions add up to ${formatScaled(net)}`, where);
  }
}

/** Ntfctn/TxsSummry: number and sum of all, credit and debit entries, and the net (TtlNetNtry, or TtlNetNtryAmt in .02). */
function checkSummary(summary: XmlNode | undefined, read: { all: Tally; credit: Tally; debit: Tally }, where: string): void {
  if (summary === undefined) return;
  for (const [path, tallied] of [["TtlNtries", read.all], ["TtlCdtNtries", read.credit], ["TtlDbtNtries", read.debit]] as const) {
    const count = textAt(summary, `${path}/NbOfNtries`);
    if (count !== undefined && BigInt(count) !== BigInt(tallied.count)) {
      throw new BankFileError("record_count_mismatch", `${path}/NbOfNtries says ${count} entries, the notification has ${tallied.count}`, `${where}/${path} (line ${summary.line})`);
    }
    const sum = textAt(summary, `${path}/Sum`);
    if (sum !== undefined && decimalToScaled(sum, CONTROL_SCALE) !== tallied.sum) {
      throw new BankFileError("control_total_mismatch", `${path}/Sum says ${sum}, the entries add up to ${formatScaled(tallied.sum)}`, `${where}/${path} (line ${summary.line})`);
    }
  }
  const netAmount = textAt(summary, "TtlNtries/TtlNetNtry/Amt") ?? textAt(summary, "TtlNtries/TtlNetNtryAmt");
  if (netAmount === undefined) return;
  const sign = (textAt(summary, "TtlNtries/TtlNetNtry/CdtDbtInd") ?? textAt(summary, "TtlNtries/CdtDbtInd")) === "DBIT" ? -1n : 1n;
  const stated = (decimalToScaled(netAmount, CONTROL_SCALE) ?? 0n) * sign;
  if (stated !== read.credit.sum - read.debit.sum) {
    throw new BankFileError("control_total_mismatch", `TtlNtries net says ${sign < 0n ? "-" : ""}${netAmount}, credits less debits are ${formatScaled(read.credit.sum - read.debit.sum)}`, `${where}/TtlNtries (line ${summary.line})`);
  }
}

function zero(): Tally {
  return { count: 0, sum: 0n };
}
function add(t: Tally, scaled: bigint): void {
  t.count++;
  t.sum += scaled;
}

function formatScaled(value: bigint): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(CONTROL_SCALE + 1, "0");
  const fraction = digits.slice(-CONTROL_SCALE).replace(/0+$/, "").padEnd(2, "0");
  return `${negative ? "-" : ""}${digits.slice(0, -CONTROL_SCALE)}.${fraction}`;
}

function formatAmount(amt: XmlNode): string {
  const value = moneyOf(amt);
  return typeof value === "string" ? `${amt.text.trim()} ${amt.attributes["Ccy"] ?? ""}` : `${formatDecimal(value)} ${value.currency}`;
}

async function readAll(source: ByteSource): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of source) parts.push(typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  return Buffer.concat(parts);
}

function* chunked(bytes: Buffer, size = 65_536): Generator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

export function parseCamt054String(text: string, options: Camt054Options = {}): Promise<ParsedBankFile<Camt054Payment, Camt054Summary>> {
  return collectBankFile(parseCamt054([text], undefined, options));
}

export async function parseCamt054File(path: string, options: Camt054Options = {}): Promise<ParsedBankFile<Camt054Payment, Camt054Summary>> {
  return collectBankFile(parseCamt054([await readFile(path)], undefined, options));
}

import { LocalDate } from "../../domain/calendar/local-date.js";
import { type Money, CURRENCIES, isCurrency, money } from "../../domain/money.js";
import type { LineIssue } from "./bank-file.js";
import {
  type IncomingPayment,
  type PaymentReference,
  type StructuredReferenceKind,
  NO_REFERENCE,
  freeTextReference,
  structuredReference,
} from "./incoming-payment.js";
import { type XmlNode, all, first, textAt } from "./xml-stream.js";

/**
 * Reading the pieces of a camt.054 entry (ReportEntry) and its transaction details (EntryTransaction)
 * into payments. Element names are those of the ISO 20022 schemas camt.054.001.02/.04/.08; where
 * the versions differ both forms are read (TxDtls/Amt from .04, AmtDtls/TxAmt/Amt in .02;
 * RltdPties/Dbtr/Nm in .02/.04, RltdPties/Dbtr/Pty/Nm in .08).
 */
export interface Camt054Payment extends IncomingPayment {
  /** Refs/EndToEndId, unless the bank wrote NOTPROVIDED. */
  readonly endToEndId?: string;
  /** BkTxCd/Domn as `Domain/Family/SubFamily`, e.g. `PMNT/RCDT/DMCT`. */
  readonly bankTransactionCode?: string;
}

/** Scale used to compare decimal control sums exactly (camt DecimalNumber has up to 17 decimals). */
export const CONTROL_SCALE = 17;

/** An XML decimal as an integer at `scale` decimals; null if it is not a decimal or has more non-zero decimals. */
export function decimalToScaled(text: string, scale: number): bigint | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (m === null || (m[2] === "" && (m[3] ?? "") === "")) return null;
  const fraction = (m[3] ?? "").replace(/0+$/, "");
  if (fraction.length > scale) return null;
  const value = BigInt((m[2] || "0") + fraction.padEnd(scale, "0"));
  return m[1] === "-" ? -value : value;
}

/** `<Amt Ccy="NOK">1500.00</Amt>` as Money, or the reason it is not (unsupported currency, sub-cent amount). */
export function moneyOf(amount: XmlNode): Money | string {
  const currency = amount.attributes["Ccy"] ?? "";
  if (!isCurrency(currency)) return `currency ${currency || "(none)"} is not supported (NOK, SEK, EUR)`;
  const minor = decimalToScaled(amount.text, CURRENCIES[currency]);
  if (minor === null || minor > BigInt(Number.MAX_SAFE_INTEGER)) return `amount "${amount.text.trim()}" ${currency} is not a whole number of minor units`;
  return money(Number(minor), currency);
}

/** The transaction's own amount: TxDtls/Amt (.04, .08) or TxDtls/AmtDtls/TxAmt/Amt (.02). */
export function transactionAmount(tx: XmlNode): XmlNode | undefined {
  return first(tx, "Amt") ?? first(tx, "AmtDtls/TxAmt/Amt");
}

/** BookgDt and ValDt are a choice of Dt or DtTm; a DtTm gives its calendar date as written. */
export function dateOf(choice: XmlNode | undefined): LocalDate | null {
  const text = textAt(choice, "Dt") ?? textAt(choice, "DtTm")?.slice(0, 10);
  if (text === undefined) return null;
  try {
    return LocalDate.parse(text);
  } catch {
    return null;
  }
}

/** Acct/Id or DbtrAcct/Id: the IBAN, else the other identification. */
export function accountId(account: XmlNode | undefined): string | undefined {
  return textAt(account, "Id/IBAN") ?? textAt(account, "Id/Othr/Id");
}

/**
 * The payment reference: the first creditor reference typed SCOR (RmtInf/Strd/CdtrRefInf with
 * Tp/CdOrPrtry/Cd = SCOR), read as `referenceKind` (a KID in Norway) and checked; further SCOR
 * references become extra references. Without one, the unstructured text (RmtInf/Ustrd): taken as
 * a structured reference when it is only digits (2–25; a KID may end in "-"), else as free text. Failing that, a
 * creditor reference of another type, as free text.
 */
export function remittanceOf(tx: XmlNode, referenceKind: StructuredReferenceKind): { reference: PaymentReference; extra: PaymentReference[]; message?: string } {
  const refs = all(tx, "RmtInf/Strd/CdtrRefInf");
  const scor = refs.filter((r) => textAt(r, "Tp/CdOrPrtry/Cd") === "SCOR").flatMap((r) => textAt(r, "Ref") ?? []);
  const others = refs.filter((r) => textAt(r, "Tp/CdOrPrtry/Cd") !== "SCOR").flatMap((r) => textAt(r, "Ref") ?? []);
  const ustrd = all(tx, "RmtInf/Ustrd").map((u) => u.text.trim()).filter((t) => t !== "").join(" ");
  const message = ustrd !== "" ? { message: ustrd } : {};
  if (scor.length > 0) {
    return { reference: structuredReference(referenceKind, scor[0]!), extra: scor.slice(1).map((r) => structuredReference(referenceKind, r)), ...message };
  }
  if (ustrd !== "") {
    const structured = referenceKind === "kid" ? /^\d{1,24}[\d-]$/ : /^\d{2,25}$/; // a MOD11 KID may end in "-"
    return { reference: structured.test(ustrd) ? structuredReference(referenceKind, ustrd) : freeTextReference(ustrd), extra: [] };
  }
  return { reference: others.length > 0 ? freeTextReference(others[0]!) : NO_REFERENCE, extra: [] };
}

/** What a transaction inherits from its entry. */
export interface EntryContext {
  readonly lineRef: string;
  readonly bookedOn: LocalDate | null;
  readonly valueOn: LocalDate | null;
  readonly accountServicerReference?: string;
  readonly creditorAccount?: string;
  readonly bankTransactionCode?: string;
}

/** Builds the payment for one credit transaction; `amount` is its own or, for a lone transaction, the entry's. */
export function toCamtPayment(tx: XmlNode, amount: XmlNode, entry: EntryContext, lineRef: string, referenceKind: StructuredReferenceKind, raw: string): Camt054Payment | LineIssue {
  const value = moneyOf(amount);
  if (typeof value === "string") return { lineRef, message: `${value} (line ${amount.line})`, raw };
  if (entry.bookedOn === null) return { lineRef, message: `the entry has no booking date (BookgDt) (line ${tx.line})`, amount: value, raw };
  const { reference, extra, message } = remittanceOf(tx, referenceKind);
  const name = textAt(tx, "RltdPties/Dbtr/Nm") ?? textAt(tx, "RltdPties/Dbtr/Pty/Nm");
  const account = accountId(first(tx, "RltdPties/DbtrAcct"));
  const bankReference = textAt(tx, "Refs/AcctSvcrRef") ?? entry.accountServicerReference;
  const endToEndId = textAt(tx, "Refs/EndToEndId");
  const code = bankTransactionCodeOf(tx) ?? entry.bankTransactionCode;
  return {
    lineRef,
    reference,
    amount: value,
    bookedOn: entry.bookedOn,
    ...(entry.valueOn !== null ? { valueOn: entry.valueOn } : {}),
    ...(name !== undefined || account !== undefined ? { payer: { ...(name !== undefined ? { name } : {}), ...(account !== undefined ? { account } : {}) } } : {}),
    ...(bankReference !== undefined ? { bankReference } : {}),
    ...(entry.creditorAccount !== undefined ? { creditorAccount: entry.creditorAccount } : {}),
    ...(extra.length > 0 ? { extraReferences: extra } : {}),
    ...(message !== undefined ? { message } : {}),
    raw,
    ...(endToEndId !== undefined && endToEndId !== "NOTPROVIDED" ? { endToEndId } : {}),
    ...(code !== undefined ? { bankTransactionCode: code } : {}),
  };
}

export function bankTransactionCodeOf(node: XmlNode): string | undefined {
  const domain = textAt(node, "BkTxCd/Domn/Cd");
  if (domain === undefined) return undefined;
  return [domain, textAt(node, "BkTxCd/Domn/Fmly/Cd"), textAt(node, "BkTxCd/Domn/Fmly/SubFmlyCd")].filter((s) => s !== undefined).join("/");
}

/** A compact, re-readable rendering of a built element for `raw`. */
export function renderNode(node: XmlNode): string {
  const attrs = Object.entries(node.attributes).map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join("");
  const inner = node.children.length > 0 ? node.children.map(renderNode).join("") : escapeXml(node.text.trim());
  return `<${node.name}${attrs}>${inner}</${node.name}>`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

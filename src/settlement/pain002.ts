import { XMLParser } from "fast-xml-parser";
import { assertSafeXmlProlog } from "../collection/bank-files/xml-safety.js";
import { DomainError } from "../domain/errors.js";

/**
 * pain.002 CustomerPaymentStatusReport: the bank's answer to a pain.001 payout file. It reports a
 * status for the whole file (`OrgnlGrpInfAndSts/GrpSts`), for each payment batch
 * (`OrgnlPmtInfAndSts/PmtInfSts`) and for single payments (`TxInfAndSts/TxSts`, matched by the
 * end-to-end id), each with optional reasons (`StsRsnInf`: an ISO external code in `Rsn/Cd` or a
 * bank's own in `Rsn/Prtry`, and free text in `AddtlInf`, which banks split over several elements).
 *
 * Versions 001.001.03 to 001.001.10 share these elements. The reader is lenient about what it
 * does not use (real banks' files do not always validate; see test/fixtures/pain002) but strict
 * about what it does: the root, the original message id and a known status code.
 */
export type PayoutStatus = "received" | "pending" | "accepted" | "partially_accepted" | "rejected";

/** ISO 20022 status codes (ExternalPaymentGroupStatus1Code / ExternalPaymentTransactionStatus1Code) → ours. */
const STATUS: Readonly<Record<string, PayoutStatus>> = {
  RCVD: "received",
  ACTC: "received",
  PDNG: "pending",
  ACCP: "accepted",
  ACSP: "accepted",
  ACSC: "accepted",
  ACWC: "accepted",
  ACWP: "accepted",
  ACCC: "accepted",
  ACFC: "accepted",
  ACCR: "accepted",
  PART: "partially_accepted",
  RJCT: "rejected",
  CANC: "rejected",
};

/** What common reason codes (ISO ExternalStatusReason1Code) mean, for the operator. */
export const REASON_TEXT: Readonly<Record<string, string>> = {
  AC01: "incorrect account number",
  AC03: "invalid creditor account number",
  AC04: "closed account number",
  AC06: "blocked account",
  AG01: "transaction forbidden on this account",
  AM01: "zero amount",
  AM02: "amount not allowed",
  AM04: "insufficient funds",
  AM05: "duplication",
  BE04: "creditor address missing or incorrect",
  DT01: "invalid date",
  DUPL: "duplicate payment",
  FF01: "invalid file format",
  MS03: "reason not specified",
  NARR: "see the bank's text",
  RC01: "bank identifier (BIC) incorrect",
  RR04: "regulatory reason",
};

export interface StatusReason {
  /** `Rsn/Cd` (ISO) or `Rsn/Prtry` (the bank's own); null when the bank gave none. */
  readonly code: string | null;
  /** The `AddtlInf` parts joined; null when there is none. */
  readonly text: string | null;
}

export interface ReportedStatus {
  /** The bank's code (RJCT, ACCP …). */
  readonly code: string;
  readonly status: PayoutStatus;
  readonly reasons: readonly StatusReason[];
}

export interface Pain002Report {
  readonly version: string;
  readonly messageId: string;
  readonly createdAt: string;
  readonly originalMessageId: string;
  readonly originalMessageName: string | null;
  /** The whole file's status; absent when the bank reports batches or payments only. */
  readonly group: ReportedStatus | null;
  readonly batches: readonly {
    readonly paymentInformationId: string;
    readonly status: ReportedStatus | null;
    readonly transactions: readonly {
      /** Null when the bank names the payment by its amount only (batch-level reports). */
      readonly endToEndId: string | null;
      readonly status: ReportedStatus | null;
      /** `OrgnlTxRef/Amt/InstdAmt`: the amount as written ("22.11") and its currency. */
      readonly amount: { readonly value: string; readonly currency: string } | null;
    }[];
  }[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  removeNSPrefix: true,
  processEntities: true,
  isArray: (name) => ["OrgnlPmtInfAndSts", "TxInfAndSts", "StsRsnInf", "AddtlInf", "NbOfTxsPerSts"].includes(name),
});

type Node = Record<string, unknown>;

/** Reads a pain.002 file; a file that is not one, or lacks what matching needs, is a DomainError naming the element. */
export function readPain002(xml: string): Pain002Report {
  if (typeof xml !== "string" || xml.trim() === "") throw new DomainError("invalid_input", "the file is empty", "body");
  // eslint-disable-next-line no-control-regex -- XML 1.0 forbids these characters outright
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(xml)) throw new DomainError("invalid_input", "the file holds control characters: not an XML status report", "body");
  try {
    assertSafeXmlProlog(xml.slice(0, 4096));
  } catch (e) {
    throw new DomainError("invalid_input", (e as Error).message, "body");
  }
  let doc: Node;
  try {
    doc = parser.parse(xml, true) as Node;
  } catch (e) {
    throw new DomainError("invalid_input", `not well-formed XML: ${(e as Error).message}`, "body");
  }
  const document = doc["Document"] as Node | undefined;
  // The parser drops namespace declarations: read the root's own from its start tag.
  const rootTag = /<(?:\w+:)?Document\b[^>]*>/.exec(xml)?.[0] ?? "";
  const ns = /xmlns(?::\w+)?\s*=\s*["']([^"']*)["']/.exec(rootTag)?.[1] ?? "";
  const version = /^urn:iso:std:iso:20022:tech:xsd:(pain\.002\.001\.\d{2})$/.exec(ns)?.[1];
  const report = document?.["CstmrPmtStsRpt"] as Node | undefined;
  if (!document || !report || !version) throw new DomainError("invalid_input", `not a pain.002 status report (the root must be Document in a pain.002.001.xx namespace with CstmrPmtStsRpt; found ${ns || "no namespace"})`, "Document");
  const header = node(report["GrpHdr"]);
  const group = node(report["OrgnlGrpInfAndSts"]);
  const originalMessageId = text(group?.["OrgnlMsgId"]);
  if (!originalMessageId) throw new DomainError("invalid_input", "the report names no original message (OrgnlGrpInfAndSts/OrgnlMsgId)", "CstmrPmtStsRpt/OrgnlGrpInfAndSts/OrgnlMsgId");
  const messageId = text(header?.["MsgId"]);
  if (!messageId) throw new DomainError("invalid_input", "the report has no message id (GrpHdr/MsgId)", "CstmrPmtStsRpt/GrpHdr/MsgId");
  const batches = ((report["OrgnlPmtInfAndSts"] as unknown[] | undefined) ?? []).map((b, i) => {
    const batch = node(b) ?? {};
    const where = `CstmrPmtStsRpt/OrgnlPmtInfAndSts[${i + 1}]`;
    return {
      paymentInformationId: text(batch["OrgnlPmtInfId"]) ?? "",
      status: status(batch["PmtInfSts"], batch["StsRsnInf"], `${where}/PmtInfSts`),
      transactions: ((batch["TxInfAndSts"] as unknown[] | undefined) ?? []).map((t, j) => {
        const tx = node(t) ?? {};
        const instd = node(node(tx["OrgnlTxRef"])?.["Amt"])?.["InstdAmt"];
        const value = text(instd);
        const currency = text(node(instd)?.["@Ccy"]);
        return {
          endToEndId: text(tx["OrgnlEndToEndId"]),
          status: status(tx["TxSts"], tx["StsRsnInf"], `${where}/TxInfAndSts[${j + 1}]/TxSts`),
          amount: value && currency ? { value, currency } : null,
        };
      }),
    };
  });
  return {
    version,
    messageId,
    createdAt: text(header?.["CreDtTm"]) ?? "",
    originalMessageId,
    originalMessageName: text(group?.["OrgnlMsgNmId"]),
    group: status(group?.["GrpSts"], group?.["StsRsnInf"], "CstmrPmtStsRpt/OrgnlGrpInfAndSts/GrpSts"),
    batches,
  };
}

function status(code: unknown, reasons: unknown, where: string): ReportedStatus | null {
  const c = text(code);
  if (c === null) return null;
  const s = STATUS[c];
  if (!s) throw new DomainError("invalid_input", `"${c}" is not a payment status code (${Object.keys(STATUS).join(", ")})`, where);
  const rs = ((reasons as unknown[] | undefined) ?? [])
    .map((r) => {
      const n = node(r) ?? {};
      const rsn = node(n["Rsn"]);
      const info = ((n["AddtlInf"] as unknown[] | undefined) ?? []).map((a) => text(a) ?? "").join("");
      return { code: text(rsn?.["Cd"]) ?? text(rsn?.["Prtry"]), text: info.trim() === "" ? null : info.trim() };
    })
    .filter((r) => r.code !== null || r.text !== null);
  return { code: c, status: s, reasons: rs };
}

function node(v: unknown): Node | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Node) : undefined;
}

function text(v: unknown): string | null {
  if (typeof v === "string") return v.trim() === "" ? null : v.trim();
  const n = node(v);
  if (n && typeof n["#text"] === "string") return text(n["#text"]);
  return null;
}

/** "AM01 zero amount: Nolla-summa tilisiirrossa." — a status's reasons in one line for people. */
export function describeReasons(reasons: readonly StatusReason[]): string | null {
  if (reasons.length === 0) return null;
  return reasons
    .map((r) => [r.code ? `${r.code}${REASON_TEXT[r.code] ? ` ${REASON_TEXT[r.code]}` : ""}` : null, r.text].filter((x) => x !== null).join(": "))
    .join("; ");
}

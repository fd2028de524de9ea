import { readFile } from "node:fs/promises";
import { validateXML } from "xmllint-wasm";
import { LocalDate } from "../domain/calendar/local-date.js";
import { DomainError } from "../domain/errors.js";
import { checkNoAccountNumber } from "../domain/identifiers/index.js";
import { type Currency, type Money, formatDecimal, isCurrency } from "../domain/money.js";

/**
 * Payout files: an ISO 20022 pain.001 CustomerCreditTransferInitiation that pays each creditor its
 * settlement from the agency's client-funds account (docs/SETTLEMENT.md: the creditor is paid).
 * Versions 001.001.03 (the one most Nordic banks still take) and 001.001.09. Every file is
 * validated against the official XSD (./xsd, see xsd/README.md) before it is returned.
 *
 * Text is UTF-8 and XML-escaped; Nordic banks accept æøå in pain.001 (a bank that restricts to
 * the SEPA Latin subset would need transliteration, not done here).
 */
export const PAIN001_VERSIONS = ["pain.001.001.03", "pain.001.001.09"] as const;
export type Pain001Version = (typeof PAIN001_VERSIONS)[number];

export interface Pain001Payout {
  readonly settlementId: string;
  /** Max 35 characters; the settlement id when left out. */
  readonly endToEndId?: string;
  readonly amount: Money;
  readonly creditor: {
    readonly name: string;
    /** An IBAN (`NO93 8601 1117 947`) or a Norwegian account number (`8601.11.17947`, BBAN). */
    readonly account: string;
    /** The creditor's bank; optional for domestic transfers. */
    readonly bic?: string;
  };
  /** Unstructured remittance text (max 140); `Oppgjør <settlement id>` when left out. */
  readonly remittanceText?: string;
}

export interface Pain001Input {
  readonly version: Pain001Version;
  /** Unique per file (max 35): the bank refuses a message id it has seen. */
  readonly messageId: string;
  /** The instant the file is made, from the Clock (never read here). */
  readonly createdAt: Date;
  readonly requestedExecutionDate: LocalDate;
  readonly debtor: { readonly name: string; readonly iban: string; readonly bic: string };
  readonly payouts: readonly Pain001Payout[];
}

export interface Pain001File {
  readonly xml: string;
  readonly numberOfTransactions: number;
  readonly controlSum: Money;
}

/** Builds and validates the file; throws `DomainError` naming the field (input) or `schema_invalid`. */
export async function writePain001(input: Pain001Input): Promise<Pain001File> {
  const file = buildPain001(input);
  await validatePain001(file.xml, input.version);
  return file;
}

export function buildPain001(input: Pain001Input): Pain001File {
  if (!(PAIN001_VERSIONS as readonly string[]).includes(input.version)) {
    throw new DomainError("invalid_input", `"${String(input.version)}" is not one of ${PAIN001_VERSIONS.join(", ")}`, "version");
  }
  const v09 = input.version === "pain.001.001.09";
  const messageId = text(input.messageId, "messageId", 35);
  if (!(input.createdAt instanceof Date) || Number.isNaN(input.createdAt.getTime())) throw new DomainError("invalid_input", "must be an instant", "createdAt");
  if (!(input.requestedExecutionDate instanceof LocalDate)) throw new DomainError("invalid_input", "must be a date", "requestedExecutionDate");
  const debtorName = text(input.debtor.name, "debtor.name", 140);
  const debtorIban = iban(input.debtor.iban, "debtor.iban");
  const debtorBic = bic(input.debtor.bic, "debtor.bic");
  if (input.payouts.length === 0) throw new DomainError("invalid_input", "there is nothing to pay", "payouts");

  const first = input.payouts[0]!;
  const currency: Currency = first.amount.currency;
  let controlSum = 0;
  const seen = new Set<string>();
  const transactions = input.payouts.map((p, i) => {
    const f = `payouts[${i}]`;
    if (!isCurrency(p.amount.currency) || p.amount.currency !== currency) {
      throw new DomainError("currency_mismatch", `${p.amount.currency} in a file of ${currency} payments (one currency per file)`, `${f}.amount`);
    }
    if (!Number.isSafeInteger(p.amount.amount) || p.amount.amount <= 0) {
      throw new DomainError("invalid_amount", `${p.amount.amount} is not a positive whole number of minor units; only a positive payout is paid`, `${f}.amount`);
    }
    controlSum += p.amount.amount;
    const settlementId = text(p.settlementId, `${f}.settlementId`, 140);
    const e2e = text(p.endToEndId ?? settlementId, `${f}.endToEndId`, 35);
    if (seen.has(e2e)) throw new DomainError("invalid_input", `end-to-end id "${e2e}" is used twice`, `${f}.endToEndId`);
    seen.add(e2e);
    const name = text(p.creditor.name, `${f}.creditor.name`, 140);
    const account = creditorAccount(p.creditor.account, `${f}.creditor.account`);
    const agent = p.creditor.bic === undefined ? "" : `<CdtrAgt><FinInstnId>${bicElement(bic(p.creditor.bic, `${f}.creditor.bic`), v09)}</FinInstnId></CdtrAgt>`;
    const remittance = text(p.remittanceText ?? `Oppgjør ${settlementId}`, `${f}.remittanceText`, 140);
    return (
      `<CdtTrfTxInf><PmtId><EndToEndId>${esc(e2e)}</EndToEndId></PmtId>` +
      `<Amt><InstdAmt Ccy="${currency}">${formatDecimal(p.amount)}</InstdAmt></Amt>` +
      agent +
      `<Cdtr><Nm>${esc(name)}</Nm></Cdtr>` +
      `<CdtrAcct><Id>${account}</Id></CdtrAcct>` +
      `<RmtInf><Ustrd>${esc(remittance)}</Ustrd></RmtInf></CdtTrfTxInf>`
    );
  });
  const sum: Money = { amount: controlSum, currency };
  if (!Number.isSafeInteger(controlSum)) throw new DomainError("invalid_amount", "the control sum is too large", "payouts");
  const n = String(transactions.length);
  const created = input.createdAt.toISOString().replace(/\.\d{3}Z$/, "Z");
  const date = input.requestedExecutionDate.toString();
  const ns = `urn:iso:std:iso:20022:tech:xsd:${input.version}`;
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<Document xmlns="${ns}"><CstmrCdtTrfInitn>` +
    `<GrpHdr><MsgId>${esc(messageId)}</MsgId><CreDtTm>${created}</CreDtTm><NbOfTxs>${n}</NbOfTxs>` +
    `<CtrlSum>${formatDecimal(sum)}</CtrlSum><InitgPty><Nm>${esc(debtorName)}</Nm></InitgPty></GrpHdr>` +
    `<PmtInf><PmtInfId>${esc(messageId)}</PmtInfId><PmtMtd>TRF</PmtMtd><NbOfTxs>${n}</NbOfTxs>` +
    `<CtrlSum>${formatDecimal(sum)}</CtrlSum>` +
    (v09 ? `<ReqdExctnDt><Dt>${date}</Dt></ReqdExctnDt>` : `<ReqdExctnDt>${date}</ReqdExctnDt>`) +
    `<Dbtr><Nm>${esc(debtorName)}</Nm></Dbtr>` +
    `<DbtrAcct><Id><IBAN>${debtorIban}</IBAN></Id></DbtrAcct>` +
    `<DbtrAgt><FinInstnId>${bicElement(debtorBic, v09)}</FinInstnId></DbtrAgt>` +
    transactions.join("") +
    `</PmtInf></CstmrCdtTrfInitn></Document>\n`;
  return { xml, numberOfTransactions: transactions.length, controlSum: sum };
}

const schemaCache = new Map<Pain001Version, Promise<string>>();

function schema(version: Pain001Version): Promise<string> {
  let t = schemaCache.get(version);
  if (t === undefined) {
    t = readFile(new URL(`./xsd/${version}.xsd`, import.meta.url), "utf8");
    schemaCache.set(version, t);
  }
  return t;
}

/** Validates against the version's XSD; throws `DomainError("schema_invalid")` with xmllint's first message. */
export async function validatePain001(xml: string, version: Pain001Version): Promise<void> {
  const result = await validateXML({
    xml: { fileName: "pain001.xml", contents: xml },
    schema: { fileName: `${version}.xsd`, contents: await schema(version) },
  });
  if (!result.valid) {
    const first = result.errors.find((e) => e.loc !== null) ?? result.errors[0];
    const where = first?.loc ? `line ${first.loc.lineNumber}` : "document";
    throw new DomainError("schema_invalid", `not valid against ${version}.xsd: ${first?.message ?? result.rawOutput.trim()}`, where);
  }
}

/** XML 1.0 text: escapes the five markup characters; control characters are refused earlier. */
function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

function text(value: string, field: string, max: number): string {
  if (typeof value !== "string") throw new DomainError("invalid_input", "must be text", field);
  const t = value.trim().replace(/\s+/g, " ");
  // eslint-disable-next-line no-control-regex -- XML 1.0 forbids these characters outright
  if (/[\u0000-\u001f\u007f\ufffe\uffff]/.test(t)) throw new DomainError("invalid_input", "contains control characters", field);
  const length = [...t].length;
  if (length === 0) throw new DomainError("invalid_input", "must not be empty", field);
  if (length > max) throw new DomainError("invalid_input", `is ${length} characters; at most ${max}`, field);
  return t;
}

/** A BIC (ISO 9362) in its canonical form; throws `DomainError("invalid_bic")` naming the field. */
export function parseBic(value: string, field: string): string {
  return bic(value, field);
}

/** An IBAN (ISO 13616, MOD 97; a Norwegian one also by its account number) without spaces; throws `DomainError("invalid_iban")`. */
export function parseIban(value: string, field: string): string {
  return iban(value, field);
}

function bic(value: string, field: string): string {
  const b = typeof value === "string" ? value.replace(/\s/g, "").toUpperCase() : "";
  // ISO 9362: 4 bank, 2 country, 2 location, optional 3 branch (the XSD's pattern).
  if (!/^[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?$/.test(b)) throw new DomainError("invalid_bic", `"${String(value)}" is not a BIC such as DNBANOKK`, field);
  return b;
}

function bicElement(b: string, v09: boolean): string {
  return v09 ? `<BICFI>${b}</BICFI>` : `<BIC>${b}</BIC>`;
}

/** IBAN lengths for the countries we pay to (ISO 13616 registry); others need only the MOD 97 check. */
const IBAN_LENGTH: Readonly<Record<string, number>> = { NO: 15, SE: 24, DK: 18, FI: 18, DE: 22, GB: 22, NL: 18 };

function iban(value: string, field: string): string {
  const s = typeof value === "string" ? value.replace(/[\s.-]/g, "").toUpperCase() : "";
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$/.test(s)) throw new DomainError("invalid_iban", `"${String(value)}" is not an IBAN`, field);
  const expected = IBAN_LENGTH[s.slice(0, 2)];
  if (expected !== undefined && s.length !== expected) {
    throw new DomainError("invalid_iban", `"${value}" has ${s.length} characters; a ${s.slice(0, 2)} IBAN has ${expected}`, field);
  }
  // ISO 13616 / ISO 7064 MOD 97-10: move the first four to the end, letters → 10..35, remainder 1.
  const moved = s.slice(4) + s.slice(0, 4);
  let rest = 0;
  for (const ch of moved) {
    const d = ch >= "A" ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of d) rest = (rest * 10 + Number(digit)) % 97;
  }
  if (rest !== 1) throw new DomainError("invalid_iban", `"${value}" fails the IBAN check digits (MOD 97)`, field);
  if (s.startsWith("NO") && !checkNoAccountNumber(s.slice(4)).valid) {
    throw new DomainError("invalid_iban", `"${value}" holds an invalid Norwegian account number`, field);
  }
  return s;
}

/** `<IBAN>` for an IBAN; a Norwegian account number as `<Othr><Id>…</Id><SchmeNm><Cd>BBAN</Cd>`. */
function creditorAccount(value: string, field: string): string {
  const s = typeof value === "string" ? value.replace(/[\s.]/g, "") : "";
  if (/^[A-Za-z]{2}/.test(s)) return `<IBAN>${iban(value, field)}</IBAN>`;
  const check = checkNoAccountNumber(s);
  if (!check.valid || check.normalized === undefined) {
    throw new DomainError("invalid_account", `"${String(value)}" is neither an IBAN nor a valid Norwegian account number: ${check.reason}`, field);
  }
  return `<Othr><Id>${check.normalized}</Id><SchmeNm><Cd>BBAN</Cd></SchmeNm></Othr>`;
}

import { XMLParser } from "fast-xml-parser";
import { DIGIPOST_NS } from "./signature.js";

/**
 * The Digipost v8 XML the connector writes and the sandbox reads (and back): the message with its
 * recipient (fødselsnummer, or name and address), print details for the print fallback, the
 * primary document (an invoice: kid, amount, account, due-date; a debt collection document has a
 * subject starting "[INKASSO] "), the identification request, and the answers.
 */

export interface NorwegianAddress {
  readonly addressline1: string;
  readonly addressline2?: string;
  readonly zipCode: string;
  readonly city: string;
}

export interface PostalRecipient {
  readonly name: string;
  /** Norwegian address, or a foreign one (lines + country code). */
  readonly norwegian?: NorwegianAddress;
  readonly foreign?: { readonly lines: readonly string[]; readonly countryCode: string };
}

export type RecipientId =
  | { readonly kind: "personal-identification-number"; readonly value: string }
  | { readonly kind: "organisation-number"; readonly value: string }
  | { readonly kind: "name-and-address"; readonly fullname: string; readonly addressline1: string; readonly addressline2?: string; readonly postalcode: string; readonly city: string };

export interface InvoiceFields {
  readonly kid: string;
  /** Decimal string, e.g. "1834.50". */
  readonly amount: string;
  /** 11 digits. */
  readonly account: string;
  /** YYYY-MM-DD */
  readonly dueDate: string;
}

export interface MessageXml {
  readonly messageId: string;
  readonly recipient: RecipientId;
  readonly printDetails?: { readonly recipient: PostalRecipient; readonly returnAddress: PostalRecipient; readonly postType: "A" | "B" };
  readonly document: { readonly uuid: string; readonly subject: string; readonly fileType: "pdf"; readonly invoice?: InvoiceFields };
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const el = (name: string, value: string | undefined) => (value === undefined ? "" : `<${name}>${esc(value)}</${name}>`);

function recipientIdXml(r: RecipientId): string {
  switch (r.kind) {
    case "personal-identification-number":
      return el("personal-identification-number", r.value);
    case "organisation-number":
      return el("organisation-number", r.value);
    case "name-and-address":
      return `<name-and-address>${el("fullname", r.fullname)}${el("addressline1", r.addressline1)}${el("addressline2", r.addressline2)}${el("postalcode", r.postalcode)}${el("city", r.city)}</name-and-address>`;
  }
}

function postalXml(tag: string, p: PostalRecipient): string {
  const address = p.norwegian
    ? `<norwegian-address>${el("addressline1", p.norwegian.addressline1)}${el("addressline2", p.norwegian.addressline2)}${el("zip-code", p.norwegian.zipCode)}${el("city", p.norwegian.city)}</norwegian-address>`
    : `<foreign-address>${(p.foreign?.lines ?? []).slice(0, 4).map((l, i) => el(`addressline${i + 1}`, l)).join("")}${el("country-code", p.foreign?.countryCode ?? "")}</foreign-address>`;
  return `<${tag}>${el("name", p.name)}${address}</${tag}>`;
}

export function messageXml(m: MessageXml): string {
  const print = m.printDetails
    ? `<print-details>${postalXml("recipient", m.printDetails.recipient)}${postalXml("return-address", m.printDetails.returnAddress)}${el("post-type", m.printDetails.postType)}<color>MONOCHROME</color><nondeliverable-handling>RETURN_TO_SENDER</nondeliverable-handling></print-details>`
    : "";
  const d = m.document;
  const invoice = d.invoice ? `${el("kid", d.invoice.kid)}${el("amount", d.invoice.amount)}${el("account", d.invoice.account)}${el("due-date", d.invoice.dueDate)}` : "";
  const type = d.invoice ? ` xsi:type="invoice"` : "";
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
    `<message xmlns="${DIGIPOST_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    el("message-id", m.messageId) +
    `<recipient>${recipientIdXml(m.recipient)}${print}</recipient>` +
    `<primary-document${type}>${el("uuid", d.uuid)}${el("subject", d.subject)}${el("file-type", d.fileType)}<authentication-level>PASSWORD</authentication-level><sensitivity-level>NORMAL</sensitivity-level>${invoice}</primary-document>` +
    `</message>`
  );
}

export function identificationXml(r: RecipientId): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><identification xmlns="${DIGIPOST_NS}">${recipientIdXml(r)}</identification>`;
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", parseTagValue: false, removeNSPrefix: true, processEntities: true });

/** Parses a Digipost XML document to a plain object (root element by name); throws on malformed XML. */
export function parseXml(text: string): Record<string, unknown> {
  const parsed = parser.parse(text, true) as Record<string, unknown>;
  delete parsed["?xml"];
  return parsed;
}

/** Reads `<error><error-code/><error-message/></error>`; undefined when the body is not one. */
export function parseError(text: string): { code: string; message: string } | undefined {
  try {
    const e = parseXml(text)["error"] as Record<string, unknown> | undefined;
    if (!e) return undefined;
    return { code: String(e["error-code"] ?? ""), message: String(e["error-message"] ?? "") };
  } catch {
    return undefined;
  }
}

export function errorXml(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><error xmlns="${DIGIPOST_NS}">${el("error-code", code)}${el("error-message", message)}</error>`;
}

export { el as xmlElement, esc as xmlEscape };

import { readFile } from "node:fs/promises";
import { validateXML } from "xmllint-wasm";
import { BankFileError } from "./bank-file-error.js";
import { assertSafeXmlProlog, assertUtf8Bytes } from "./xml-safety.js";

/**
 * camt.054 (BankToCustomerDebitCreditNotification) versions we read, each validated against the
 * ISO 20022 schema shipped in ./xsd (see xsd/README.md) before a single value is used.
 */
export const CAMT054_VERSIONS = ["001.02", "001.04", "001.08"] as const;
export type Camt054Version = (typeof CAMT054_VERSIONS)[number];

/**
 * The two camt messages that carry booked entries: camt.054 (BankToCustomerDebitCreditNotification)
 * and camt.053 (BankToCustomerStatement, which many banks deliver instead). Their entries (Ntry)
 * have the same structure; the statement has balances besides, which are not payments.
 */
export type CamtMessage = "camt.053" | "camt.054";
export const CAMT_MESSAGES: readonly CamtMessage[] = ["camt.054", "camt.053"];

const NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:";

export function camtNamespace(message: CamtMessage, version: Camt054Version): string {
  return `${NAMESPACE}${message}.${version}`;
}
export function camt054Namespace(version: Camt054Version): string {
  return camtNamespace("camt.054", version);
}

/** The camt message and version named by a namespace URI, or null for anything else. */
export function camtOf(namespace: string): { message: CamtMessage; version: Camt054Version } | null {
  for (const message of CAMT_MESSAGES) {
    const prefix = `${NAMESPACE}${message}.`;
    if (!namespace.startsWith(prefix)) continue;
    const version = namespace.slice(prefix.length);
    return (CAMT054_VERSIONS as readonly string[]).includes(version) ? { message, version: version as Camt054Version } : null;
  }
  return null;
}

/** The camt.054 version named by a namespace URI, or null for anything else. */
export function camt054VersionOf(namespace: string): Camt054Version | null {
  const m = camtOf(namespace);
  return m?.message === "camt.054" ? m.version : null;
}

/** Finds the camt message namespace in the document's first bytes (for sniffing; validation decides). */
export function sniffIso20022Namespace(head: string): string | null {
  const m = /xmlns(?::\w+)?\s*=\s*["'](urn:iso:std:iso:20022:tech:xsd:[a-z]+\.\d{3}\.\d{3}\.\d{2})["']/.exec(head);
  return m === null ? null : m[1]!;
}

const schemaCache = new Map<string, Promise<string>>();

function schema(message: CamtMessage, version: Camt054Version): Promise<string> {
  const name = `${message}.${version}.xsd`;
  let text = schemaCache.get(name);
  if (text === undefined) {
    text = readFile(new URL(`./xsd/${name}`, import.meta.url), "utf8");
    schemaCache.set(name, text);
  }
  return text;
}

/**
 * Checks the document is safe (no DOCTYPE), UTF-8, camt.054 of a version we read, and valid
 * against that version's XSD. Returns the version; throws `BankFileError` otherwise, with
 * xmllint's first message and its line number.
 *
 * xmllint-wasm validates a document held whole in WebAssembly memory: the memory limit is sized
 * from the document (≈ 8 × its size + 64 MiB, at most 4 GiB).
 */
export async function validateCamt054(xml: Uint8Array): Promise<Camt054Version> {
  return (await validateCamt(xml, ["camt.054"])).version;
}

/** As `validateCamt054`, for camt.054 or camt.053 (`accept`): the message and version found. */
export async function validateCamt(xml: Uint8Array, accept: readonly CamtMessage[] = CAMT_MESSAGES): Promise<{ message: CamtMessage; version: Camt054Version }> {
  assertUtf8Bytes(xml);
  const head = Buffer.from(xml.buffer, xml.byteOffset, Math.min(xml.byteLength, 65_536)).toString("utf8");
  assertSafeXmlProlog(head);
  const namespace = sniffIso20022Namespace(head);
  const found = namespace === null ? null : camtOf(namespace);
  if (found === null || !accept.includes(found.message)) {
    const what = namespace === null ? "no ISO 20022 namespace" : `namespace ${namespace}`;
    throw new BankFileError("unrecognised_format", `not a ${accept.join(" or ")} message of version ${CAMT054_VERSIONS.join(", ")}: ${what}`, "line 1");
  }
  const { message, version } = found;
  const pages = Math.min(65_536, Math.max(512, Math.ceil((xml.byteLength * 8 + 64 * 1024 * 1024) / 65_536)));
  const result = await validateXML({
    xml: { fileName: "camt054.xml", contents: xml },
    schema: { fileName: `${message}.${version}.xsd`, contents: await schema(message, version) },
    maxMemoryPages: pages,
  }).catch((e: unknown) => {
    // xmllint exits with "not well-formed" (code 1) rather than "invalid": its stderr says where.
    const stderr = e instanceof Error ? e.message : String(e);
    const m = /camt054\.xml:(\d+): (.*)/.exec(stderr);
    throw new BankFileError("invalid_xml", `not well-formed XML: ${m?.[2]?.trim() ?? stderr.trim()}`, m ? `line ${m[1]}` : "document");
  });
  if (!result.valid) {
    // xmllint also prints the offending source line and a caret as "errors" without a location.
    const located = result.errors.filter((e) => e.loc !== null);
    const first = located[0];
    const more = located.length > 1 ? ` (and ${located.length - 1} more)` : "";
    const message = first?.message ?? (result.rawOutput.trim() || "xmllint reported the document invalid");
    const where = first?.loc ? `line ${first.loc.lineNumber}` : "document";
    if (message.startsWith("parser error")) throw new BankFileError("invalid_xml", `not well-formed XML: ${message}`, where);
    throw new BankFileError("schema_invalid", `not valid against ${found.message}.${version}.xsd: ${message}${more}`, where);
  }
  return { message: found.message, version };
}

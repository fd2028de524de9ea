import { open } from "node:fs/promises";
import { BankFileError } from "./bank-file-error.js";
import type { BankFileFormat } from "./bank-file.js";
import { type Camt054Version, type CamtMessage, camtOf, sniffIso20022Namespace } from "./camt054-schema.js";

export type DetectedFormat = { readonly format: Exclude<BankFileFormat, CamtMessage> } | { readonly format: CamtMessage; readonly version: Camt054Version };

/** How many leading bytes `detectFormat` needs at most (the camt namespace sits on the root element). */
export const SNIFF_BYTES = 65_536;

/**
 * Recognises a bank file from its first bytes: Nets OCR giro starts with the start-transmission
 * record "NY000010" (OCR giro manual §2.2), BgMax with "01BGMAX" (TK01, layout name in pos 3–22),
 * camt.054 is XML whose root is in the namespace urn:iso:std:iso:20022:tech:xsd:camt.054.001.xx.
 * Anything else is a `BankFileError` saying what was found.
 */
export function detectFormat(head: Uint8Array | string): DetectedFormat {
  const text = (typeof head === "string" ? head : Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, SNIFF_BYTES)).toString("latin1")).replace(/^(\uFEFF|\u00EF\u00BB\u00BF)/, "");
  if (text.startsWith("NY000010")) return { format: "nets-ocr-giro" };
  if (text.startsWith("01BGMAX")) return { format: "bgmax" };
  if (text.trimStart().startsWith("<")) {
    const namespace = sniffIso20022Namespace(text);
    if (namespace === null) throw new BankFileError("unrecognised_format", "XML without an ISO 20022 message namespace: not a camt.054 notification or camt.053 statement", "line 1");
    const camt = camtOf(namespace);
    if (camt !== null) return { format: camt.message, version: camt.version };
    const message = namespace.slice("urn:iso:std:iso:20022:tech:xsd:".length);
    const hint = /^camt\.05[34]\./.test(message) ? `this ${message.slice(0, 8)} version is not supported (001.02, 001.04, 001.08)` : "only camt.054 notifications and camt.053 statements carry incoming payments here";
    throw new BankFileError("unrecognised_format", `ISO 20022 message ${message}: ${hint}`, "line 1");
  }
  const shown = JSON.stringify(text.slice(0, 16));
  throw new BankFileError("unrecognised_format", `unrecognised bank file starting ${shown}: expected Nets OCR giro ("NY000010"), BgMax ("01BGMAX") or camt.054 XML`, "line 1");
}

export async function detectFileFormat(path: string): Promise<DetectedFormat> {
  const file = await open(path, "r");
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await file.read(buffer, 0, SNIFF_BYTES, 0);
    return detectFormat(buffer.subarray(0, bytesRead));
  } finally {
    await file.close();
  }
}

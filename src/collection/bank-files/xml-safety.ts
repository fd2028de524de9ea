import { BankFileError } from "./bank-file-error.js";

/**
 * XML safety for bank files: no DTDs at all. A DOCTYPE is the only place where entities can be
 * declared, so refusing it before any parser sees the document rules out entity expansion
 * ("billion laughs") and external entities (file or network fetches, XXE). ISO 20022 messages
 * never carry a DOCTYPE, so nothing legitimate is lost.
 *
 * `head` is the start of the document; the scan walks the prolog (XML declaration, comments,
 * processing instructions, white space) up to the root element and stops there.
 */
export function assertSafeXmlProlog(head: string): void {
  let i = head.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (i < head.length && /\s/.test(head.charAt(i))) i++;
    if (i >= head.length) throw new BankFileError("invalid_xml", "the document has no root element", lineAt(head, i));
    if (head.startsWith("<?", i)) {
      const end = head.indexOf("?>", i);
      if (end === -1) throw new BankFileError("invalid_xml", "unterminated processing instruction in the prolog", lineAt(head, i));
      if (head.startsWith("<?xml ", i)) assertUtf8Declaration(head.slice(i, end), lineAt(head, i));
      i = end + 2;
    } else if (head.startsWith("<!--", i)) {
      const end = head.indexOf("-->", i);
      if (end === -1) throw new BankFileError("invalid_xml", "unterminated comment in the prolog", lineAt(head, i));
      i = end + 3;
    } else if (head.startsWith("<!", i)) {
      throw new BankFileError(
        "unsafe_xml",
        "the document has a DOCTYPE declaration; bank files with DTDs or entity declarations are refused (no entity expansion, no external fetches)",
        lineAt(head, i),
      );
    } else {
      return;
    }
  }
}

/** Rejects UTF-16 input and XML declarations naming an encoding other than UTF-8 (xmllint-wasm reads UTF-8 only). */
export function assertUtf8Bytes(bytes: Uint8Array): void {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if ((b0 === 0xfe && b1 === 0xff) || (b0 === 0xff && b1 === 0xfe) || b0 === 0x00 || b1 === 0x00) {
    throw new BankFileError("unsupported_encoding", "the document is UTF-16; ISO 20022 messages are read as UTF-8", "line 1");
  }
}

function assertUtf8Declaration(declaration: string, where: string): void {
  const m = /encoding\s*=\s*["']([^"']+)["']/.exec(declaration);
  if (m !== null && m[1]!.toUpperCase() !== "UTF-8") {
    throw new BankFileError("unsupported_encoding", `the XML declaration names encoding "${m[1]}"; only UTF-8 is accepted`, where);
  }
}

function lineAt(text: string, index: number): string {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return `line ${line}`;
}

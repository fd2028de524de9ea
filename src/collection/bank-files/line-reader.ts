import { StringDecoder } from "node:string_decoder";
import { BankFileError } from "./bank-file-error.js";
import type { ByteSource } from "./bank-file.js";

export interface SourceLine {
  /** 1-based line number in the file. */
  readonly number: number;
  /** The line without its line ending (LF or CRLF) and without a leading byte-order mark. */
  readonly text: string;
}

/**
 * Splits a byte stream into lines without holding more than one line in memory. Fixed-width bank
 * files have short lines, so a line longer than `maxLength` means the input is not such a file
 * (or has lost its line endings) and is rejected rather than buffered without bound.
 *
 * `latin1` is ISO-8859-1 byte for byte (Node's decoder, not the WHATWG windows-1252 alias).
 */
export async function* readLines(
  source: ByteSource,
  encoding: "utf8" | "latin1",
  maxLength = 1024,
): AsyncGenerator<SourceLine, void, undefined> {
  const decoder = new StringDecoder(encoding);
  let pending = "";
  let number = 0;
  const line = (text: string): SourceLine => {
    number++;
    const noCr = text.endsWith("\r") ? text.slice(0, -1) : text;
    const nul = noCr.indexOf("\u0000");
    // A NUL byte is no part of a text bank file (and no database text holds one): refused whole, saying where.
    if (nul !== -1) throw new BankFileError("binary_content", `a NUL byte (0x00) at column ${nul + 1}: a bank file is text`, `line ${number}`);
    return { number, text: number === 1 && noCr.startsWith("\uFEFF") ? noCr.slice(1) : noCr };
  };
  for await (const chunk of source) {
    pending += typeof chunk === "string" ? chunk : decoder.write(chunk as Buffer);
    let start = 0;
    let nl = pending.indexOf("\n", start);
    while (nl !== -1) {
      yield line(pending.slice(start, nl));
      start = nl + 1;
      nl = pending.indexOf("\n", start);
    }
    pending = pending.slice(start);
    if (pending.length > maxLength) {
      throw new BankFileError("line_too_long", `line is longer than ${maxLength} characters: not a fixed-width bank file`, `line ${number + 1}`);
    }
  }
  pending += decoder.end();
  if (pending.length > 0) yield line(pending);
}

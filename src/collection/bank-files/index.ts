import { BankFileError } from "./bank-file-error.js";
import type { ParsedBankFile } from "./bank-file.js";
import { type BgMaxPayment, type BgMaxSummary, parseBgMaxFile } from "./bgmax.js";
import { type Camt054Options, type Camt054Payment, type Camt054Summary, parseCamt054File } from "./camt054.js";
import { detectFileFormat } from "./detect-format.js";
import { type OcrGiroPayment, type OcrGiroSummary, parseOcrGiroFile } from "./ocr-giro.js";

export { BankFileError, type BankFileErrorCode } from "./bank-file-error.js";
export * from "./bank-file.js";
export * from "./incoming-payment.js";
export * from "./ocr-giro.js";
export * from "./bgmax.js";
export * from "./camt054.js";
export { type Camt054Version, CAMT054_VERSIONS, validateCamt054 } from "./camt054-schema.js";
export * from "./detect-format.js";

export type AnyParsedBankFile =
  | ParsedBankFile<OcrGiroPayment, OcrGiroSummary>
  | ParsedBankFile<BgMaxPayment, BgMaxSummary>
  | ParsedBankFile<Camt054Payment, Camt054Summary>;

/** Detects the format from the file's first bytes and parses it whole (small files, CLI, tests). */
export async function parseBankFile(path: string, options: Camt054Options = {}): Promise<AnyParsedBankFile> {
  const detected = await detectFileFormat(path);
  switch (detected.format) {
    case "nets-ocr-giro":
      return parseOcrGiroFile(path);
    case "bgmax":
      return parseBgMaxFile(path);
    case "camt.054":
    case "camt.053":
      return parseCamt054File(path, options);
    default:
      throw new BankFileError("unrecognised_format", "unknown format", "line 1");
  }
}

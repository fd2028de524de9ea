import { DomainError } from "../../domain/errors.js";

/**
 * Why a whole bank file was rejected. A rejected file yields no payments a caller may apply:
 * control totals that do not reconcile, a structure the specification does not allow, XML that
 * is unsafe or does not validate against its schema, or a format we do not read.
 */
export type BankFileErrorCode =
  | "unrecognised_format"
  | "malformed_structure"
  | "record_count_mismatch"
  | "control_total_mismatch"
  | "missing_trailer"
  | "line_too_long"
  | "binary_content"
  | "unsafe_xml"
  | "invalid_xml"
  | "schema_invalid"
  | "unsupported_encoding"
  | "file_changed"
  | "already_imported";

export class BankFileError extends DomainError {
  declare readonly code: BankFileErrorCode;
  /** Where in the file: `line 44`, or an XPath-like `Ntfctn[1]/Ntry[2]/NtryDtls[1]/Btch`. */
  readonly where: string;

  constructor(code: BankFileErrorCode, message: string, where: string) {
    super(code, message, where);
    this.name = "BankFileError";
    this.where = where;
  }
}

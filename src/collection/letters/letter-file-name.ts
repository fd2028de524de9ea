import { DomainError } from "../../domain/errors.js";
import type { LetterKind } from "./letter-model.js";

const SAFE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * `"<caseNumber>-<kind>-<letterId>.pdf"`, e.g. `2025-000123-payment-demand-L42.pdf`: sortable by
 * case, readable by a case handler, and safe as a file name and an object-storage key (no path
 * separators or spaces, so a crafted id cannot escape a folder).
 */
export function letterFileName(letter: { readonly caseNumber: string; readonly kind: LetterKind; readonly letterId: string }): string {
  safe(letter.caseNumber, "caseNumber");
  safe(letter.letterId, "letterId");
  return `${letter.caseNumber}-${letter.kind}-${letter.letterId}.pdf`;
}

function safe(value: string, field: string): void {
  if (!SAFE.test(value) || value.includes("..")) {
    throw new DomainError("unsafe_file_name", `"${value}" may hold only letters A–Z, digits, ".", "_" and "-"`, field);
  }
}

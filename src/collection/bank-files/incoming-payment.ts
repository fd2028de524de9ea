import type { Money } from "../../domain/money.js";
import type { LocalDate } from "../../domain/calendar/local-date.js";
import { checkFiReference, checkKid, checkOcr } from "../../domain/identifiers/index.js";

/**
 * One incoming payment read from a bank file, the same shape for every format (docs/CASES.md, "Money on a case":
 * bank files → matched by KID → allocated). Parsing only: nothing here is matched or stored.
 *
 * `amount` is negative for money going back (an OCR giro reversal, a BgMax deduction).
 */
export interface IncomingPayment {
  /** Stable id within the file: `line 12`, or `Ntfctn[1]/Ntry[3]/NtryDtls[1]/TxDtls[2]`. */
  readonly lineRef: string;
  readonly reference: PaymentReference;
  readonly amount: Money;
  readonly bookedOn: LocalDate;
  readonly valueOn?: LocalDate;
  readonly payer?: Payer;
  /** The bank's own id for the transaction: Nets archive reference, camt AcctSvcrRef, BgMax löpnummer. */
  readonly bankReference?: string;
  /** The account credited, as the file writes it (an assignment account, IBAN, bankgiro number). */
  readonly creditorAccount?: string;
  /** Further references on the same payment (BgMax 22/23 records, a second SCOR reference). */
  readonly extraReferences?: readonly PaymentReference[];
  /** Free text sent with the payment (terminal message, unstructured remittance, BgMax 25 records). */
  readonly message?: string;
  /** The record(s) it came from, for diagnosis. */
  readonly raw: string;
}

export interface Payer {
  readonly name?: string;
  readonly account?: string;
}

export type ReferenceKind = "kid" | "ocr" | "fi-ref" | "free-text" | "none";

/**
 * The payment reference as written, with the result of its check digit. `valid` is null where
 * there is nothing to check (free text, no reference). A reference that fails its check is still
 * a payment: the money arrived (`valid: false` with `reason`).
 */
export interface PaymentReference {
  readonly kind: ReferenceKind;
  readonly value: string;
  readonly valid: boolean | null;
  readonly reason?: string;
}

export type StructuredReferenceKind = "kid" | "ocr" | "fi-ref";

export const NO_REFERENCE: PaymentReference = Object.freeze({ kind: "none", value: "", valid: null });

export function freeTextReference(value: string): PaymentReference {
  return value === "" ? NO_REFERENCE : { kind: "free-text", value, valid: null };
}

/** A structured reference checked by the rule of its kind (KID: MOD10 or MOD11; OCR: Luhn). */
export function structuredReference(kind: StructuredReferenceKind, value: string): PaymentReference {
  const check =
    kind === "kid" ? checkKid(value) : kind === "ocr" ? checkOcr(value, { control: "hard" }) : checkFiReference(value);
  return check.valid || check.reason === undefined
    ? { kind, value, valid: check.valid }
    : { kind, value, valid: false, reason: check.reason };
}

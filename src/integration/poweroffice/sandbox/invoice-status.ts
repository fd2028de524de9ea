import { DebtCollectionStatus as S, type DebtCollectionStatusValue } from "./enums.js";

/**
 * The invoice's debt-collection lifecycle as PowerOffice Go models it (type_debtcollectionstatus.md,
 * poweroffice.md §3): the user sends an overdue invoice to debt collection (Draft), may put it on
 * hold, approves it (Approved: "not yet retrieved by debt collection agency"); the agency takes it
 * by creating a case (Exported) or rejects the case (Rejected). [infer] A rejected invoice may be
 * sent again; an on-hold invoice returns to Draft before it is approved.
 */
export type InvoiceEvent = "send" | "hold" | "release" | "approve" | "export" | "reject";

export const INVOICE_TRANSITIONS: Readonly<Record<DebtCollectionStatusValue, Partial<Record<InvoiceEvent, DebtCollectionStatusValue>>>> = {
  [S.None]: { send: S.Draft },
  [S.Draft]: { hold: S.OnHold, approve: S.Approved },
  [S.OnHold]: { release: S.Draft },
  [S.Approved]: { export: S.Exported },
  [S.Exported]: { reject: S.Rejected },
  [S.Rejected]: { send: S.Draft },
};

/** The next status, or undefined when the event is not allowed in `status`. */
export function nextInvoiceStatus(status: DebtCollectionStatusValue, event: InvoiceEvent): DebtCollectionStatusValue | undefined {
  return INVOICE_TRANSITIONS[status][event];
}

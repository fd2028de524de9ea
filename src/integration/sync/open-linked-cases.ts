import type { CreditorContext } from "../../collection/cases/creditor.js";
import { openCases, type ClaimToOpen, type OpenedCase } from "../../collection/cases/open-cases.js";
import type { LocalDate } from "../../domain/calendar/local-date.js";
import type { Queryable } from "../../platform/db/database.js";
import { linkCasesToInvoices, type InvoiceLink } from "./case-links.js";

/**
 * The one way a ledger invoice becomes a case, for the sync and for an approved draft alike:
 * `openCases` (case number, KID, the `opened` timeline row and the `case-opened` outbox row that
 * registers it in the ledger), the `ledger-invoice-linked` timeline row naming the integration,
 * the invoice and the matched items already netted into the principal, and the claim marked
 * `transferred` — all in the caller's transaction, through the case store, in a constant number of
 * statements however many claims there are. A claim that has a case already opens nothing.
 */
export type LinkedClaim = ClaimToOpen & Omit<InvoiceLink, "caseId">;

export async function openLinkedCases(tx: Queryable, creditor: CreditorContext, claims: readonly LinkedClaim[], today: LocalDate, actor: string): Promise<OpenedCase[]> {
  if (claims.length === 0) return [];
  const opened = await openCases(tx, creditor, claims, today, actor);
  const byClaim = new Map(claims.map((c) => [c.claimId, c]));
  await linkCasesToInvoices(
    tx,
    { creditorId: creditor.id, on: today.toString(), actor },
    opened.map((o) => {
      const c = byClaim.get(o.claimId)!;
      return { caseId: o.caseId, integrationId: c.integrationId, kind: c.kind, invoiceId: c.invoiceId, invoiceNumber: c.invoiceNumber, preTransferItemIds: c.preTransferItemIds };
    }),
  );
  await tx.query("update claims set transfer_state = 'transferred' where id = any($1::uuid[]) and transfer_state is distinct from 'transferred'", [claims.map((c) => c.claimId)]);
  return opened;
}

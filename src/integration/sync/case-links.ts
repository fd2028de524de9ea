import { appendTimeline } from "../../collection/cases/case-store.js";
import type { Queryable } from "../../platform/db/database.js";

/**
 * Which ledger a case came from, and its id there, kept on the case's timeline (one row each, in
 * the same transaction as the change they record):
 * - `ledger-invoice-linked` when the case is opened from a ledger invoice: the integration, the
 *   invoice's ledger id, and the matched items already netted into the principal at opening
 *   (they must not be recorded again as payments);
 * - `ledger-case-registered` when the ledger has accepted our case number: the ledger's case id.
 * The creditor sees both ("taken from PowerOffice invoice 1001", "registered in PowerOffice").
 */
export interface CaseLink {
  readonly caseId: string;
  readonly creditorId: string;
  readonly caseNumber: string;
  /** The currency the case's amounts are kept in. */
  readonly currency: string;
  readonly integrationId: string;
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly preTransferItemIds: readonly string[];
  /** Null until the ledger has the case. */
  readonly ledgerCaseId: string | null;
}

export interface InvoiceLink {
  readonly caseId: string;
  readonly integrationId: string;
  readonly kind: string;
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly preTransferItemIds: readonly string[];
}

/** `ledger-invoice-linked` rows for newly opened cases, through the case store in one statement (a repeat writes nothing). */
export async function linkCasesToInvoices(tx: Queryable, o: { creditorId: string; on: string; actor: string }, links: readonly InvoiceLink[]): Promise<void> {
  await appendTimeline(
    tx,
    links.map((l) => ({
      creditorId: o.creditorId, caseId: l.caseId, on: o.on, actor: o.actor, type: "ledger-invoice-linked", stage: null, reason: null, dedupeKey: "ledger-invoice-linked",
      data: { integrationId: l.integrationId, kind: l.kind, invoiceId: l.invoiceId, invoiceNumber: l.invoiceNumber, preTransferItemIds: l.preTransferItemIds },
    })),
  );
}

/** `ledger-case-registered` rows once the ledger has accepted our case numbers: the ledger's case ids. */
export async function recordLedgerCases(tx: Queryable, o: { creditorId: string; on: string; actor: string }, cases: readonly { caseId: string; integrationId: string; ledgerCaseId: string; caseNumber: string }[]): Promise<void> {
  await appendTimeline(
    tx,
    cases.map((c) => ({
      creditorId: o.creditorId, caseId: c.caseId, on: o.on, actor: o.actor, type: "ledger-case-registered", stage: null, reason: null, dedupeKey: "ledger-case-registered",
      data: { integrationId: c.integrationId, ledgerCaseId: c.ledgerCaseId, code: c.caseNumber },
    })),
  );
}

const LINK_COLUMNS = "k.id as case_id, k.creditor_id, k.case_number, k.currency, l.data as link, r.data as registered";
const LINK_JOINS = `
    join case_events l on l.case_id = k.id and l.type = 'ledger-invoice-linked'
    left join case_events r on r.case_id = k.id and r.type = 'ledger-case-registered'`;

type LinkRow = {
  case_id: string;
  creditor_id: string;
  case_number: string;
  currency: string;
  link: { integrationId: string; invoiceId: string; invoiceNumber: string; preTransferItemIds?: string[] };
  registered: { ledgerCaseId: string } | null;
};

export async function caseLinks(db: Queryable, caseIds: readonly string[]): Promise<Map<string, CaseLink>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db.query<LinkRow>(`select ${LINK_COLUMNS} from cases k ${LINK_JOINS} where k.id = any($1::uuid[])`, [caseIds]);
  return new Map(rows.map((r) => [r.case_id, fromRow(r)]));
}

/** The linked cases of an integration whose claims carry one of these KIDs (the ledger invoice's KID). */
export async function caseLinksByKid(db: Queryable, creditorId: string, integrationId: string, kids: readonly string[]): Promise<Map<string, CaseLink>> {
  if (kids.length === 0) return new Map();
  const rows = await db.query<LinkRow & { kid: string }>(
    `select cl.kid, ${LINK_COLUMNS} from cases k join claims cl on cl.id = k.claim_id ${LINK_JOINS}
      where k.creditor_id = $1 and cl.kid = any($3::text[]) and l.data->>'integrationId' = $2`,
    [creditorId, integrationId, kids],
  );
  return new Map(rows.map((r) => [r.kid, fromRow(r)]));
}

function fromRow(r: LinkRow): CaseLink {
  return {
    caseId: r.case_id,
    creditorId: r.creditor_id,
    caseNumber: r.case_number,
    currency: r.currency,
    integrationId: r.link.integrationId,
    invoiceId: r.link.invoiceId,
    invoiceNumber: r.link.invoiceNumber,
    preTransferItemIds: r.link.preTransferItemIds ?? [],
    ledgerCaseId: r.registered?.ledgerCaseId ?? null,
  };
}

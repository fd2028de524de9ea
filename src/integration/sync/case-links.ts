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
  readonly integrationId: string;
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly preTransferItemIds: readonly string[];
  /** Null until the ledger has the case. */
  readonly ledgerCaseId: string | null;
}

export async function linkCaseToInvoice(
  tx: Queryable,
  link: { creditorId: string; caseId: string; integrationId: string; kind: string; invoiceId: string; invoiceNumber: string; preTransferItemIds: readonly string[]; on: string; actor: string },
): Promise<void> {
  await tx.query(
    `insert into case_events (creditor_id, case_id, "on", actor, type, stage, data, dedupe_key)
     values ($1, $2, $3, $4, 'ledger-invoice-linked', (select stage from cases where id = $2), $5, 'ledger-invoice-linked')
     on conflict (case_id, dedupe_key) do nothing`,
    [link.creditorId, link.caseId, link.on, link.actor,
      JSON.stringify({ integrationId: link.integrationId, kind: link.kind, invoiceId: link.invoiceId, invoiceNumber: link.invoiceNumber, preTransferItemIds: link.preTransferItemIds })],
  );
}

export async function recordLedgerCase(tx: Queryable, c: { creditorId: string; caseId: string; integrationId: string; ledgerCaseId: string; caseNumber: string; on: string; actor: string }): Promise<void> {
  await tx.query(
    `insert into case_events (creditor_id, case_id, "on", actor, type, stage, data, dedupe_key)
     values ($1, $2, $3, $4, 'ledger-case-registered', (select stage from cases where id = $2), $5, 'ledger-case-registered')
     on conflict (case_id, dedupe_key) do nothing`,
    [c.creditorId, c.caseId, c.on, c.actor, JSON.stringify({ integrationId: c.integrationId, ledgerCaseId: c.ledgerCaseId, code: c.caseNumber })],
  );
}

const LINK_COLUMNS = "k.id as case_id, k.creditor_id, k.case_number, l.data as link, r.data as registered";
const LINK_JOINS = `
    join case_events l on l.case_id = k.id and l.type = 'ledger-invoice-linked'
    left join case_events r on r.case_id = k.id and r.type = 'ledger-case-registered'`;

type LinkRow = {
  case_id: string;
  creditor_id: string;
  case_number: string;
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
    integrationId: r.link.integrationId,
    invoiceId: r.link.invoiceId,
    invoiceNumber: r.link.invoiceNumber,
    preTransferItemIds: r.link.preTransferItemIds ?? [],
    ledgerCaseId: r.registered?.ledgerCaseId ?? null,
  };
}

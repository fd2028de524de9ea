import { DomainError } from "../domain/errors.js";
import type { Queryable } from "../platform/db/database.js";

export { casePaymentPlans, type PlanView } from "../collection/payment-plans/payment-plans.js";
export { caseLegalProceedings } from "../collection/legal/legal-steps.js";

/** The case's id by its number, for the CLI (`fordring plan … 2025-000123`); an unknown number is bad input. */
export async function caseIdByNumber(db: Queryable, caseNumber: string): Promise<string> {
  const [row] = await db.query<{ id: string }>("select id from cases where case_number = $1", [caseNumber]);
  if (!row) throw new DomainError("not_found", `no case ${caseNumber}`, "caseNumber");
  return row.id;
}

/** The documents kept with a case (plan letters, filings, loss confirmations, claim notices), without their content. */
export async function caseDocumentList(db: Queryable, caseId: string): Promise<{ documentId: string; kind: string; source: string; createdAt: string }[]> {
  const rows = await db.query<{ id: string; kind: string; source: string; created_at: Date | string }>("select id, kind, source, created_at from case_documents where case_id = $1 order by created_at, kind", [caseId]);
  return rows.map((r) => ({ documentId: r.id, kind: r.kind, source: r.source, createdAt: new Date(r.created_at).toISOString() }));
}

/** One document's PDF and data. */
export async function caseDocument(db: Queryable, caseId: string, documentId: string): Promise<{ kind: string; content: Buffer; data: unknown } | null> {
  const [row] = await db.query<{ kind: string; content: Uint8Array; data: unknown }>("select kind, content, data from case_documents where case_id = $1 and id::text = $2", [caseId, documentId]);
  return row ? { kind: row.kind, content: Buffer.from(row.content), data: row.data } : null;
}

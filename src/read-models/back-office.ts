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

/** Every lookup about the case's debtor — credit checks and company-register checks — with its purpose, who asked and the outcome, newest first. */
export async function caseDebtorChecks(db: Queryable, caseId: string) {
  return db.query<{ checkId: number; source: string; subject: string; purpose: string; actor: string; checkedOn: string; outcome: string; score: number | null; riskClass: string | null; paymentRemarks: number | null }>(
    `select id::int as "checkId", source, subject, purpose, actor, checked_on::text as "checkedOn", outcome,
            (data->>'score')::int as score, data->>'riskClass' as "riskClass", case when data ? 'paymentRemarks' then jsonb_array_length(data->'paymentRemarks') end as "paymentRemarks"
       from debtor_checks where case_id::text = $1 order by id desc`,
    [caseId],
  );
}

/** The case's payment remark, if any: when it was registered and why, and where its report or deletion stands at the bureau. */
export async function casePaymentRemarks(db: Queryable, caseId: string) {
  return db.query<{ remarkId: string; registeredOn: string; basis: string; amountMinor: number; currency: string; status: string; reportedAt: string | null; deleteReason: string | null; deletedAt: string | null; attempts: number; lastError: string | null }>(
    `select id as "remarkId", registered_on::text as "registeredOn", basis, amount_minor::bigint::float8 as "amountMinor", currency, status,
            reported_at::text as "reportedAt", delete_reason as "deleteReason", deleted_at::text as "deletedAt", attempts, last_error as "lastError"
       from payment_remarks where case_id::text = $1`,
    [caseId],
  );
}

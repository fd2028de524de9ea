import type { Queryable } from "../platform/db/database.js";

/** The audit log: who did what, when, from where — one row per write, login and refusal. */
export interface AuditEntry {
  actorKind: "user" | "api-client" | "system" | "anonymous";
  actorId: string | null;
  actorLabel: string | null;
  firmId: string | null;
  creditorId: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  outcome: "ok" | "denied" | "failed";
  details?: Record<string, unknown>;
}

export async function writeAudit(db: Queryable, e: AuditEntry): Promise<void> {
  await db.query(
    `insert into audit_log (actor_kind, actor_id, actor_label, firm_id, creditor_id, action, target, ip, outcome, details)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [e.actorKind, e.actorId, e.actorLabel, e.firmId, e.creditorId, e.action, e.target, e.ip, e.outcome, JSON.stringify(e.details ?? {})],
  );
}

export interface AuditRow extends Required<AuditEntry> {
  id: number;
  at: string;
}

/** Newest first; `before` is the cursor (an id). Scope: a firm (its own rows and its clients'), a creditor, or everything (null, null). */
export async function listAudit(db: Queryable, q: { firmId: string | null; creditorIds: readonly string[] | null; before: number | null; limit: number }): Promise<AuditRow[]> {
  const rows = await db.query<{ id: number; at: Date | string; actor_kind: AuditEntry["actorKind"]; actor_id: string | null; actor_label: string | null; firm_id: string | null; creditor_id: string | null; action: string; target: string | null; ip: string | null; outcome: AuditEntry["outcome"]; details: Record<string, unknown> }>(
    `select * from audit_log
      where ($1::bigint is null or id < $1)
        and ($2::uuid is null and $3::uuid[] is null or firm_id = $2 or creditor_id = any($3::uuid[]))
      order by id desc limit $4`,
    [q.before, q.firmId, q.creditorIds, q.limit],
  );
  return rows.map((r) => ({ id: r.id, at: new Date(r.at).toISOString(), actorKind: r.actor_kind, actorId: r.actor_id, actorLabel: r.actor_label, firmId: r.firm_id, creditorId: r.creditor_id, action: r.action, target: r.target, ip: r.ip, outcome: r.outcome, details: r.details }));
}

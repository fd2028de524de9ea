import type { Queryable } from "../platform/db/database.js";

/**
 * The store behind `Idempotency-Key` (docs/API.md, "Idempotency"): a caller's key is claimed for
 * one request (its route and a hash of it); the answer is kept and replayed when the same request
 * comes again with the same key. The same key with another request is refused, and a key whose
 * first request is still being answered is busy. A claim left unanswered for `STALE_MINUTES`
 * (a process that died mid-request) may be taken over.
 */
export type Claim =
  | { state: "new" }
  | { state: "replay"; status: number; body: string; contentType: string | null }
  | { state: "mismatch"; route: string }
  | { state: "busy" };

export const STALE_MINUTES = 5;

export async function claimIdempotencyKey(db: Queryable, input: { principal: string; key: string; route: string; requestHash: string }): Promise<Claim> {
  const inserted = await db.query<{ key: string }>(
    `insert into idempotency_keys (principal, key, route, request_hash) values ($1, $2, $3, $4)
     on conflict (principal, key) do update set created_at = now(), route = excluded.route, request_hash = excluded.request_hash
       where idempotency_keys.status is null and idempotency_keys.created_at < now() - make_interval(mins => ${STALE_MINUTES})
     returning key`,
    [input.principal, input.key, input.route, input.requestHash],
  );
  if (inserted.length > 0) return { state: "new" };
  const [row] = await db.query<{ route: string; request_hash: string; status: number | null; body: string | null; content_type: string | null }>(
    "select route, request_hash, status, body, content_type from idempotency_keys where principal = $1 and key = $2",
    [input.principal, input.key],
  );
  if (!row) return claimIdempotencyKey(db, input);
  if (row.route !== input.route || row.request_hash !== input.requestHash) return { state: "mismatch", route: row.route };
  if (row.status === null) return { state: "busy" };
  return { state: "replay", status: row.status, body: row.body ?? "", contentType: row.content_type };
}

/** Keeps the answer to a claimed key. */
export async function keepIdempotentAnswer(db: Queryable, input: { principal: string; key: string; status: number; body: string; contentType: string | null }): Promise<void> {
  await db.query("update idempotency_keys set status = $3, body = $4, content_type = $5 where principal = $1 and key = $2 and status is null", [input.principal, input.key, input.status, input.body, input.contentType]);
}

/** Lets a claimed key go (the request failed on our side: it may be sent again). */
export async function releaseIdempotencyKey(db: Queryable, input: { principal: string; key: string }): Promise<void> {
  await db.query("delete from idempotency_keys where principal = $1 and key = $2 and status is null", [input.principal, input.key]);
}

import { createHash, randomBytes } from "node:crypto";
import type { Queryable } from "../platform/db/database.js";
import { queryPrepared } from "../platform/db/prepared-query.js";
import type { Grant, Role } from "./roles.js";

/**
 * Portal sessions. The cookie carries 32 random bytes; the table keeps only their SHA-256, so a
 * copy of the database opens no session. A login always makes a new session (no fixation); a
 * session ends after 8 idle hours or 7 days, whichever comes first.
 */
export const SESSION_COOKIE = "fordring_session";
export const IDLE_MS = 8 * 3600_000;
export const ABSOLUTE_MS = 7 * 24 * 3600_000;

export const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export interface NewSession {
  token: string;
  csrfToken: string;
}

export async function createSession(db: Queryable, input: { userId: string; ip: string | null; userAgent: string | null; now: Date }): Promise<NewSession> {
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  await db.query(
    `insert into sessions (token_hash, user_id, csrf_token, ip, user_agent, created_at, last_seen_at, expires_at)
     values ($1, $2, $3, $4, $5, $6, $6, $7)`,
    [sha256(token), input.userId, csrfToken, input.ip, input.userAgent?.slice(0, 300) ?? null, input.now, new Date(input.now.getTime() + ABSOLUTE_MS)],
  );
  return { token, csrfToken };
}

export interface SessionRow {
  user_id: string;
  csrf_token: string;
  email: string;
  name: string;
  locale: string;
  /** The user's roles, read in the same query (a session costs one round trip). */
  grants: Grant[];
}

/** The live session for a cookie token, touched; null when unknown, expired, idle too long or the user is disabled. */
export async function loadSession(db: Queryable, token: string, now: Date): Promise<SessionRow | null> {
  const hash = sha256(token);
  const rows = await queryPrepared<Omit<SessionRow, "grants"> & { last_seen_at: Date | string; grants: { role: Role; firm_id: string | null; creditor_id: string | null }[] | null }>(
    db,
    `select s.user_id, s.csrf_token, s.last_seen_at, u.email, u.name, u.locale,
            (select json_agg(json_build_object('role', m.role, 'firm_id', m.firm_id, 'creditor_id', m.creditor_id) order by m.created_at, m.id)
               from memberships m where m.user_id = s.user_id) as grants
       from sessions s join users u on u.id = s.user_id
      where s.token_hash = $1 and not u.disabled and s.expires_at > $2 and s.last_seen_at > $3`,
    [hash, now, new Date(now.getTime() - IDLE_MS)],
  );
  const row = rows[0];
  if (!row) return null;
  // The idle clock is kept to the minute: one write a minute per session, not one per request.
  if (new Date(row.last_seen_at).getTime() < now.getTime() - 60_000) await db.query("update sessions set last_seen_at = $2 where token_hash = $1", [hash, now]);
  const grants = (row.grants ?? []).map((g) => ({ role: g.role, firmId: g.firm_id, creditorId: g.creditor_id }));
  return { user_id: row.user_id, csrf_token: row.csrf_token, email: row.email, name: row.name, locale: row.locale, grants };
}

export async function deleteSession(db: Queryable, token: string): Promise<void> {
  await db.query("delete from sessions where token_hash = $1", [sha256(token)]);
}

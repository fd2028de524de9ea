import { randomBytes } from "node:crypto";
import type { Queryable } from "../platform/db/database.js";
import { sha256 } from "./sessions.js";

/**
 * One-time links for people (table `account_tokens`): 32 random bytes in the link, only their
 * SHA-256 in the database (a copy of the database opens nothing). A token is used at most once:
 * `useToken` marks it in the same statement that finds it, so two clicks race to one winner.
 */
export type AccountTokenKind = "invitation" | "password-reset" | "registration";

/** How long each link works. */
export const TOKEN_LIFETIME_MS: Readonly<Record<AccountTokenKind, number>> = {
  invitation: 7 * 24 * 3600_000,
  "password-reset": 60 * 60_000,
  registration: 2 * 24 * 3600_000,
};

export async function issueToken(db: Queryable, t: { kind: AccountTokenKind; email: string; userId?: string | null; payload?: unknown; now: Date }): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.query(
    `insert into account_tokens (token_hash, kind, user_id, email, payload, expires_at, created_at) values ($1, $2, $3, $4, $5, $6, $7)`,
    [sha256(token), t.kind, t.userId ?? null, t.email, t.payload === undefined ? null : JSON.stringify(t.payload), new Date(t.now.getTime() + TOKEN_LIFETIME_MS[t.kind]), t.now],
  );
  return token;
}

export interface UsedToken {
  id: string;
  userId: string | null;
  email: string;
  payload: unknown;
}

/** Why a token did not work: unknown (or of another kind), used already, or expired. */
export type TokenProblem = "unknown" | "used" | "expired";

/** Uses a token of this kind: the token, or why it does not work. Call it inside the transaction that acts on it. */
export async function useToken(db: Queryable, kind: AccountTokenKind, token: string, now: Date): Promise<UsedToken | TokenProblem> {
  const hash = sha256(token);
  const [row] = await db.query<{ id: string; user_id: string | null; email: string; payload: unknown }>(
    "update account_tokens set used_at = $3 where token_hash = $1 and kind = $2 and used_at is null and expires_at > $3 returning id, user_id, email, payload",
    [hash, kind, now],
  );
  if (row) return { id: row.id, userId: row.user_id, email: row.email, payload: row.payload };
  const [seen] = await db.query<{ used_at: Date | null }>("select used_at from account_tokens where token_hash = $1 and kind = $2", [hash, kind]);
  if (!seen) return "unknown";
  return seen.used_at ? "used" : "expired";
}

/** Ends every unused link of a kind for a user (a new password ends the other reset links). */
export async function retireTokens(db: Queryable, userId: string, kind: AccountTokenKind, now: Date): Promise<void> {
  await db.query("update account_tokens set used_at = $3 where user_id = $1 and kind = $2 and used_at is null", [userId, kind, now]);
}

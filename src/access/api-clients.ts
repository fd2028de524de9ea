import { randomBytes, timingSafeEqual } from "node:crypto";
import { DomainError } from "../domain/errors.js";
import type { Queryable } from "../platform/db/database.js";
import { ApiKeyCache, type AuthenticatedClient } from "./api-key-cache.js";
import { queryPrepared } from "../platform/db/prepared-query.js";
import { ROLE_LEVEL, isRole, type Role } from "./roles.js";
import { sha256 } from "./sessions.js";

export type { AuthenticatedClient } from "./api-key-cache.js";

/**
 * API client keys: `fdr_<prefix>_<secret>`. The prefix (public, 12 characters) finds the row; the
 * SHA-256 of the whole key proves it (the key is 32 random bytes, so a slow hash adds nothing).
 * The key is returned once, at creation and at regeneration ("restore the client key").
 * Verified keys are remembered for `KEY_CACHE_SECONDS` (api-key-cache.ts, docs/API.md).
 */
export interface ApiClientView {
  id: string;
  name: string;
  role: Role;
  firmId: string | null;
  creditorId: string | null;
  keyPrefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const newKey = () => {
  const prefix = randomBytes(9).toString("base64url");
  return { prefix, key: `fdr_${prefix}_${randomBytes(32).toString("base64url")}` };
};

export async function createApiClient(
  db: Queryable,
  input: { name: string; role: Role; firmId?: string | null; creditorId?: string | null; createdBy: string },
): Promise<{ client: ApiClientView; key: string }> {
  if (!isRole(input.role)) throw new DomainError("invalid_input", `unknown role "${String(input.role)}"`, "role");
  const level = ROLE_LEVEL[input.role];
  if (level === "firm" && !input.firmId) throw new DomainError("invalid_input", `the role ${input.role} needs a firm`, "role");
  if (level === "creditor" && !input.creditorId) throw new DomainError("invalid_input", `the role ${input.role} needs a creditor`, "role");
  const { prefix, key } = newKey();
  const rows = await db.query<Row>(
    `insert into api_clients (name, role, firm_id, creditor_id, key_prefix, key_hash, created_by)
     values ($1, $2, $3, $4, $5, $6, $7) returning ${COLUMNS}`,
    [input.name, input.role, level === "firm" ? input.firmId : null, level === "creditor" ? input.creditorId : null, prefix, sha256(key), input.createdBy],
  );
  return { client: view(rows[0]!), key };
}

/**
 * A new key for the client; the old one stops working at once in this process (and within
 * `KEY_CACHE_SECONDS` in others). Call it outside a transaction: the cache is told when the
 * statement returns, which must be when the change is committed.
 */
/**
 * A new key for a client in use; the old one stops working. A revoked client stays revoked (a
 * new key would revive access someone ended): that is a conflict — create a new client.
 */
export async function regenerateApiClientKey(db: Queryable, id: string): Promise<{ client: ApiClientView; key: string } | null> {
  const { prefix, key } = newKey();
  const rows = await db.query<Row>(
    `update api_clients set key_prefix = $2, key_hash = $3 where id = $1 and revoked_at is null returning ${COLUMNS}`,
    [id, prefix, sha256(key)],
  );
  keyCache.forgetClient(id);
  if (rows[0]) return { client: view(rows[0]), key };
  const [revoked] = await db.query("select 1 from api_clients where id = $1 and revoked_at is not null", [id]);
  if (revoked) throw new DomainError("conflict", `API client ${id} is revoked: a revoked client gets no new key; create a new client`, "clientId");
  return null;
}

/** Like regenerating: at once here, within `KEY_CACHE_SECONDS` elsewhere; outside a transaction. */
export async function revokeApiClient(db: Queryable, id: string, now: Date): Promise<boolean> {
  const rows = await db.query("update api_clients set revoked_at = coalesce(revoked_at, $2) where id = $1 returning id", [id, now]);
  keyCache.forgetClient(id);
  return rows.length > 0;
}

export async function listApiClients(db: Queryable, filter: { creditorId?: string; firmId?: string }): Promise<ApiClientView[]> {
  const rows = await db.query<Row>(
    `select ${COLUMNS} from api_clients where ($1::uuid is null or creditor_id = $1) and ($2::uuid is null or firm_id = $2) order by created_at, id`,
    [filter.creditorId ?? null, filter.firmId ?? null],
  );
  return rows.map(view);
}

/** How long another server process may go on accepting a revoked or regenerated key (docs/API.md). */
export const KEY_CACHE_SECONDS = 10;
const keyCache = new ApiKeyCache(KEY_CACHE_SECONDS * 1000, 10_000);
const LAST_USED_EVERY_MS = 60_000;

export async function authenticateApiKey(db: Queryable, key: string, now: Date): Promise<AuthenticatedClient | null> {
  const m = /^fdr_([A-Za-z0-9_-]{12})_[A-Za-z0-9_-]{43}$/.exec(key);
  if (!m) return null;
  const hash = sha256(key);
  const known = keyCache.lookup(hash);
  if (known) {
    if (known.lastUsedAt === null || known.lastUsedAt < now.getTime() - LAST_USED_EVERY_MS) {
      await db.query("update api_clients set last_used_at = $2 where id = $1", [known.client.id, now]);
      keyCache.touched(hash, now.getTime());
    }
    return known.client;
  }
  const generation = keyCache.generation();
  const rows = await queryPrepared<Row & { key_hash: string }>(db, `select ${COLUMNS}, key_hash from api_clients where key_prefix = $1 and revoked_at is null`, [m[1]]);
  const row = rows[0];
  if (!row) return null;
  const a = Buffer.from(row.key_hash, "hex");
  const b = Buffer.from(hash, "hex");
  if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
  // At most one write a minute per client for "last used" (no write at all on most requests).
  let lastUsedAt = row.last_used_at === null ? null : new Date(row.last_used_at).getTime();
  if (lastUsedAt === null || lastUsedAt < now.getTime() - LAST_USED_EVERY_MS) {
    await db.query("update api_clients set last_used_at = $2 where id = $1", [row.id, now]);
    lastUsedAt = now.getTime();
  }
  const client: AuthenticatedClient = { id: row.id, name: row.name, role: row.role, firmId: row.firm_id, creditorId: row.creditor_id };
  keyCache.remember(hash, client, lastUsedAt, generation);
  return client;
}

const COLUMNS = "id, name, role, firm_id, creditor_id, key_prefix, created_at, last_used_at, revoked_at";
interface Row {
  id: string;
  name: string;
  role: Role;
  firm_id: string | null;
  creditor_id: string | null;
  key_prefix: string;
  created_at: Date | string;
  last_used_at: Date | string | null;
  revoked_at: Date | string | null;
}
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
function view(r: Row): ApiClientView {
  return { id: r.id, name: r.name, role: r.role, firmId: r.firm_id, creditorId: r.creditor_id, keyPrefix: r.key_prefix, createdAt: iso(r.created_at)!, lastUsedAt: iso(r.last_used_at), revokedAt: iso(r.revoked_at) };
}

import type pg from "pg";
import type { Database } from "../../platform/db/database.js";

/**
 * Who is running an integration's sync. A `running` row alone cannot tell a live run from one
 * whose process was killed (SIGKILL, out of memory, a deploy): left alone, it would keep the
 * integration from syncing again. So a run also holds a lease that goes away with its holder:
 * - on a PostgreSQL server, a session advisory lock on a connection of its own — the server drops
 *   it when that connection dies with the process;
 * - embedded (PGlite), the data directory's lock file keeps every other process out, so only runs
 *   of this process can be alive; they are tracked here.
 * Whoever takes the lease knows that any `running` row of the integration is a leftover.
 */
export interface RunLease {
  release(): Promise<void>;
}

const heldInProcess = new WeakMap<Database, Set<string>>();

/** The lease of one integration's sync, or null when a live run holds it. */
export async function takeRunLease(database: Database, integrationId: string): Promise<RunLease | null> {
  if (database.kind === "postgres" && database.pool) return takeAdvisoryLock(database.pool, integrationId);
  let held = heldInProcess.get(database);
  if (!held) heldInProcess.set(database, (held = new Set()));
  if (held.has(integrationId)) return null;
  held.add(integrationId);
  const set = held;
  return {
    release: async () => {
      set.delete(integrationId);
    },
  };
}

async function takeAdvisoryLock(pool: pg.Pool, integrationId: string): Promise<RunLease | null> {
  const client = await pool.connect();
  // A connection lost while the lease is held must not crash the process; the lock went with it.
  const ignore = () => undefined;
  client.on("error", ignore);
  const key = `fordring:ledger-sync:${integrationId}`;
  let broken = false;
  try {
    const [row] = (await client.query<{ ok: boolean }>("select pg_try_advisory_lock(hashtextextended($1, 0)) as ok", [key])).rows;
    if (!row?.ok) {
      client.off("error", ignore);
      client.release();
      return null;
    }
  } catch (e) {
    client.release(true);
    throw e;
  }
  return {
    release: async () => {
      try {
        await client.query("select pg_advisory_unlock(hashtextextended($1, 0))", [key]);
      } catch {
        broken = true;
      } finally {
        client.off("error", ignore);
        client.release(broken);
      }
    },
  };
}
